import { Caller, SiteDirectory, conflict, forUpdate, isUniqueViolation, notFound, requireSignedIn, runTransaction, uuidv7 } from '@practice/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { CategoryService } from '../category/category.service';
import type { ResourceSettings } from '../settings';
import { requireCatalogueOwner, seesUnpublished } from '../shared/ownership';
import { recordChange } from './resource.audit';
import { PublisherFacts, checkContents, defaultArea, findPublisher, publisherOfRow } from './resource.checks';
import { ResourceContent, contentChanges, contentColumns, mergedContent, storedContent, writeContentRows } from './resource.content';
import { ResourceArea, ResourceFacet } from './resource-profile.entities';
import { Resource } from './resource.entity';
import { ResourceAction, ResourceStatus } from './resource.enums';
import type { CreateResourceInput, UpdateResourceInput } from './resource.inputs';

/** A resource row locked in a transaction, with its content. */
interface Locked {
  resource: Resource;
  content: ResourceContent;
}

/**
 * The catalogue's rules: who may change a resource (its publisher's owners), what a valid resource
 * is, and the audit of every change, written in the transaction of the change.
 */
export class ResourceService {
  constructor(
    private readonly db: DataSource,
    private readonly sites: SiteDirectory,
    private readonly categories: CategoryService,
    readonly settings: ResourceSettings,
  ) {}

  /** Creates a DRAFT. With an externalKey, a retry with the same content returns the first resource. */
  async create(caller: Caller, input: CreateResourceInput): Promise<Resource> {
    requireSignedIn(caller.principal);
    const publisher = await findPublisher(this.sites, caller, input.publisherId, 'input.publisherId');
    requireCatalogueOwner(caller.principal, publisher);
    await checkContents(this.categories, this.sites, caller, [{ content: input, path: 'input', creating: true }]);
    const content = mergedContent(null, input, defaultArea(publisher));
    try {
      return await runTransaction(this.db, async (manager) => {
        const existing = content.externalKey ? await this.byExternalKey(manager, publisher.id, content.externalKey) : null;
        if (existing) return this.sameOrConflict(manager, existing, content);
        return this.insert(manager, caller, publisher, content, ResourceStatus.DRAFT, ResourceAction.CREATED);
      });
    } catch (error) {
      if (!isUniqueViolation(error) || !content.externalKey) throw error;
      // A concurrent retry won the race for the key.
      return this.sameOrConflict(this.db.manager, (await this.byExternalKey(this.db.manager, publisher.id, content.externalKey))!, content);
    }
  }

  /** Changes the fields given; with expectedVersion, only if nobody changed the resource since. */
  async update(caller: Caller, input: UpdateResourceInput): Promise<Resource> {
    requireSignedIn(caller.principal);
    const publisher = publisherOfRow(await this.owned(caller, input.id, 'input.id'));
    await checkContents(this.categories, this.sites, caller, [{ content: input, path: 'input', creating: false }]);
    try {
      return await runTransaction(this.db, async (manager) => {
        const { resource, content } = await this.lock(manager, input.id);
        if (input.expectedVersion !== undefined && input.expectedVersion !== resource.version) {
          throw conflict(`The resource is at version ${resource.version}, not ${input.expectedVersion}: read it again`, {
            field: 'input.expectedVersion',
            reason: 'STALE_VERSION',
          });
        }
        const next = mergedContent(content, input, defaultArea(publisher));
        const changes = contentChanges(content, next);
        if (!Object.keys(changes).length) return resource;
        await manager.update(Resource, { id: resource.id }, { ...contentColumns(next), version: resource.version + 1 });
        await writeContentRows(manager, resource.id, content, next);
        await recordChange(manager, resource.id, ResourceAction.UPDATED, caller.principal, changes);
        return manager.findOneByOrFail(Resource, { id: resource.id });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict('Another resource of the publisher has this externalKey', { field: 'input.externalKey', reason: 'EXTERNAL_KEY_TAKEN' });
      throw error;
    }
  }

  /** DRAFT or WITHDRAWN → PUBLISHED; publishing a published resource changes nothing. */
  publish(caller: Caller, id: string): Promise<Resource> {
    return this.move(caller, id, ResourceStatus.PUBLISHED, (resource) => resource.status !== ResourceStatus.PUBLISHED);
  }

  /** PUBLISHED → WITHDRAWN: it can no longer be ordered nor listed on a menu; withdrawing again changes nothing. */
  withdraw(caller: Caller, id: string): Promise<Resource> {
    return this.move(caller, id, ResourceStatus.WITHDRAWN, (resource) => {
      if (resource.status === ResourceStatus.DRAFT) throw conflict('A draft was never published', { field: 'id', reason: 'NOT_PUBLISHED' });
      return resource.status === ResourceStatus.PUBLISHED;
    });
  }

  private async move(caller: Caller, id: string, to: ResourceStatus, needed: (resource: Resource) => boolean): Promise<Resource> {
    requireSignedIn(caller.principal);
    await this.owned(caller, id, 'id');
    return runTransaction(this.db, async (manager) => {
      const { resource } = await this.lock(manager, id);
      if (!needed(resource)) return resource;
      const publishedAt = to === ResourceStatus.PUBLISHED ? new Date() : resource.publishedAt;
      await manager.update(Resource, { id }, { status: to, publishedAt, version: resource.version + 1 });
      const action = to === ResourceStatus.PUBLISHED ? ResourceAction.PUBLISHED : ResourceAction.WITHDRAWN;
      await recordChange(manager, id, action, caller.principal, { status: { from: resource.status, to } });
      return manager.findOneByOrFail(Resource, { id });
    });
  }

  /** Inside a transaction: writes a new resource with its rows and its audit. */
  async insert(
    manager: EntityManager,
    caller: Caller,
    publisher: PublisherFacts,
    content: ResourceContent,
    status: ResourceStatus,
    action: ResourceAction,
  ): Promise<Resource> {
    const id = uuidv7();
    const now = new Date();
    await manager.insert(Resource, {
      id,
      publisherId: publisher.id,
      publisherKind: publisher.kind,
      publisherPath: publisher.path,
      publisherRegionCode: publisher.regionCode,
      ...contentColumns(content),
      status,
      version: 1,
      createdBy: caller.principal.subject!,
      publishedAt: status === ResourceStatus.PUBLISHED ? now : null,
    });
    await writeContentRows(manager, id, null, content);
    const changes = contentChanges(null, content);
    await recordChange(manager, id, action, caller.principal, status === ResourceStatus.DRAFT ? changes : { ...changes, status: { from: null, to: status } });
    return manager.findOneByOrFail(Resource, { id });
  }

  /** Inside a transaction: the resource row, locked, with its content. */
  async lock(manager: EntityManager, id: string): Promise<Locked> {
    const resource = await forUpdate(manager, manager.getRepository(Resource).createQueryBuilder('r').where('r.id = :id', { id })).getOneOrFail();
    const [facets, areas] = await Promise.all([manager.findBy(ResourceFacet, { resourceId: id }), manager.findBy(ResourceArea, { resourceId: id })]);
    return { resource, content: storedContent(resource, facets, areas) };
  }

  /** A resource the caller may change: NOT_FOUND when it does not exist or is hidden from them, FORBIDDEN when it is not theirs. */
  private async owned(caller: Caller, id: string, field: string): Promise<Resource> {
    const resource = await this.db.getRepository(Resource).findOneBy({ id });
    if (!resource || (resource.status !== ResourceStatus.PUBLISHED && !seesUnpublished(caller.principal, publisherOfRow(resource)))) {
      throw notFound('Resource', id, field);
    }
    requireCatalogueOwner(caller.principal, publisherOfRow(resource));
    return resource;
  }

  private byExternalKey(manager: EntityManager, publisherId: string, externalKey: string): Promise<Resource | null> {
    return manager.getRepository(Resource).findOneBy({ publisherId, externalKey });
  }

  private async sameOrConflict(manager: EntityManager, existing: Resource, content: ResourceContent): Promise<Resource> {
    const [facets, areas] = await Promise.all([
      manager.findBy(ResourceFacet, { resourceId: existing.id }),
      manager.findBy(ResourceArea, { resourceId: existing.id }),
    ]);
    if (Object.keys(contentChanges(storedContent(existing, facets, areas), content)).length) {
      throw conflict(`The publisher already has a resource with the key ${content.externalKey}`, { field: 'input.externalKey', reason: 'EXTERNAL_KEY_TAKEN' });
    }
    return existing;
  }
}
