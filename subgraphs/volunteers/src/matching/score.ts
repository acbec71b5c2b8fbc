import { ReliabilityCounts, reliabilityScore } from '../reliability/reliability.rules';
import { MatchWeights, SCORE_PARTS, ScorePartName } from './match-settings';

/** Distance decays as exp(-km / DISTANCE_DECAY_KM): 1 at home, 0.37 at 5 km, 0.14 at 10 km. */
export const DISTANCE_DECAY_KM = 5;
/** Where either location is unknown: neither favoured nor pushed back. */
export const UNKNOWN_DISTANCE = 0.5;

/** What the database tells about one candidate for one ticket. */
export interface CandidateFacts {
  /** How many of the ticket's needed skills the volunteer has (or has a skill below). */
  matchedSkills: number;
  neededSkills: number;
  /** Depth of the deepest preferred category at or above the ticket's (0: none), and of the ticket's own. */
  categoryDepth: number;
  ticketCategoryDepth: number;
  distanceKm: number | null;
  /**
   * Minutes of the ticket's window the volunteer's weekly availability covers (0 for a volunteer
   * without availability rows, whose availability is unknown), and the window's length (null: no window).
   */
  coveredMinutes: number;
  windowMinutes: number | null;
  openAssignments: number;
  reliability: ReliabilityCounts;
  starLevel: number;
  maxStarLevel: number;
}

/** Each part of the score, in [0, 1]. */
export function partValues(facts: CandidateFacts): Record<ScorePartName, number> {
  return {
    // Skills when the ticket needs some; else how close a preferred category comes to the ticket's; else everyone fits.
    skill: facts.neededSkills
      ? facts.matchedSkills / facts.neededSkills
      : facts.ticketCategoryDepth
        ? Math.min(1, facts.categoryDepth / facts.ticketCategoryDepth)
        : 1,
    distance: facts.distanceKm === null ? UNKNOWN_DISTANCE : Math.exp(-facts.distanceKm / DISTANCE_DECAY_KM),
    // No window: any time suits the ticket.
    availability: facts.windowMinutes === null ? 1 : Math.min(1, facts.coveredMinutes / facts.windowMinutes),
    workload: 1 / (1 + Math.max(0, facts.openAssignments)),
    reliability: reliabilityScore(facts.reliability),
    star: facts.maxStarLevel ? facts.starLevel / facts.maxStarLevel : 0,
  };
}

export interface Part {
  name: ScorePartName;
  value: number;
  weight: number;
  contribution: number;
}

/** The weighted sum and its parts, in the order of SCORE_PARTS; the contributions add up to the score. */
export function weigh(values: Record<ScorePartName, number>, weights: MatchWeights): { score: number; parts: Part[] } {
  const parts = SCORE_PARTS.map((name) => ({ name, value: values[name], weight: weights[name], contribution: values[name] * weights[name] }));
  return { score: parts.reduce((sum, part) => sum + part.contribution, 0), parts };
}
