import { Logger, SubgraphConfig, insertRows, runTransaction } from '@practice/common';
import type { DataSource } from 'typeorm';
import { addToMonthStats } from '../analytics/month-stats';
import { ticketSettings } from '../settings';
import { FollowUp, TicketCounter, TicketEvent, TicketScope } from '../ticket/ticket-event.entity';
import { Ticket } from '../ticket/ticket.entity';
import { TicketNetworkOptions, generateTicketNetwork } from './ticket-network';

export interface SeedProgress {
  tickets: number;
  /** Volunteers whose tickets are written, of `total`. */
  volunteers: number;
  total: number;
  rows: number;
  elapsedMs: number;
}

export interface SeedTicketsOptions extends Omit<TicketNetworkOptions, 'sla'> {
  /** Volunteers whose tickets are written per transaction. */
  chunkSize?: number;
  onProgress?(progress: SeedProgress): void;
}

/**
 * Fills a tickets database without tickets with the demo tickets of the other subgraphs' demo data;
 * leaves a database with any ticket alone. Each chunk is its own transaction; the day counters of
 * the codes come last, so that tickets submitted through the API number on from them.
 */
export async function seedDemoTickets(db: DataSource, log?: Logger, config?: SubgraphConfig, options: SeedTicketsOptions = {}): Promise<boolean> {
  if ((await db.getRepository(Ticket).count()) > 0) return false;
  const started = Date.now();
  const { chunkSize = 1000, onProgress, ...networkOptions } = options;
  const plan = generateTicketNetwork({ ...networkOptions, sla: config ? ticketSettings(config).sla : undefined });
  let rows = 0;
  let tickets = 0;
  let volunteers = 0;
  for (const chunk of plan.chunks(chunkSize)) {
    rows += await runTransaction(db, async (manager) => {
      let written = await insertRows(manager, Ticket, chunk.tickets);
      written += await insertRows(manager, TicketEvent, chunk.events);
      written += await insertRows(manager, TicketScope, chunk.scopes);
      written += await insertRows(manager, FollowUp, chunk.followUps);
      await addToMonthStats(manager, chunk.tickets);
      return written;
    });
    tickets += chunk.tickets.length;
    volunteers = Math.min(plan.volunteerCount, volunteers + chunkSize);
    onProgress?.({ tickets, volunteers, total: plan.volunteerCount, rows, elapsedMs: Date.now() - started });
  }
  rows += await runTransaction(db, (manager) => insertRows(manager, TicketCounter, plan.counters()));
  log?.info('demo tickets written', { tickets, rows, ms: Date.now() - started });
  return true;
}
