import { COMPLETION_PRIOR_RATE, COMPLETION_PRIOR_TICKETS, RATING_PRIOR_COUNT, RATING_PRIOR_MEAN } from '../reliability/reliability.rules';
import { KM_PER_DEGREE, kmPerDegreeOfLongitude } from './geo';
import type { MatchSettings } from './match-settings';
import { MatchTicket, areaAnchor, categoryLineage, regionPrefixesOf } from './match-ticket';
import { DISTANCE_DECAY_KM, UNKNOWN_DISTANCE } from './score';

/** A ticket with the ids of each needed skill and of the skills below it (none for an unknown code). */
export interface PreparedTicket extends MatchTicket {
  skillIds: string[][];
}

/** Rows one ticket's branch hands over at most, best first by the SQL estimate of the score. */
export const CANDIDATE_POOL = 200;

/** Placeholders named while building, numbered in text order at the end (`?` on both databases). */
class Parameters {
  private readonly values: unknown[] = [];

  bind(value: unknown): string {
    this.values.push(value);
    return `:b${this.values.length - 1}:`;
  }

  list(values: readonly unknown[]): string {
    return values.map((value) => this.bind(value)).join(', ');
  }

  finish(sql: string): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const text = sql.replace(/:b(\d+):/g, (_match, index: string) => {
      params.push(this.values[Number(index)]);
      return '?';
    });
    return { sql: text, params };
  }
}

/**
 * One ticket's candidates, as SQL that both databases run, never a scan of the volunteers:
 *
 * - when the ticket needs skills, those qualified come from the skill index (ix_volunteer_skill_skill,
 *   the needed skills and those below them), and whether each serves the area is a lookup by key:
 *   the radius on its home location, the scope row of the ticket's township, a service area naming
 *   the site, an ancestor or a region prefix;
 * - else the area is a UNION of index ranges (the township's scope rows, those service areas, a
 *   bounding box on ix_volunteer_home_location cut down to the radius), and a preferred category at
 *   or above the ticket's is a lookup by key;
 * - ACTIVE and available in the window are checked per row, availability by key;
 * - the estimate is the score's own formula on the same facts, with an equirectangular distance,
 *   so the pool the database hands over holds the best candidates; they are scored exactly after.
 *
 * `volunteerColumns` are selected as `v_<column>` for hydration; `joinInOrder` is the join that
 * keeps its left side outside (STRAIGHT_JOIN on MySQL, CROSS JOIN on SQLite).
 */
export function candidateBranch(
  ticket: PreparedTicket,
  key: number,
  settings: MatchSettings & { starThresholdsHundredths: readonly number[] },
  volunteerColumns: readonly string[],
  dialect: { joinInOrder: 'STRAIGHT_JOIN' | 'CROSS JOIN' },
): { sql: string; params: unknown[] } | null {
  const p = new Parameters();
  const needsSkills = ticket.neededSkillCodes.length > 0;
  const qualifyingSkills = ticket.skillIds.flat();
  // Nobody has a skill the skills tree does not know.
  if (needsSkills && !qualifyingSkills.length) return null;
  const lineage = !needsSkills && ticket.categoryCode ? categoryLineage(ticket.categoryCode) : [];

  const here = ticket.location;
  const dLng = here ? kmPerDegreeOfLongitude(here.latitude) : 0;
  /** Squared km from the home to the ticket; `columns` is how the home columns are named there (`h.home_` or `c.k_home_`). */
  const squaredKm = (columns: string) =>
    here
      ? `((${columns}latitude - ${real(here.latitude)}) * ${real(KM_PER_DEGREE)}) * ((${columns}latitude - ${real(here.latitude)}) * ${real(KM_PER_DEGREE)})` +
        ` + ((${columns}longitude - ${real(here.longitude)}) * ${real(dLng)}) * ((${columns}longitude - ${real(here.longitude)}) * ${real(dLng)})`
      : '';

  const sites = [...ticket.ancestorIds, ticket.siteId];
  const anchor = p.bind(areaAnchor(ticket));
  const servesSite = (alias: string) =>
    `(${alias}.kind = 'SITE' AND ${alias}.value IN (${p.list(sites)})) OR (${alias}.kind = 'REGION' AND ${alias}.value IN (${p.list(regionPrefixesOf(ticket.regionCode))}))`;
  const r = settings.radiusKm;
  const inRadius = (columns: string) =>
    here
      ? `${columns}latitude BETWEEN ${p.bind(here.latitude - r / KM_PER_DEGREE)} AND ${p.bind(here.latitude + r / KM_PER_DEGREE)}` +
        ` AND ${columns}longitude BETWEEN ${p.bind(here.longitude - r / dLng)} AND ${p.bind(here.longitude + r / dLng)}` +
        ` AND ${squaredKm(columns)} <= ${p.bind(r * r)}`
      : null;

  // The smaller set drives, through its index; the other filters are lookups by key per volunteer.
  // The join order is forced: left to the planner, MariaDB would rather scan every ACTIVE volunteer.
  let driver: string;
  let filters: string;
  if (needsSkills) {
    driver = `SELECT DISTINCT q.volunteer_id AS volunteer_id FROM volunteer_skill q WHERE q.skill_id IN (${p.list(qualifyingSkills)})`;
    const inArea = [
      inRadius('v.home_'),
      `EXISTS (SELECT 1 FROM volunteer_scope sc WHERE sc.site_id = ${anchor} AND sc.volunteer_id = v.id)`,
      `EXISTS (SELECT 1 FROM volunteer_service_area sa WHERE sa.volunteer_id = v.id AND (${servesSite('sa')}))`,
    ];
    filters = ` AND (${inArea
      .filter((condition) => condition !== null)
      .map((condition) => `(${condition})`)
      .join(' OR ')})`;
  } else {
    const area = [
      `SELECT sc.volunteer_id AS volunteer_id FROM volunteer_scope sc WHERE sc.site_id = ${anchor}`,
      `SELECT sa.volunteer_id FROM volunteer_service_area sa WHERE ${servesSite('sa')}`,
      ...(here ? [`SELECT h.id FROM volunteer h WHERE ${inRadius('h.home_')}`] : []),
    ];
    driver = area.join(' UNION ');
    filters = lineage.length ? ` AND EXISTS (SELECT 1 FROM volunteer_category q WHERE q.volunteer_id = v.id AND q.category_code IN (${p.list(lineage)}))` : '';
  }

  const skillMask = ticket.skillIds.map((ids, index) =>
    ids.length
      ? `CASE WHEN EXISTS (SELECT 1 FROM volunteer_skill s WHERE s.volunteer_id = v.id AND s.skill_id IN (${p.list(ids)})) THEN ${2 ** index} ELSE 0 END`
      : '0',
  );
  const categoryDepth = lineage.length
    ? `COALESCE((SELECT MAX(CASE g.category_code ${lineage.map((code, index) => `WHEN ${p.bind(code)} THEN ${index + 1}`).join(' ')} ELSE 0 END)` +
      ` FROM volunteer_category g WHERE g.volunteer_id = v.id), 0)`
    : '0';
  const window = ticket.window;
  const segments = window?.segments ?? [];
  const overlap = segments
    .map(({ day, from, to }) => {
      const [d, f, t] = [p.bind(day), p.bind(from), p.bind(to)];
      return (
        `CASE WHEN a.day_of_week = ${d} AND a.starts_minute < ${t} AND a.ends_minute > ${f}` +
        ` THEN (CASE WHEN a.ends_minute < ${t} THEN a.ends_minute ELSE ${t} END) - (CASE WHEN a.starts_minute > ${f} THEN a.starts_minute ELSE ${f} END) ELSE 0 END`
      );
    })
    .join(' + ');
  // Available: a row overlapping the window (a range of the primary key per weekday), or no rows at
  // all (unknown). Past this filter, minutes covered = 0 means unknown.
  const available = window
    ? ` AND (EXISTS (SELECT 1 FROM volunteer_availability w WHERE w.volunteer_id = v.id AND (${segments
        .map(({ day, from, to }) => `(w.day_of_week = ${p.bind(day)} AND w.starts_minute < ${p.bind(to)} AND w.ends_minute > ${p.bind(from)})`)
        .join(' OR ')}))` + ' OR NOT EXISTS (SELECT 1 FROM volunteer_availability n WHERE n.volunteer_id = v.id))'
    : '';
  // What the estimate needs, narrow: the wide volunteer rows are joined for the pool only.
  const inner =
    'SELECT v.id AS k_id, v.home_latitude AS k_home_latitude, v.home_longitude AS k_home_longitude, v.verified_hundredths AS k_verified_hundredths,' +
    ` COALESCE(r.open_assignments, 0) AS r_open_assignments, COALESCE(r.accepted, 0) AS r_accepted, COALESCE(r.completed, 0) AS r_completed,` +
    ` COALESCE(r.declined, 0) AS r_declined, COALESCE(r.released, 0) AS r_released, COALESCE(r.rating_sum, 0) AS r_rating_sum,` +
    ` COALESCE(r.rating_count, 0) AS r_rating_count,` +
    ` ${skillMask.length ? skillMask.join(' + ') : '0'} AS m_skills, ${categoryDepth} AS m_category,` +
    (window ? ` (SELECT COALESCE(SUM(${overlap}), 0) FROM volunteer_availability a WHERE a.volunteer_id = v.id) AS a_covered` : ' 0 AS a_covered') +
    ` FROM (${driver}) d ${dialect.joinInOrder} volunteer v ON v.id = d.volunteer_id` +
    ` LEFT JOIN volunteer_reliability r ON r.volunteer_id = v.id` +
    ` WHERE v.status = 'ACTIVE'${filters}${available}`;

  const estimate = estimateSql(ticket, settings, here ? squaredKm('c.k_home_') : null, lineage.length);
  const pool = `SELECT c.*, ${estimate} AS estimate FROM (${inner}) c` + ` ORDER BY estimate DESC, c.k_id ASC LIMIT ${CANDIDATE_POOL}`;
  const sql =
    `SELECT ${key} AS ticket_key, ${volunteerColumns.map((column) => `v.${column} AS v_${column}`).join(', ')}, pool.*` +
    ` FROM (${pool}) pool ${dialect.joinInOrder} volunteer v ON v.id = pool.k_id`;
  return p.finish(sql);
}

/** A floating-point literal: MySQL computes with plain decimal literals in DECIMAL, several times slower per row. */
const real = (value: number): string => value.toExponential();

/** The score of score.ts in SQL over the columns of the inner query `c`; parts weighing 0 are left out. */
function estimateSql(
  ticket: PreparedTicket,
  settings: MatchSettings & { starThresholdsHundredths: readonly number[] },
  squaredKm: string | null,
  categoryDepth: number,
): string {
  const { weights } = settings;
  const needed = ticket.skillIds.length;
  const skill = needed
    ? `(${ticket.skillIds.map((_ids, index) => `CASE WHEN (c.m_skills & ${2 ** index}) > 0 THEN 1 ELSE 0 END`).join(' + ')}) / ${real(needed)}`
    : categoryDepth
      ? `c.m_category / ${real(categoryDepth)}`
      : real(1);
  const distance = squaredKm
    ? `CASE WHEN c.k_home_latitude IS NULL OR c.k_home_longitude IS NULL THEN ${real(UNKNOWN_DISTANCE)} ELSE EXP(-SQRT(${squaredKm}) / ${real(DISTANCE_DECAY_KM)}) END`
    : real(UNKNOWN_DISTANCE);
  const availability = ticket.window ? `c.a_covered / ${real(ticket.window.minutes)}` : real(1);
  const workload = `${real(1)} / (1 + c.r_open_assignments)`;
  const reliability =
    `${real(0.5)} * (c.r_completed + ${real(COMPLETION_PRIOR_TICKETS * COMPLETION_PRIOR_RATE)}) / (c.r_completed + c.r_released + c.r_declined + ${real(COMPLETION_PRIOR_TICKETS)})` +
    ` + ${real(0.5)} * ((c.r_rating_sum + ${real(RATING_PRIOR_COUNT * RATING_PRIOR_MEAN)}) / (c.r_rating_count + ${real(RATING_PRIOR_COUNT)}) - 1) / ${real(4)}`;
  const thresholds = settings.starThresholdsHundredths;
  const star = thresholds.length
    ? `(CASE ${thresholds
        .map((_t, index) => thresholds.length - index)
        .map((level) => `WHEN c.k_verified_hundredths >= ${thresholds[level - 1]} THEN ${level}`)
        .join(' ')} ELSE 0 END) / ${real(thresholds.length)}`
    : real(0);
  const parts: [number, string][] = [
    [weights.skill, skill],
    [weights.distance, distance],
    [weights.availability, availability],
    [weights.workload, workload],
    [weights.reliability, reliability],
    [weights.star, star],
  ];
  const terms = parts.filter(([weight]) => weight > 0).map(([weight, expression]) => `${real(weight)} * (${expression})`);
  return terms.length ? terms.join(' + ') : real(0);
}
