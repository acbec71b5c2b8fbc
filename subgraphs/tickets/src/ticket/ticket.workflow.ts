import { Caller, OutgoingEvent, conflict, enqueue, forUpdate, forbidden, notFound, requireSignedIn, runTransaction, uuidv7 } from '@practice/common';
import type { DataSource, EntityManager } from 'typeorm';
import { applyToMonthStats } from '../analytics/month-stats';
import { Relation, actsAs, seesTicket } from './ticket.access';
import { Ticket } from './ticket.entity';
import { TicketAction, TicketKind, TicketStatus } from './ticket.enums';
import { TicketEvent, TicketScope } from './ticket-event.entity';
import { TRANSITIONS, TransitionAction } from './ticket.transitions';

/** What a transition changes besides the status, and what it tells other subgraphs. */
export interface Change {
  set?: Partial<Ticket>;
  note?: string | null;
  events?: OutgoingEvent[];
  /** More writes in the same transaction (a follow-up row). */
  also?(manager: EntityManager, ticket: Ticket): Promise<void>;
}

const FORBIDDEN_REASON: Record<string, string> = {
  requester: 'NOT_REQUESTER',
  manager: 'NOT_SITE_MANAGER',
  assignee: 'NOT_ASSIGNEE',
  taker: 'NOT_TAKER',
  volunteer: 'NOT_A_VOLUNTEER',
};

/**
 * Moves tickets along the transition table: the caller's relation to the ticket is checked against
 * the action's actors, the ticket row is locked, its status checked against the action's states,
 * and the change, its TicketEvent, the ticket's scope rows and the outgoing events commit together.
 * Exactly one of concurrent takers wins: the others find the status changed under the lock.
 */
export class TicketWorkflow {
  constructor(
    private readonly db: DataSource,
    private readonly onCommit: () => void = () => undefined,
  ) {}

  /**
   * A ticket the caller may see (else NOT_FOUND), for checks before a transaction. A wish that was on
   * the wish wall stays known to those who try to claim it, so that a late claimer hears it was taken.
   */
  async visible(caller: Caller, id: string, relation: Relation = {}, field = 'id', action?: TicketAction): Promise<Ticket> {
    const ticket = await this.db.getRepository(Ticket).findOneBy({ id });
    const wasOnWall = action === TicketAction.CLAIM && ticket?.kind === TicketKind.WISH && ticket.publishedAt !== null;
    if (!ticket || !(seesTicket(caller.principal, ticket, relation) || wasOnWall)) throw notFound('Ticket', id, field);
    return ticket;
  }

  /**
   * Takes `action` on the ticket. `change` sees the locked row and answers what else changes; it may
   * throw to refuse. A retry of a transition the same caller just made answers the ticket as it is.
   */
  async apply(caller: Caller, id: string, action: TransitionAction, relation: Relation, change: (ticket: Ticket) => Change | Promise<Change>): Promise<Ticket> {
    requireSignedIn(caller.principal);
    const transition = TRANSITIONS[action];
    const before = await this.visible(caller, id, relation, 'id', action);
    this.authorize(caller, before, action, relation);
    const result = await runTransaction(
      this.db,
      async (manager) => {
        const ticket = await forUpdate(manager, manager.getRepository(Ticket).createQueryBuilder('t').where('t.id = :id', { id })).getOneOrFail();
        if (!transition.from.includes(ticket.status)) {
          if (await this.isRetry(manager, caller, ticket, action)) return ticket;
          throw this.wrongState(ticket, action);
        }
        // Under the lock the ticket may have moved on since it was read: ask again.
        this.authorize(caller, ticket, action, relation);
        const { set = {}, note = null, events = [], also } = await change(ticket);
        const status = transition.to ?? ticket.status;
        const version = ticket.version + 1;
        await manager.update(Ticket, { id }, { ...set, status, version });
        if (status !== ticket.status) await manager.update(TicketScope, { ticketId: id }, { status });
        await recordEvent(manager, { ...ticket, status, version }, action, ticket.status, caller, note);
        await also?.(manager, ticket);
        if (events.length) await enqueue(manager, events);
        const after = await manager.findOneByOrFail(Ticket, { id });
        await applyToMonthStats(manager, ticket, after);
        return after;
      },
      'The ticket',
    );
    this.onCommit();
    return result;
  }

  private authorize(caller: Caller, ticket: Ticket, action: TransitionAction, relation: Relation): void {
    const transition = TRANSITIONS[action];
    if (transition.kinds && !transition.kinds.includes(ticket.kind)) {
      throw conflict(`${action} is only for ${transition.kinds.join(' and ')} tickets, not ${ticket.kind}`, { field: 'id', reason: 'WRONG_KIND' });
    }
    if (!actsAs(caller.principal, ticket, transition.actors, relation)) {
      throw forbidden(`Only the ${transition.actors.join(' or the ')} may do this`, FORBIDDEN_REASON[transition.actors[0]]);
    }
  }

  /** The same caller's same action, already applied: the ticket's last event says so. */
  private async isRetry(manager: EntityManager, caller: Caller, ticket: Ticket, action: TicketAction): Promise<boolean> {
    if (TRANSITIONS[action as TransitionAction]?.to !== ticket.status) return false;
    const last = await manager.findOneBy(TicketEvent, { ticketId: ticket.id, sequence: ticket.version });
    return last?.action === action && last.actor === caller.principal.subject;
  }

  private wrongState(ticket: Ticket, action: TicketAction): Error {
    const taken = (action === TicketAction.ACCEPT || action === TicketAction.CLAIM) && ticket.status === TicketStatus.ACCEPTED;
    if (taken) return conflict('Another volunteer has already taken this ticket', { field: 'id', reason: 'ALREADY_TAKEN' });
    return conflict(`A ${ticket.status.toLowerCase()} ticket cannot take ${action}`, { field: 'id', reason: 'INVALID_TRANSITION' });
  }
}

/** Writes the TicketEvent of a change: `ticket` is the ticket after it. */
export function recordEvent(
  manager: EntityManager,
  ticket: Pick<Ticket, 'id' | 'status' | 'version'>,
  action: TicketAction,
  from: TicketStatus | null,
  caller: Caller,
  note: string | null,
  at = new Date(),
): Promise<unknown> {
  return manager.insert(TicketEvent, {
    id: uuidv7(at.getTime()),
    ticketId: ticket.id,
    sequence: ticket.version,
    action,
    fromStatus: from,
    toStatus: ticket.status,
    actor: caller.principal.subject ?? 'anonymous',
    actorRole: caller.principal.role,
    note,
    at,
  });
}
