import { EVENTS_PATH } from '../events/inbox';
import { EnvSpec, env } from './env';

const variable = (destination: string) => destination.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/** The events endpoint of the subgraph that serves `graphqlUrl`: `http://h:4002/graphql` → `http://h:4002/internal/events`. */
export function eventsUrlBeside(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '') + EVENTS_PATH;
  url.search = '';
  url.hash = '';
  return url.toString();
}

export interface EventDestinations {
  /** To spread into the subgraph's own `env.spec`. */
  spec: EnvSpec;
  /** The events URL of each destination, from `config.settings`, for the outbox dispatcher. */
  urls(settings: Record<string, unknown>): Record<string, string>;
}

/**
 * The variables of a subgraph that delivers events to others, given each destination's default
 * GraphQL URL: `<NAME>_URL` (the one the gateway reads; a subgraph that also queries the destination
 * shares it) and `<NAME>_EVENTS_URL`, by default the events endpoint beside `<NAME>_URL`.
 *
 * `eventDestinations({ volunteers: 'http://127.0.0.1:4002/graphql' })` reads VOLUNTEERS_URL and
 * VOLUNTEERS_EVENTS_URL and answers `{ volunteers: 'http://127.0.0.1:4002/internal/events' }`.
 */
export function eventDestinations(graphqlDefaults: Record<string, string>): EventDestinations {
  const spec: EnvSpec = {};
  for (const [destination, graphqlUrl] of Object.entries(graphqlDefaults)) {
    const name = variable(destination);
    spec[`${name}_URL`] = env.url(`GraphQL endpoint of the ${destination} subgraph`, { protocols: ['http', 'https'], default: graphqlUrl });
    spec[`${name}_EVENTS_URL`] = env.optionalUrl(`Where events for the ${destination} subgraph are delivered (default: ${EVENTS_PATH} beside ${name}_URL)`, [
      'http',
      'https',
    ]);
  }
  return {
    spec,
    urls: (settings) =>
      Object.fromEntries(
        Object.keys(graphqlDefaults).map((destination) => {
          const name = variable(destination);
          const explicit = settings[`${name}_EVENTS_URL`] as string | undefined;
          return [destination, explicit ?? eventsUrlBeside(settings[`${name}_URL`] as string)];
        }),
      ),
  };
}
