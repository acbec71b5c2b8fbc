import { conflict, forUpdate, isMysql, isUniqueViolation, notFound } from '@practice/common';
import type { EntityManager } from 'typeorm';
import { Resource } from '../resource/resource.entity';
import { ResourceMonthUsage } from './resource-usage.entity';
import { TicketOrder, TicketOrderStatus } from './ticket-order.entity';

/** A ticket's order of a resource for a month, as an event reports it. */
export interface TicketOrderFact {
  ticketId: string;
  resourceId: string;
  period: string;
  /** When it was ordered or cancelled. */
  at: Date;
  /** The producing service. */
  source: string;
}

/** Where the facts came from, for the `field` of a rejection. */
export interface FactFields {
  resourceId: string;
  period: string;
}

/**
 * Orders per resource and month. Every change runs in the transaction of the event that reports
 * it, follows the ticket's own row (so each ticket counts at most once) and moves the count with a
 * single conditional statement: concurrent events never lose an order and never take the count
 * below 0. On MySQL the resource's row is locked first, so events about one resource queue up
 * instead of deadlocking on the count's row.
 */
export class UsageService {
  /** Counts a ticket's order once; a second report of the same order changes nothing. */
  async recordOrder(manager: EntityManager, order: TicketOrderFact, fields: FactFields): Promise<void> {
    await lockResource(manager, order.resourceId, fields.resourceId);
    const known = await ticketOrder(manager, order.ticketId);
    if (known) return sameOrder(known, order, fields);
    await insertOrder(manager, order, TicketOrderStatus.ORDERED);
    await addOne(manager, order.resourceId, order.period);
  }

  /**
   * Takes a ticket's order off its month once. A cancellation of an order not yet reported is kept,
   * so that the order, arriving late, counts nothing.
   */
  async cancelOrder(manager: EntityManager, order: TicketOrderFact, fields: FactFields): Promise<void> {
    await lockResource(manager, order.resourceId, fields.resourceId);
    const known = await ticketOrder(manager, order.ticketId);
    if (!known) return insertOrder(manager, order, TicketOrderStatus.CANCELLED);
    sameOrder(known, order, fields);
    const cancelled = await manager
      .createQueryBuilder()
      .update(TicketOrder)
      .set({ status: TicketOrderStatus.CANCELLED, cancelledAt: order.at, source: order.source })
      .where('ticket_id = :ticketId AND status = :ordered', { ticketId: order.ticketId, ordered: TicketOrderStatus.ORDERED })
      .execute();
    if (cancelled.affected) await takeOne(manager, order.resourceId, order.period);
  }
}

async function lockResource(manager: EntityManager, resourceId: string, field: string): Promise<void> {
  const query = manager.getRepository(Resource).createQueryBuilder('r').select('r.id').where('r.id = :resourceId', { resourceId });
  if (!(await forUpdate(manager, query).getOne())) throw notFound('Resource', resourceId, field);
}

function ticketOrder(manager: EntityManager, ticketId: string): Promise<TicketOrder | null> {
  return forUpdate(manager, manager.getRepository(TicketOrder).createQueryBuilder('o').where('o.ticket_id = :ticketId', { ticketId })).getOne();
}

/** A ticket orders one resource for one month: an event that says otherwise is the producer's mistake. */
function sameOrder(known: TicketOrder, order: TicketOrderFact, fields: FactFields): void {
  if (known.resourceId !== order.resourceId) {
    throw conflict(`Ticket ${order.ticketId} ordered resource ${known.resourceId}`, { field: fields.resourceId, reason: 'ORDER_MISMATCH' });
  }
  if (known.period !== order.period) {
    throw conflict(`Ticket ${order.ticketId} ordered for ${known.period}`, { field: fields.period, reason: 'ORDER_MISMATCH' });
  }
}

async function insertOrder(manager: EntityManager, order: TicketOrderFact, status: TicketOrderStatus): Promise<void> {
  const { ticketId, resourceId, period, source, at } = order;
  const ordered = status === TicketOrderStatus.ORDERED;
  try {
    await manager.insert(TicketOrder, { ticketId, resourceId, period, status, source, orderedAt: ordered ? at : null, cancelledAt: ordered ? null : at });
  } catch (error) {
    // Another event about the same ticket committed first: the inbox tries this one again, and it then sees that row.
    if (isUniqueViolation(error)) throw conflict(`Ticket ${ticketId} changed concurrently`, { reason: 'CONCURRENT_CHANGE' });
    throw error;
  }
}

/** +1 in one statement: the first order of a month creates its row. */
async function addOne(manager: EntityManager, resourceId: string, period: string): Promise<void> {
  const { driver } = manager.connection;
  const column = manager.connection.getMetadata(ResourceMonthUsage).findColumnWithPropertyName('updatedAt')!;
  const now = driver.preparePersistentValue(new Date(), column);
  if (isMysql(manager)) {
    await manager.query(
      'INSERT INTO `resource_usage` (`resource_id`, `period`, `orders`, `updated_at`) VALUES (?, ?, 1, ?) ON DUPLICATE KEY UPDATE `orders` = `orders` + 1, `updated_at` = ?',
      [resourceId, period, now, now],
    );
  } else {
    await manager.query(
      'INSERT INTO "resource_usage" ("resource_id", "period", "orders", "updated_at") VALUES (?, ?, 1, ?) ON CONFLICT ("resource_id", "period") DO UPDATE SET "orders" = "orders" + 1, "updated_at" = excluded."updated_at"',
      [resourceId, period, now],
    );
  }
}

/** −1 unless the count is already 0. */
async function takeOne(manager: EntityManager, resourceId: string, period: string): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(ResourceMonthUsage)
    .set({ orders: () => 'orders - 1', updatedAt: new Date() })
    .where('resource_id = :resourceId AND period = :period AND orders > 0', { resourceId, period })
    .execute();
}
