import { EventHandler, PERIOD_PATTERN, UUID_PATTERN, badInput, monthOf, todayInChina } from '@practice/common';
import { EXTERNAL_KEY } from '../shared/patterns';
import type { FactFields, UsageService } from '../usage/usage.service';

/** Event types this subgraph accepts at /internal/events (see the README for the contract). */
export const TICKET_ORDERED = 'ticket.ordered';
export const TICKET_ORDER_CANCELLED = 'ticket.order_cancelled';

export interface OrderReport {
  ticketId: string;
  resourceId: string;
  period: string;
}

export interface TicketOrdered extends OrderReport {
  orderedAt: Date;
}

const FIELDS: FactFields = { resourceId: 'data.resourceId', period: 'data.period' };

/** Checks the fields both events carry; a bad one rejects the event, naming the field under `data`. */
export function readOrderReport(data: Record<string, unknown>): OrderReport {
  const { ticketId, resourceId, period } = data;
  // Ticket ids and human codes (T20261120-0042) share the alphabet of external keys.
  if (typeof ticketId !== 'string' || !EXTERNAL_KEY.test(ticketId)) throw badInput('data.ticketId', 'must be the ticket id');
  if (typeof resourceId !== 'string' || !UUID_PATTERN.test(resourceId)) throw badInput('data.resourceId', 'must be a resource id');
  if (typeof period !== 'string' || !PERIOD_PATTERN.test(period)) throw badInput('data.period', 'must be a month YYYY-MM', 'INVALID_PERIOD');
  return { ticketId, resourceId, period };
}

/**
 * `ticket.ordered` also says when it was ordered. Its period is the month the order is for (the
 * month of the service the citizen wants, else of the order): never a month before the order, in
 * China time, or the producer counted in another clock.
 */
export function readTicketOrdered(data: Record<string, unknown>): TicketOrdered {
  const report = readOrderReport(data);
  const orderedAt = typeof data.orderedAt === 'string' ? new Date(data.orderedAt) : null;
  if (!orderedAt || Number.isNaN(orderedAt.getTime())) throw badInput('data.orderedAt', 'must be an ISO 8601 time');
  if (report.period < monthOf(todayInChina(orderedAt))) {
    throw badInput('data.period', 'must not be a month before orderedAt in China time', 'PERIOD_BEFORE_ORDER');
  }
  return { ...report, orderedAt };
}

/**
 * `ticket.ordered` counts an order of the resource in its month; `ticket.order_cancelled` takes it
 * off again (never below 0). Each ticket counts once, whatever number of events name it.
 */
export function ticketEventHandlers(usage: UsageService): Record<string, EventHandler> {
  const ordered: EventHandler = async (event, apply) => {
    const order = readTicketOrdered(event.data);
    await apply((manager) => usage.recordOrder(manager, { ...order, at: order.orderedAt, source: event.source }, FIELDS));
  };
  const cancelled: EventHandler = async (event, apply) => {
    const order = readOrderReport(event.data);
    await apply((manager) => usage.cancelOrder(manager, { ...order, at: new Date(event.occurredAt), source: event.source }, FIELDS));
  };
  return { [TICKET_ORDERED]: ordered, [TICKET_ORDER_CANCELLED]: cancelled };
}
