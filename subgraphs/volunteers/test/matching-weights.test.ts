import { ANONYMOUS, LoaderRegistry } from '@practice/common';
import { MatchingQueries } from '../src/matching/matching.queries';
import { MatchingService } from '../src/matching/matching.service';
import { readTicket } from '../src/matching/match-ticket';
import { DEFAULT_MATCH_WEIGHTS } from '../src/matching/match-settings';
import { TicketReference } from '../src/matching/ticket.reference';
import { DEFAULT_STAR_THRESHOLDS } from '../src/settings';
import { StarLevels } from '../src/volunteer/star-level';
import { VolunteersFixture, startVolunteers } from './fixture';
import { Scene, candidatesOf, idsOf, ownSkill, sceneOf, ticketAt } from './matching-scene';
import { acceptTickets } from './ticket-events';

/**
 * The same volunteers ranked under three configurations: the order follows MATCH_WEIGHTS, and
 * MATCH_RADIUS_KM decides who from outside the township passes.
 */
interface Ranking {
  f: VolunteersFixture;
  scene: Scene;
  skill: string;
  /** At the ticket's station, three tickets in hand. */
  busyHere: string;
  /** Elsewhere in the township, one ticket in hand. */
  township: string;
  /** In the next township, 3 to 8 km away, free; and another like them registered after. */
  nearby: string;
  nearbyLater: string;
}

async function rankingOn(env: NodeJS.ProcessEnv = {}): Promise<Ranking> {
  const f = await startVolunteers({ env });
  const scene = await sceneOf(f);
  const { code } = await ownSkill(f);
  const register = (siteId: string) => f.register(siteId, { skillCodes: [code] });
  const ranking = {
    f,
    scene,
    skill: code,
    busyHere: await register(scene.station.id),
    township: await register(scene.neighbour.id),
    nearby: await register(scene.near.id),
    nearbyLater: await register(scene.near.id),
  };
  await acceptTickets(f, ranking.busyHere, 3);
  await acceptTickets(f, ranking.township, 1);
  return ranking;
}

let standard: Ranking;
let byDistance: Ranking;
let byWorkload: Ranking;

beforeAll(async () => {
  [standard, byDistance, byWorkload] = await Promise.all([
    rankingOn(),
    rankingOn({ MATCH_WEIGHTS: 'distance=1', MATCH_RADIUS_KM: '2.5' }),
    rankingOn({ MATCH_WEIGHTS: 'workload=0.9,reliability=0.1' }),
  ]);
}, 120_000);
afterAll(() => Promise.all([standard, byDistance, byWorkload].map((ranking) => ranking?.f.close())));

const rank = (ranking: Ranking) => candidatesOf(ranking.f, ticketAt(ranking.scene.station, { neededSkillCodes: [ranking.skill] }));

describe('MATCH_WEIGHTS and MATCH_RADIUS_KM', () => {
  it('rank with the default weights, the nearby volunteers inside the default 10 km', async () => {
    const candidates = await rank(standard);
    expect(idsOf(candidates).sort()).toEqual([standard.busyHere, standard.township, standard.nearby, standard.nearbyLater].sort());
    for (const candidate of candidates) expect(candidate.parts.map((part) => part.weight)).toEqual(Object.values(DEFAULT_MATCH_WEIGHTS));
  });

  it('rank by distance alone when told, and keep only the township inside a 2.5 km radius', async () => {
    const candidates = await rank(byDistance);
    // The neighbour station lies in the township whatever its distance; the next township's do not.
    expect(idsOf(candidates)).toEqual([byDistance.busyHere, byDistance.township]);
    expect(candidates[0].score).toBeCloseTo(1, 6);
    for (const candidate of candidates) {
      expect(candidate.parts.find((part) => part.name === 'distance')).toMatchObject({ weight: 1, contribution: candidate.score });
      expect(candidate.parts.filter((part) => part.name !== 'distance').every((part) => part.weight === 0 && part.contribution === 0)).toBe(true);
    }
  });

  it('rank the least busy first when workload weighs most, ties to the first registered', async () => {
    const candidates = await rank(byWorkload);
    expect(idsOf(candidates)).toEqual([byWorkload.nearby, byWorkload.nearbyLater, byWorkload.township, byWorkload.busyHere]);
    expect(candidates[0].score).toBe(candidates[1].score);
    expect(candidates.map((candidate) => candidate.openAssignments)).toEqual([0, 0, 1, 3]);
  });

  it('bounds the pool by an SQL estimate equal to the score', async () => {
    // The same services the server uses, on its database: the estimate SQL cut the pool by is the score.
    const { f, scene, skill } = standard;
    const settings = { weights: DEFAULT_MATCH_WEIGHTS, radiusKm: 10 };
    const stars = new StarLevels(DEFAULT_STAR_THRESHOLDS);
    const queries = new MatchingQueries(f.server.db, { ...settings, starThresholdsHundredths: DEFAULT_STAR_THRESHOLDS.map((hours) => hours * 100) });
    const service = new MatchingService(f.server.db, queries, settings, stars);
    const reference = Object.assign(
      new TicketReference(),
      ticketAt(scene.station, { neededSkillCodes: [skill, 'MEDICAL'], desiredFrom: '2030-06-01T02:00:00Z', desiredTo: '2030-06-01T04:00:00Z' }),
    );
    const ticket = readTicket(reference);
    const ranked = service.rank(ticket, await queries.pools(new LoaderRegistry()).load(ticket));
    expect(ranked.length).toBe(4);
    for (const { candidate, estimate } of ranked) expect(estimate).toBeCloseTo(candidate.score, 3);
    await expect(service.candidates({ principal: ANONYMOUS, loaders: new LoaderRegistry() }, reference, 10)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
