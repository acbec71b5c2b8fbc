import {
  badInput,
  Caller,
  conflict,
  findSites,
  forbidden,
  forUpdate,
  isUniqueViolation,
  managesSite,
  notFound,
  PersonalDataCipher,
  Principal,
  requireSignedIn,
  Role,
  runTransaction,
  SiteDirectory,
  SiteFacts,
  SiteToFind,
  uuidv7,
  todayInChina,
} from '@practice/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { SkillService } from '../skill/skill.service';
import { readIdNumber } from './id-number';
import { VolunteerStatusChange } from './volunteer-profile.entities';
import { isSelf, managesVolunteer } from './volunteer.access';
import { Volunteer } from './volunteer.entity';
import { STATUS_TRANSITIONS, VolunteerStatus } from './volunteer.enums';
import type { ChangeVolunteerStatusInput, RegisterVolunteerInput, ServiceAreaInput, UpdateVolunteerInput } from './volunteer.inputs';
import { ProfileParts, checkAvailability, writeProfile, writeScope } from './volunteer.profile';

const SELF_REGISTERING: readonly string[] = [Role.CITIZEN, Role.VOLUNTEER];

/** Registration, profile changes and status changes of volunteers, with their rules. */
export class VolunteerService {
  constructor(
    private readonly db: DataSource,
    private readonly sites: SiteDirectory,
    private readonly cipher: PersonalDataCipher,
    private readonly skills: SkillService,
  ) {}

  /**
   * Citizens and volunteers register themselves (tied to their account); managers register people
   * at a site they manage. One registration per ID number: a retry returns the first one.
   */
  async register(caller: Caller, input: RegisterVolunteerInput): Promise<Volunteer> {
    const { principal } = caller;
    requireSignedIn(principal);
    const selfRegistering = SELF_REGISTERING.includes(principal.role);
    if (principal.role === Role.ANALYST) throw forbidden('Analysts do not register volunteers', 'ROLE_NOT_ALLOWED');
    if (selfRegistering && input.accountSubject && input.accountSubject !== principal.subject) {
      throw forbidden('You register yourself only', 'NOT_SELF');
    }
    const accountSubject = selfRegistering ? principal.subject : (input.accountSubject ?? null);
    const identity = readIdNumber(input.idNumber, todayInChina());
    if ('problem' in identity) throw badInput('input.idNumber', `The ID number ${identity.problem}`, 'INVALID_ID_NUMBER');
    checkAvailability(input.availability, 'input.availability');
    const sites = await findSites(this.sites, caller, [{ id: input.homeSiteId, field: 'input.homeSiteId', active: true }, ...areaSites(input.serviceArea)]);
    const home = sites.get(input.homeSiteId)!;
    if (!selfRegistering && !managesSite(principal, home)) throw forbidden(`You do not manage ${home.name}`, 'NOT_SITE_MANAGER');

    const idNumberIndex = this.cipher.blindIndex(input.idNumber);
    try {
      return await runTransaction(
        this.db,
        async (manager) => {
          const repository = manager.getRepository(Volunteer);
          const existing = await repository.findOneBy({ idNumberIndex });
          if (existing) return sameRegistrationOrConflict(existing, input, accountSubject);
          await this.checkUnique(manager, { phone: input.phone, accountSubject });
          const parts = await this.profileParts(manager, input);
          const volunteer = repository.create({
            id: uuidv7(),
            accountSubject,
            name: input.name,
            gender: identity.gender,
            birthYear: identity.birthYear,
            phone: input.phone,
            idNumberSealed: this.cipher.seal(input.idNumber),
            idNumberIndex,
            homeSiteId: home.id,
            homeSitePath: home.path,
            homeRegionCode: home.regionCode,
            homeLatitude: home.location?.latitude ?? null,
            homeLongitude: home.location?.longitude ?? null,
            status: VolunteerStatus.ACTIVE,
            registeredOn: todayInChina(),
            verifiedHundredths: 0,
            pointsBalance: 0,
          });
          await repository.insert(volunteer);
          await writeScope(manager, volunteer.id, home);
          await writeProfile(manager, volunteer.id, parts);
          await recordStatus(manager, volunteer.id, null, VolunteerStatus.ACTIVE, null, principal.subject!);
          return repository.findOneByOrFail({ id: volunteer.id });
        },
        'The volunteer',
      );
    } catch (error) {
      // A concurrent registration of the same person won: a retry gets that registration.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.db.getRepository(Volunteer).findOneBy({ idNumberIndex });
      if (winner) return sameRegistrationOrConflict(winner, input, accountSubject);
      throw conflict('The phone number or account is registered to another volunteer', { field: 'input.phone', reason: 'ALREADY_REGISTERED' });
    }
  }

  /** The volunteer or a manager of their home site changes the profile; lists given replace the old ones. */
  async update(caller: Caller, input: UpdateVolunteerInput): Promise<Volunteer> {
    const { principal } = caller;
    requireSignedIn(principal);
    checkAvailability(input.availability, 'input.availability');
    const current = await this.loadEditable(this.db.manager, principal, input.id);
    const moving = input.homeSiteId !== undefined && input.homeSiteId !== current.homeSiteId;
    const toFind: SiteToFind[] = [...areaSites(input.serviceArea), ...(moving ? [{ id: input.homeSiteId!, field: 'input.homeSiteId', active: true }] : [])];
    const sites = await findSites(this.sites, caller, toFind);
    const newHome = moving ? sites.get(input.homeSiteId!)! : null;
    if (newHome && !isSelf(principal, current) && !managesSite(principal, newHome)) {
      throw forbidden(`You do not manage ${newHome.name}`, 'NOT_SITE_MANAGER');
    }
    return runTransaction(
      this.db,
      async (manager) => {
        const volunteer = await this.loadEditable(manager, principal, input.id, true);
        if (input.phone !== undefined && input.phone !== volunteer.phone) {
          await this.checkUnique(manager, { phone: input.phone, accountSubject: null });
          volunteer.phone = input.phone;
        }
        if (input.name !== undefined) volunteer.name = input.name;
        if (newHome) {
          volunteer.homeSiteId = newHome.id;
          volunteer.homeSitePath = newHome.path;
          volunteer.homeRegionCode = newHome.regionCode;
          volunteer.homeLatitude = newHome.location?.latitude ?? null;
          volunteer.homeLongitude = newHome.location?.longitude ?? null;
          await writeScope(manager, volunteer.id, newHome);
        }
        await manager.getRepository(Volunteer).save(volunteer);
        await writeProfile(manager, volunteer.id, await this.profileParts(manager, input));
        return manager.getRepository(Volunteer).findOneByOrFail({ id: volunteer.id });
      },
      'The volunteer',
    );
  }

  /**
   * Managers suspend, reinstate or mark volunteers as having left; volunteers may only leave.
   * Every change is kept in the status history.
   */
  async changeStatus(caller: Caller, input: ChangeVolunteerStatusInput): Promise<Volunteer> {
    const { principal } = caller;
    requireSignedIn(principal);
    return runTransaction(
      this.db,
      async (manager) => {
        const volunteer = await this.loadVisibleForUpdate(manager, input.id);
        const managing = managesVolunteer(principal, volunteer);
        if (!managing && !(isSelf(principal, volunteer) && input.status === VolunteerStatus.LEFT)) {
          throw forbidden('Only managers of the home site change this status; volunteers may leave', 'NOT_SITE_MANAGER');
        }
        if (volunteer.status === input.status) return volunteer;
        if (!STATUS_TRANSITIONS[volunteer.status].includes(input.status)) {
          throw conflict(`A ${volunteer.status} volunteer cannot become ${input.status}`, { field: 'input.status', reason: 'INVALID_TRANSITION' });
        }
        if (input.status === VolunteerStatus.SUSPENDED && !input.reason) throw badInput('input.reason', 'A suspension needs a reason', 'REASON_REQUIRED');
        await recordStatus(manager, volunteer.id, volunteer.status, input.status, input.reason ?? null, principal.subject!);
        volunteer.status = input.status;
        return manager.getRepository(Volunteer).save(volunteer);
      },
      'The volunteer',
    );
  }

  loadByIds(ids: readonly string[]): Promise<Volunteer[]> {
    return this.db.getRepository(Volunteer).findBy({ id: In([...ids]) });
  }

  findById(id: string): Promise<Volunteer | null> {
    return this.db.getRepository(Volunteer).findOneBy({ id });
  }

  /** The caller's own registration: by the volunteer id in their token, else by their account. */
  async findOwn(principal: Principal): Promise<Volunteer | null> {
    const repository = this.db.getRepository(Volunteer);
    if (principal.volunteerId) return repository.findOneBy({ id: principal.volunteerId });
    return principal.subject ? repository.findOneBy({ accountSubject: principal.subject }) : null;
  }

  openIdNumber(volunteer: Volunteer): string {
    return this.cipher.open(volunteer.idNumberSealed);
  }

  private async loadVisibleForUpdate(manager: EntityManager, id: string): Promise<Volunteer> {
    const query = manager.getRepository(Volunteer).createQueryBuilder('v').where('v.id = :id', { id });
    const volunteer = await forUpdate(manager, query).getOne();
    if (!volunteer) throw notFound('Volunteer', id, 'input.id');
    return volunteer;
  }

  private async loadEditable(manager: EntityManager, principal: Principal, id: string, lock = false): Promise<Volunteer> {
    const volunteer = lock ? await this.loadVisibleForUpdate(manager, id) : await manager.getRepository(Volunteer).findOneBy({ id });
    if (!volunteer) throw notFound('Volunteer', id, 'input.id');
    if (!isSelf(principal, volunteer) && !managesVolunteer(principal, volunteer)) {
      throw forbidden('Only the volunteer and managers of their home site change the profile', 'NOT_SITE_MANAGER');
    }
    return volunteer;
  }

  private async profileParts(manager: EntityManager, input: RegisterVolunteerInput | UpdateVolunteerInput): Promise<ProfileParts> {
    return {
      skills: input.skillCodes ? await this.skills.byCodes(manager, input.skillCodes, 'input.skillCodes') : undefined,
      categoryCodes: input.categoryCodes,
      serviceArea: input.serviceArea,
      availability: input.availability,
    };
  }

  private async checkUnique(manager: EntityManager, values: { phone: string; accountSubject: string | null }): Promise<void> {
    const repository = manager.getRepository(Volunteer);
    if (await repository.existsBy({ phone: values.phone })) {
      throw conflict('This phone number belongs to another volunteer', { field: 'input.phone', reason: 'PHONE_TAKEN' });
    }
    if (values.accountSubject && (await repository.existsBy({ accountSubject: values.accountSubject }))) {
      throw conflict('This account is registered as another volunteer', { field: 'input.accountSubject', reason: 'ACCOUNT_REGISTERED' });
    }
  }
}

const areaSites = (area: ServiceAreaInput | undefined): SiteToFind[] =>
  (area?.siteIds ?? []).map((id, index) => ({ id, field: `input.serviceArea.siteIds[${index}]` }));

/** A registration retried with the same person and site returns the first one; anything else is a conflict. */
function sameRegistrationOrConflict(existing: Volunteer, input: RegisterVolunteerInput, accountSubject: string | null): Volunteer {
  const same =
    existing.name === input.name && existing.phone === input.phone && existing.homeSiteId === input.homeSiteId && existing.accountSubject === accountSubject;
  if (!same) throw conflict('A volunteer with this ID number is already registered', { field: 'input.idNumber', reason: 'ALREADY_REGISTERED' });
  return existing;
}

async function recordStatus(
  manager: EntityManager,
  volunteerId: string,
  from: VolunteerStatus | null,
  to: VolunteerStatus,
  reason: string | null,
  by: string,
): Promise<void> {
  await manager.insert(VolunteerStatusChange, { id: uuidv7(), volunteerId, fromStatus: from, toStatus: to, reason, changedBy: by, changedAt: new Date() });
}

export type { SiteFacts };
