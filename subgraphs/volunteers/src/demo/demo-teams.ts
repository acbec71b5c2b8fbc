import type { DemoSite } from '@practice/sites';
import { uuidv7 } from '@practice/common';
import { OrganizationStatus } from '../organization/organization.entity';
import { TeamLevel, TeamStatus } from '../team/team.enums';
import {
  CORPS,
  COUNTY_ORGANIZATIONS,
  CorpsKey,
  DETACHMENT_CORPS,
  GIVEN_FEMALE,
  GIVEN_MALE,
  LOCAL_ORGANIZATIONS,
  SECTOR_SKILLS,
  SECTOR_TEAMS,
  SURNAMES,
} from './demo-tables';
import { County, OrganizationRow, SiteDirectory, TeamRow, chinaTime, placeOf, townOf } from './demo-model';
import { Rng } from './random';

/** The teams of one county, by where a volunteer finds them. */
export interface CountyTeams {
  corps: Map<CorpsKey, TeamRow>;
  /** Per institute: its general detachment and, for some, a specialty detachment under a corps. */
  detachments: Map<string, { general: TeamRow; specialty?: { team: TeamRow; corps: CorpsKey } }>;
  stationTeams: Map<string, TeamRow>;
  /** Per sector sub-center: its professional teams, filled one after another. */
  professionalTeams: Map<string, TeamRow[]>;
}

/** Professional teams (专业志愿者队伍) have 30 to 50 members. */
export const PROFESSIONAL_TEAM_SIZE = 50;
const PROFESSIONAL_TEAM_TARGET = 42;

// ---- unified social credit codes (GB 32100) -----------------------------------------------------------

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The check character of an organization code (GB 11714): 8 characters, then the check. */
function orgCodeCheck(code8: string): string {
  const sum = [...code8].reduce((total, c, i) => total + parseInt(c, 36) * ORG_CODE_WEIGHTS[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** A unified social credit code of a civil-affairs registered organization: 5, kind, county, org code, check. */
export function creditCode(kind: '1' | '2', county: string, serial: string): string {
  const code8 = `MJ${serial.padStart(6, '0').slice(-6)}`;
  const first17 = `5${kind}${county}${code8}${orgCodeCheck(code8)}`;
  const sum = [...first17].reduce((total, c, i) => total + CREDIT_CHARSET.indexOf(c) * CREDIT_WEIGHTS[i], 0);
  return first17 + CREDIT_CHARSET[(31 - (sum % 31)) % 31];
}

// ---- organizations and teams ---------------------------------------------------------------------------

interface Plan {
  rng: Rng;
  idRng: Rng;
  sites: SiteDirectory;
  skillIds: ReadonlyMap<string, string>;
  today: number;
  usedCreditCodes: Set<string>;
}

const person = (rng: Rng): string =>
  rng.pick(SURNAMES) + rng.pick(rng.chance(0.5) ? GIVEN_MALE : GIVEN_FEMALE) + (rng.chance(0.7) ? rng.pick(GIVEN_FEMALE) : '');
const mobile = (rng: Rng): string => `1${rng.pick(['39', '38', '37', '51', '58', '59', '80', '87', '88', '89'])}${rng.digits(8)}`;

/** About 30 registered organizations of a county: county-wide ones at the center, local ones at institutes. */
export function planOrganizations(plan: Plan, county: County): OrganizationRow[] {
  const { rng, idRng, sites, today } = plan;
  const organizations: OrganizationRow[] = [];
  const names = new Set<string>();
  const add = (site: DemoSite, name: string, kind: '1' | '2') => {
    let code: string;
    do code = creditCode(kind, county.code, rng.digits(6));
    while (plan.usedCreditCodes.has(code));
    plan.usedCreditCodes.add(code);
    names.add(name);
    const createdAt = new Date(chinaTime(today - rng.int(1100, 1600), rng.int(540, 1020)));
    const contact = rng.chance(0.9);
    organizations.push({
      id: uuidv7(createdAt.getTime(), idRng.bytes),
      name,
      creditCode: code,
      siteId: site.id,
      sitePath: site.path,
      regionCode: site.regionCode,
      contactName: contact ? person(rng) : null,
      contactPhone: contact ? mobile(rng) : null,
      status: OrganizationStatus.ACTIVE,
      createdBy: sites.reviewerOf(site),
      createdAt,
      updatedAt: createdAt,
    });
  };
  for (const [name, kind] of COUNTY_ORGANIZATIONS) add(county.center, county.name + name, kind);
  const target = organizations.length + 15;
  for (let attempt = 0; organizations.length < target && attempt < 200 && county.institutes.length; attempt++) {
    const institute = county.institutes[attempt % county.institutes.length];
    // Templates in turn, so the township associations mix with community ones.
    const [template, kind] = LOCAL_ORGANIZATIONS[(attempt + Math.floor(attempt / county.institutes.length)) % LOCAL_ORGANIZATIONS.length];
    const town = townOf(institute);
    const stations = county.stationsOf.get(institute.id) ?? [];
    if (template.includes('{c}') && !stations.length) continue;
    const name = template.replace('{t}', town).replace('{c}', template.includes('{c}') ? placeOf(rng.pick(stations), town) : '');
    if (!names.has(name)) add(institute, name, kind);
  }
  // One that has wound up: lists by status have something to show.
  if (organizations.length > 20) organizations[organizations.length - 1].status = OrganizationStatus.DEREGISTERED;
  return organizations;
}

/**
 * The teams of a county: corps at the center, a detachment per institute under the general corps
 * (and at some a specialty one under a corps), a team at most stations under the institute's
 * detachment, and professional teams at each sector sub-center under the corps of their field.
 * Levels and sites nest as the API requires; names are unique per site.
 */
export function planTeams(plan: Plan, county: County, organizations: OrganizationRow[], volunteersPerCounty: number, professionalShare: number): CountyTeams {
  const { rng, idRng, sites, skillIds, today } = plan;
  const active = organizations.filter((o) => o.status === OrganizationStatus.ACTIVE);
  const orgNamed = (name: string) => active.find((o) => o.name === name) ?? null;
  const result: CountyTeams = { corps: new Map(), detachments: new Map(), stationTeams: new Map(), professionalTeams: new Map() };
  const add = (
    site: DemoSite,
    name: string,
    level: TeamLevel,
    parent: TeamRow | null,
    specialty: string | null,
    description: string | null,
    daysAgo: number,
  ): TeamRow => {
    const createdAt = new Date(chinaTime(today - daysAgo, rng.int(540, 1020)));
    return {
      id: uuidv7(createdAt.getTime(), idRng.bytes),
      name,
      level,
      parentId: parent?.id ?? null,
      siteId: site.id,
      sitePath: site.path,
      regionCode: site.regionCode,
      specialtySkillId: (specialty && skillIds.get(specialty)) || null,
      description,
      leaderId: null,
      organizationId: null,
      status: TeamStatus.ACTIVE,
      createdBy: sites.reviewerOf(site),
      createdAt,
      updatedAt: createdAt,
    };
  };

  for (const [key, name, specialty, description] of CORPS) {
    const corps = add(county.center, county.name + name, TeamLevel.CORPS, null, specialty, description, rng.int(1450, 1500));
    const runBy = COUNTY_ORGANIZATIONS.find(([, , runs]) => runs === key);
    corps.organizationId = runBy ? (orgNamed(county.name + runBy[0])?.id ?? null) : null;
    result.corps.set(key, corps);
  }
  const general = result.corps.get('GENERAL')!;
  for (const [i, institute] of county.institutes.entries()) {
    const town = townOf(institute);
    const detachment = add(
      institute,
      `${town}新时代文明实践志愿服务支队`,
      TeamLevel.DETACHMENT,
      general,
      null,
      `${town}志愿服务的统筹和调度`,
      rng.int(1350, 1420),
    );
    detachment.organizationId = orgNamed(`${town}志愿者协会`)?.id ?? null;
    const entry: { general: TeamRow; specialty?: { team: TeamRow; corps: CorpsKey } } = { general: detachment };
    if (i % 2 === 0) {
      const key = DETACHMENT_CORPS[(i / 2) % DETACHMENT_CORPS.length];
      const [, corpsName, specialty] = CORPS.find(([k]) => k === key)!;
      const name = town + corpsName.replace('总队', '支队');
      entry.specialty = { team: add(institute, name, TeamLevel.DETACHMENT, result.corps.get(key)!, specialty, null, rng.int(1300, 1400)), corps: key };
    }
    result.detachments.set(institute.id, entry);
    for (const station of county.stationsOf.get(institute.id) ?? []) {
      if (!rng.chance(0.85)) continue;
      const place = placeOf(station, town);
      const team = add(station, `${place}志愿服务队`, TeamLevel.TEAM, detachment, null, null, rng.int(1150, 1300));
      team.organizationId = active.find((o) => o.siteId === institute.id && o.name.startsWith(town + place))?.id ?? null;
      result.stationTeams.set(station.id, team);
    }
  }
  // Enough professional teams that each gets 30 to 50 members, however many volunteers there are.
  const perSubCenter = county.subCenters.length ? (volunteersPerCounty * professionalShare) / county.subCenters.length : 0;
  const teamsPerSubCenter = Math.max(1, Math.round(perSubCenter / PROFESSIONAL_TEAM_TARGET));
  for (const subCenter of county.subCenters) {
    const [label, corpsKey] = SECTOR_TEAMS[String(subCenter.sector)] ?? SECTOR_TEAMS.OTHER;
    const department = subCenter.name.replace(/^.*新时代文明实践中心/, '').replace(/分中心$/, '');
    const teams: TeamRow[] = [];
    for (let k = 0; k < teamsPerSubCenter; k++) {
      const name = `${county.name}${department}${label}专业志愿服务队${k ? `第${k + 1}分队` : ''}`;
      const specialty = (SECTOR_SKILLS[String(subCenter.sector)] ?? SECTOR_SKILLS.OTHER)[0].split('.')[0];
      teams.push(add(subCenter, name, TeamLevel.TEAM, result.corps.get(corpsKey)!, specialty, `${department}系统的专业志愿者`, rng.int(1200, 1400)));
    }
    result.professionalTeams.set(subCenter.id, teams);
  }
  return result;
}

/** Every team of a county, parents before children. */
export function teamsOf(teams: CountyTeams): TeamRow[] {
  const detachments = [...teams.detachments.values()].flatMap((d) => (d.specialty ? [d.general, d.specialty.team] : [d.general]));
  return [...teams.corps.values(), ...detachments, ...teams.stationTeams.values(), ...[...teams.professionalTeams.values()].flat()];
}
