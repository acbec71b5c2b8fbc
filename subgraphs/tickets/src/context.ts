import { Logger, OutboxDispatcher, RequestContext, SiteDirectory, SubgraphConfig } from '@practice/common';
import type { DataSource } from 'typeorm';
import { TicketStatsQueries } from './analytics/stats.queries';
import { ResourceDirectory } from './directory/resource-directory';
import { VolunteerDirectory } from './directory/volunteer-directory';
import { TicketSettings, ticketSettings } from './settings';
import { TicketActions } from './ticket/ticket.actions';
import { TicketIntake } from './ticket/ticket.intake';
import { TicketQueries } from './ticket/ticket.queries';
import { TicketWorkflow } from './ticket/ticket.workflow';

export interface TicketsServices {
  db: DataSource;
  settings: TicketSettings;
  intake: TicketIntake;
  actions: TicketActions;
  ticketQueries: TicketQueries;
  statsQueries: TicketStatsQueries;
  /** Delivers the events the tickets' changes wrote to the outbox. */
  outbox: OutboxDispatcher;
}

export type TicketsContext = RequestContext & TicketsServices;

/** The services of the subgraph, created once per database. */
export function createTicketsServices(db: DataSource, config: SubgraphConfig, log: Logger): TicketsServices {
  const settings = ticketSettings(config);
  const outbox = new OutboxDispatcher(db, {
    destinations: settings.eventUrls,
    service: 'tickets',
    internalSecret: config.internalSecret,
    log,
    retentionMs: settings.outboxRetentionMs,
  });
  // After a commit that wrote events, so that they leave at once rather than at the next poll.
  const nudgeOutbox = () => outbox.nudge();
  const volunteers = new VolunteerDirectory(settings.volunteersUrl);
  const workflow = new TicketWorkflow(db, nudgeOutbox);
  return {
    db,
    settings,
    intake: new TicketIntake(db, new SiteDirectory(settings.sitesUrl), new ResourceDirectory(settings.resourcesUrl), settings, settings.sla, nudgeOutbox),
    actions: new TicketActions(workflow, volunteers),
    ticketQueries: new TicketQueries(db),
    statsQueries: new TicketStatsQueries(db, settings.stats),
    outbox,
  };
}
