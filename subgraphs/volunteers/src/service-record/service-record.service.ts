import {
  badInput,
  Caller,
  conflict,
  findSites,
  forbidden,
  forUpdate,
  isUniqueViolation,
  notFound,
  Principal,
  requireSignedIn,
  runTransaction,
  SiteDirectory,
  SiteFacts,
  uuidv7,
  isValidDate,
  todayInChina,
} from '@practice/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { PointsService } from '../points/points.service';
import { MAX_HOURS_PER_DAY, toHundredths } from '../shared/hours';
import { isSelf, managesVolunteer } from '../volunteer/volunteer.access';
import { Volunteer } from '../volunteer/volunteer.entity';
import { ServiceRecord } from './service-record.entity';
import { ServiceRecordStatus, ServiceSourceType } from './service-record.enums';
import type { RecordServiceInput, RejectServiceRecordInput } from './service-record.inputs';
import { reviewsRecord } from './service-record.access';
import { countInServiceMonth, copyVerifiedHours, moveInServiceMonth } from './service-month';

/** The oldest day of service the product accepts, imports included. */
const FIRST_SERVICE_DAY = '2000-01-01';
/** Sources a volunteer may report themselves; tickets and imports come from the system. */
const SELF_REPORTED: readonly ServiceSourceType[] = [ServiceSourceType.MANUAL, ServiceSourceType.ACTIVITY];

/** A record about to be written, checked except for what needs the volunteer's row. */
export interface NewRecord {
  volunteerId: string;
  site: SiteFacts;
  servedOn: string;
  hoursHundredths: number;
  content: string;
  sourceType: ServiceSourceType;
  sourceReference: string;
  /** Input field paths for errors. */
  fields: { volunteerId: string; hours: string };
}

/**
 * Service records: recorded PENDING (by the volunteer, a manager or an event of another subgraph),
 * then verified or rejected by a manager of the site where the service took place. Verification
 * adds the hours to the volunteer and earns points in the same transaction.
 */
export class ServiceRecordService {
  constructor(
    private readonly db: DataSource,
    private readonly sites: SiteDirectory,
    private readonly points: PointsService,
    private readonly pointsPerHour: number,
  ) {}

  async record(caller: Caller, input: RecordServiceInput): Promise<ServiceRecord> {
    const { principal } = caller;
    requireSignedIn(principal);
    const servedOn = checkServiceDay(input.servedOn, 'input.servedOn');
    const hoursHundredths = toHundredths(input.hours, 'input.hours');
    const site = (await findSites(this.sites, caller, [{ id: input.siteId, field: 'input.siteId' }])).get(input.siteId)!;
    const record: NewRecord = {
      volunteerId: input.volunteerId,
      site,
      servedOn,
      hoursHundredths,
      content: input.content,
      sourceType: input.source.type,
      sourceReference: input.source.reference,
      fields: { volunteerId: 'input.volunteerId', hours: 'input.hours' },
    };
    return this.writeOnce(record, principal.subject!, (volunteer) => {
      const managing = managesVolunteer(principal, volunteer) || reviewsRecord(principal, { siteId: site.id, sitePath: site.path });
      if (managing) return;
      if (isSelf(principal, volunteer) && SELF_REPORTED.includes(input.source.type)) return;
      throw forbidden('Service is recorded by the volunteer, managers of their home site or of the site where it took place', 'NOT_SITE_MANAGER');
    });
  }

  /**
   * Writes a record unless the same source was already recorded for the volunteer, in which case
   * that record is the answer and nothing changes. `authorize` sees the volunteer's row.
   */
  async writeOnce(record: NewRecord, by: string, authorize: (volunteer: Volunteer) => void): Promise<ServiceRecord> {
    try {
      return await runTransaction(this.db, (manager) => this.insert(manager, record, by, authorize), 'The volunteer');
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.db
        .getRepository(ServiceRecord)
        .findOneByOrFail({ volunteerId: record.volunteerId, sourceType: record.sourceType, sourceReference: record.sourceReference });
    }
  }

  /**
   * Inside a transaction: writes the records of several volunteers (one each), all or none.
   *
   * Every volunteer's row is locked first, in the order of their ids, before anything is read:
   * two calls naming the same volunteers in other orders then wait for each other instead of
   * deadlocking, and the reads of `insert` (the same source, the hours of the day) come after all
   * the locks. On MySQL a transaction reads from the snapshot of its first plain read: had that
   * read happened while only the first volunteer was locked, the hours another transaction had
   * since committed for the second one would stay invisible and the daily limit could be passed.
   */
  async insertAll(manager: EntityManager, records: NewRecord[], by: string): Promise<ServiceRecord[]> {
    const ids = [...new Set(records.map((record) => record.volunteerId))].sort();
    const found = new Set<string>();
    for (const id of ids) {
      const locked = await forUpdate(manager, manager.getRepository(Volunteer).createQueryBuilder('v').select('v.id').where('v.id = :id', { id })).getOne();
      if (locked) found.add(id);
    }
    const missing = records.find((record) => !found.has(record.volunteerId));
    if (missing) throw notFound('Volunteer', missing.volunteerId, missing.fields.volunteerId);
    const written: ServiceRecord[] = [];
    for (const record of records) written.push(await this.insert(manager, record, by));
    return written;
  }

  /**
   * Inside a transaction: the volunteer's row is locked so that the daily limit holds under
   * concurrency. Its reads must not use a snapshot older than the lock (see `insertAll`): call it
   * first in its transaction, or after `insertAll` has locked every volunteer.
   */
  async insert(manager: EntityManager, record: NewRecord, by: string, authorize: (volunteer: Volunteer) => void = () => undefined): Promise<ServiceRecord> {
    const volunteerQuery = manager.getRepository(Volunteer).createQueryBuilder('v').where('v.id = :id', { id: record.volunteerId });
    const volunteer = await forUpdate(manager, volunteerQuery).getOne();
    if (!volunteer) throw notFound('Volunteer', record.volunteerId, record.fields.volunteerId);
    authorize(volunteer);
    const repository = manager.getRepository(ServiceRecord);
    const existing = await repository.findOneBy({ volunteerId: volunteer.id, sourceType: record.sourceType, sourceReference: record.sourceReference });
    if (existing) return existing;
    const { sum } = (await repository
      .createQueryBuilder('r')
      .select('COALESCE(SUM(r.hours_hundredths), 0)', 'sum')
      .where('r.volunteer_id = :volunteerId AND r.served_on = :servedOn AND r.status <> :rejected', {
        volunteerId: volunteer.id,
        servedOn: record.servedOn,
        rejected: ServiceRecordStatus.REJECTED,
      })
      .getRawOne<{ sum: string | number }>())!;
    const already = Number(sum);
    if (already + record.hoursHundredths > MAX_HOURS_PER_DAY * 100) {
      throw badInput(
        record.fields.hours,
        `${volunteer.name} already has ${already / 100} hours recorded on ${record.servedOn}; a day has at most ${MAX_HOURS_PER_DAY}`,
        'DAILY_LIMIT_EXCEEDED',
      );
    }
    const row = repository.create({
      id: uuidv7(),
      volunteerId: volunteer.id,
      siteId: record.site.id,
      sitePath: record.site.path,
      regionCode: record.site.regionCode,
      servedOn: record.servedOn,
      hoursHundredths: record.hoursHundredths,
      content: record.content,
      sourceType: record.sourceType,
      sourceReference: record.sourceReference,
      status: ServiceRecordStatus.PENDING,
      recordedBy: by,
      reviewedBy: null,
      reviewedAt: null,
      rejectionReason: null,
    });
    await repository.insert(row);
    // The volunteer's row is locked above: its verified hours are those of now.
    await countInServiceMonth(manager, row, volunteer.verifiedHundredths);
    return repository.findOneByOrFail({ id: row.id });
  }

  /**
   * PENDING → VERIFIED: adds the hours to the volunteer and earns points. Verifying again changes
   * nothing. Every month row of the volunteer takes their new verified hours (their star level may
   * have changed), and the record moves to the VERIFIED row of its month.
   */
  async verify(principal: Principal, id: string): Promise<ServiceRecord> {
    requireSignedIn(principal);
    return runTransaction(
      this.db,
      async (manager) => {
        const record = await this.loadForReview(manager, principal, id);
        if (record.status === ServiceRecordStatus.VERIFIED) return record;
        if (record.status === ServiceRecordStatus.REJECTED) throw conflict('The record was rejected', { field: 'id', reason: 'ALREADY_REVIEWED' });
        await this.review(manager, record, ServiceRecordStatus.VERIFIED, principal.subject!, null);
        await manager
          .createQueryBuilder()
          .update(Volunteer)
          .set({ verifiedHundredths: () => 'verified_hundredths + :hours' })
          .where('id = :volunteerId', { volunteerId: record.volunteerId, hours: record.hoursHundredths })
          .execute();
        // Read after the update, under its lock: the figure every other writer sees too.
        const { verifiedHundredths } = await manager
          .getRepository(Volunteer)
          .findOneOrFail({ where: { id: record.volunteerId }, select: { id: true, verifiedHundredths: true } });
        await copyVerifiedHours(manager, record.volunteerId, verifiedHundredths);
        await moveInServiceMonth(manager, record, ServiceRecordStatus.VERIFIED, verifiedHundredths);
        await this.points.earn(manager, record.volunteerId, Math.floor((record.hoursHundredths * this.pointsPerHour) / 100), record.id, principal.subject!);
        return manager.getRepository(ServiceRecord).findOneByOrFail({ id });
      },
      'The record',
    );
  }

  /** PENDING → REJECTED with a reason. Rejecting again changes nothing. The record moves to the REJECTED row of its month. */
  async reject(principal: Principal, input: RejectServiceRecordInput): Promise<ServiceRecord> {
    requireSignedIn(principal);
    return runTransaction(
      this.db,
      async (manager) => {
        const record = await this.loadForReview(manager, principal, input.id, 'input.id');
        if (record.status === ServiceRecordStatus.REJECTED) return record;
        if (record.status === ServiceRecordStatus.VERIFIED) throw conflict('The record was verified', { field: 'input.id', reason: 'ALREADY_REVIEWED' });
        await this.review(manager, record, ServiceRecordStatus.REJECTED, principal.subject!, input.reason);
        // The volunteer's lock, as every writer of their month rows takes it before them; and the
        // verified hours of now, which a plain read of an older snapshot might not give.
        const query = manager
          .getRepository(Volunteer)
          .createQueryBuilder('v')
          .select(['v.id', 'v.verifiedHundredths'])
          .where('v.id = :id', { id: record.volunteerId });
        const volunteer = await forUpdate(manager, query).getOneOrFail();
        await moveInServiceMonth(manager, record, ServiceRecordStatus.REJECTED, volunteer.verifiedHundredths);
        return manager.getRepository(ServiceRecord).findOneByOrFail({ id: input.id });
      },
      'The record',
    );
  }

  private async loadForReview(manager: EntityManager, principal: Principal, id: string, field = 'id'): Promise<ServiceRecord> {
    const query = manager.getRepository(ServiceRecord).createQueryBuilder('r').where('r.id = :id', { id });
    const record = await forUpdate(manager, query).getOne();
    if (!record) throw notFound('Service record', id, field);
    if (!reviewsRecord(principal, record)) throw forbidden('Only managers of the site where the service took place review it', 'NOT_SITE_MANAGER');
    const volunteer = await manager.getRepository(Volunteer).findOneByOrFail({ id: record.volunteerId });
    if (isSelf(principal, volunteer)) throw forbidden('Nobody reviews their own service', 'OWN_RECORD');
    return record;
  }

  /** The status moves only from PENDING, whoever else reviews the record at the same moment. */
  private async review(manager: EntityManager, record: ServiceRecord, status: ServiceRecordStatus, by: string, reason: string | null): Promise<void> {
    const result = await manager
      .createQueryBuilder()
      .update(ServiceRecord)
      .set({ status, reviewedBy: by, reviewedAt: new Date(), rejectionReason: reason })
      .where('id = :id AND status = :pending', { id: record.id, pending: ServiceRecordStatus.PENDING })
      .execute();
    if (!result.affected) throw conflict('The record was reviewed concurrently; retry', { field: 'id', reason: 'CONCURRENT_CHANGE' });
  }

  loadByIds(ids: readonly string[]): Promise<ServiceRecord[]> {
    return this.db.getRepository(ServiceRecord).findBy({ id: In([...ids]) });
  }
}

/** A day of service: a real date, not in the future (China time), not before 2000. */
export function checkServiceDay(servedOn: string, field: string): string {
  if (!isValidDate(servedOn)) throw badInput(field, 'must be a date YYYY-MM-DD', 'INVALID_DATE');
  if (servedOn > todayInChina()) throw badInput(field, 'must not be in the future', 'DATE_IN_FUTURE');
  if (servedOn < FIRST_SERVICE_DAY) throw badInput(field, `must not be before ${FIRST_SERVICE_DAY}`, 'DATE_TOO_OLD');
  return servedOn;
}
