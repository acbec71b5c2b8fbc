import { pathIds } from '@practice/common';
import { DemoSite, SiteKind, SiteStatus, generateCountyNetwork } from '@practice/sites';

/** A ticket of the tickets subgraph as the gateway represents it for `candidateVolunteers`. */
function representation(site: DemoSite, id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    __typename: 'Ticket',
    id,
    categoryCode: null,
    neededSkillCodes: [],
    servingSiteId: site.id,
    servingSiteRegionCode: site.regionCode,
    servingSiteAncestorIds: pathIds(site.path).slice(0, -1),
    latitude: site.latitude,
    longitude: site.longitude,
    desiredFrom: null,
    desiredTo: null,
    ...overrides,
  };
}

// Saturday 1 June 2030, 09:00–11:00 China time; Tuesday 4 June 2030, 19:00–21:00.
const SATURDAY_MORNING = { desiredFrom: '2030-06-01T01:00:00Z', desiredTo: '2030-06-01T03:00:00Z' };
const TUESDAY_EVENING = { desiredFrom: '2030-06-04T11:00:00Z', desiredTo: '2030-06-04T13:00:00Z' };

/**
 * Realistic tickets at stations of the demo county the seeder wrote (the sites generator's default
 * network): one station of a township in the middle of the county, and a page of ten stations.
 */
export function benchTickets(): { name: string; representations: Record<string, unknown>[] }[] {
  const { sites } = generateCountyNetwork();
  const institutes = sites.filter((site) => site.kind === SiteKind.INSTITUTE && site.status === SiteStatus.ACTIVE).sort((a, b) => a.code.localeCompare(b.code));
  const stations = sites.filter((site) => site.kind === SiteKind.STATION && site.status === SiteStatus.ACTIVE).sort((a, b) => a.code.localeCompare(b.code));
  const institute = institutes[Math.floor(institutes.length / 2)];
  const station = stations.find((site) => site.parentId === institute.id)!;
  const page = stations.filter((_site, index) => index % Math.floor(stations.length / 10) === 0).slice(0, 10);
  return [
    { name: 'a station, no skill, no window', representations: [representation(station, 'T-BENCH-1')] },
    { name: 'a station, a skill (MEDICAL and below), no window', representations: [representation(station, 'T-BENCH-2', { neededSkillCodes: ['MEDICAL'] })] },
    {
      name: 'a station, two skills, Saturday morning',
      representations: [representation(station, 'T-BENCH-3', { neededSkillCodes: ['MEDICAL.NURSING', 'CARE'], ...SATURDAY_MORNING })],
    },
    {
      name: 'a station, a category (no skill), Tuesday evening',
      representations: [representation(station, 'T-BENCH-4', { categoryCode: 'SERVICE.HEALTH.CHECKUP', ...TUESDAY_EVENING })],
    },
    {
      name: 'ten stations in one request, a skill, Saturday morning',
      representations: page.map((site, index) => representation(site, `T-BENCH-P${index}`, { neededSkillCodes: ['REPAIR'], ...SATURDAY_MORNING })),
    },
  ];
}

export const CANDIDATES_QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { id candidateVolunteers(first: 10) {
  rank score distanceKm openAssignments parts { name value weight contribution } volunteer { name phone skills { code } reliability { completionRate } }
} } } }`;
