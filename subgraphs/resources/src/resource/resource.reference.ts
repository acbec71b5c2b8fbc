import type { ResourcesContext } from '../context';
import { publisherOfRow } from './resource.checks';
import type { Resource } from './resource.entity';
import { ResourceStatus } from './resource.enums';
import { resourceById } from './resource.loaders';
import { seesUnpublished } from '../shared/ownership';

/** A resource another subgraph refers to: batched; drafts and withdrawn ones only for those who may see them. */
export async function resolveResourceReference(reference: { id: string }, ctx: ResourcesContext): Promise<Resource | null> {
  return visibleResource(await resourceById(ctx).load(reference.id), ctx);
}

export function visibleResource(resource: Resource | null, ctx: ResourcesContext): Resource | null {
  if (!resource) return null;
  if (resource.status === ResourceStatus.PUBLISHED || seesUnpublished(ctx.principal, publisherOfRow(resource))) return resource;
  return null;
}
