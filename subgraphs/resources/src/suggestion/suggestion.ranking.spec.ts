import { Candidate, CategoryFit, Proximity, SuggestionReason, betterMatch, broaderCodes, categoryMatch, rank } from './suggestion.ranking';

const candidate = (resourceId: string, overrides: Partial<Candidate> = {}): Candidate => ({
  resourceId,
  distance: 0,
  proximity: Proximity.OWN_SITE,
  category: { fit: CategoryFit.EXACT, levels: 0, code: 'SERVICE.HEALTH' },
  onMenu: false,
  quota: null,
  orders: 0,
  capacityLeft: 5,
  ...overrides,
});

describe('categoryMatch', () => {
  it('fits the term itself, the terms below it and the terms above it but the top-level grouping', () => {
    expect(categoryMatch('SERVICE.HEALTH', 'SERVICE.HEALTH')).toEqual({ fit: CategoryFit.EXACT, levels: 0, code: 'SERVICE.HEALTH' });
    expect(categoryMatch('SERVICE.HEALTH', 'SERVICE.HEALTH.CHECKUP')).toMatchObject({ fit: CategoryFit.NARROWER, levels: 1 });
    expect(categoryMatch('SERVICE.HEALTH', 'SERVICE.HEALTH.CHECKUP.ELDERLY')).toMatchObject({ fit: CategoryFit.NARROWER, levels: 2 });
    expect(categoryMatch('SERVICE.HEALTH.CHECKUP', 'SERVICE.HEALTH')).toMatchObject({ fit: CategoryFit.BROADER, levels: 1 });
    expect(categoryMatch('SERVICE.HEALTH.CHECKUP', 'SERVICE')).toBeNull();
    expect(categoryMatch('SERVICE.HEALTH', 'SERVICE.HEALTHCARE')).toBeNull();
    expect(categoryMatch('SERVICE.HEALTH', 'SERVICE.LEGAL')).toBeNull();
  });

  it('names the broader terms below the top level', () => {
    expect(broaderCodes('SERVICE.HEALTH.CHECKUP.ELDERLY')).toEqual(['SERVICE.HEALTH', 'SERVICE.HEALTH.CHECKUP']);
    expect(broaderCodes('SERVICE.HEALTH')).toEqual([]);
    expect(broaderCodes('SERVICE')).toEqual([]);
  });

  it('keeps the nearer of two terms of one resource', () => {
    const exact = categoryMatch('SERVICE.HEALTH', 'SERVICE.HEALTH');
    const narrower = categoryMatch('SERVICE.HEALTH', 'SERVICE.HEALTH.CHECKUP');
    expect(betterMatch(narrower, exact)).toBe(exact);
    expect(betterMatch(null, narrower)).toBe(narrower);
  });
});

describe('rank', () => {
  it('orders by publisher, then category, then menu, then room left, then id; the score agrees', () => {
    const ranked = rank([
      candidate('f', { distance: 3, proximity: Proximity.SECTOR_SUBCENTER }),
      candidate('e', { capacityLeft: 1 }),
      candidate('d', { category: { fit: CategoryFit.BROADER, levels: 1, code: 'SERVICE' } }),
      candidate('c', { distance: 1, proximity: Proximity.ABOVE, capacityLeft: null, onMenu: true }),
      candidate('b', { capacityLeft: null }),
      candidate('a', { category: { fit: CategoryFit.NARROWER, levels: 1, code: 'SERVICE.HEALTH.CHECKUP' } }),
      candidate('g', { onMenu: true, quota: 3, capacityLeft: 1 }),
      candidate('h', { capacityLeft: null }),
    ]);
    expect(ranked.map((c) => c.resourceId)).toEqual(['g', 'b', 'h', 'e', 'a', 'd', 'c', 'f']);
    const scores = ranked.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(ranked[0].reasons).toEqual([SuggestionReason.OWN_SITE, SuggestionReason.CATEGORY_EXACT, SuggestionReason.ON_MENU, SuggestionReason.CAPACITY_LEFT]);
    expect(ranked.at(-1)!.reasons).toEqual([SuggestionReason.FROM_SECTOR_SUBCENTER, SuggestionReason.CATEGORY_EXACT, SuggestionReason.CAPACITY_LEFT]);
    expect(ranked[1].reasons).toContain(SuggestionReason.UNLIMITED_CAPACITY);
  });
});
