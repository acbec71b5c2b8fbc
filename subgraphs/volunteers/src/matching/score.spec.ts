import { DEFAULT_MATCH_WEIGHTS } from './match-settings';
import { CandidateFacts, partValues, weigh } from './score';
import { distanceKm } from './geo';

const facts = (overrides: Partial<CandidateFacts> = {}): CandidateFacts => ({
  matchedSkills: 1,
  neededSkills: 2,
  categoryDepth: 0,
  ticketCategoryDepth: 0,
  distanceKm: 5,
  coveredMinutes: 60,
  windowMinutes: 120,
  openAssignments: 1,
  reliability: { completed: 0, released: 0, declined: 0, ratingSum: 0, ratingCount: 0 },
  starLevel: 2,
  maxStarLevel: 5,
  ...overrides,
});

describe('partValues', () => {
  it('gives each part in [0, 1]', () => {
    const values = partValues(facts());
    expect(values).toEqual({ skill: 0.5, distance: Math.exp(-1), availability: 0.5, workload: 0.5, reliability: expect.any(Number), star: 0.4 });
    // A newcomer is in the middle, not at zero.
    expect(values.reliability).toBeCloseTo(0.5 * 0.8 + 0.5 * 0.75, 10);
  });

  it('fits by category when the ticket needs no skill, and everyone when it has neither', () => {
    expect(partValues(facts({ neededSkills: 0, matchedSkills: 0, categoryDepth: 2, ticketCategoryDepth: 3 })).skill).toBeCloseTo(2 / 3);
    expect(partValues(facts({ neededSkills: 0, matchedSkills: 0 })).skill).toBe(1);
  });

  it('is neutral on unknown distances, full without a window, zero for unknown availability', () => {
    expect(partValues(facts({ distanceKm: null })).distance).toBe(0.5);
    expect(partValues(facts({ windowMinutes: null, coveredMinutes: 0 })).availability).toBe(1);
    expect(partValues(facts({ coveredMinutes: 0 })).availability).toBe(0);
  });

  it('rewards completions and good ratings, and punishes releases', () => {
    const good = partValues(facts({ reliability: { completed: 20, released: 0, declined: 1, ratingSum: 95, ratingCount: 19 } })).reliability;
    const poor = partValues(facts({ reliability: { completed: 5, released: 5, declined: 5, ratingSum: 10, ratingCount: 4 } })).reliability;
    expect(good).toBeGreaterThan(0.85);
    expect(poor).toBeLessThan(0.5);
  });
});

describe('weigh', () => {
  it('adds up the contributions to the score', () => {
    const { score, parts } = weigh(partValues(facts()), DEFAULT_MATCH_WEIGHTS);
    expect(parts.map((part) => part.name)).toEqual(['skill', 'distance', 'availability', 'workload', 'reliability', 'star']);
    for (const part of parts) expect(part.contribution).toBeCloseTo(part.value * part.weight, 12);
    expect(score).toBeCloseTo(
      parts.reduce((sum, part) => sum + part.contribution, 0),
      12,
    );
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(1);
  });
});

describe('distanceKm', () => {
  it('is the great-circle distance', () => {
    // One degree of latitude.
    expect(distanceKm({ latitude: 31, longitude: 120 }, { latitude: 32, longitude: 120 })).toBeCloseTo(111.195, 2);
  });
});
