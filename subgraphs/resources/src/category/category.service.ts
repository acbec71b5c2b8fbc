import {
  Caller,
  Principal,
  Role,
  SiteDirectory,
  badInput,
  conflict,
  findSites,
  forbidden,
  isAdmin,
  isUniqueViolation,
  managesSite,
  requireSignedIn,
  runTransaction,
  uuidv7,
} from '@practice/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Category } from './category.entity';
import type { CreateCategoryInput } from './category.inputs';

/** The service taxonomy: seeded province-wide, extended by counties below the seeded terms. */
export class CategoryService {
  constructor(
    private readonly db: DataSource,
    private readonly sites: SiteDirectory,
  ) {}

  /** The categories named by `codes`, each one checked: an unknown code is bad input at its index. */
  async byCodes(codes: readonly string[], field: string, manager: EntityManager = this.db.manager): Promise<Category[]> {
    if (!codes.length) return [];
    const found = await manager.getRepository(Category).findBy({ code: In([...new Set(codes)]) });
    const byCode = new Map(found.map((category) => [category.code, category]));
    codes.forEach((code, index) => {
      if (!byCode.has(code)) throw badInput(`${field}[${index}]`, `Unknown category ${code}`, 'UNKNOWN_CATEGORY');
    });
    return codes.map((code) => byCode.get(code)!);
  }

  /** Which of `codes` name no category: one statement for any number of codes. */
  async unknownCodes(codes: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(codes)];
    if (!unique.length) return new Set();
    const found = await this.db.getRepository(Category).findBy({ code: In(unique) });
    const known = new Set(found.map((category) => category.code));
    return new Set(unique.filter((code) => !known.has(code)));
  }

  /** The codes of the categories named by `codes` and of every term below them, for filters. */
  async withDescendants(codes: readonly string[], field: string): Promise<string[]> {
    const roots = await this.byCodes(codes, field);
    if (!roots.length) return [];
    const query = this.db.getRepository(Category).createQueryBuilder('c').select('c.code', 'code');
    roots.forEach((root, index) => query.orWhere(`c.path LIKE :path${index}`, { [`path${index}`]: `${root.path}%` }));
    return (await query.getRawMany<{ code: string }>()).map((row) => row.code);
  }

  /** The categories of those codes that exist, for loaders. */
  byCodesFound(codes: readonly string[]): Promise<Category[]> {
    return this.db.getRepository(Category).findBy({ code: In([...codes]) });
  }

  findByCode(code: string): Promise<Category | null> {
    return this.db.getRepository(Category).findOneBy({ code });
  }

  byIds(ids: readonly string[]): Promise<Category[]> {
    return this.db.getRepository(Category).findBy({ id: In([...ids]) });
  }

  childrenOf(parentIds: readonly string[]): Promise<Category[]> {
    return this.db.getRepository(Category).find({ where: { parentId: In([...parentIds]) }, order: { sortOrder: 'ASC', code: 'ASC' } });
  }

  /**
   * The top-level terms, or the children of one; with `regionCode`, the terms of that county and the
   * province-wide ones, else every term.
   */
  list(parentCode?: string | null, regionCode?: string | null): Promise<Category[]> {
    const query = this.db.getRepository(Category).createQueryBuilder('c').orderBy('c.sort_order', 'ASC').addOrderBy('c.code', 'ASC');
    if (parentCode) query.innerJoin(Category, 'p', 'p.id = c.parent_id').where('p.code = :parentCode', { parentCode });
    else query.where('c.parent_id IS NULL');
    if (regionCode) query.andWhere('(c.region_code IS NULL OR c.region_code = :county)', { county: regionCode.slice(0, 6) });
    return query.getMany();
  }

  /**
   * Adds a term below an existing one. Admins add province-wide terms; managers of a county's
   * center add terms of their county. Adding the same term again returns it.
   */
  async create(caller: Caller, input: CreateCategoryInput): Promise<Category> {
    requireSignedIn(caller.principal);
    const county = await this.countyOf(caller, input.centerSiteId);
    const code = `${input.parentCode}.${input.codePart}`;
    try {
      return await runTransaction(this.db, async (manager) => {
        const repository = manager.getRepository(Category);
        const existing = await repository.findOneBy({ code });
        if (existing) return sameOrConflict(existing, input, county);
        const parent = await repository.findOneBy({ code: input.parentCode });
        if (!parent) throw badInput('input.parentCode', `Unknown category ${input.parentCode}`, 'UNKNOWN_CATEGORY');
        if (parent.regionCode && parent.regionCode !== county) throw forbidden(`${parent.code} is another county’s term`, 'OTHER_COUNTY');
        if (parent.path.split('/').filter(Boolean).length >= 5) throw badInput('input.parentCode', 'Terms nest at most five deep', 'TOO_DEEP');
        const id = uuidv7();
        return repository.save(
          repository.create({
            id,
            code,
            name: input.name,
            parentId: parent.id,
            path: `${parent.path}${id}/`,
            regionCode: county,
            sortOrder: (await repository.countBy({ parentId: parent.id })) + 1,
            createdBy: caller.principal.subject!,
          }),
        );
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return sameOrConflict(await this.db.getRepository(Category).findOneByOrFail({ code }), input, county);
    }
  }

  /** The county a term is added for (6-digit region code), or null for an admin's province-wide term. */
  private async countyOf(caller: Caller, centerSiteId: string | undefined): Promise<string | null> {
    const principal: Principal = caller.principal;
    if (!centerSiteId) {
      if (!isAdmin(principal)) throw badInput('input.centerSiteId', 'Name the county’s center the term is for', 'CENTER_REQUIRED');
      return null;
    }
    const center = (await findSites(this.sites, caller, [{ id: centerSiteId, field: 'input.centerSiteId' }])).get(centerSiteId)!;
    if (center.kind !== 'CENTER') throw badInput('input.centerSiteId', `${center.name} is not a county’s center`, 'NOT_A_CENTER');
    // Agency admins run sector sub-centers, not the county's taxonomy.
    if (!isAdmin(principal) && !(principal.role === Role.SITE_MANAGER && managesSite(principal, center)))
      throw forbidden(`Only the managers of ${center.name} add its county’s terms`, 'NOT_SITE_MANAGER');
    return center.regionCode.slice(0, 6);
  }
}

function sameOrConflict(existing: Category, input: CreateCategoryInput, county: string | null): Category {
  if (existing.name !== input.name || existing.regionCode !== county) {
    throw conflict(`Category ${existing.code} exists`, { field: 'input.codePart', reason: 'CODE_TAKEN' });
  }
  return existing;
}
