import { AggregateLimits, badInput, checkGroupCount, isMysql } from '@practice/common';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** A column of a grouped answer: SQL over the query's aliases, selected as `alias`. */
export interface SqlColumn {
  alias: string;
  expression: string;
}

export interface GroupedSpec<T extends ObjectLiteral> {
  /** FROM, joins and WHERE of the facts; nothing selected yet. */
  query: SelectQueryBuilder<T>;
  /** The group keys, in the order of `groupBy` (which is also the order of the groups). */
  keys: SqlColumn[];
  measures: SqlColumn[];
  /** Alias of the measure that counts the distinct volunteers of a group. */
  volunteersOf: string;
  /** Alias of the measure that makes a group "larger" for `first`. */
  largestBy: string;
}

export interface GroupedOptions {
  /** Only the largest groups, largest first; else every group in the order of its keys. */
  first?: number | null;
  limits: AggregateLimits;
  /** Groups of fewer volunteers are left out (1: none is). */
  minGroupSize: number;
}

export interface GroupedRows {
  rows: Record<string, unknown>[];
  /** With `first`: whether larger-than-minimum groups were left out. */
  truncated: boolean;
  /** Groups left out for having fewer than `minGroupSize` volunteers. */
  suppressed: number;
}

/**
 * Groups and measures the facts in one statement: the database groups, counts the groups that
 * are shown and those too small to be, orders and cuts; only the groups come back. The groups
 * too small to show sort last, so that the counts arrive even when every group is too small.
 */
export async function groupedRows<T extends ObjectLiteral>(db: DataSource, spec: GroupedSpec<T>, options: GroupedOptions): Promise<GroupedRows> {
  const { first, limits, minGroupSize } = options;
  if (first !== undefined && first !== null && (!Number.isInteger(first) || first < 1 || first > limits.maxGroups)) {
    throw badInput('first', `first must be between 1 and ${limits.maxGroups}`, 'PAGE_SIZE_OUT_OF_RANGE');
  }
  const query = spec.query.select([]);
  for (const column of [...spec.keys, ...spec.measures]) query.addSelect(column.expression, column.alias);
  // By alias: both databases accept it, and it spares repeating the CASE expressions.
  if (spec.keys.length) query.groupBy(spec.keys.map((key) => key.alias).join(', '));
  const [inner, parameters] = query.getQueryAndParameters();

  const size = `g.${spec.volunteersOf}`;
  const keyOrder = spec.keys.map((key) => `g.${key.alias} ASC`);
  const order = first ? [`g.${spec.largestBy} DESC`, ...keyOrder] : keyOrder;
  const sql =
    `SELECT g.*, COUNT(*) OVER () AS all_groups, SUM(CASE WHEN ${size} >= ? THEN 1 ELSE 0 END) OVER () AS shown_groups` +
    ` FROM (${inner}) g WHERE ${size} > 0` +
    ` ORDER BY ${[`CASE WHEN ${size} >= ? THEN 0 ELSE 1 END`, ...order].join(', ')} LIMIT ?`;
  const limit = first ?? limits.maxGroups + 1;
  const rows: Record<string, unknown>[] = await db.query(sql, [minGroupSize, ...parameters, minGroupSize, limit]);

  const shown = rows.filter((row) => Number(row[spec.volunteersOf]) >= minGroupSize);
  if (!first) checkGroupCount(shown, limits);
  const shownGroups = rows.length ? Number(rows[0].shown_groups) : 0;
  const allGroups = rows.length ? Number(rows[0].all_groups) : 0;
  return { rows: shown, truncated: shownGroups > shown.length, suppressed: allGroups - shownGroups };
}

/** Hours from hundredths, and a mean to two decimals (null for nothing to divide by). */
export const hoursOf = (hundredths: unknown): number => Number(hundredths ?? 0) / 100;
export const meanHours = (hundredths: unknown, count: unknown): number | null =>
  Number(count) > 0 ? Math.round(Number(hundredths ?? 0) / Number(count)) / 100 : null;

/**
 * An id column as a group key or a distinct value, compared byte by byte on MySQL. Under the
 * tables' utf8mb4_unicode_520_ci every comparison of two ids weighs them by the Unicode collation:
 * sorting a county's year of records by site that way took minutes, by bytes seconds. Ids are
 * ASCII, so the groups are the same; SQLite compares bytes already.
 */
export const idKey = (db: DataSource, column: string): string => (isMysql(db) ? `(${column} COLLATE utf8mb4_bin)` : column);
