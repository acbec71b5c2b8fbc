import { uuidv7 } from '@practice/common';
import { isOpen } from '../reliability/assignment.entity';
import { ServiceRecordStatus, ServiceSourceType } from '../service-record/service-record.enums';
import { VolunteerStatus } from '../volunteer/volunteer.enums';
import { AssignmentRow, ReliabilityRow, ServiceRecordRow, chinaTime } from './demo-model';
import type { Rng } from './random';

export interface ReliabilityPlan {
  volunteerId: string;
  status: VolunteerStatus;
  band: number;
  records: ServiceRecordRow[];
  /** Today in China, as a day number. */
  today: number;
}

/** Successes out of `n` tries of probability `p`. */
const binomial = (rng: Rng, n: number, p: number): number => {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.chance(p)) k++;
  return k;
};

/**
 * A volunteer's record as a taker of tickets, consistent with their service history: every TICKET
 * record that was not rejected is a completed ticket; a diligence drawn per volunteer (most are
 * diligent) decides how often they declined or gave tickets back and how they were rated; active
 * volunteers, the busier ones more often, have up to three tickets in hand, each an open
 * assignment of a demo ticket. Those who never took a ticket have no row, as after registration.
 */
export function demoReliability(rng: Rng, plan: ReliabilityPlan): { reliability: ReliabilityRow | null; assignments: AssignmentRow[] } {
  const tickets = plan.records.filter((record) => record.sourceType === ServiceSourceType.TICKET && record.status !== ServiceRecordStatus.REJECTED);
  const diligence = Math.sqrt(rng.next());
  const completed = tickets.length;
  const released = completed ? binomial(rng, completed, (1 - diligence) * 0.3) : Number(rng.chance(0.04));
  const declined = binomial(rng, completed + released + 2, (1 - diligence) * 0.4);
  const busy = plan.status === VolunteerStatus.ACTIVE && rng.chance(0.12 + 0.06 * plan.band);
  const open = busy ? 1 + Number(rng.chance(0.35)) + Number(rng.chance(0.12)) : 0;
  if (!completed && !released && !declined && !open) return { reliability: null, assignments: [] };

  let ratingSum = 0;
  let ratingCount = 0;
  const mean = 3.1 + 1.8 * diligence;
  for (let i = 0; i < completed; i++) {
    if (!rng.chance(0.7)) continue;
    ratingSum += Math.min(5, Math.max(1, Math.round(mean + (rng.next() - 0.5) * 2.2)));
    ratingCount++;
  }
  const assignments: AssignmentRow[] = [];
  for (let k = 1; k <= open; k++) {
    // Taken on one of the last seven days before today, so that none is taken later than the seeding.
    const acceptedAt = chinaTime(plan.today - rng.int(1, 7), rng.int(480, 1200));
    assignments.push({
      volunteerId: plan.volunteerId,
      // The demo ticket's id, as the tickets demo writes it: taken a few hours after it came in.
      ticketId: uuidv7(acceptedAt - rng.int(2, 48) * 3_600_000, rng.bytes),
      acceptedAt: new Date(acceptedAt),
      releasedAt: null,
      declinedAt: null,
      completedAt: null,
      rating: null,
      ratedAt: null,
    });
  }
  const last = Math.max(0, ...tickets.map((record) => record.recordedAt.getTime()), ...assignments.map((a) => a.acceptedAt!.getTime()));
  return {
    reliability: {
      volunteerId: plan.volunteerId,
      openAssignments: assignments.filter(isOpen).length,
      accepted: completed + released + open,
      completed,
      declined,
      released,
      ratingSum,
      ratingCount,
      updatedAt: new Date(last || chinaTime(plan.today - 1, 720)),
    },
    assignments,
  };
}
