import { AggregateLimits, DEFAULT_AGGREGATE_LIMITS, OwnEnv, SubgraphConfig, env, eventDestinations } from '@practice/common';
import { SlaRules, slaEnvVar } from './ticket/sla';

export interface TicketSettings {
  sitesUrl: string;
  volunteersUrl: string;
  resourcesUrl: string;
  /** Where the outbox delivers, by destination. */
  eventUrls: Record<string, string>;
  sla: SlaRules;
  /** What one `ticketStats` query may ask for. */
  stats: StatsLimits;
  /** How long delivered events stay in the outbox; 0 keeps them. */
  outboxRetentionMs: number;
}

export interface StatsLimits extends AggregateLimits {
  /** Days from `from` to `to` of the submission period. */
  maxPeriodDays: number;
}

/** Three years (any three, a leap day included) between `from` and `to`. */
export const DEFAULT_STATS_MAX_DAYS = 1095;
/** A county's year by township, month and category, the analysts' usual pivot, is about 5,600 groups. */
export const DEFAULT_STATS_MAX_GROUPS = 10_000;

/** The volunteers subgraph gets the hours served; the resources subgraph the orders of its resources. */
const destinations = eventDestinations({ volunteers: 'http://127.0.0.1:4002/graphql', resources: 'http://127.0.0.1:4003/graphql' });

export const ticketsEnv: OwnEnv = {
  spec: {
    SITES_URL: env.url('GraphQL endpoint of the sites subgraph, which the tickets subgraph asks about serving sites', {
      protocols: ['http', 'https'],
      default: 'http://127.0.0.1:4001/graphql',
    }),
    ...destinations.spec,
    TICKET_SLA: slaEnvVar(
      'Deadlines to dispatch and complete tickets per channel and kind, e.g. *:dispatch=24h,complete=7d;HOTLINE_12345:dispatch=2h,complete=3d',
    ),
    TICKET_STATS_MAX_DAYS: env.int('Longest submission period of ticketStats, in days from `from` to `to` (1 to 3660)', {
      default: DEFAULT_STATS_MAX_DAYS,
      min: 1,
      max: 3660,
    }),
    TICKET_STATS_MAX_GROUPS: env.int('Most groups one ticketStats answer may have (1 to 50000)', {
      default: DEFAULT_STATS_MAX_GROUPS,
      min: 1,
      max: 50_000,
    }),
    TICKETS_OUTBOX_RETENTION_DAYS: env.int('Days a delivered event stays in the outbox before it is deleted; 0 keeps every one (0 to 3660)', {
      default: 7,
      min: 0,
      max: 3660,
    }),
  },
};

export function ticketSettings(config: SubgraphConfig): TicketSettings {
  const values = config.settings;
  return {
    sitesUrl: values.SITES_URL as string,
    volunteersUrl: values.VOLUNTEERS_URL as string,
    resourcesUrl: values.RESOURCES_URL as string,
    eventUrls: destinations.urls(values),
    sla: values.TICKET_SLA as SlaRules,
    stats: {
      maxDimensions: DEFAULT_AGGREGATE_LIMITS.maxDimensions,
      maxGroups: values.TICKET_STATS_MAX_GROUPS as number,
      maxPeriodDays: values.TICKET_STATS_MAX_DAYS as number,
    },
    outboxRetentionMs: (values.TICKETS_OUTBOX_RETENTION_DAYS as number) * 24 * 3600_000,
  };
}
