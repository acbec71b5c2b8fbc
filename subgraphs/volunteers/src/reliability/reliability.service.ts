import { forUpdate, notFound } from '@practice/common';
import type { EntityManager } from 'typeorm';
import { Volunteer } from '../volunteer/volunteer.entity';
import { VolunteerAssignment } from './assignment.entity';
import { AssignmentFact, CounterChanges, NO_ASSIGNMENT, applyFact } from './assignment.rules';
import { VolunteerReliability, freshReliability } from './reliability.entity';

const COUNTERS: [keyof CounterChanges, string][] = [
  ['openAssignments', 'open_assignments'],
  ['accepted', 'accepted'],
  ['completed', 'completed'],
  ['declined', 'declined'],
  ['released', 'released'],
  ['ratingSum', 'rating_sum'],
  ['ratingCount', 'rating_count'],
];

/** Keeps volunteers' assignments and reliability counters from the tickets subgraph's events. */
export class ReliabilityService {
  /**
   * Inside an event's transaction, first: locks the volunteers' rows in id order, so that events
   * about the same volunteers wait for each other instead of deadlocking, and every read after
   * this sees what the events before committed (see ServiceRecordService.insertAll).
   * An unknown volunteer rejects the event on its field.
   */
  async lockVolunteers(manager: EntityManager, volunteers: { id: string; field: string }[]): Promise<void> {
    for (const { id, field } of [...volunteers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      const query = manager.getRepository(Volunteer).createQueryBuilder('v').select('v.id').where('v.id = :id', { id });
      if (!(await forUpdate(manager, query).getOne())) throw notFound('Volunteer', id, field);
    }
  }

  /**
   * Records a fact of one volunteer and one ticket; the volunteer's row must be locked. The
   * assignment and the counters are written only when the fact changes them, so a fact told twice
   * counts once.
   */
  async record(manager: EntityManager, volunteerId: string, ticketId: string, fact: AssignmentFact): Promise<void> {
    const assignments = manager.getRepository(VolunteerAssignment);
    const existing = await assignments.findOneBy({ volunteerId, ticketId });
    const applied = applyFact(existing ?? NO_ASSIGNMENT, fact);
    if (!applied) return;
    if (existing) await assignments.update({ volunteerId, ticketId }, applied.after);
    else await assignments.insert({ volunteerId, ticketId, ...applied.after });
    await this.count(manager, volunteerId, applied.changes);
  }

  /**
   * Moves the counters in SQL (`x = x + n`). The row is created with the first change; reading it
   * first, under the volunteer's lock, avoids an UPDATE of a missing row, whose gap lock would make
   * two first events of neighbouring volunteers deadlock on their inserts.
   */
  private async count(manager: EntityManager, volunteerId: string, changes: CounterChanges): Promise<void> {
    const repository = manager.getRepository(VolunteerReliability);
    if (!(await repository.existsBy({ volunteerId }))) {
      const fresh = freshReliability(volunteerId);
      for (const [property] of COUNTERS) fresh[property] += changes[property];
      await repository.insert(fresh);
      return;
    }
    const moved = COUNTERS.filter(([property]) => changes[property] !== 0);
    if (!moved.length) return;
    await manager
      .createQueryBuilder()
      .update(VolunteerReliability)
      .set(Object.fromEntries(moved.map(([property, column]) => [property, () => `${column} + ${Math.trunc(changes[property])}`])))
      .where('volunteer_id = :volunteerId', { volunteerId })
      .execute();
  }
}
