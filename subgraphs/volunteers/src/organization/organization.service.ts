import {
  Caller,
  checkPageSize,
  conflict,
  decodeCursor,
  encodeCursor,
  findSites,
  forbidden,
  forUpdate,
  isUniqueViolation,
  likeContains,
  likePrefix,
  managesSite,
  notFound,
  Principal,
  requireSignedIn,
  runTransaction,
  SiteDirectory,
  toConnection,
  uuidv7,
} from '@practice/common';
import { DataSource, In } from 'typeorm';
import { Team } from '../team/team.entity';
import { TeamStatus } from '../team/team.enums';
import { Organization, OrganizationStatus } from './organization.entity';
import type { CreateOrganizationInput, OrganizationFilter, UpdateOrganizationInput } from './organization.inputs';
import { OrganizationConnection, OrganizationEdge } from './organization.types';

type IdCursor = { i: string };
const isIdCursor = (value: Record<string, unknown>): value is IdCursor => typeof value.i === 'string';

/** Registered volunteer organizations, kept by the managers of the site they are registered with. */
export class OrganizationService {
  constructor(
    private readonly db: DataSource,
    private readonly sites: SiteDirectory,
  ) {}

  /** One record per credit code: a retry with the same name and site returns it. */
  async create(caller: Caller, input: CreateOrganizationInput): Promise<Organization> {
    const { principal } = caller;
    requireSignedIn(principal);
    const site = (await findSites(this.sites, caller, [{ id: input.siteId, field: 'input.siteId', active: true }])).get(input.siteId)!;
    if (!managesSite(principal, site)) throw forbidden(`You do not manage ${site.name}`, 'NOT_SITE_MANAGER');
    try {
      return await runTransaction(
        this.db,
        async (manager) => {
          const repository = manager.getRepository(Organization);
          const existing = await repository.findOneBy({ creditCode: input.creditCode });
          if (existing) return sameOrConflict(existing, input);
          const organization = repository.create({
            id: uuidv7(),
            name: input.name,
            creditCode: input.creditCode,
            siteId: site.id,
            sitePath: site.path,
            regionCode: site.regionCode,
            contactName: input.contactName ?? null,
            contactPhone: input.contactPhone ?? null,
            status: OrganizationStatus.ACTIVE,
            createdBy: principal.subject!,
          });
          await repository.insert(organization);
          return repository.findOneByOrFail({ id: organization.id });
        },
        'The organization',
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return sameOrConflict(await this.db.getRepository(Organization).findOneByOrFail({ creditCode: input.creditCode }), input);
    }
  }

  async update(principal: Principal, input: UpdateOrganizationInput): Promise<Organization> {
    requireSignedIn(principal);
    return runTransaction(
      this.db,
      async (manager) => {
        const query = manager.getRepository(Organization).createQueryBuilder('o').where('o.id = :id', { id: input.id });
        const organization = await forUpdate(manager, query).getOne();
        if (!organization) throw notFound('Organization', input.id, 'input.id');
        if (!managesSite(principal, { id: organization.siteId, path: organization.sitePath })) {
          throw forbidden('Only managers of the site it is registered with change an organization', 'NOT_SITE_MANAGER');
        }
        if (input.status === OrganizationStatus.DEREGISTERED && organization.status === OrganizationStatus.ACTIVE) {
          const activeTeams = await manager.getRepository(Team).countBy({ organizationId: organization.id, status: TeamStatus.ACTIVE });
          if (activeTeams) {
            throw conflict(`${activeTeams} active teams belong to the organization; dissolve or detach them first`, {
              field: 'input.status',
              reason: 'HAS_ACTIVE_TEAMS',
            });
          }
        }
        if (input.name !== undefined) organization.name = input.name;
        if (input.contactName !== undefined) organization.contactName = input.contactName;
        if (input.contactPhone !== undefined) organization.contactPhone = input.contactPhone;
        if (input.status) organization.status = input.status;
        return manager.getRepository(Organization).save(organization);
      },
      'The organization',
    );
  }

  async list(filter: OrganizationFilter = {}, first?: number | null, after?: string | null): Promise<OrganizationConnection> {
    const size = checkPageSize(first);
    const query = this.db
      .getRepository(Organization)
      .createQueryBuilder('o')
      .where('o.status IN (:...statuses)', { statuses: filter.statuses?.length ? filter.statuses : [OrganizationStatus.ACTIVE] });
    if (filter.siteId) query.andWhere("o.site_path LIKE :underSite ESCAPE '!'", { underSite: likeContains(`/${filter.siteId}/`) });
    if (filter.regionCodePrefix) query.andWhere("o.region_code LIKE :region ESCAPE '!'", { region: likePrefix(filter.regionCodePrefix) });
    if (filter.text) query.andWhere("o.name LIKE :text ESCAPE '!'", { text: likeContains(filter.text) });
    const countQuery = query.clone();
    if (after) query.andWhere('o.id > :afterId', { afterId: decodeCursor(after, isIdCursor).i });
    const rows = await query
      .orderBy('o.id', 'ASC')
      .limit(size + 1)
      .getMany();
    return toConnection(OrganizationConnection, rows, size, Boolean(after), edge, () => countQuery.getCount());
  }

  loadByIds(ids: readonly string[]): Promise<Organization[]> {
    return this.db.getRepository(Organization).findBy({ id: In([...ids]) });
  }
}

function sameOrConflict(existing: Organization, input: CreateOrganizationInput): Organization {
  if (existing.name !== input.name || existing.siteId !== input.siteId) {
    throw conflict('An organization with this credit code is already registered', { field: 'input.creditCode', reason: 'CREDIT_CODE_TAKEN' });
  }
  return existing;
}

function edge(organization: Organization): OrganizationEdge {
  const result = new OrganizationEdge();
  result.node = organization;
  result.cursor = encodeCursor({ i: organization.id });
  return result;
}
