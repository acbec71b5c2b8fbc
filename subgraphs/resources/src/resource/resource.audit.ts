import { Principal, uuidv7 } from '@practice/common';
import type { EntityManager } from 'typeorm';
import type { ContentChanges } from './resource.content';
import { ResourceChange } from './resource-profile.entities';
import type { ResourceAction } from './resource.enums';

/** Writes who changed what of a resource, in the transaction of the change. */
export function recordChange(
  manager: EntityManager,
  resourceId: string,
  action: ResourceAction,
  principal: Principal,
  changes: ContentChanges,
): Promise<unknown> {
  const change: ResourceChange = {
    id: uuidv7(),
    resourceId,
    action,
    actor: principal.subject ?? 'anonymous',
    actorRole: principal.role,
    changes,
    changedAt: new Date(),
  };
  return manager.getRepository(ResourceChange).insert(change as never);
}
