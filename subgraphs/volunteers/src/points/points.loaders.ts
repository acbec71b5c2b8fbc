import { checkPageSize, decodeCursor, encodeCursor, firstRowsPerGroup, groupLoader, toConnection } from '@practice/common';
import DataLoader from 'dataloader';
import type { VolunteersContext } from '../context';
import { PointsEntry } from './points-entry.entity';
import { PointsEntryConnection, PointsEntryEdge } from './points.types';

type EntryCursor = { i: string };
const isEntryCursor = (value: Record<string, unknown>): value is EntryCursor => typeof value.i === 'string';

/**
 * A page of ledger entries (newest first) for each volunteer of a list, in one statement per batch
 * and one more for the counts when asked for.
 */
export function pointsEntriesOf(
  ctx: VolunteersContext,
  first: number | null | undefined,
  after: string | null | undefined,
): DataLoader<string, PointsEntryConnection> {
  const size = checkPageSize(first, 100);
  const afterId = after ? decodeCursor(after, isEntryCursor).i : null;
  return ctx.loaders.get(`pointsEntriesOf:${size}:${afterId ?? ''}`, () => {
    const counts = groupLoader<string, { volunteerId: string; total: number }>(
      async (ids) =>
        (
          await ctx.db
            .getRepository(PointsEntry)
            .createQueryBuilder('e')
            .select('e.volunteer_id', 'volunteerId')
            .addSelect('COUNT(*)', 'total')
            .where('e.volunteer_id IN (:...ids)', { ids })
            .groupBy('e.volunteer_id')
            .getRawMany<{ volunteerId: string; total: string | number }>()
        ).map((row) => ({ volunteerId: row.volunteerId, total: Number(row.total) })),
      (row) => row.volunteerId,
    );
    return new DataLoader<string, PointsEntryConnection>(
      async (ids) => {
        const query = ctx.db.getRepository(PointsEntry).createQueryBuilder('e').where('e.volunteer_id IN (:...ids)', { ids });
        if (afterId) query.andWhere('e.id < :afterId', { afterId });
        const rows = await firstRowsPerGroup(ctx.db, query, { alias: 'e', partitionBy: 'e.volunteer_id', orderBy: 'e.id DESC', limit: size + 1 });
        return ids.map((id) =>
          toConnection(PointsEntryConnection, rows.get(id) ?? [], size, Boolean(after), entryEdge, async () => (await counts.load(id))[0]?.total ?? 0),
        );
      },
      { maxBatchSize: 500 },
    );
  });
}

function entryEdge(entry: PointsEntry): PointsEntryEdge {
  const result = new PointsEntryEdge();
  result.node = entry;
  result.cursor = encodeCursor({ i: entry.id });
  return result;
}
