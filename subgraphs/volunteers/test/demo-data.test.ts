import { Role } from '@practice/common';
import { GraphQLRequest, TestSubgraph, graphqlClient, startTestSubgraph, tokenFor } from '@practice/common/testing';
import { seedDemoSites } from '@practice/sites/demo/seed';
import { pathIds } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { sitesSubgraph } from '@practice/sites/subgraph';
import { seedDemoVolunteers } from '../src/demo/seed';
import { serviceMonthGroupRows, serviceMonthGroupsOfMonths, serviceMonthRows, serviceMonthsOfRecords } from '../src/service-record/service-month';
import { ServiceRecord } from '../src/service-record/service-record.entity';
import { volunteersSubgraph } from '../src/subgraph';
import { Volunteer } from '../src/volunteer/volunteer.entity';
import { expectNoErrors } from './fixture';

/** The demo data as the API serves it: written through the same tables, read through the same rules. */
let sites: TestSubgraph;
let server: TestSubgraph;
let request: GraphQLRequest;
let admin: string;
let center: Site;

beforeAll(async () => {
  sites = await startTestSubgraph(sitesSubgraph, { seed: (db) => seedDemoSites(db) });
  server = await startTestSubgraph(volunteersSubgraph, { env: { SITES_URL: sites.url }, seed: (db) => seedDemoVolunteers(db) });
  request = graphqlClient(server.url);
  admin = await tokenFor({ role: Role.ADMIN, subject: 'demo-admin' });
  center = (await sites.db.getRepository(Site).findOneByOrFail({ kind: SiteKind.CENTER }))!;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await sites?.close();
});

const COUNT = `query($filter: VolunteerFilter) { volunteers(first: 1, filter: $filter) { totalCount } }`;

async function countOf(filter: Record<string, unknown>): Promise<number> {
  const result = await request<{ volunteers: { totalCount: number } }>(COUNT, { filter }, { token: admin });
  expectNoErrors(result);
  return result.data!.volunteers.totalCount;
}

describe('demo volunteers', () => {
  it('come in a few thousand, at every star level, fewer at each level up', async () => {
    const all = await countOf({ statuses: ['ACTIVE', 'SUSPENDED', 'LEFT'] });
    expect(all).toBeGreaterThanOrEqual(2000);
    const byLevel: number[] = [];
    for (let level = 0; level <= 5; level++) byLevel.push(await countOf({ starLevels: [level], statuses: ['ACTIVE', 'SUSPENDED', 'LEFT'] }));
    expect(byLevel.every((count) => count > 0)).toBe(true);
    expect(byLevel.reduce((sum, count) => sum + count, 0)).toBe(all);
    for (let level = 1; level <= 5; level++) expect(byLevel[level]).toBeLessThan(byLevel[level - 1]);
  });

  it('live under the demo county, and every home site is a site the sites subgraph knows', async () => {
    const underCenter = await countOf({ siteId: center.id, statuses: ['ACTIVE', 'SUSPENDED', 'LEFT'] });
    expect(underCenter).toBe(await server.db.getRepository(Volunteer).count());
    const homeIds = (await server.db.getRepository(Volunteer).createQueryBuilder('v').select('DISTINCT v.home_site_id', 'id').getRawMany<{ id: string }>()).map(
      (row) => row.id,
    );
    const known = await sites.db.getRepository(Site).createQueryBuilder('s').where('s.id IN (:...ids)', { ids: homeIds }).getCount();
    expect(known).toBe(homeIds.length);
  });

  it('have star levels that agree with their verified records', async () => {
    const result = await request<{
      volunteers: { edges: { node: { id: string; verifiedHours: number; starLevel: { level: number; verifiedHours: number } } }[] };
    }>(
      `query { volunteers(first: 50, filter: { starLevels: [3, 4, 5] }) { edges { node { id verifiedHours starLevel { level verifiedHours } } } } }`,
      {},
      { token: admin },
    );
    expectNoErrors(result);
    const nodes = result.data!.volunteers.edges.map((edge) => edge.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      const row = await server.db
        .getRepository(ServiceRecord)
        .createQueryBuilder('r')
        .select('SUM(r.hours_hundredths)', 'sum')
        .where('r.volunteer_id = :id AND r.status = :status', { id: node.id, status: 'VERIFIED' })
        .getRawOne<{ sum: string | number }>();
      expect(Number(row?.sum) / 100).toBeCloseTo(node.verifiedHours, 2);
      expect(node.starLevel.level).toBeGreaterThanOrEqual(3);
      expect(node.verifiedHours).toBeGreaterThanOrEqual(600);
    }
  });

  it('have the monthly sums of their records, which the bulk inserts bypassed', async () => {
    const kept = await serviceMonthRows(server.db);
    expect(kept.length).toBeGreaterThan(1000);
    expect(kept).toEqual(await serviceMonthsOfRecords(server.db));
    expect(await serviceMonthGroupRows(server.db)).toEqual(await serviceMonthGroupsOfMonths(server.db));
  });

  it('fill a leaderboard of the last year and the teams of the center', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const result = await request<{ volunteerLeaderboard: { rank: number; hours: number }[]; teams: { totalCount: number } }>(
      `query($siteId: ID!, $from: String!, $to: String!) {
        volunteerLeaderboard(siteId: $siteId, period: { from: $from, to: $to }, first: 10) { rank hours }
        teams(first: 1, filter: { siteId: $siteId }) { totalCount }
      }`,
      { siteId: center.id, from: yearAgo, to: today },
      { token: admin },
    );
    expectNoErrors(result);
    const board = result.data!.volunteerLeaderboard;
    expect(board).toHaveLength(10);
    expect(board.map((entry) => entry.hours)).toEqual([...board.map((entry) => entry.hours)].sort((a, b) => b - a));
    expect(board[0].hours).toBeGreaterThan(board[9].hours);
    expect(result.data!.teams.totalCount).toBeGreaterThan(0);
  });

  it('rank candidates for a ticket of a demo station with real differences between them', async () => {
    // The station with the most volunteers of the institute with the most stations.
    const [{ id: stationId }] = await server.db.query(
      `SELECT v.home_site_id AS id FROM volunteer v WHERE v.home_site_path LIKE '%/%/%/%/' GROUP BY v.home_site_id ORDER BY COUNT(*) DESC, v.home_site_id LIMIT 1`,
    );
    const station = await sites.db.getRepository(Site).findOneByOrFail({ id: stationId });
    const ticket = (overrides: Record<string, unknown>) => ({
      __typename: 'Ticket',
      id: 'T-DEMO-1',
      categoryCode: null,
      neededSkillCodes: [],
      servingSiteId: station.id,
      servingSiteRegionCode: station.regionCode,
      servingSiteAncestorIds: pathIds(station.path).slice(0, -1),
      latitude: station.latitude,
      longitude: station.longitude,
      desiredFrom: null,
      desiredTo: null,
      ...overrides,
    });
    const result = await request<{ _entities: { candidateVolunteers: { score: number; distanceKm: number; parts: { name: string; value: number }[] }[] }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { candidateVolunteers(first: 50) { score distanceKm parts { name value } } } } }`,
      {
        r: [
          ticket({ neededSkillCodes: ['MEDICAL', 'CARE'] }),
          // Saturday 09:00 to 11:00 in China.
          ticket({ categoryCode: 'SERVICE.HEALTH.CHECKUP', desiredFrom: '2030-06-01T01:00:00Z', desiredTo: '2030-06-01T03:00:00Z' }),
        ],
      },
      { token: admin },
    );
    expectNoErrors(result);
    for (const { candidateVolunteers: candidates } of result.data!._entities) {
      expect(candidates.length).toBe(50);
      expect(candidates[0].score - candidates[49].score).toBeGreaterThan(0.05);
      expect(new Set(candidates.map((candidate) => candidate.score.toFixed(4))).size).toBeGreaterThan(20);
      const values = (name: string) => new Set(candidates.map((candidate) => candidate.parts.find((part) => part.name === name)!.value.toFixed(3)));
      // The best are mostly free; they differ in distance, reliability and stars.
      for (const name of ['distance', 'reliability', 'star']) expect(values(name).size).toBeGreaterThan(3);
      expect(candidates.some((candidate) => candidate.distanceKm > 1)).toBe(true);
    }
  });

  it('are written once: seeding again changes nothing', async () => {
    const before = await server.db.getRepository(ServiceRecord).count();
    expect(await seedDemoVolunteers(server.db)).toBe(false);
    expect(await server.db.getRepository(ServiceRecord).count()).toBe(before);
  });
});
