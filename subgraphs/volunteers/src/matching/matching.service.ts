import { LoaderRegistry, Principal, Role, checkPageSize, forbidden, unauthenticated } from '@practice/common';
import type { DataSource } from 'typeorm';
import type { VolunteerReliability } from '../reliability/reliability.entity';
import { reliabilityOf } from '../reliability/reliability.loaders';
import type { StarLevels } from '../volunteer/star-level';
import { distanceKm } from './geo';
import type { MatchSettings } from './match-settings';
import { MatchTicket, categoryLineage, readTicket } from './match-ticket';
import type { MatchingQueries, PoolRow } from './matching.queries';
import { ScorePart, VolunteerCandidate } from './matching.types';
import { partValues, weigh } from './score';
import type { TicketReference } from './ticket.reference';

/** Dispatchers are site managers; agency admins dispatch their own orders; analysts study the matching. */
const ASKING: readonly string[] = [Role.SITE_MANAGER, Role.AGENCY_ADMIN, Role.ANALYST, Role.ADMIN];
export const MAX_CANDIDATES = 100;

export function mayAskForCandidates(principal: Principal): void {
  if (principal.subject === null) throw unauthenticated('Sign in to see candidate volunteers');
  if (!ASKING.includes(principal.role)) throw forbidden('Only site managers, agency admins, analysts and admins see candidate volunteers', 'ROLE_NOT_ALLOWED');
}

/** A scored candidate, before it is cut to the page asked for. */
export interface Ranked {
  candidate: VolunteerCandidate;
  reliability: VolunteerReliability;
  /** The SQL estimate the pool was cut by. */
  estimate: number;
}

/**
 * Ranks volunteers for a ticket: the hard filters and a bounded pool come from SQL
 * (MatchingQueries), the exact score and its parts from here, ties to the volunteer registered
 * first (ids are time-ordered).
 */
export class MatchingService {
  constructor(
    private readonly db: DataSource,
    private readonly queries: MatchingQueries,
    private readonly settings: MatchSettings,
    private readonly stars: StarLevels,
  ) {}

  async candidates(ctx: { principal: Principal; loaders: LoaderRegistry }, reference: TicketReference, first: number): Promise<VolunteerCandidate[]> {
    mayAskForCandidates(ctx.principal);
    const size = checkPageSize(first, MAX_CANDIDATES);
    const ticket = readTicket(reference);
    const ranked = this.rank(ticket, await this.queries.pools(ctx.loaders).load(ticket)).slice(0, size);
    // The pool row carried the counters: `Volunteer.reliability` of a candidate needs no statement.
    const reliability = reliabilityOf(ctx.loaders, this.db);
    for (const entry of ranked) reliability.prime(entry.candidate.volunteer.id, entry.reliability);
    return ranked.map(({ candidate }) => candidate);
  }

  rank(ticket: MatchTicket, pool: PoolRow[]): Ranked[] {
    const ticketCategoryDepth = !ticket.neededSkillCodes.length && ticket.categoryCode ? categoryLineage(ticket.categoryCode).length : 0;
    const scored = pool.map((row) => {
      const { volunteer } = row;
      const home =
        volunteer.homeLatitude !== null && volunteer.homeLongitude !== null ? { latitude: volunteer.homeLatitude, longitude: volunteer.homeLongitude } : null;
      const distance = home && ticket.location ? distanceKm(home, ticket.location) : null;
      const values = partValues({
        matchedSkills: row.matchedSkills.length,
        neededSkills: ticket.neededSkillCodes.length,
        categoryDepth: row.categoryDepth,
        ticketCategoryDepth,
        distanceKm: distance,
        coveredMinutes: row.coveredMinutes,
        windowMinutes: ticket.window?.minutes ?? null,
        openAssignments: row.reliability.openAssignments,
        reliability: row.reliability,
        starLevel: this.stars.levelOf(volunteer.verifiedHundredths),
        maxStarLevel: this.stars.maxLevel,
      });
      const { score, parts } = weigh(values, this.settings.weights);
      const candidate = Object.assign(new VolunteerCandidate(), {
        volunteer,
        score,
        rank: 0,
        parts: parts.map((part) => Object.assign(new ScorePart(), part)),
        distanceKm: distance,
        openAssignments: row.reliability.openAssignments,
        matchedSkillCodes: row.matchedSkills.map((index) => ticket.neededSkillCodes[index]),
      });
      return { candidate, reliability: row.reliability, estimate: row.estimate };
    });
    scored.sort((a, b) => b.candidate.score - a.candidate.score || (a.candidate.volunteer.id < b.candidate.volunteer.id ? -1 : 1));
    scored.forEach((entry, index) => (entry.candidate.rank = index + 1));
    return scored;
  }
}
