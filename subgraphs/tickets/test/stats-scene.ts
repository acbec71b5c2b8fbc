import { pathIds, uuidv7 } from '@practice/common';
import type { Site } from '@practice/sites/site/site.entity';
import type { DataSource } from 'typeorm';
import { addToMonthStats } from '../src/analytics/month-stats';
import { Ticket } from '../src/ticket/ticket.entity';
import { TicketAction, TicketChannel, TicketKind, TicketStatus } from '../src/ticket/ticket.enums';
import { TicketEvent, TicketScope } from '../src/ticket/ticket-event.entity';

const HOUR = 3_600_000;
/** Deadlines long past, or far ahead: whether an open ticket is overdue does not depend on the day the tests run. */
export const PAST = new Date('2025-06-01T00:00:00Z');
export const FUTURE = new Date('2099-01-01T00:00:00Z');

/** A ticket as analytics sees it; hours count from the submission. */
export interface TicketSpec {
  site: Site;
  /** ISO 8601 with its offset, e.g. 2025-01-01T00:30:00+08:00. */
  submitted: string;
  status: TicketStatus;
  channel?: TicketChannel;
  kind?: TicketKind;
  category?: string | null;
  /** First dispatch, or the claim of a wish. */
  dispatched?: number;
  /** A redispatch later, which moves `dispatchedAt`. */
  redispatched?: number;
  accepted?: number;
  completed?: number;
  rating?: number;
  /** Both deadlines. */
  due?: Date;
  resourcePublisherId?: string;
}

let serial = 0;

/**
 * Writes tickets straight into the tickets database with times of the test's choosing: each with
 * its scope rows (the serving site and every site above it) and the history its status implies,
 * as the workflow would have written them.
 */
export async function writeTickets(db: DataSource, specs: TicketSpec[]): Promise<Ticket[]> {
  const tickets: Ticket[] = [];
  const events: TicketEvent[] = [];
  const scopes: TicketScope[] = [];
  for (const spec of specs) {
    const { ticket, history } = story(spec);
    tickets.push(ticket);
    events.push(...history);
    scopes.push(...pathIds(spec.site.path).map((siteId) => Object.assign(new TicketScope(), { siteId, ticketId: ticket.id, status: ticket.status })));
  }
  await db.transaction(async (manager) => {
    await manager.insert(Ticket, tickets);
    await manager.insert(TicketEvent, events);
    await manager.insert(TicketScope, scopes);
    await addToMonthStats(manager, tickets);
  });
  return tickets;
}

function story(spec: TicketSpec): { ticket: Ticket; history: TicketEvent[] } {
  const t = Date.parse(spec.submitted);
  const at = (hours: number | undefined): Date | null => (hours === undefined ? null : new Date(t + hours * HOUR));
  const kind = spec.kind ?? TicketKind.REQUEST;
  const claimed = kind === TicketKind.WISH && spec.dispatched !== undefined;
  // Only a taker completes: a completed ticket that was dispatched was accepted first.
  const accepted = spec.accepted ?? (spec.completed !== undefined && !claimed ? spec.dispatched : undefined);
  const n = ++serial;
  const id = uuidv7(t);
  const history: TicketEvent[] = [];
  let status: TicketStatus | null = null;
  const step = (action: TicketAction, to: TicketStatus, when: Date | null) => {
    history.push(
      Object.assign(new TicketEvent(), {
        id: uuidv7(when!.getTime()),
        ticketId: id,
        sequence: history.length + 1,
        action,
        fromStatus: status,
        toStatus: to,
        actor: 'stats-test',
        actorRole: 'site_manager',
        note: null,
        at: when,
      }),
    );
    status = to;
  };
  step(TicketAction.SUBMIT, TicketStatus.SUBMITTED, new Date(t));
  if (claimed) {
    step(TicketAction.PUBLISH, TicketStatus.PUBLISHED, new Date(t + (spec.dispatched! / 2) * HOUR));
    step(TicketAction.CLAIM, TicketStatus.ACCEPTED, at(spec.dispatched));
  } else if (spec.dispatched !== undefined) {
    step(TicketAction.DISPATCH, TicketStatus.DISPATCHED, at(spec.dispatched));
    if (spec.redispatched !== undefined) step(TicketAction.REDISPATCH, TicketStatus.DISPATCHED, at(spec.redispatched));
    if (accepted !== undefined) step(TicketAction.ACCEPT, TicketStatus.ACCEPTED, at(accepted));
  }
  if (spec.completed !== undefined) step(TicketAction.COMPLETE, TicketStatus.COMPLETED, at(spec.completed));
  if (spec.rating !== undefined) step(TicketAction.RATE, TicketStatus.RATED, at((spec.completed ?? 0) + 1));
  const ending: Partial<Record<TicketStatus, TicketAction>> = {
    [TicketStatus.CLOSED]: TicketAction.CLOSE,
    [TicketStatus.REJECTED]: TicketAction.REJECT,
    [TicketStatus.CANCELLED]: TicketAction.CANCEL,
    [TicketStatus.DUPLICATE]: TicketAction.MARK_DUPLICATE,
  };
  const closing = ending[spec.status];
  const closedAt = closing ? new Date(history[history.length - 1].at.getTime() + HOUR) : null;
  if (closing) step(closing, spec.status, closedAt);
  if (status !== spec.status) throw new Error(`ticket ${n}: the story ends ${status}, not ${spec.status}`);

  const due = spec.due ?? FUTURE;
  const ticket: Ticket = {
    id,
    code: `STATS-${process.pid % 1000}-${n}`,
    kind,
    channel: spec.channel ?? TicketChannel.ONLINE,
    status: spec.status,
    title: '统计测试工单',
    description: '为统计查询写入的工单。',
    categoryCode: spec.category === undefined ? 'SERVICE.LIVELIHOOD' : spec.category,
    neededSkillCodes: [],
    servingSiteId: spec.site.id,
    servingSitePath: spec.site.path,
    servingSiteRegionCode: spec.site.regionCode,
    resourceId: spec.resourcePublisherId ? uuidv7(t) : null,
    resourcePublisherId: spec.resourcePublisherId ?? null,
    formAnswers: [],
    requesterSubject: `wx-stats-${n}`,
    requesterName: null,
    requesterPhone: null,
    submittedBy: `wx-stats-${n}`,
    idempotencyKey: `stats-${n}`,
    submissionHash: 'stats',
    latitude: null,
    longitude: null,
    address: null,
    desiredFrom: null,
    desiredTo: null,
    assignedVolunteerId: null,
    assignedTeamId: null,
    dispatchDueAt: due,
    completionDueAt: due,
    rating: spec.rating ?? null,
    ratingComment: null,
    participants: [],
    duplicateOfId: null,
    submittedAt: new Date(t),
    publishedAt: claimed ? history[1].at : null,
    dispatchedAt: claimed ? null : at(spec.redispatched ?? spec.dispatched),
    firstDispatchedAt: at(spec.dispatched),
    acceptedAt: claimed ? at(spec.dispatched) : at(accepted),
    startedAt: null,
    completedAt: at(spec.completed),
    ratedAt: spec.rating === undefined ? null : at((spec.completed ?? 0) + 1),
    closedAt,
    version: history.length,
    updatedAt: history[history.length - 1].at,
  };
  return { ticket, history };
}
