import { groupLoader, rowLoader } from '@practice/common';
import type DataLoader from 'dataloader';
import type { TicketsContext } from '../context';
import type { Ticket } from './ticket.entity';
import type { FollowUp, TicketEvent } from './ticket-event.entity';

export const ticketById = (ctx: TicketsContext): DataLoader<string, Ticket | null> =>
  ctx.loaders.get('ticketById', () =>
    rowLoader(
      (ids) => ctx.ticketQueries.byIds(ids),
      (ticket) => ticket.id,
    ),
  );

export const ticketEvents = (ctx: TicketsContext): DataLoader<string, TicketEvent[]> =>
  ctx.loaders.get('ticketEvents', () =>
    groupLoader(
      (ids) => ctx.ticketQueries.eventsOf(ids),
      (event) => event.ticketId,
    ),
  );

export const ticketFollowUps = (ctx: TicketsContext): DataLoader<string, FollowUp[]> =>
  ctx.loaders.get('ticketFollowUps', () =>
    groupLoader(
      (ids) => ctx.ticketQueries.followUpsOf(ids),
      (followUp) => followUp.ticketId,
    ),
  );
