import { ConfigError, loadEnv } from './env';
import { eventDestinations, eventsUrlBeside } from './event-destinations';

describe('eventsUrlBeside', () => {
  it.each([
    ['http://127.0.0.1:4002/graphql', 'http://127.0.0.1:4002/internal/events'],
    ['http://volunteers:4002/graphql/', 'http://volunteers:4002/internal/events'],
    ['https://api.example.org/volunteers/graphql', 'https://api.example.org/volunteers/internal/events'],
    ['http://127.0.0.1:4002', 'http://127.0.0.1:4002/internal/events'],
  ])('%s → %s', (graphql, events) => {
    expect(eventsUrlBeside(graphql)).toBe(events);
  });
});

describe('eventDestinations', () => {
  const destinations = eventDestinations({ volunteers: 'http://127.0.0.1:4002/graphql', resources: 'http://127.0.0.1:4003/graphql' });
  const urls = (source: NodeJS.ProcessEnv) => destinations.urls(loadEnv(destinations.spec, source));

  it('derives each events URL from the default GraphQL URL', () => {
    expect(urls({})).toEqual({ volunteers: 'http://127.0.0.1:4002/internal/events', resources: 'http://127.0.0.1:4003/internal/events' });
  });

  it('follows <NAME>_URL, and <NAME>_EVENTS_URL wins over it', () => {
    expect(urls({ VOLUNTEERS_URL: 'http://volunteers:4002/graphql', RESOURCES_EVENTS_URL: 'http://events.internal/resources' })).toEqual({
      volunteers: 'http://volunteers:4002/internal/events',
      resources: 'http://events.internal/resources',
    });
  });

  it('reports a bad URL by its variable', () => {
    expect(() => urls({ VOLUNTEERS_EVENTS_URL: 'volunteers:4002' })).toThrow(ConfigError);
    expect(() => urls({ VOLUNTEERS_EVENTS_URL: 'volunteers:4002' })).toThrow(/VOLUNTEERS_EVENTS_URL/);
  });
});
