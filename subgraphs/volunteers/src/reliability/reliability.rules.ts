/** The counters the reliability rules read. */
export interface ReliabilityCounts {
  completed: number;
  released: number;
  declined: number;
  ratingSum: number;
  ratingCount: number;
}

/**
 * Bayesian priors: a newcomer counts as if they had finished COMPLETION_PRIOR_TICKETS tickets at
 * COMPLETION_PRIOR_RATE and been rated RATING_PRIOR_COUNT times at RATING_PRIOR_MEAN, so one
 * unlucky ticket neither sinks nor one good one crowns them. The SQL estimate of matching uses
 * the same constants (matching/candidate.sql.ts).
 */
export const COMPLETION_PRIOR_TICKETS = 5;
export const COMPLETION_PRIOR_RATE = 0.8;
export const RATING_PRIOR_COUNT = 3;
export const RATING_PRIOR_MEAN = 4;

export function completionRateOf(counts: ReliabilityCounts): number | null {
  const outcomes = counts.completed + counts.released + counts.declined;
  return outcomes ? counts.completed / outcomes : null;
}

export function averageRatingOf(counts: ReliabilityCounts): number | null {
  return counts.ratingCount ? counts.ratingSum / counts.ratingCount : null;
}

/** Half completion, half rating (1–5 mapped onto 0–1), both smoothed by the priors: in [0, 1]. */
export function reliabilityScore(counts: ReliabilityCounts): number {
  const outcomes = counts.completed + counts.released + counts.declined;
  const completion = (counts.completed + COMPLETION_PRIOR_TICKETS * COMPLETION_PRIOR_RATE) / (outcomes + COMPLETION_PRIOR_TICKETS);
  const rating = (counts.ratingSum + RATING_PRIOR_COUNT * RATING_PRIOR_MEAN) / (counts.ratingCount + RATING_PRIOR_COUNT);
  return 0.5 * completion + 0.5 * ((rating - 1) / 4);
}
