import {
  Principal,
  badInput,
  conflict,
  forbidden,
  forUpdate,
  isAdmin,
  isUniqueViolation,
  likePrefix,
  notFound,
  regionPrefix,
  runTransaction,
  sqlConcat,
  uuidv7,
} from '@practice/common';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { canReadSite, managesSite } from './site.access';
import { Site } from './site.entity';
import { SiteKind, SiteStatus } from './site.enums';
import type { CreateSiteInput, MoveSiteInput, UpdateSiteInput } from './site.inputs';
import { checkOpeningHours, checkParent, checkRegion, checkSector } from './site.rules';

/** The rules and transactions of creating, changing, moving and archiving sites. */
export class SiteService {
  constructor(private readonly db: DataSource) {}

  async findVisible(principal: Principal, where: { id: string } | { code: string }): Promise<Site | null> {
    const site = await this.db.getRepository(Site).findOneBy(where);
    return site && canReadSite(principal, site) ? site : null;
  }

  /** Loads a site the caller may change, or answers NOT_FOUND / FORBIDDEN. */
  async loadManaged(manager: EntityManager, principal: Principal, id: string, field: string, lock = false): Promise<Site> {
    const query = manager.getRepository(Site).createQueryBuilder('s').where('s.id = :id', { id });
    const site = await (lock ? forUpdate(manager, query) : query).getOne();
    if (!site || !canReadSite(principal, site)) throw notFound('Site', id, field);
    if (!managesSite(principal, site)) throw forbidden(`You may not change site ${site.code}`, 'NOT_SITE_MANAGER');
    return site;
  }

  async create(principal: Principal, input: CreateSiteInput): Promise<Site> {
    checkSector(input.kind, input.sector, 'input.sector');
    checkOpeningHours(input.openingHours, 'input.openingHours');
    if (input.kind === SiteKind.CENTER && !isAdmin(principal)) throw forbidden('Only admins create centers', 'ADMIN_ONLY');
    try {
      return await this.transaction(async (manager) => {
        const existing = await manager.getRepository(Site).findOneBy({ code: input.code });
        if (existing) return this.sameSiteOrConflict(existing, input);
        const parent = input.parentId ? await this.loadManaged(manager, principal, input.parentId, 'input.parentId', true) : null;
        if (input.kind !== SiteKind.CENTER && !parent) throw badInput('input.parentId', `A ${input.kind} needs a parent site`, 'PARENT_REQUIRED');
        checkParent(input.kind, parent, 'input.parentId');
        checkRegion(input.regionCode, parent, 'input.regionCode');
        const id = uuidv7();
        const site = manager.getRepository(Site).create({
          id,
          code: input.code,
          name: input.name,
          kind: input.kind,
          parentId: parent?.id ?? null,
          path: `${parent?.path ?? '/'}${id}/`,
          regionCode: input.regionCode,
          address: input.address,
          latitude: input.location?.latitude ?? null,
          longitude: input.location?.longitude ?? null,
          contactPhone: input.contactPhone ?? null,
          openingHours: input.openingHours ?? [],
          facilities: input.facilities ?? [],
          sector: input.sector ?? null,
          status: SiteStatus.ACTIVE,
        });
        return manager.getRepository(Site).save(site);
      });
    } catch (error) {
      // A concurrent create with the same code won the race: a retry of the same create gets its site.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.db.getRepository(Site).findOneByOrFail({ code: input.code });
      return this.sameSiteOrConflict(winner, input);
    }
  }

  private sameSiteOrConflict(existing: Site, input: CreateSiteInput): Site {
    const same = existing.kind === input.kind && existing.parentId === (input.parentId ?? null) && existing.name === input.name;
    if (!same) throw conflict(`Code ${input.code} is already used by another site`, { field: 'input.code', reason: 'CODE_TAKEN' });
    return existing;
  }

  async update(principal: Principal, input: UpdateSiteInput): Promise<Site> {
    checkOpeningHours(input.openingHours, 'input.openingHours');
    return this.transaction(async (manager) => {
      const site = await this.loadManaged(manager, principal, input.id, 'input.id', true);
      if (site.status === SiteStatus.ARCHIVED) throw conflict('An archived site cannot be changed', { reason: 'SITE_ARCHIVED' });
      if (input.sector !== undefined) checkSector(site.kind, input.sector, 'input.sector');
      if (input.regionCode && input.regionCode !== site.regionCode) {
        const parent = site.parentId ? await manager.getRepository(Site).findOneByOrFail({ id: site.parentId }) : null;
        checkRegion(input.regionCode, parent, 'input.regionCode');
        await this.checkDescendantsWithin(manager, site, input.regionCode, 'input.regionCode');
        site.regionCode = input.regionCode;
      }
      if (input.name) site.name = input.name;
      if (input.address) site.address = input.address;
      if (input.location !== undefined) {
        site.latitude = input.location?.latitude ?? null;
        site.longitude = input.location?.longitude ?? null;
      }
      if (input.contactPhone !== undefined) site.contactPhone = input.contactPhone;
      if (input.openingHours) site.openingHours = input.openingHours;
      if (input.facilities) site.facilities = input.facilities;
      if (input.sector !== undefined) site.sector = input.sector;
      return manager.getRepository(Site).save(site);
    });
  }

  /** Moves a site (and its whole subtree) under another parent; both must be the caller's. */
  async move(principal: Principal, input: MoveSiteInput): Promise<Site> {
    return this.transaction(async (manager) => {
      // Lock both rows in id order so that two crossing moves cannot deadlock each other.
      const ids = [input.id, input.parentId].sort();
      const locked = new Map<string, Site>();
      for (const id of ids) {
        const field = id === input.id ? 'input.id' : 'input.parentId';
        locked.set(id, await this.loadManaged(manager, principal, id, field, true));
      }
      const site = locked.get(input.id)!;
      const parent = locked.get(input.parentId)!;
      if (site.status === SiteStatus.ARCHIVED) throw conflict('An archived site cannot be moved', { reason: 'SITE_ARCHIVED' });
      if (site.id === parent.id) throw badInput('input.parentId', 'A site cannot be its own parent', 'CYCLE');
      checkParent(site.kind, parent, 'input.parentId', site);
      const regionCode = input.regionCode ?? site.regionCode;
      checkRegion(regionCode, parent, input.regionCode ? 'input.regionCode' : 'input.parentId');
      if (site.parentId === parent.id && regionCode === site.regionCode) return site;
      if (regionCode !== site.regionCode) await this.moveDescendantRegions(manager, site, regionCode);

      const oldPath = site.path;
      const newPath = `${parent.path}${site.id}/`;
      await manager
        .createQueryBuilder()
        .update(Site)
        .set({ path: () => sqlConcat(manager, ':newPath', `SUBSTR(path, ${oldPath.length + 1})`) })
        .where("path LIKE :oldPrefix ESCAPE '!' AND id <> :id", { oldPrefix: likePrefix(oldPath), id: site.id })
        .setParameter('newPath', newPath)
        .execute();
      site.parentId = parent.id;
      site.path = newPath;
      site.regionCode = regionCode;
      return manager.getRepository(Site).save(site);
    });
  }

  async archive(principal: Principal, id: string): Promise<Site> {
    return this.transaction(async (manager) => {
      const site = await this.loadManaged(manager, principal, id, 'id', true);
      if (site.status === SiteStatus.ARCHIVED) return site;
      const liveChildren = await manager.getRepository(Site).countBy({ parentId: site.id, status: Not(SiteStatus.ARCHIVED) });
      if (liveChildren > 0) {
        throw conflict(`Site ${site.code} has ${liveChildren} child sites that are not archived; archive or move them first`, {
          field: 'id',
          reason: 'HAS_ACTIVE_CHILDREN',
        });
      }
      site.status = SiteStatus.ARCHIVED;
      return manager.getRepository(Site).save(site);
    });
  }

  async suspend(principal: Principal, id: string): Promise<Site> {
    return this.transaction(async (manager) => {
      const site = await this.loadManaged(manager, principal, id, 'id', true);
      if (site.status === SiteStatus.ARCHIVED) throw conflict('An archived site cannot be suspended', { field: 'id', reason: 'SITE_ARCHIVED' });
      site.status = SiteStatus.SUSPENDED;
      return manager.getRepository(Site).save(site);
    });
  }

  async reactivate(principal: Principal, id: string): Promise<Site> {
    return this.transaction(async (manager) => {
      const site = await this.loadManaged(manager, principal, id, 'id', true);
      if (site.status === SiteStatus.ACTIVE) return site;
      if (site.parentId) {
        const parentQuery = manager.getRepository(Site).createQueryBuilder('s').where('s.id = :id', { id: site.parentId });
        const parent = await forUpdate(manager, parentQuery).getOneOrFail();
        if (parent.status === SiteStatus.ARCHIVED)
          throw conflict('The parent site is archived; reactivate it first', { field: 'id', reason: 'PARENT_ARCHIVED' });
      }
      site.status = SiteStatus.ACTIVE;
      return manager.getRepository(Site).save(site);
    });
  }

  /**
   * The area moves with the site: descendants' codes under the site's old area get the new area's
   * prefix (a village moving to another township keeps its points inside it). Only between areas
   * of the same level, so the codes keep their length and meaning.
   */
  private async moveDescendantRegions(manager: EntityManager, site: Site, regionCode: string): Promise<void> {
    const oldPrefix = regionPrefix(site.regionCode);
    const newPrefix = regionPrefix(regionCode);
    if (oldPrefix.length !== newPrefix.length) {
      throw badInput('input.regionCode', `The new region must be of the same level as ${site.regionCode}`, 'REGION_LEVEL_CHANGED');
    }
    await manager
      .createQueryBuilder()
      .update(Site)
      .set({ regionCode: () => sqlConcat(manager, ':newPrefix', `SUBSTR(region_code, ${oldPrefix.length + 1})`) })
      .where("path LIKE :subtree ESCAPE '!' AND id <> :id", { subtree: likePrefix(site.path), id: site.id })
      .andWhere("region_code LIKE :oldRegion ESCAPE '!'", { oldRegion: likePrefix(oldPrefix) })
      .setParameter('newPrefix', newPrefix)
      .execute();
  }

  private async checkDescendantsWithin(manager: EntityManager, site: Site, regionCode: string, field: string): Promise<void> {
    const outside = await manager
      .getRepository(Site)
      .createQueryBuilder('s')
      .where("s.path LIKE :subtree ESCAPE '!' AND s.id <> :id", { subtree: likePrefix(site.path), id: site.id })
      .andWhere("s.region_code NOT LIKE :region ESCAPE '!'", { region: likePrefix(regionPrefix(regionCode)) })
      .getCount();
    if (outside > 0) {
      throw badInput(field, `${outside} sites under ${site.code} lie outside region ${regionCode}`, 'DESCENDANTS_OUTSIDE_REGION');
    }
  }

  /** Runs `work` in a transaction; a lost lock race becomes a CONFLICT the client may retry. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return runTransaction(this.db, work, 'The site');
  }

  /** Loads sites by id in one statement (for loaders). */
  loadByIds(ids: readonly string[]): Promise<Site[]> {
    return this.db.getRepository(Site).findBy({ id: In([...ids]) });
  }
}
