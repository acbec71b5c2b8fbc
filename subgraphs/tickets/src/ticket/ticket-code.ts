import { isMysql, todayInChina } from '@practice/common';
import type { EntityManager } from 'typeorm';
import { TicketCounter } from './ticket-event.entity';

/**
 * The next code of a county's day, `320581-20261201-0042`, inside the submission's transaction. The
 * day's counter is created or incremented in one upsert, which takes the row's write lock at once
 * (a read before the write would let two transactions share a lock and deadlock), so two
 * submissions never get the same number. One row per county and day keeps contention to a county.
 */
export async function nextTicketCode(manager: EntityManager, regionCode: string, at: Date): Promise<string> {
  const scope = `${regionCode.slice(0, 6)}-${todayInChina(at).replaceAll('-', '')}`;
  const upsert = isMysql(manager)
    ? 'INSERT INTO ticket_counter (scope, last_number) VALUES (?, 1) ON DUPLICATE KEY UPDATE last_number = last_number + 1'
    : 'INSERT INTO ticket_counter (scope, last_number) VALUES (?, 1) ON CONFLICT (scope) DO UPDATE SET last_number = last_number + 1';
  await manager.query(upsert, [scope]);
  const { lastNumber } = await manager.findOneByOrFail(TicketCounter, { scope });
  return `${scope}-${String(lastNumber).padStart(4, '0')}`;
}
