import {
  AppError,
  Caller,
  ErrorCode,
  SiteDirectory,
  badInput,
  conflict,
  forUpdate,
  insertRows,
  invalidFields,
  isUniqueViolation,
  requireSignedIn,
  runTransaction,
  uuidv7,
} from '@practice/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { CategoryService } from '../category/category.service';
import type { ResourceSettings } from '../settings';
import { requireCatalogueOwner } from '../shared/ownership';
import { PublisherFacts, contentsProblems, defaultArea, findPublisher } from './resource.checks';
import { areaKey, areaRows, contentColumns, facetKey, facetRows, storedContent } from './resource.content';
import { Resource } from './resource.entity';
import { ResourceAction } from './resource.enums';
import type { ImportResourcesInput } from './resource.inputs';
import { ResourceArea, ResourceChange, ResourceFacet } from './resource-profile.entities';
import { PlannedRow, StoredResource, inRowOrder, planRows, repeatedKeys, rowPath } from './resource-import.plan';
import { ImportOutcome, ResourceImportReport } from './resource-import.types';

/** The first attempt and one retry, when a concurrent import or edit of the same resources got in between. */
const ATTEMPTS = 2;

/** The resources an attempt read changed before its transaction locked them. */
class StalePlan extends Error {}

const raced = (error: unknown): boolean =>
  error instanceof StalePlan ||
  isUniqueViolation(error) ||
  (error instanceof AppError && error.code === ErrorCode.CONFLICT && error.extensions.reason === 'CONCURRENT_CHANGE');

/**
 * Bulk import of a publisher's catalogue from its own system: rows upsert by the publisher's
 * externalKey, all or nothing. Every row is checked before anything is written; then one
 * transaction writes every change, with a constant number of statements for reading whatever the
 * number of rows and multi-row inserts for new rows.
 */
export class ResourceImportService {
  constructor(
    private readonly db: DataSource,
    private readonly sites: SiteDirectory,
    private readonly categories: CategoryService,
    private readonly settings: ResourceSettings,
  ) {}

  async importResources(caller: Caller, input: ImportResourcesInput): Promise<ResourceImportReport> {
    requireSignedIn(caller.principal);
    const max = this.settings.importMaxRows;
    if (input.rows.length > max) {
      throw badInput('input.rows', `An import takes at most ${max} rows, not ${input.rows.length}: send the rest in further calls`, 'TOO_MANY_ROWS');
    }
    const publisher = await findPublisher(this.sites, caller, input.publisherId, 'input.publisherId');
    requireCatalogueOwner(caller.principal, publisher);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(caller, publisher, input);
      } catch (error) {
        if (!raced(error)) throw error;
        if (attempt >= ATTEMPTS) {
          throw conflict('Another import or edit changed these resources at the same time; run the import again', {
            field: 'input.rows',
            reason: 'CONCURRENT_CHANGE',
          });
        }
      }
    }
  }

  private async attempt(caller: Caller, publisher: PublisherFacts, input: ImportResourcesInput): Promise<ResourceImportReport> {
    const keys = input.rows.map((row) => row.externalKey);
    const stored = await this.stored(publisher.id, keys);
    const problems = await contentsProblems(
      this.categories,
      this.sites,
      caller,
      input.rows.map((row, index) => ({ content: row, path: rowPath(index), creating: !stored.has(row.externalKey), line: row.line })),
    );
    problems.push(...repeatedKeys(input.rows));
    if (problems.length) throw invalidFields(inRowOrder(problems));
    const plan = planRows(input.rows, stored, defaultArea(publisher));
    if (input.dryRun) return report(true, plan, new Map([...stored].map(([key, { resource }]) => [key, resource])));
    const idsByKey = await runTransaction(this.db, (manager) => this.write(manager, caller, publisher, plan), 'The catalogue');
    const written = await this.db.getRepository(Resource).findBy({ id: In([...idsByKey.values()]) });
    const byId = new Map(written.map((resource) => [resource.id, resource]));
    return report(false, plan, new Map([...idsByKey].map(([key, id]) => [key, byId.get(id)!])));
  }

  /** The publisher's resources with these keys and their content: three statements for any number of keys. */
  private async stored(publisherId: string, keys: string[]): Promise<Map<string, StoredResource>> {
    const resources = await this.db.getRepository(Resource).findBy({ publisherId, externalKey: In([...new Set(keys)]) });
    const ids = resources.map((resource) => resource.id);
    const [facets, areas] = ids.length
      ? await Promise.all([
          this.db.getRepository(ResourceFacet).findBy({ resourceId: In(ids) }),
          this.db.getRepository(ResourceArea).findBy({ resourceId: In(ids) }),
        ])
      : [[], []];
    const facetsOf = byResource(facets);
    const areasOf = byResource(areas);
    return new Map(
      resources.map((resource) => [
        resource.externalKey!,
        { resource, content: storedContent(resource, facetsOf.get(resource.id) ?? [], areasOf.get(resource.id) ?? []) },
      ]),
    );
  }

  /** Inside the transaction: writes the plan; answers the id of each key's resource. */
  private async write(manager: EntityManager, caller: Caller, publisher: PublisherFacts, plan: PlannedRow[]): Promise<Map<string, string>> {
    await this.lockRead(manager, plan);
    const now = new Date();
    const ids = new Map<string, string>();
    const created: Resource[] = [];
    const facets: { added: ResourceFacet[]; removed: ResourceFacet[] } = { added: [], removed: [] };
    const areas: { added: ResourceArea[]; removed: ResourceArea[] } = { added: [], removed: [] };
    const changes: ResourceChange[] = [];
    for (const planned of plan) {
      const id = planned.existing?.resource.id ?? uuidv7();
      ids.set(planned.row.externalKey, id);
      if (planned.outcome === ImportOutcome.UNCHANGED) continue;
      const before = planned.existing?.content ?? null;
      diff(facetRows(id, before), facetRows(id, planned.content), facetKey, facets);
      diff(areaRows(id, before), areaRows(id, planned.content), areaKey, areas);
      changes.push({
        id: uuidv7(),
        resourceId: id,
        action: ResourceAction.IMPORTED,
        actor: caller.principal.subject!,
        actorRole: caller.principal.role,
        changes: planned.changes,
        changedAt: now,
      });
      const publishedAt = planned.publishes ? now : (planned.existing?.resource.publishedAt ?? null);
      if (planned.existing) {
        const columns = { ...contentColumns(planned.content), status: planned.status, publishedAt, version: planned.existing.resource.version + 1 };
        await manager.update(Resource, { id }, columns);
        continue;
      }
      created.push({
        id,
        publisherId: publisher.id,
        publisherKind: publisher.kind,
        publisherPath: publisher.path,
        publisherRegionCode: publisher.regionCode,
        ...contentColumns(planned.content),
        status: planned.status,
        version: 1,
        createdBy: caller.principal.subject!,
        createdAt: now,
        updatedAt: now,
        publishedAt,
      } as Resource);
    }
    await insertRows(manager, Resource, created);
    await deleteRows(manager, ResourceFacet, facets.removed);
    await deleteRows(manager, ResourceArea, areas.removed);
    await insertRows(manager, ResourceFacet, facets.added);
    await insertRows(manager, ResourceArea, areas.added);
    await insertRows(manager, ResourceChange, changes);
    return ids;
  }

  /**
   * Locks the resources the plan read, in one statement, and fails the attempt when any of them
   * changed since (its version moved): the plan, and the checks of a row that updates, would be
   * stale. Rows read as unchanged are locked too, so that the report holds when the import commits.
   */
  private async lockRead(manager: EntityManager, plan: PlannedRow[]): Promise<void> {
    const read = plan.flatMap((planned) => (planned.existing ? [planned.existing.resource] : []));
    if (!read.length) return;
    const query = manager
      .getRepository(Resource)
      .createQueryBuilder('r')
      .select('r.id', 'id')
      .addSelect('r.version', 'version')
      .where('r.id IN (:...ids)', { ids: read.map((resource) => resource.id) });
    const versions = new Map(
      (await forUpdate(manager, query).getRawMany<{ id: string; version: number | string }>()).map((row) => [row.id, Number(row.version)]),
    );
    if (read.some((resource) => versions.get(resource.id) !== resource.version)) throw new StalePlan();
  }
}

function byResource<T extends { resourceId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.resourceId);
    if (group) group.push(row);
    else groups.set(row.resourceId, [row]);
  }
  return groups;
}

/** Adds to `into` the rows that `after` has and `before` has not, and those that go. */
function diff<T>(before: T[], after: T[], keyOf: (row: T) => string, into: { added: T[]; removed: T[] }): void {
  const kept = new Set(after.map(keyOf));
  const had = new Set(before.map(keyOf));
  into.added.push(...after.filter((row) => !had.has(keyOf(row))));
  into.removed.push(...before.filter((row) => !kept.has(keyOf(row))));
}

/** Deletes rows by their whole primary key, a few hundred per statement: never a range that would lock gaps. */
async function deleteRows<T extends ResourceFacet | ResourceArea>(
  manager: EntityManager,
  entity: typeof ResourceFacet | typeof ResourceArea,
  rows: T[],
): Promise<void> {
  const PER_STATEMENT = 500;
  for (let start = 0; start < rows.length; start += PER_STATEMENT) {
    await manager
      .createQueryBuilder()
      .delete()
      .from(entity)
      .whereInIds(rows.slice(start, start + PER_STATEMENT))
      .execute();
  }
}

function report(dryRun: boolean, plan: PlannedRow[], resources: Map<string, Resource>): ResourceImportReport {
  const count = (outcome: ImportOutcome) => plan.filter((planned) => planned.outcome === outcome).length;
  return {
    dryRun,
    total: plan.length,
    created: count(ImportOutcome.CREATED),
    updated: count(ImportOutcome.UPDATED),
    published: plan.filter((planned) => planned.publishes).length,
    unchanged: count(ImportOutcome.UNCHANGED),
    resources: plan.map(({ row, outcome }) => ({
      line: row.line ?? null,
      externalKey: row.externalKey,
      outcome,
      resource: resources.get(row.externalKey) ?? null,
    })),
  };
}
