import { MAX_PARAMETERS, isMysql, timeBucket, TimeBucket, wholeSecondsBetween, wholeSecondsOf } from '@practice/common';
import type { EntityManager } from 'typeorm';
import type { Ticket } from '../ticket/ticket.entity';
import { OPEN_STATUSES, TicketStatus } from '../ticket/ticket.enums';
import { BUCKET_COUNT, bucketColumns, bucketOf, bucketSql, DurationMeasure, MATERIALIZED } from './duration-histogram';

/**
 * `ticket_month_stats`: the tickets summed per month of submission (China time), township of the
 * serving site (the first 9 digits of its region code), category, channel and kind, with every
 * measure ticketStats reports except the overdue count (which depends on the hour it is asked).
 * A county's year is ~40,000 rows instead of ~500,000 tickets: ticketStats reads it whenever the
 * question can be answered at that grain (see `fromMonthStats`).
 *
 * It is kept in the transaction of every change to a ticket (`applyToMonthStats`, given the row
 * before and after), so it never says anything the tickets do not; `rebuildMonthStats` computes it
 * from the tickets for the migration and after bulk writes.
 */
export const MONTH_STATS_TABLE = 'ticket_month_stats';

export const MONTH_STATS_KEYS = ['month', 'region_code', 'category_code', 'channel', 'kind'] as const;

/** The summed measures, in the order of `contribution`. */
export const MONTH_STATS_MEASURES = [
  'n',
  'open_n',
  'served_n',
  'rejected_n',
  'cancelled_n',
  'duplicate_n',
  'dh_n',
  'dh_seconds',
  'ch_n',
  'ch_seconds',
  'rated_n',
  'rating_sum',
  ...bucketColumns('dh'),
  ...bucketColumns('ch'),
];

export const SERVED_STATUSES = [TicketStatus.COMPLETED, TicketStatus.RATED, TicketStatus.CLOSED];

/** Status lists of the code itself, written into the SQL as literals. */
export const inList = (statuses: readonly TicketStatus[]): string => statuses.map((status) => `'${status}'`).join(', ');

/** 1 where the condition holds, else 0: what the figures sum. */
export const caseFlag = (condition: string): string => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;

/** The township level of the summary: region codes are cut to this many digits. */
export const MONTH_STATS_REGION_DIGITS = 9;

const CHINA_OFFSET_MS = 8 * 3_600_000;

type Counted = Pick<
  Ticket,
  'submittedAt' | 'servingSiteRegionCode' | 'categoryCode' | 'channel' | 'kind' | 'status' | 'firstDispatchedAt' | 'completedAt' | 'rating'
>;

interface Contribution {
  key: string[];
  values: number[];
}

/** What one ticket adds to its summary row. */
export function contribution(ticket: Counted): Contribution {
  const month = new Date(ticket.submittedAt.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
  const key = [month, ticket.servingSiteRegionCode.slice(0, MONTH_STATS_REGION_DIGITS), ticket.categoryCode ?? '', ticket.channel, ticket.kind];
  const dh = wholeSecondsOf(ticket.submittedAt, ticket.firstDispatchedAt);
  const ch = wholeSecondsOf(ticket.submittedAt, ticket.completedAt);
  // Counts, then sums, as bucketColumns orders them.
  const histogram = (seconds: number | null) => {
    const cells = new Array<number>(2 * BUCKET_COUNT).fill(0);
    if (seconds !== null) {
      cells[bucketOf(seconds)] = 1;
      cells[BUCKET_COUNT + bucketOf(seconds)] = seconds;
    }
    return cells;
  };
  const is = (condition: boolean) => (condition ? 1 : 0);
  const values = [
    1,
    is(OPEN_STATUSES.includes(ticket.status)),
    is(SERVED_STATUSES.includes(ticket.status)),
    is(ticket.status === TicketStatus.REJECTED),
    is(ticket.status === TicketStatus.CANCELLED),
    is(ticket.status === TicketStatus.DUPLICATE),
    is(dh !== null),
    dh ?? 0,
    is(ch !== null),
    ch ?? 0,
    is(ticket.rating !== null && ticket.rating !== undefined),
    ticket.rating ?? 0,
    ...histogram(dh),
    ...histogram(ch),
  ];
  return { key, values };
}

/**
 * Moves the summary from what `before` counted to what `after` counts (either may be null: a new
 * ticket, a removed one). Rows are written in key order, so two transactions touching the same two
 * rows cannot deadlock on them.
 */
export async function applyToMonthStats(manager: EntityManager, before: Counted | null, after: Counted | null): Promise<void> {
  const deltas = new Map<string, Contribution>();
  const add = (ticket: Counted | null, sign: 1 | -1) => {
    if (!ticket) return;
    const { key, values } = contribution(ticket);
    const id = JSON.stringify(key);
    const delta = deltas.get(id) ?? { key, values: new Array<number>(values.length).fill(0) };
    values.forEach((value, index) => (delta.values[index] += sign * value));
    deltas.set(id, delta);
  };
  add(before, -1);
  add(after, 1);
  const changed = [...deltas.entries()].filter(([, delta]) => delta.values.some((value) => value !== 0)).sort(([a], [b]) => (a < b ? -1 : 1));
  if (changed.length)
    await upsertMonthStats(
      manager,
      changed.map(([, delta]) => delta),
    );
}

/** Adds many tickets at once (bulk writes such as the demo seeder), as many rows per statement as the parameters allow. */
export async function addToMonthStats(manager: EntityManager, tickets: readonly Counted[]): Promise<void> {
  const sums = new Map<string, Contribution>();
  for (const ticket of tickets) {
    const { key, values } = contribution(ticket);
    const id = JSON.stringify(key);
    const sum = sums.get(id);
    if (sum) values.forEach((value, index) => (sum.values[index] += value));
    else sums.set(id, { key, values });
  }
  const rows = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, sum]) => sum);
  const perStatement = Math.floor(MAX_PARAMETERS / (MONTH_STATS_KEYS.length + MONTH_STATS_MEASURES.length));
  for (let start = 0; start < rows.length; start += perStatement) await upsertMonthStats(manager, rows.slice(start, start + perStatement));
}

async function upsertMonthStats(manager: EntityManager, rows: readonly Contribution[]): Promise<void> {
  const columns = [...MONTH_STATS_KEYS, ...MONTH_STATS_MEASURES];
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const mysql = isMysql(manager);
  const merge = mysql
    ? `ON DUPLICATE KEY UPDATE ${MONTH_STATS_MEASURES.map((m) => `${m} = ${m} + VALUES(${m})`).join(', ')}`
    : `ON CONFLICT (${MONTH_STATS_KEYS.join(', ')}) DO UPDATE SET ${MONTH_STATS_MEASURES.map((m) => `${m} = ${m} + excluded.${m}`).join(', ')}`;
  await manager.query(
    `INSERT INTO ${MONTH_STATS_TABLE} (${columns.join(', ')}) VALUES ${rows.map(() => tuple).join(', ')} ${merge}`,
    rows.flatMap(({ key, values }) => [...key, ...values]),
  );
}

/** The summary computed afresh from the tickets, replacing what it held; run it in a transaction. */
export async function rebuildMonthStats(manager: EntityManager): Promise<void> {
  await manager.query(`DELETE FROM ${MONTH_STATS_TABLE}`);
  await manager.query(`INSERT INTO ${MONTH_STATS_TABLE} (${[...MONTH_STATS_KEYS, ...MONTH_STATS_MEASURES].join(', ')}) ${monthStatsSelect(manager)}`);
}

/** The SELECT of every summary row from the ticket table, measures in the order of MONTH_STATS_MEASURES. */
function monthStatsSelect(db: EntityManager): string {
  const flag = (condition: string) => `SUM(${caseFlag(condition)})`;
  const buckets = (measure: DurationMeasure) => [
    ...Array.from({ length: BUCKET_COUNT }, (_, bucket) => flag(`x.${measure}_bucket = ${bucket}`)),
    ...Array.from({ length: BUCKET_COUNT }, (_, bucket) => `SUM(CASE WHEN x.${measure}_bucket = ${bucket} THEN x.${measure} ELSE 0 END)`),
  ];
  return `SELECT x.month, x.region_code, x.category_code, x.channel, x.kind,
      COUNT(*), ${flag(`x.status IN (${inList(OPEN_STATUSES)})`)}, ${flag(`x.status IN (${inList(SERVED_STATUSES)})`)},
      ${flag(`x.status = '${TicketStatus.REJECTED}'`)}, ${flag(`x.status = '${TicketStatus.CANCELLED}'`)}, ${flag(`x.status = '${TicketStatus.DUPLICATE}'`)},
      COUNT(x.dh), COALESCE(SUM(x.dh), 0), COUNT(x.ch), COALESCE(SUM(x.ch), 0), COUNT(x.rating), COALESCE(SUM(x.rating), 0),
      ${[...buckets('dh'), ...buckets('ch')].join(', ')}
    FROM (
      SELECT y.*, ${bucketSql('y.dh')} AS dh_bucket, ${bucketSql('y.ch')} AS ch_bucket
      FROM (
        SELECT ${timeBucket(db, 't.submitted_at', TimeBucket.MONTH)} AS month,
          SUBSTR(t.serving_region_code, 1, ${MONTH_STATS_REGION_DIGITS}) AS region_code, COALESCE(t.category_code, '') AS category_code,
          t.channel, t.kind, t.status, t.rating,
          ${wholeSecondsBetween(db, 't.submitted_at', 't.first_dispatched_at')} AS dh, ${wholeSecondsBetween(db, 't.submitted_at', 't.completed_at')} AS ch
        FROM ticket t
        ${MATERIALIZED}
      ) y
      ${MATERIALIZED}
    ) x
    GROUP BY x.month, x.region_code, x.category_code, x.channel, x.kind`;
}
