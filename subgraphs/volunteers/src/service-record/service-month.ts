import { isMysql, runTransaction } from '@practice/common';
import { DataSource, EntityManager } from 'typeorm';
import { ServiceRecordStatus } from './service-record.enums';

/**
 * Keeping `service_month` and `service_month_group` (service-month.entity.ts) equal to the sums of
 * the service records, in the transaction of each change to a record: a record counts in the row of
 * its volunteer, month of service, county of the place of service and status, and that row in the
 * group of its status, month, county and the volunteer's verified hours.
 *
 * Every writer of a volunteer's rows holds the lock on the volunteer's row first (recording locks
 * it, verifying updates it, rejecting locks it), so the rows of one volunteer change one
 * transaction after another; they are read with locking reads, which see the rows as they are and
 * not as an older snapshot of the transaction had them. The groups are shared between volunteers
 * and only ever moved by relative amounts.
 */

/** What of a record decides its row and what it adds to it. */
export interface MonthContribution {
  volunteerId: string;
  /** YYYY-MM-DD. */
  servedOn: string;
  regionCode: string;
  status: ServiceRecordStatus;
  hoursHundredths: number;
}

/** The row's month and county, as the rebuild's SQL cuts them (`SUBSTR(served_on, 1, 7)`, `SUBSTR(region_code, 1, 6)`). */
export const monthOf = (servedOn: string): string => servedOn.slice(0, 7);
export const countyOf = (regionCode: string): string => regionCode.slice(0, 6);

const KEY = 'volunteer_id = ? AND month = ? AND county_code = ? AND status = ?';
const GROUP_KEY = 'status = ? AND month = ? AND county_code = ? AND volunteer_hundredths = ?';

interface Key {
  volunteerId: string;
  month: string;
  county: string;
  status: ServiceRecordStatus;
}
const keyOf = (record: MonthContribution): Key => ({
  volunteerId: record.volunteerId,
  month: monthOf(record.servedOn),
  county: countyOf(record.regionCode),
  status: record.status,
});
const keyValues = (key: Key): string[] => [key.volunteerId, key.month, key.county, key.status];

const locking = (manager: EntityManager, sql: string): string => (isMysql(manager) ? `${sql} FOR UPDATE` : sql);

interface MonthFigures {
  hours_hundredths: number;
  record_count: number;
  volunteer_hundredths: number;
}

async function monthRow(manager: EntityManager, key: Key): Promise<MonthFigures | undefined> {
  const rows: MonthFigures[] = await manager.query(
    locking(manager, `SELECT hours_hundredths, record_count, volunteer_hundredths FROM service_month WHERE ${KEY}`),
    keyValues(key),
  );
  return (
    rows[0] && {
      hours_hundredths: Number(rows[0].hours_hundredths),
      record_count: Number(rows[0].record_count),
      volunteer_hundredths: Number(rows[0].volunteer_hundredths),
    }
  );
}

/** Adds to a group, which is created if missing. */
async function addToGroup(manager: EntityManager, key: Key, hundredths: number, volunteers: number, hours: number, records: number): Promise<void> {
  const values = [key.status, key.month, key.county, hundredths, volunteers, hours, records];
  const insert =
    'INSERT INTO service_month_group (status, month, county_code, volunteer_hundredths, volunteer_count, hours_hundredths, record_count) VALUES (?, ?, ?, ?, ?, ?, ?)';
  if (isMysql(manager)) {
    // The values again rather than VALUES(), which MySQL 8.0.20+ deprecates.
    await manager.query(
      `${insert} ON DUPLICATE KEY UPDATE volunteer_count = volunteer_count + ?, hours_hundredths = hours_hundredths + ?, record_count = record_count + ?`,
      [...values, volunteers, hours, records],
    );
  } else {
    await manager.query(
      `${insert} ON CONFLICT (status, month, county_code, volunteer_hundredths) DO UPDATE SET volunteer_count = volunteer_count + excluded.volunteer_count,` +
        ' hours_hundredths = hours_hundredths + excluded.hours_hundredths, record_count = record_count + excluded.record_count',
      values,
    );
  }
}

/** Takes from a group, and the group away once it counts no volunteer. */
async function takeFromGroup(manager: EntityManager, key: Key, hundredths: number, volunteers: number, hours: number, records: number): Promise<void> {
  const group = [key.status, key.month, key.county, hundredths];
  await manager.query(
    `UPDATE service_month_group SET volunteer_count = volunteer_count - ?, hours_hundredths = hours_hundredths - ?, record_count = record_count - ? WHERE ${GROUP_KEY}`,
    [volunteers, hours, records, ...group],
  );
  if (volunteers) await manager.query(`DELETE FROM service_month_group WHERE ${GROUP_KEY} AND volunteer_count <= 0`, group);
}

/**
 * Counts a record in its row, created with the volunteer's verified hours now if missing (an
 * existing row has them already), and in the row's group.
 */
export async function countInServiceMonth(manager: EntityManager, record: MonthContribution, volunteerHundredths: number): Promise<void> {
  const key = keyOf(record);
  const row = await monthRow(manager, key);
  if (row) {
    await manager.query(`UPDATE service_month SET hours_hundredths = hours_hundredths + ?, record_count = record_count + 1 WHERE ${KEY}`, [
      record.hoursHundredths,
      ...keyValues(key),
    ]);
  } else {
    await manager.query(
      'INSERT INTO service_month (volunteer_id, month, county_code, status, hours_hundredths, record_count, volunteer_hundredths) VALUES (?, ?, ?, ?, ?, 1, ?)',
      [...keyValues(key), record.hoursHundredths, volunteerHundredths],
    );
  }
  await addToGroup(manager, key, row ? row.volunteer_hundredths : volunteerHundredths, row ? 0 : 1, record.hoursHundredths, 1);
}

/**
 * Takes a record out of its row and group, and the row away once it counts no record: a row of no
 * records would count its volunteer among those who served. A missing row stays missing.
 */
export async function uncountFromServiceMonth(manager: EntityManager, record: MonthContribution): Promise<void> {
  const key = keyOf(record);
  const row = await monthRow(manager, key);
  if (!row) return;
  const last = row.record_count <= 1;
  if (last) await manager.query(`DELETE FROM service_month WHERE ${KEY}`, keyValues(key));
  else {
    await manager.query(`UPDATE service_month SET hours_hundredths = hours_hundredths - ?, record_count = record_count - 1 WHERE ${KEY}`, [
      record.hoursHundredths,
      ...keyValues(key),
    ]);
  }
  await takeFromGroup(manager, key, row.volunteer_hundredths, last ? 1 : 0, record.hoursHundredths, 1);
}

/** A record moves from its status to another (a review). */
export async function moveInServiceMonth(
  manager: EntityManager,
  record: MonthContribution,
  to: ServiceRecordStatus,
  volunteerHundredths: number,
): Promise<void> {
  await uncountFromServiceMonth(manager, record);
  await countInServiceMonth(manager, { ...record, status: to }, volunteerHundredths);
}

/**
 * The volunteer's verified hours changed: every row of theirs takes the new figure (their star
 * level now), and moves from the group of its old figure to that of the new one. Four statements
 * whatever the number of rows: out of the old groups, the emptied groups away, into the new groups,
 * the new figure on the rows.
 */
export async function copyVerifiedHours(manager: EntityManager, volunteerId: string, verifiedHundredths: number): Promise<void> {
  const moving = [volunteerId, verifiedHundredths];
  const sameGroup = (g: string) =>
    `${g}.status = m.status AND ${g}.month = m.month AND ${g}.county_code = m.county_code AND ${g}.volunteer_hundredths = m.volunteer_hundredths`;
  if (isMysql(manager)) {
    await manager.query(
      `UPDATE service_month_group g INNER JOIN service_month m ON ${sameGroup('g')}` +
        ' SET g.volunteer_count = g.volunteer_count - 1, g.hours_hundredths = g.hours_hundredths - m.hours_hundredths, g.record_count = g.record_count - m.record_count' +
        ' WHERE m.volunteer_id = ? AND m.volunteer_hundredths <> ?',
      moving,
    );
  } else {
    await manager.query(
      'UPDATE service_month_group SET volunteer_count = volunteer_count - 1, hours_hundredths = service_month_group.hours_hundredths - m.hours_hundredths,' +
        ' record_count = service_month_group.record_count - m.record_count' +
        ` FROM service_month m WHERE m.volunteer_id = ? AND m.volunteer_hundredths <> ? AND ${sameGroup('service_month_group')}`,
      moving,
    );
  }
  // On MySQL from the volunteer's rows into the groups by their key: the IN form would scan every group, locking each.
  if (isMysql(manager)) {
    await manager.query(
      `DELETE g FROM service_month_group g INNER JOIN service_month m ON ${sameGroup('g')}` +
        ' WHERE m.volunteer_id = ? AND m.volunteer_hundredths <> ? AND g.volunteer_count <= 0',
      moving,
    );
  } else {
    await manager.query(
      'DELETE FROM service_month_group WHERE volunteer_count <= 0 AND (status, month, county_code, volunteer_hundredths) IN' +
        ' (SELECT status, month, county_code, volunteer_hundredths FROM service_month WHERE volunteer_id = ? AND volunteer_hundredths <> ?)',
      moving,
    );
  }
  const select =
    'INSERT INTO service_month_group (status, month, county_code, volunteer_hundredths, volunteer_count, hours_hundredths, record_count)' +
    ' SELECT m.status, m.month, m.county_code, ?, 1, m.hours_hundredths, m.record_count FROM service_month m WHERE m.volunteer_id = ? AND m.volunteer_hundredths <> ?';
  if (isMysql(manager)) {
    await manager.query(
      `${select} ON DUPLICATE KEY UPDATE volunteer_count = service_month_group.volunteer_count + 1,` +
        ' hours_hundredths = service_month_group.hours_hundredths + m.hours_hundredths, record_count = service_month_group.record_count + m.record_count',
      [verifiedHundredths, ...moving],
    );
  } else {
    await manager.query(
      `${select} ON CONFLICT (status, month, county_code, volunteer_hundredths) DO UPDATE SET volunteer_count = volunteer_count + 1,` +
        ' hours_hundredths = hours_hundredths + excluded.hours_hundredths, record_count = record_count + excluded.record_count',
      [verifiedHundredths, ...moving],
    );
  }
  await manager.query('UPDATE service_month SET volunteer_hundredths = ? WHERE volunteer_id = ? AND volunteer_hundredths <> ?', [
    verifiedHundredths,
    ...moving,
  ]);
}

export interface ServiceMonthRow {
  volunteer_id: string;
  month: string;
  county_code: string;
  status: string;
  hours_hundredths: number;
  record_count: number;
  volunteer_hundredths: number;
}

export interface ServiceMonthGroupRow {
  status: string;
  month: string;
  county_code: string;
  volunteer_hundredths: number;
  volunteer_count: number;
  hours_hundredths: number;
  record_count: number;
}

const ROW_COLUMNS = 'volunteer_id, month, county_code, status, hours_hundredths, record_count, volunteer_hundredths';
const GROUP_COLUMNS = 'status, month, county_code, volunteer_hundredths, volunteer_count, hours_hundredths, record_count';

/** The rows the records make, for the volunteers whose ids pass `where` (on `r.volunteer_id`). */
function rowsOfRecords(where: string): string {
  const month = 'SUBSTR(r.served_on, 1, 7)';
  const county = 'SUBSTR(r.region_code, 1, 6)';
  return (
    `SELECT r.volunteer_id, ${month} AS month, ${county} AS county_code, r.status, SUM(r.hours_hundredths) AS hours_hundredths,` +
    ` COUNT(*) AS record_count, v.verified_hundredths AS volunteer_hundredths` +
    ` FROM service_record r INNER JOIN volunteer v ON v.id = r.volunteer_id WHERE ${where}` +
    ` GROUP BY r.volunteer_id, ${month}, ${county}, r.status, v.verified_hundredths`
  );
}

/** The groups the rows make. */
const GROUPS_OF_MONTHS =
  'SELECT status, month, county_code, volunteer_hundredths, COUNT(*) AS volunteer_count, SUM(hours_hundredths) AS hours_hundredths,' +
  ' SUM(record_count) AS record_count FROM service_month GROUP BY status, month, county_code, volunteer_hundredths';

export interface RebuildOptions {
  /** Volunteers per batch (default 2,000: about 60,000 records of the demo county). */
  batchSize?: number;
  onBatch?(progress: { volunteers: number; rows: number }): void;
}

/**
 * Makes `service_month` and `service_month_group` equal to the sums of the service records again,
 * for writers that bypass the service (the demo seeder's bulk inserts) and for the migration that
 * creates the tables. The volunteers go by ranges of their ids, in their order in the database:
 * each range deletes its rows and writes them again from its records; the groups are then written
 * again from the rows, in one statement. A run that stops halfway can simply be run again. Given a
 * data source, each step is its own transaction; given a manager, all run inside its own. Answers
 * the rows of `service_month` written.
 */
export async function rebuildServiceMonths(target: DataSource | EntityManager, options: RebuildOptions = {}): Promise<number> {
  const { batchSize = 2000, onBatch } = options;
  const inRange = 'volunteer_id >= ? AND volunteer_id <= ?';
  const batch = async (manager: EntityManager, first: string, last: string): Promise<number> => {
    await manager.query(`DELETE FROM service_month WHERE ${inRange}`, [first, last]);
    await manager.query(`INSERT INTO service_month (${ROW_COLUMNS}) ${rowsOfRecords(`r.${inRange}`)}`, [first, last]);
    const [{ n }] = await manager.query(`SELECT COUNT(*) AS n FROM service_month WHERE ${inRange}`, [first, last]);
    return Number(n);
  };
  const groups = async (manager: EntityManager): Promise<void> => {
    await manager.query('DELETE FROM service_month_group');
    await manager.query(`INSERT INTO service_month_group (${GROUP_COLUMNS}) ${GROUPS_OF_MONTHS}`);
  };
  const run = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => (target instanceof DataSource ? runTransaction(target, work) : work(target));
  const manager = target instanceof DataSource ? target.manager : target;

  // Rows of volunteers that no longer exist cannot be (a foreign key), so the ranges of the
  // volunteers' ids cover every row there may be.
  let after: string | null = null;
  let volunteers = 0;
  let rows = 0;
  for (;;) {
    const ids: { id: string }[] = await manager.query(
      `SELECT id FROM volunteer${after === null ? '' : ' WHERE id > ?'} ORDER BY id LIMIT ${Number(batchSize)}`,
      after === null ? [] : [after],
    );
    if (!ids.length) break;
    const first = ids[0].id;
    const last = ids[ids.length - 1].id;
    rows += await run((manager) => batch(manager, first, last));
    volunteers += ids.length;
    onBatch?.({ volunteers, rows });
    after = last;
  }
  await run(groups);
  return rows;
}

/** What a rebuild would write to `service_month`, in key order: for tests, to compare with what the writes kept. */
export async function serviceMonthsOfRecords(db: DataSource | EntityManager): Promise<ServiceMonthRow[]> {
  return (await db.query(`${rowsOfRecords('1 = 1')} ORDER BY 1, 2, 3, 4`)).map(numbers);
}

/** The rows `service_month` holds, in key order. */
export async function serviceMonthRows(db: DataSource | EntityManager): Promise<ServiceMonthRow[]> {
  return (await db.query(`SELECT ${ROW_COLUMNS} FROM service_month ORDER BY 1, 2, 3, 4`)).map(numbers);
}

/** What a rebuild would write to `service_month_group` from `service_month`, in key order. */
export async function serviceMonthGroupsOfMonths(db: DataSource | EntityManager): Promise<ServiceMonthGroupRow[]> {
  return (await db.query(`${GROUPS_OF_MONTHS} ORDER BY 1, 2, 3, 4`)).map(numbers);
}

/** The rows `service_month_group` holds, in key order. */
export async function serviceMonthGroupRows(db: DataSource | EntityManager): Promise<ServiceMonthGroupRow[]> {
  return (await db.query(`SELECT ${GROUP_COLUMNS} FROM service_month_group ORDER BY 1, 2, 3, 4`)).map(numbers);
}

/** Sums come back as decimal strings from MySQL. */
function numbers<T extends object>(row: T): T {
  const numeric = ['hours_hundredths', 'record_count', 'volunteer_hundredths', 'volunteer_count'];
  return Object.fromEntries(Object.entries(row).map(([name, value]) => [name, numeric.includes(name) ? Number(value) : value])) as T;
}
