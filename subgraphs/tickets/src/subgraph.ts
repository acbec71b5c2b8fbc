import { OutboxEvent, SubgraphDefinition } from '@practice/common';
import { TicketsServices, createTicketsServices } from './context';
import { seedDemoTickets } from './demo/seed';
import { CreateTickets1735000000000 } from './migrations/1735000000000-CreateTickets';
import { TicketStats1735000000001 } from './migrations/1735000000001-TicketStats';
import { TicketMonthStats1735000000002 } from './migrations/1735000000002-TicketMonthStats';
import { buildTicketsSchema } from './schema';
import { ticketsEnv } from './settings';
import { FollowUp, TicketCounter, TicketEvent, TicketScope } from './ticket/ticket-event.entity';
import { Ticket } from './ticket/ticket.entity';

export const TICKETS_DEFAULT_PORT = 4004;

export const ticketsSubgraph: SubgraphDefinition<TicketsServices> = {
  name: 'tickets',
  defaultPort: TICKETS_DEFAULT_PORT,
  entities: [Ticket, TicketEvent, FollowUp, TicketScope, TicketCounter, OutboxEvent],
  migrations: [CreateTickets1735000000000, TicketStats1735000000001, TicketMonthStats1735000000002],
  env: ticketsEnv,
  buildSchema: buildTicketsSchema,
  createServices: createTicketsServices,
  workers: (services) => [services.outbox],
  seedDemoData: (db, log, config) => seedDemoTickets(db, log, config),
};
