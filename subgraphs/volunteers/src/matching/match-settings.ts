import type { EnvVar } from '@practice/common';

/** The parts of a candidate's score, by the names MATCH_WEIGHTS and `ScorePart.name` use. */
export const SCORE_PARTS = ['skill', 'distance', 'availability', 'workload', 'reliability', 'star'] as const;
export type ScorePartName = (typeof SCORE_PARTS)[number];
export type MatchWeights = Record<ScorePartName, number>;

export const DEFAULT_MATCH_WEIGHTS: MatchWeights = { skill: 0.3, distance: 0.2, availability: 0.15, workload: 0.15, reliability: 0.15, star: 0.05 };
export const DEFAULT_MATCH_RADIUS_KM = 10;

/** How the subgraph ranks candidates: configuration, read once at start. */
export interface MatchSettings {
  weights: MatchWeights;
  /** Volunteers whose home lies this close to the ticket pass the area filter from anywhere. */
  radiusKm: number;
}

const formatWeights = (weights: MatchWeights): string => SCORE_PARTS.map((name) => `${name}=${weights[name]}`).join(',');

/**
 * `skill=0.3,distance=0.2,…`: each part at most once, each weight from 0 to 1, adding up to 1 so
 * that scores stay in [0, 1] and read the same whatever the configuration. A part left out weighs 0.
 */
export function parseMatchWeights(raw: string): MatchWeights {
  const weights = Object.fromEntries(SCORE_PARTS.map((name) => [name, 0])) as MatchWeights;
  const seen = new Set<string>();
  for (const entry of raw.split(',')) {
    const match = /^\s*([a-z]+)\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(entry);
    if (!match) throw new Error(`"${entry.trim()}" is not name=weight, e.g. ${formatWeights(DEFAULT_MATCH_WEIGHTS)}`);
    const [, name, value] = match;
    if (!(SCORE_PARTS as readonly string[]).includes(name)) throw new Error(`"${name}" is not a part of the score; the parts are ${SCORE_PARTS.join(', ')}`);
    if (seen.has(name)) throw new Error(`"${name}" is given twice`);
    seen.add(name);
    const weight = Number(value);
    if (weight > 1) throw new Error(`the weight of ${name} must be from 0 to 1`);
    weights[name as ScorePartName] = weight;
  }
  const total = SCORE_PARTS.reduce((sum, name) => sum + weights[name], 0);
  if (Math.abs(total - 1) > 1e-6) throw new Error(`the weights must add up to 1, not ${Number(total.toFixed(6))}`);
  return weights;
}

export function matchWeightsEnv(): EnvVar<MatchWeights> {
  return {
    description: `Weights of the parts of a candidate volunteer's score (${SCORE_PARTS.join(', ')}), adding up to 1; a part left out weighs 0`,
    default: DEFAULT_MATCH_WEIGHTS,
    parse: parseMatchWeights,
  };
}

export function matchRadiusEnv(): EnvVar<number> {
  return {
    description: 'Volunteers whose home site lies within this many km of a ticket pass its area filter wherever they live (0.1 to 100)',
    default: DEFAULT_MATCH_RADIUS_KM,
    parse(raw) {
      if (!/^\d{1,3}(\.\d{1,3})?$/.test(raw)) throw new Error('must be a number of km such as 10 or 2.5');
      const km = Number(raw);
      if (km < 0.1 || km > 100) throw new Error('must be from 0.1 to 100');
      return km;
    },
  };
}
