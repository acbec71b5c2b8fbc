import { registerEnumType } from 'type-graphql';
import type { DataSource, EntityManager } from 'typeorm';
import { isMysql } from '../db/dialect';
import { badInput } from '../errors/errors';

type Db = DataSource | EntityManager;

/**
 * Aggregates for analysts: group keys and measures as SQL expressions that MySQL/MariaDB and SQLite
 * both evaluate, so every subgraph computes its figures with GROUP BY in the database, never by
 * loading rows. Times are stored in UTC and bucketed in China time.
 */

/** Region levels by the length of the region-code prefix: 2 province, 4 city, 6 county, 9 township, 12 village. */
export enum RegionLevel {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
  TOWNSHIP = 'TOWNSHIP',
  VILLAGE = 'VILLAGE',
}

export const REGION_LEVEL_LENGTH: Record<RegionLevel, number> = {
  [RegionLevel.PROVINCE]: 2,
  [RegionLevel.CITY]: 4,
  [RegionLevel.COUNTY]: 6,
  [RegionLevel.TOWNSHIP]: 9,
  [RegionLevel.VILLAGE]: 12,
};

export enum TimeBucket {
  DAY = 'DAY',
  /** The ISO week, named by its Monday. */
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

registerEnumType(RegionLevel, { name: 'RegionLevel', description: 'A level of the region-code tree: the length of the code prefix (2, 4, 6, 9 or 12 digits)' });

/** The region code of a row at a level: its first 2, 4, 6, 9 or 12 digits. */
export const regionAt = (column: string, level: RegionLevel): string => `SUBSTR(${column}, 1, ${REGION_LEVEL_LENGTH[level]})`;

/** The China-time calendar day, week (its Monday) or month of a UTC datetime column, as YYYY-MM-DD or YYYY-MM. */
export function timeBucket(db: Db, column: string, bucket: TimeBucket): string {
  if (isMysql(db)) {
    const local = `DATE_ADD(${column}, INTERVAL 8 HOUR)`;
    if (bucket === TimeBucket.MONTH) return `DATE_FORMAT(${local}, '%Y-%m')`;
    if (bucket === TimeBucket.DAY) return `DATE_FORMAT(${local}, '%Y-%m-%d')`;
    return `DATE_FORMAT(DATE_SUB(DATE(${local}), INTERVAL WEEKDAY(${local}) DAY), '%Y-%m-%d')`;
  }
  if (bucket === TimeBucket.MONTH) return `strftime('%Y-%m', ${column}, '+8 hours')`;
  if (bucket === TimeBucket.DAY) return `date(${column}, '+8 hours')`;
  return `date(${column}, '+8 hours', 'weekday 0', '-6 days')`;
}

/** The same buckets of a calendar-date column (YYYY-MM-DD, already a day in China). */
export function dateBucket(db: Db, column: string, bucket: TimeBucket): string {
  if (bucket === TimeBucket.MONTH) return `SUBSTR(${column}, 1, 7)`;
  if (bucket === TimeBucket.DAY) return isMysql(db) ? `DATE_FORMAT(${column}, '%Y-%m-%d')` : `date(${column})`;
  return isMysql(db) ? `DATE_FORMAT(DATE_SUB(${column}, INTERVAL WEEKDAY(${column}) DAY), '%Y-%m-%d')` : `date(${column}, 'weekday 0', '-6 days')`;
}

/** Hours from one datetime column to another, NULL when either is. */
export function hoursBetween(db: Db, from: string, to: string): string {
  return isMysql(db)
    ? `(TIMESTAMPDIFF(SECOND, ${from}, ${to}) / 3600.0)`
    : `((CAST(strftime('%s', ${to}) AS INTEGER) - CAST(strftime('%s', ${from}) AS INTEGER)) / 3600.0)`;
}

/**
 * Whole seconds from one datetime column to another, NULL when either is: each instant cut to its
 * second first, as `wholeSecondsOf` does in TypeScript, so that figures summed in SQL and figures
 * kept up to date in code agree to the second on both databases.
 */
export function wholeSecondsBetween(db: Db, from: string, to: string): string {
  if (!isMysql(db)) return `(CAST(strftime('%s', ${to}) AS INTEGER) - CAST(strftime('%s', ${from}) AS INTEGER))`;
  const cut = (column: string) => `(${column} - INTERVAL MICROSECOND(${column}) MICROSECOND)`;
  return `TIMESTAMPDIFF(SECOND, ${cut(from)}, ${cut(to)})`;
}

/**
 * SUM of a whole-number expression, as a double: MariaDB sums integers in DECIMAL, which over
 * hundreds of thousands of rows and dozens of sums costs more than reading the rows, while every
 * figure summed here is a whole number far below 2^53, which a double holds exactly. NULL when
 * every value is, as SUM is.
 */
export const sumAsDouble = (expression: string): string => `SUM((${expression}) + 0e0)`;

/** `wholeSecondsBetween` of two instants, null when either is missing. */
export function wholeSecondsOf(from: Date | null | undefined, to: Date | null | undefined): number | null {
  if (!from || !to) return null;
  return Math.floor(to.getTime() / 1000) - Math.floor(from.getTime() / 1000);
}

/**
 * The nearest-rank percentile `p` of `value` within each group, for an inner query that has
 * `ROW_NUMBER() OVER (PARTITION BY <keys> ORDER BY <value IS NULL>, <value>) AS <rank>` and
 * `COUNT(<value>) OVER (PARTITION BY <keys>) AS <count>`: the value whose rank is ⌈p·n⌉.
 */
export const percentileOf = (value: string, rank: string, count: string, p: number): string =>
  `MAX(CASE WHEN ${value} IS NOT NULL AND ${rank} >= ${p} * ${count} AND ${rank} - 1 < ${p} * ${count} THEN ${value} END)`;

/** The window columns `percentileOf` reads, for the inner query. */
export const percentileWindow = (value: string, partitionBy: string[], rank: string, count: string): string[] => {
  const partition = partitionBy.length ? `PARTITION BY ${partitionBy.join(', ')}` : '';
  return [
    `ROW_NUMBER() OVER (${partition} ORDER BY CASE WHEN ${value} IS NULL THEN 1 ELSE 0 END, ${value}) AS ${rank}`,
    `COUNT(${value}) OVER (${partition}) AS ${count}`,
  ];
};

export interface AggregateLimits {
  /** Dimensions one query may group by. */
  maxDimensions: number;
  /** Groups one answer may have. */
  maxGroups: number;
}

export const DEFAULT_AGGREGATE_LIMITS: AggregateLimits = { maxDimensions: 4, maxGroups: 2000 };

/** Each dimension once, and not too many: an unknown dimension is refused by the enum already. */
export function checkDimensions<T extends string>(groupBy: readonly T[], limits: AggregateLimits = DEFAULT_AGGREGATE_LIMITS, field = 'groupBy'): T[] {
  if (new Set(groupBy).size !== groupBy.length) throw badInput(field, 'names a dimension twice', 'REPEATED_DIMENSION');
  if (groupBy.length > limits.maxDimensions) throw badInput(field, `groups by at most ${limits.maxDimensions} dimensions`, 'TOO_MANY_DIMENSIONS');
  return [...groupBy];
}

/** Refuses an answer of more groups than allowed; the query asks for one more to know. */
export function checkGroupCount(rows: readonly unknown[], limits: AggregateLimits = DEFAULT_AGGREGATE_LIMITS): void {
  if (rows.length > limits.maxGroups) {
    throw badInput('groupBy', `The answer would have more than ${limits.maxGroups} groups: filter more or group by fewer dimensions`, 'TOO_MANY_GROUPS');
  }
}
