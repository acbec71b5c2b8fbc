import { Role, pathIds } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind, SiteStatus } from '@practice/sites/site/site.enums';
import { IsNull, Not } from 'typeorm';
import { distanceKm } from '../src/matching/geo';
import { VolunteersFixture, expectNoErrors } from './fixture';

/** The places of a matching test: a ticket's station, its township, a station near it in another, one far away. */
export interface Scene {
  institute: Site;
  /** Where the tickets are served. */
  station: Site;
  /** Another station of the same township, a few km away. */
  neighbour: Site;
  /** A station of another township, 3 to 8 km from `station`: in the default radius only. */
  near: Site;
  /** A station more than 20 km away. */
  far: Site;
  /** The institute of `far`. */
  farInstitute: Site;
}

export const at = (site: Site) => ({ latitude: site.latitude!, longitude: site.longitude! });

/** The same places in every fixture: the demo county is the same everywhere. */
export async function sceneOf(f: VolunteersFixture): Promise<Scene> {
  const sites = f.sites.db.getRepository(Site);
  const stations = await sites.find({ where: { kind: SiteKind.STATION, status: SiteStatus.ACTIVE, latitude: Not(IsNull()) }, order: { code: 'ASC' } });
  for (const candidate of await sites.find({ where: { kind: SiteKind.INSTITUTE, status: SiteStatus.ACTIVE }, order: { code: 'ASC' } })) {
    const own = stations.filter((s) => s.parentId === candidate.id);
    if (own.length < 2) continue;
    const [station, neighbour] = own;
    const others = stations.filter((s) => s.parentId !== candidate.id);
    const near = others.find((s) => {
      const km = distanceKm(at(station), at(s));
      return km >= 3 && km <= 8;
    });
    const far = others.find((s) => distanceKm(at(station), at(s)) > 20);
    if (!near || !far || distanceKm(at(station), at(neighbour)) > 9) continue;
    return { institute: candidate, station, neighbour, near, far, farInstitute: await sites.findOneByOrFail({ id: far.parentId! }) };
  }
  throw new Error('The demo county has no township with a near and a far station');
}

/** A ticket of the tickets subgraph as the gateway represents it for `candidateVolunteers`. */
export function ticketAt(site: Site, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    __typename: 'Ticket',
    id: `T-${site.code}-${Math.random().toString(36).slice(2, 8)}`,
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

export const CANDIDATES = `query($r: [_Any!]!, $first: Int) { _entities(representations: $r) { ... on Ticket { id candidateVolunteers(first: $first) {
  rank score distanceKm openAssignments matchedSkillCodes parts { name value weight contribution } volunteer { id name phone }
} } } }`;

export interface Candidate {
  rank: number;
  score: number;
  distanceKm: number | null;
  openAssignments: number;
  matchedSkillCodes: string[];
  parts: { name: string; value: number; weight: number; contribution: number }[];
  volunteer: { id: string; name: string; phone: string | null };
}

/** The candidates of a ticket, as an admin unless told. */
export async function candidatesOf(
  f: VolunteersFixture,
  ticket: Record<string, unknown>,
  options: { first?: number; token?: string } = {},
): Promise<Candidate[]> {
  const token = options.token ?? (await f.token(Role.ADMIN));
  const result = await f.request<{ _entities: { candidateVolunteers: Candidate[] }[] }>(CANDIDATES, { r: [ticket], first: options.first ?? 100 }, { token });
  expectNoErrors(result);
  return result.data!._entities[0].candidateVolunteers;
}

export const idsOf = (candidates: Candidate[]): string[] => candidates.map((candidate) => candidate.volunteer.id);
export const partOf = (candidate: Candidate, name: string): number => candidate.parts.find((part) => part.name === name)!.value;

let serial = 0;
/** A skill of its own for one test, with a child, so that only that test's volunteers have it. */
export async function ownSkill(f: VolunteersFixture): Promise<{ code: string; child: string }> {
  const code = `MT${process.pid % 1000}X${++serial}`;
  const admin = await f.token(Role.ADMIN);
  for (const [skill, name] of [
    [code, '测试技能'],
    [`${code}.CHILD`, '测试子技能'],
  ]) {
    expectNoErrors(
      await f.request(`mutation($input: CreateSkillInput!) { createSkill(input: $input) { id } }`, { input: { code: skill, name } }, { token: admin }),
    );
  }
  return { code, child: `${code}.CHILD` };
}
