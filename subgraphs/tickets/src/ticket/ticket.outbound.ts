import { OutgoingEvent, monthOf, todayInChina } from '@practice/common';
import type { Participant, Ticket } from './ticket.entity';
import { TicketKind } from './ticket.enums';

/**
 * The events other subgraphs learn of a ticket's changes, written to the outbox in the change's
 * transaction (the contracts are in the README, "Events between subgraphs").
 */
const toVolunteers = (type: string, data: Record<string, unknown>, at: Date): OutgoingEvent => ({ destination: 'volunteers', type, data, occurredAt: at });
const toResources = (type: string, data: Record<string, unknown>, at: Date): OutgoingEvent => ({ destination: 'resources', type, data, occurredAt: at });

export const accepted = (ticket: Ticket, volunteerId: string, at: Date): OutgoingEvent =>
  toVolunteers('ticket.accepted', { ticketId: ticket.id, volunteerId, acceptedAt: at.toISOString() }, at);

export const declined = (ticket: Ticket, volunteerId: string, reason: string, at: Date): OutgoingEvent =>
  toVolunteers('ticket.declined', { ticketId: ticket.id, volunteerId, declinedAt: at.toISOString(), reason }, at);

/** The volunteer who had taken the ticket no longer serves it. */
export const released = (ticket: Ticket, reason: string, at: Date): OutgoingEvent[] =>
  ticket.assignedVolunteerId && ticket.acceptedAt
    ? [toVolunteers('ticket.released', { ticketId: ticket.id, volunteerId: ticket.assignedVolunteerId, releasedAt: at.toISOString(), reason }, at)]
    : [];

export const completed = (ticket: Ticket, participants: Participant[], servedOn: string, content: string, at: Date): OutgoingEvent =>
  toVolunteers(
    'ticket.completed',
    {
      ticketId: ticket.id,
      siteId: ticket.servingSiteId,
      servedOn,
      content,
      participants: participants.map((p) => ({ volunteerId: p.volunteerId, hours: p.hoursHundredths / 100 })),
    },
    at,
  );

export const rated = (ticket: Ticket, rating: number, at: Date): OutgoingEvent[] =>
  ticket.participants.length
    ? [
        toVolunteers(
          'ticket.rated',
          { ticketId: ticket.id, volunteerIds: ticket.participants.map((p) => p.volunteerId), rating, ratedAt: at.toISOString() },
          at,
        ),
      ]
    : [];

/** The month an order counts in against its resource's capacity: of the service wanted, else of the order. */
export const orderPeriod = (ticket: Pick<Ticket, 'desiredFrom' | 'submittedAt'>): string => monthOf(todayInChina(ticket.desiredFrom ?? ticket.submittedAt));

export const ordered = (ticket: Pick<Ticket, 'id' | 'kind' | 'resourceId' | 'submittedAt' | 'desiredFrom'>): OutgoingEvent[] =>
  ticket.kind === TicketKind.ORDER && ticket.resourceId
    ? [
        toResources(
          'ticket.ordered',
          { ticketId: ticket.id, resourceId: ticket.resourceId, period: orderPeriod(ticket), orderedAt: ticket.submittedAt.toISOString() },
          ticket.submittedAt,
        ),
      ]
    : [];

/** An order that will not be served gives its place back. */
export const orderCancelled = (ticket: Ticket, at: Date): OutgoingEvent[] =>
  ticket.kind === TicketKind.ORDER && ticket.resourceId
    ? [toResources('ticket.order_cancelled', { ticketId: ticket.id, resourceId: ticket.resourceId, period: orderPeriod(ticket) }, at)]
    : [];
