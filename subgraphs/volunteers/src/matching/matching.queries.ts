import { LoaderRegistry, hydrate, isMysql } from '@practice/common';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { VolunteerReliability } from '../reliability/reliability.entity';
import { Volunteer } from '../volunteer/volunteer.entity';
import { CANDIDATE_POOL, PreparedTicket, candidateBranch } from './candidate.sql';
import type { MatchSettings } from './match-settings';
import type { MatchTicket } from './match-ticket';

/** One volunteer of a ticket's pool with what the database told about them. */
export interface PoolRow {
  volunteer: Volunteer;
  reliability: VolunteerReliability;
  /** Indexes into the ticket's neededSkillCodes of the skills the volunteer has (or has one below). */
  matchedSkills: number[];
  categoryDepth: number;
  coveredMinutes: number;
  /** The SQL estimate of the score, for checking it against the exact one. */
  estimate: number;
}

/** Tickets per statement: a page of tickets in one UNION ALL, small enough for any packet size. */
const TICKETS_PER_STATEMENT = 25;

/** The candidate pools of tickets: the hard filters and the bound in SQL. */
export class MatchingQueries {
  private readonly volunteerColumns: string[];
  private readonly dialect: { joinInOrder: 'STRAIGHT_JOIN' | 'CROSS JOIN' };

  constructor(
    private readonly db: DataSource,
    private readonly settings: MatchSettings & { starThresholdsHundredths: readonly number[] },
  ) {
    this.volunteerColumns = db.getMetadata(Volunteer).columns.map((column) => column.databaseName);
    this.dialect = { joinInOrder: isMysql(db) ? 'STRAIGHT_JOIN' : 'CROSS JOIN' };
  }

  /**
   * Per request: the pool of each ticket asked for, for every ticket of a batch in one statement
   * for their skills and one per TICKETS_PER_STATEMENT tickets for the pools, whatever the pool
   * size or the number of volunteers.
   */
  pools(loaders: LoaderRegistry): DataLoader<MatchTicket, PoolRow[], string> {
    return loaders.get(
      'candidatePools',
      () => new DataLoader<MatchTicket, PoolRow[], string>((tickets) => this.load(tickets), { cacheKeyFn: (ticket) => JSON.stringify(ticket) }),
    );
  }

  private async load(tickets: readonly MatchTicket[]): Promise<PoolRow[][]> {
    const skills = await this.skillsBelow(tickets.flatMap((ticket) => ticket.neededSkillCodes));
    const prepared: PreparedTicket[] = tickets.map((ticket) => ({ ...ticket, skillIds: ticket.neededSkillCodes.map((code) => skills.get(code) ?? []) }));
    const pools: PoolRow[][] = tickets.map(() => []);
    for (let start = 0; start < prepared.length; start += TICKETS_PER_STATEMENT) {
      const branches = prepared
        .slice(start, start + TICKETS_PER_STATEMENT)
        .map((ticket, offset) => candidateBranch(ticket, start + offset, this.settings, this.volunteerColumns, this.dialect))
        .filter((branch) => branch !== null);
      if (!branches.length) continue;
      const sql = branches.map((branch, index) => `SELECT * FROM (${branch.sql}) b${index}`).join(' UNION ALL ');
      const rows: Record<string, unknown>[] = await this.db.query(
        sql,
        branches.flatMap((branch) => branch.params),
      );
      const volunteers = hydrate(this.db, Volunteer, rows, 'v_');
      rows.forEach((row, index) => pools[Number(row.ticket_key)].push(poolRow(row, volunteers[index])));
    }
    return pools.map((pool) => pool.slice(0, CANDIDATE_POOL));
  }

  /** For each code, the ids of that skill and every skill below it, in one statement. */
  private async skillsBelow(codes: string[]): Promise<Map<string, string[]>> {
    const unique = [...new Set(codes)];
    const below = new Map<string, string[]>();
    if (!unique.length) return below;
    const rows: { code: string; id: string }[] = await this.db.query(
      `SELECT n.code AS code, d.id AS id FROM skill n INNER JOIN skill d ON SUBSTR(d.path, 1, LENGTH(n.path)) = n.path WHERE n.code IN (${unique.map(() => '?').join(', ')})`,
      unique,
    );
    for (const row of rows) below.set(row.code, [...(below.get(row.code) ?? []), row.id]);
    return below;
  }
}

function poolRow(row: Record<string, unknown>, volunteer: Volunteer): PoolRow {
  const mask = Number(row.m_skills);
  const matchedSkills: number[] = [];
  for (let index = 0; 2 ** index <= mask; index++) if (mask & (2 ** index)) matchedSkills.push(index);
  return {
    volunteer,
    reliability: Object.assign(new VolunteerReliability(), {
      volunteerId: volunteer.id,
      openAssignments: Number(row.r_open_assignments),
      accepted: Number(row.r_accepted),
      completed: Number(row.r_completed),
      declined: Number(row.r_declined),
      released: Number(row.r_released),
      ratingSum: Number(row.r_rating_sum),
      ratingCount: Number(row.r_rating_count),
    }),
    matchedSkills,
    categoryDepth: Number(row.m_category),
    coveredMinutes: Number(row.a_covered),
    estimate: Number(row.estimate),
  };
}
