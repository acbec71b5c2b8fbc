import { Principal, conflict, forbidden, isAdmin, isUniqueViolation, notFound, requireSignedIn, runTransaction, uuidv7 } from '@practice/common';
import type { DataSource, EntityManager } from 'typeorm';
import { isSelf, managesVolunteer } from '../volunteer/volunteer.access';
import { Volunteer } from '../volunteer/volunteer.entity';
import { PointsEntry, PointsEntryKind } from './points-entry.entity';
import type { AdjustPointsInput, RedeemPointsInput } from './points.inputs';

let lastEntryMs = 0;

/**
 * The id of a new ledger entry. The ledger lists entries newest first by id, and a UUIDv7 is
 * ordered only to the millisecond (the rest is random): two entries of one volunteer written in
 * the same millisecond could list in the wrong order, their balances out of sequence. Entries are
 * written while the volunteer's row is locked, so ids whose time part never repeats in this process
 * sort in the order of the entries.
 */
function entryId(): string {
  lastEntryMs = Math.max(Date.now(), lastEntryMs + 1);
  return uuidv7(lastEntryMs);
}

/**
 * The points ledger. Every entry moves the balance kept on the volunteer row in the same
 * transaction, with a conditional UPDATE that never takes it below zero: concurrent redemptions
 * cannot overdraw it, whatever their interleaving.
 */
export class PointsService {
  constructor(private readonly db: DataSource) {}

  /** Points for a verified record, inside the verification's transaction. */
  async earn(manager: EntityManager, volunteerId: string, points: number, serviceRecordId: string, by: string): Promise<void> {
    if (points <= 0) return;
    const balanceAfter = await this.move(manager, volunteerId, points);
    await manager.insert(PointsEntry, {
      id: entryId(),
      volunteerId,
      kind: PointsEntryKind.EARNED,
      points,
      balanceAfter: balanceAfter!,
      reason: null,
      serviceRecordId,
      requestKey: null,
      createdBy: by,
    });
  }

  /** The volunteer or a manager of their home site spends points; never below zero. */
  redeem(principal: Principal, input: RedeemPointsInput): Promise<PointsEntry> {
    requireSignedIn(principal);
    return this.book(principal, PointsEntryKind.REDEEMED, input.volunteerId, -input.points, input.reason, input.requestKey, (volunteer) => {
      if (!isSelf(principal, volunteer) && !managesVolunteer(principal, volunteer)) {
        throw forbidden('Only the volunteer and managers of their home site redeem points', 'NOT_SITE_MANAGER');
      }
    });
  }

  /** Admins correct a balance up or down with a reason; never below zero. */
  adjust(principal: Principal, input: AdjustPointsInput): Promise<PointsEntry> {
    requireSignedIn(principal);
    if (!isAdmin(principal)) throw forbidden('Only admins adjust points', 'ADMIN_ONLY');
    return this.book(principal, PointsEntryKind.ADJUSTED, input.volunteerId, input.points, input.reason, input.requestKey, () => undefined);
  }

  private async book(
    principal: Principal,
    kind: PointsEntryKind,
    volunteerId: string,
    points: number,
    reason: string,
    requestKey: string,
    authorize: (volunteer: Volunteer) => void,
  ): Promise<PointsEntry> {
    try {
      return await runTransaction(
        this.db,
        async (manager) => {
          const volunteer = await manager.getRepository(Volunteer).findOneBy({ id: volunteerId });
          if (!volunteer) throw notFound('Volunteer', volunteerId, 'input.volunteerId');
          authorize(volunteer);
          const earlier = await manager.getRepository(PointsEntry).findOneBy({ volunteerId, requestKey });
          if (earlier) return sameRequestOrConflict(earlier, kind, points);
          const balanceAfter = await this.move(manager, volunteerId, points);
          if (balanceAfter === null) {
            throw conflict(`The balance of ${volunteer.pointsBalance} points is not enough`, { field: 'input.points', reason: 'INSUFFICIENT_POINTS' });
          }
          const entry = manager.getRepository(PointsEntry).create({
            id: entryId(),
            volunteerId,
            kind,
            points,
            balanceAfter,
            reason,
            serviceRecordId: null,
            requestKey,
            createdBy: principal.subject!,
          });
          await manager.insert(PointsEntry, entry);
          return manager.getRepository(PointsEntry).findOneByOrFail({ id: entry.id });
        },
        'The points balance',
      );
    } catch (error) {
      // The same request ran concurrently and won: its entry is the answer.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.db.getRepository(PointsEntry).findOneByOrFail({ volunteerId, requestKey });
      return sameRequestOrConflict(winner, kind, points);
    }
  }

  /** Moves the balance by `points` unless that would take it below zero; answers the new balance or null. */
  private async move(manager: EntityManager, volunteerId: string, points: number): Promise<number | null> {
    const result = await manager
      .createQueryBuilder()
      .update(Volunteer)
      .set({ pointsBalance: () => 'points_balance + :points' })
      .where('id = :volunteerId AND points_balance + :points >= 0', { volunteerId, points })
      .execute();
    if (!result.affected) return null;
    const { pointsBalance } = await manager.getRepository(Volunteer).findOneOrFail({ where: { id: volunteerId }, select: { id: true, pointsBalance: true } });
    return pointsBalance;
  }
}

function sameRequestOrConflict(earlier: PointsEntry, kind: PointsEntryKind, points: number): PointsEntry {
  if (earlier.kind !== kind || earlier.points !== points) {
    throw conflict('This request key was used for another points entry', { field: 'input.requestKey', reason: 'REQUEST_KEY_REUSED' });
  }
  return earlier;
}
