import { VolunteerAssignment, isOpen } from './assignment.entity';

/** What an event says happened between one volunteer and one ticket, and when. */
export type AssignmentFact =
  | { kind: 'ACCEPTED' | 'DECLINED' | 'RELEASED' | 'COMPLETED'; at: Date }
  | {
      kind: 'RATED';
      at: Date;
      /** 1 to 5 */
      rating: number;
    };

export type AssignmentState = Pick<VolunteerAssignment, 'acceptedAt' | 'releasedAt' | 'declinedAt' | 'completedAt' | 'rating' | 'ratedAt'>;

/** Changes to a volunteer's counters (volunteer_reliability), each usually -1, 0 or 1. */
export interface CounterChanges {
  openAssignments: number;
  accepted: number;
  completed: number;
  declined: number;
  released: number;
  ratingSum: number;
  ratingCount: number;
}

export const NO_ASSIGNMENT: AssignmentState = { acceptedAt: null, releasedAt: null, declinedAt: null, completedAt: null, rating: null, ratedAt: null };

const same = (a: Date | null, b: Date): boolean => a !== null && a.getTime() === b.getTime();
const later = (a: Date | null, b: Date): Date => (a === null || b.getTime() > a.getTime() ? b : a);

/**
 * Applies a fact to an assignment; answers the new state and how the volunteer's counters move, or
 * null when the fact was already counted. A fact repeated with its time (the same acceptance sent
 * again under another event id) counts once; acceptances, releases and declines at other times
 * count each; a ticket completes once. Open or not follows from the latest acceptance, release and
 * completion, so the open count moves by the same total whatever order the facts arrive in.
 */
export function applyFact(before: AssignmentState, fact: AssignmentFact): { after: AssignmentState; changes: CounterChanges } | null {
  const after: AssignmentState = { ...before };
  const changes: CounterChanges = { openAssignments: 0, accepted: 0, completed: 0, declined: 0, released: 0, ratingSum: 0, ratingCount: 0 };
  switch (fact.kind) {
    case 'ACCEPTED':
      if (same(before.acceptedAt, fact.at)) return null;
      after.acceptedAt = later(before.acceptedAt, fact.at);
      changes.accepted = 1;
      break;
    case 'RELEASED':
      if (same(before.releasedAt, fact.at)) return null;
      after.releasedAt = later(before.releasedAt, fact.at);
      changes.released = 1;
      break;
    case 'DECLINED':
      if (same(before.declinedAt, fact.at)) return null;
      after.declinedAt = later(before.declinedAt, fact.at);
      changes.declined = 1;
      break;
    case 'COMPLETED':
      if (before.completedAt !== null) return null;
      after.completedAt = fact.at;
      changes.completed = 1;
      break;
    case 'RATED':
      // A newer rating replaces the older one; an older one arriving late changes nothing.
      if (before.ratedAt !== null && before.ratedAt.getTime() >= fact.at.getTime()) return null;
      after.rating = fact.rating;
      after.ratedAt = fact.at;
      changes.ratingSum = fact.rating - (before.rating ?? 0);
      changes.ratingCount = before.rating === null ? 1 : 0;
      break;
  }
  changes.openAssignments = Number(isOpen(after)) - Number(isOpen(before));
  return { after, changes };
}
