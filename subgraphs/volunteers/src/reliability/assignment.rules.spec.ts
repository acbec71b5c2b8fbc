import { AssignmentFact, AssignmentState, CounterChanges, NO_ASSIGNMENT, applyFact } from './assignment.rules';

const at = (hour: number) => new Date(Date.UTC(2030, 5, 1, hour));
const accepted = (hour: number): AssignmentFact => ({ kind: 'ACCEPTED', at: at(hour) });
const released = (hour: number): AssignmentFact => ({ kind: 'RELEASED', at: at(hour) });
const declined = (hour: number): AssignmentFact => ({ kind: 'DECLINED', at: at(hour) });
const completed = (hour: number): AssignmentFact => ({ kind: 'COMPLETED', at: at(hour) });
const rated = (hour: number, rating: number): AssignmentFact => ({ kind: 'RATED', at: at(hour), rating });

/** Applies facts in order; answers the final state and the counters summed from zero. */
function run(facts: AssignmentFact[]): { state: AssignmentState; counts: CounterChanges } {
  let state = NO_ASSIGNMENT;
  const counts: CounterChanges = { openAssignments: 0, accepted: 0, completed: 0, declined: 0, released: 0, ratingSum: 0, ratingCount: 0 };
  for (const fact of facts) {
    const applied = applyFact(state, fact);
    if (!applied) continue;
    state = applied.after;
    for (const key of Object.keys(counts) as (keyof CounterChanges)[]) counts[key] += applied.changes[key];
    expect(counts.openAssignments).toBeGreaterThanOrEqual(0);
  }
  return { state, counts };
}

/** Every order of the facts. */
const orders = <T>(items: T[]): T[][] =>
  items.length <= 1 ? [items] : items.flatMap((item, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));

describe('applyFact', () => {
  it('opens an accepted assignment and closes it on completion', () => {
    expect(run([accepted(1)]).counts).toMatchObject({ openAssignments: 1, accepted: 1 });
    expect(run([accepted(1), completed(3)]).counts).toMatchObject({ openAssignments: 0, accepted: 1, completed: 1 });
    expect(run([accepted(1), released(2)]).counts).toMatchObject({ openAssignments: 0, accepted: 1, released: 1 });
  });

  it('counts a fact told twice once, and a ticket completed twice once', () => {
    expect(run([accepted(1), accepted(1)]).counts).toMatchObject({ openAssignments: 1, accepted: 1 });
    expect(run([accepted(1), completed(3), completed(4)]).counts).toMatchObject({ openAssignments: 0, completed: 1 });
    expect(run([declined(1), declined(1), declined(2)]).counts).toMatchObject({ declined: 2, openAssignments: 0 });
  });

  it('never goes below zero when a completion or release comes without its acceptance', () => {
    expect(run([completed(3)]).counts).toMatchObject({ openAssignments: 0, completed: 1, accepted: 0 });
    expect(run([released(3)]).counts).toMatchObject({ openAssignments: 0, released: 1 });
  });

  it('ends the same whatever order the facts arrive in', () => {
    const histories = [
      [accepted(1), released(2), accepted(3), completed(4)],
      [accepted(1), released(2), accepted(3)],
      [declined(1), accepted(2), completed(5), rated(6, 4)],
      [accepted(1), released(2)],
    ];
    for (const history of histories) {
      const expected = run(history);
      for (const order of orders(history)) expect(run(order)).toEqual(expected);
    }
    expect(run([accepted(1), released(2), accepted(3)]).counts.openAssignments).toBe(1);
  });

  it('keeps the newest rating of a ticket', () => {
    expect(run([completed(1), rated(2, 3)]).counts).toMatchObject({ ratingSum: 3, ratingCount: 1 });
    expect(run([completed(1), rated(2, 3), rated(3, 5)]).counts).toMatchObject({ ratingSum: 5, ratingCount: 1 });
    expect(run([completed(1), rated(3, 5), rated(2, 3)]).counts).toMatchObject({ ratingSum: 5, ratingCount: 1 });
  });
});
