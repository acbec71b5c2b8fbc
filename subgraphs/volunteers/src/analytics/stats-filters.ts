import { badInput, isValidDate, likeContains, likePrefix } from '@practice/common';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Conditions both kinds of figures share, each on the column that holds the fact (the volunteer's
 * id on a volunteer row or on a service record). Parameter names carry a prefix so that two of
 * them on one query do not collide.
 */

export function whereRegion<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, column: string, prefix: string | null | undefined): void {
  if (prefix) query.andWhere(`${column} LIKE :statsRegion ESCAPE '!'`, { statsRegion: likePrefix(prefix) });
}

/** Having a skill at or below one of the skills whose tree paths are given. */
export function whereSkills<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, volunteerColumn: string, paths: readonly string[]): void {
  if (!paths.length) return;
  const conditions = paths.map((_path, index) => `k.path LIKE :statsSkill${index} ESCAPE '!'`).join(' OR ');
  query.andWhere(
    `EXISTS (SELECT 1 FROM volunteer_skill vs INNER JOIN skill k ON k.id = vs.skill_id WHERE vs.volunteer_id = ${volunteerColumn} AND (${conditions}))`,
    Object.fromEntries(paths.map((path, index) => [`statsSkill${index}`, likePrefix(path)])),
  );
}

export function whereTeam<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, volunteerColumn: string, teamId: string | null | undefined): void {
  if (teamId) {
    query.andWhere(`EXISTS (SELECT 1 FROM team_member ft WHERE ft.volunteer_id = ${volunteerColumn} AND ft.team_id = :statsTeam)`, { statsTeam: teamId });
  }
}

/** Rows whose materialized site path passes through one of the sites. */
export function whereUnderSites<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, pathColumn: string, siteIds: readonly string[], name: string): void {
  const conditions = siteIds.map((_id, index) => `${pathColumn} LIKE :${name}${index} ESCAPE '!'`);
  query.andWhere(`(${conditions.join(' OR ')})`, Object.fromEntries(siteIds.map((id, index) => [`${name}${index}`, likeContains(`/${id}/`)])));
}

/** An optional range of days, each end checked; either may be left open. */
export function checkDayRange(from: string | null | undefined, to: string | null | undefined, field: string, names = ['from', 'to']): void {
  if (from && !isValidDate(from)) throw badInput(`${field}.${names[0]}`, 'must be a date YYYY-MM-DD', 'INVALID_DATE');
  if (to && !isValidDate(to)) throw badInput(`${field}.${names[1]}`, 'must be a date YYYY-MM-DD', 'INVALID_DATE');
  if (from && to && from > to) throw badInput(`${field}.${names[1]}`, `must not be before ${names[0]}`, 'PERIOD_REVERSED');
}
