/**
 * Deterministic demo data of the volunteers subgraph over the sites subgraph's demo network (the
 * same sites, by the same generator and seed): volunteers with their profiles, organizations, teams
 * and members, service records with heavy-tailed hours, and the points ledger. Volunteers come in
 * chunks with all their rows, so that 100,000 of them are written without holding them all.
 */
import { pathIds, uuidv7, todayInChina } from '@practice/common';
import { DEMO_SCALES, DemoNetwork, DemoScaleName, DemoSite, SiteKind, demoNetwork } from '@practice/sites';
import { catalogRows } from '../skill/skill.catalog';
import { TeamLevel, TeamRole } from '../team/team.enums';
import { checkCharacter } from '../volunteer/id-number';
import { Gender, ServiceAreaKind, VolunteerStatus } from '../volunteer/volunteer.enums';
import { demoReliability } from './demo-reliability';
import {
  AssignmentRow,
  AvailabilityRow,
  County,
  OrganizationRow,
  PointsEntryRow,
  ReliabilityRow,
  ScopeRow,
  ServiceAreaRow,
  ServiceRecordRow,
  SiteDirectory,
  StatusChangeRow,
  TeamMemberRow,
  TeamRow,
  VolunteerCategoryRow,
  VolunteerRow,
  VolunteerSkillRow,
  chinaTime,
  dateOf,
  dayNumber,
} from './demo-model';
import {
  CATEGORIES_BY_SKILL,
  COMMON_SKILLS,
  CONTENT_BY_SKILL,
  CORPS_OF_SKILL,
  DEMO_CATEGORY_CODES,
  GIVEN_FEMALE,
  GIVEN_MALE,
  LEAVING_REASONS,
  REINSTATEMENT_REASONS,
  SECTOR_SKILLS,
  SURNAMES,
  SUSPENSION_REASONS,
} from './demo-tables';
import { CountyTeams, PROFESSIONAL_TEAM_SIZE, planOrganizations, planTeams, teamsOf } from './demo-teams';
import { HistoryContext, PENDING_DAYS, bandOf, serviceHistory } from './service-history';
import { Rng, mixSeed } from './random';

export { DEMO_CATEGORY_CODES } from './demo-tables';
export { HOUR_BANDS } from './service-history';
export type * from './demo-model';

/** Volunteers per demo county: Changshu-sized, enough for every star level and full professional teams. */
export const DEFAULT_DEMO_VOLUNTEERS = 3000;
/** The sites generator's default seed: the same number gives the same sites here and there. */
export const DEFAULT_DEMO_SEED = 20260101;
/** Registrations spread over the last three years, service over the last two. */
const REGISTRATION_DAYS = 1095;
const SERVICE_DAYS = 730;

export interface VolunteerNetworkOptions {
  /** The sites; by default the sites subgraph's demo of `counties` counties with `seed`. */
  network?: DemoNetwork;
  counties?: number;
  /** Seeds the sites (when generated here) and the volunteers. */
  seed?: number;
  /** In all; by default DEFAULT_DEMO_VOLUNTEERS per county. */
  volunteers?: number;
  /** The demo scale of the sites and of the volunteers per county; `small` by default. */
  scale?: DemoScaleName;
  /** YYYY-MM-DD in China; by default today. Dates are relative to it, so it is part of what makes a run repeatable. */
  today?: string;
  /** Skill ids by code, as the SeedSkills migration wrote them; by default each code stands for its id. */
  skillIds?: ReadonlyMap<string, string>;
  pointsPerHour?: number;
}

/** Some volunteers with every row that belongs to them. */
export interface VolunteerChunk {
  volunteers: VolunteerRow[];
  scopes: ScopeRow[];
  skills: VolunteerSkillRow[];
  categories: VolunteerCategoryRow[];
  serviceAreas: ServiceAreaRow[];
  availability: AvailabilityRow[];
  statusChanges: StatusChangeRow[];
  members: TeamMemberRow[];
  /** Teams whose leader was chosen in this chunk: team.leader_id is set once the volunteer exists. */
  leaders: { teamId: string; volunteerId: string }[];
  records: ServiceRecordRow[];
  entries: PointsEntryRow[];
  reliability: ReliabilityRow[];
  assignments: AssignmentRow[];
}

export interface VolunteerNetwork {
  network: DemoNetwork;
  organizations: OrganizationRow[];
  /** Parents before children, without leaders (the chunks name them). */
  teams: TeamRow[];
  volunteerCount: number;
  /** The volunteers, `size` at a time; every call starts again and gives the same chunks. */
  chunks(size?: number): Generator<VolunteerChunk>;
}

/** Share of the volunteers whose home is a site of each kind: stations most, points few. */
const HOME_SHARE: Record<SiteKind, number> = {
  [SiteKind.STATION]: 0.655,
  [SiteKind.INSTITUTE]: 0.13,
  [SiteKind.SECTOR_SUBCENTER]: 0.11,
  [SiteKind.POINT]: 0.055,
  [SiteKind.CENTER]: 0.05,
};
const GOLDEN = 0.6180339887498949;
/** Skills that draw a volunteer to the rescue corps rather than the corps of their field. */
const RESCUE_SKILLS = ['SAFETY.RESCUE', 'SAFETY.FIRE', 'MEDICAL.FIRST_AID'];
const PHONE_PREFIXES = '130 131 132 133 135 136 137 138 139 150 151 152 153 155 157 158 159 166 173 177 180 181 182 183 186 187 188 189 198 199'.split(' ');
/** Morning, afternoon and evening windows (minutes): disjoint, so a volunteer's windows never overlap. */
const SLOTS: [number, number][] = [
  [510, 690],
  [840, 1020],
  [1140, 1260],
];

interface HomeTable {
  county: County;
  sites: DemoSite[];
  cumulative: number[];
}

export function generateVolunteerNetwork(options: VolunteerNetworkOptions = {}): VolunteerNetwork {
  const counties = Math.max(1, options.counties ?? 1);
  const network = options.network ?? demoNetwork({ counties, seed: options.seed, scale: options.scale });
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const today = dayNumber(options.today ?? todayInChina());
  const skillIds = options.skillIds ?? new Map(catalogRows().map((row) => [row.code, row.code]));
  const sites = new SiteDirectory(network);
  const planRng = new Rng(mixSeed(seed, 1));
  const homes = sites.counties.map((county) => homeTable(county, planRng)).filter((table) => table.sites.length > 0);
  const volunteerCount = options.volunteers ?? (options.scale ? DEMO_SCALES[options.scale].volunteers : DEFAULT_DEMO_VOLUNTEERS) * sites.counties.length;
  const perCounty = volunteerCount / Math.max(1, homes.length);

  const plan = { rng: planRng, idRng: new Rng(mixSeed(seed, 2)), sites, skillIds, today, usedCreditCodes: new Set<string>() };
  const organizations: OrganizationRow[] = [];
  const teamsByCounty = new Map<County, CountyTeams>();
  for (const { county, sites: homeSites, cumulative } of homes) {
    const own = planOrganizations(plan, county);
    organizations.push(...own);
    const professionalShare = homeSites.reduce(
      (sum, site, i) => sum + (site.kind === SiteKind.SECTOR_SUBCENTER ? cumulative[i] - (cumulative[i - 1] ?? 0) : 0),
      0,
    );
    teamsByCounty.set(county, planTeams(plan, county, own, perCounty, professionalShare / cumulative[cumulative.length - 1]));
  }
  const teams = [...teamsByCounty.values()].flatMap(teamsOf);

  function* chunks(size = 1000): Generator<VolunteerChunk> {
    const generator = new VolunteerGenerator(seed, volunteerCount, today, sites, skillIds, teamsByCounty, options.pointsPerHour ?? 10);
    for (let start = 0; start < volunteerCount && homes.length; start += size) {
      const chunk: VolunteerChunk = {
        volunteers: [],
        scopes: [],
        skills: [],
        categories: [],
        serviceAreas: [],
        availability: [],
        statusChanges: [],
        members: [],
        leaders: [],
        records: [],
        entries: [],
        reliability: [],
        assignments: [],
      };
      for (let i = start; i < Math.min(volunteerCount, start + size); i++) generator.volunteer(i, homes[i % homes.length], chunk);
      yield chunk;
    }
  }
  return { network, organizations, teams, volunteerCount, chunks };
}

/** Everything at once, teams with their leaders: for tests and small networks. */
export function collectVolunteerNetwork(options: VolunteerNetworkOptions = {}): Omit<VolunteerNetwork, 'chunks'> & Omit<VolunteerChunk, 'leaders'> {
  const { chunks, ...plan } = generateVolunteerNetwork(options);
  const all: Omit<VolunteerChunk, 'leaders'> = {
    volunteers: [],
    scopes: [],
    skills: [],
    categories: [],
    serviceAreas: [],
    availability: [],
    statusChanges: [],
    members: [],
    records: [],
    entries: [],
    reliability: [],
    assignments: [],
  };
  const teams = new Map(plan.teams.map((team) => [team.id, { ...team }]));
  for (const chunk of chunks()) {
    for (const key of Object.keys(all) as (keyof typeof all)[]) (all[key] as unknown[]).push(...chunk[key]);
    for (const { teamId, volunteerId } of chunk.leaders) teams.get(teamId)!.leaderId = volunteerId;
  }
  return { ...plan, teams: [...teams.values()], ...all };
}

/** Where volunteers live, weighted: some stations are bigger than others. */
function homeTable(county: County, rng: Rng): HomeTable {
  const kinds: [DemoSite[], SiteKind][] = [
    [county.stations, SiteKind.STATION],
    [county.institutes, SiteKind.INSTITUTE],
    [county.subCenters, SiteKind.SECTOR_SUBCENTER],
    [county.points, SiteKind.POINT],
    [[county.center], SiteKind.CENTER],
  ];
  const sites: DemoSite[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [list, kind] of kinds) {
    for (const site of list) {
      const size = kind === SiteKind.STATION || kind === SiteKind.POINT ? 0.6 + 0.8 * rng.next() : 1;
      total += (HOME_SHARE[kind] / list.length) * size;
      sites.push(site);
      cumulative.push(total);
    }
  }
  return { county, sites, cumulative };
}

/** The state that carries from one volunteer to the next: random streams, taken ID numbers, team sizes. */
class VolunteerGenerator {
  private readonly rng: Rng;
  private readonly idRng: Rng;
  /** A stream of its own, so that the rows generated before reliability existed stay as they were. */
  private readonly reliabilityRng: Rng;
  private readonly history: HistoryContext;
  private readonly bandOffset: number;
  private readonly phoneOffset: number;
  private readonly idNumbers = new Set<string>();
  private readonly teamSizes = new Map<string, { members: number; deputies: number; led: boolean }>();

  constructor(
    seed: number,
    private readonly total: number,
    private readonly today: number,
    private readonly sites: SiteDirectory,
    private readonly skillIds: ReadonlyMap<string, string>,
    private readonly teams: Map<County, CountyTeams>,
    pointsPerHour: number,
  ) {
    this.rng = new Rng(mixSeed(seed, 3));
    this.idRng = new Rng(mixSeed(seed, 4));
    this.reliabilityRng = new Rng(mixSeed(seed, 7));
    this.bandOffset = mixSeed(seed, 5) / 4294967296;
    this.phoneOffset = mixSeed(seed, 6) % 100_000_000;
    this.history = { rng: this.rng, idRng: this.idRng, sites, pointsPerHour, today };
  }

  /** The `i`th volunteer and all their rows. */
  volunteer(i: number, homes: HomeTable, chunk: VolunteerChunk): void {
    const { rng, today } = this;
    const home = pick(homes, rng.next());
    const county = homes.county;
    const homeManager = this.sites.reviewerOf(home);
    // Registered in order, so that ids (registration times) grow with `i` as in a real registry and
    // chunks insert at the end of the volunteer indexes; spread over three years in office hours.
    const position = ((i + 0.5) / this.total) * REGISTRATION_DAYS;
    const registeredDaysAgo = REGISTRATION_DAYS - Math.floor(position);
    const registeredDay = today - registeredDaysAgo;
    const registeredAt = Math.floor(chinaTime(registeredDay, 510 + (position % 1) * 690));
    // A low-discrepancy sequence gives every band its share even in small data sets.
    const band = bandOf((this.bandOffset + (i + 1) * GOLDEN) % 1, registeredDaysAgo, REGISTRATION_DAYS);
    const id = uuidv7(registeredAt, this.idRng.bytes);

    const female = rng.chance(0.55);
    const registeredYear = Number(dateOf(registeredDay).slice(0, 4));
    const age = rng.next();
    const birthYear = Math.min(age < 0.35 ? rng.int(1950, 1965) : age < 0.72 ? rng.int(1966, 1989) : rng.int(1990, 2008), registeredYear - 16);
    const idNumber = this.idNumber(county.code, birthYear, female);
    const given = female ? GIVEN_FEMALE : GIVEN_MALE;
    const name = rng.pick(SURNAMES) + rng.pick(given) + (rng.chance(0.75) ? rng.pick(given) : '');
    const accountSubject = rng.chance(0.5) ? `demo-volunteer-${i + 1}` : null;

    // Status: most active; the dedicated rarely stop. Changes happened in the last half year.
    const roll = rng.next();
    const dedicated = band >= 4;
    let status = VolunteerStatus.ACTIVE;
    if (registeredDaysAgo > 45) {
      if (roll < (dedicated ? 0.015 : 0.055)) status = VolunteerStatus.SUSPENDED;
      else if (roll < (dedicated ? 0.03 : 0.115)) status = VolunteerStatus.LEFT;
    }
    const changeDay = status === VolunteerStatus.ACTIVE ? today : today - rng.int(1, Math.min(180, registeredDaysAgo - 30));
    const reinstated = status === VolunteerStatus.ACTIVE && registeredDaysAgo > 240 && rng.chance(0.03);
    const suspendedDay = reinstated ? registeredDay + rng.int(30, registeredDaysAgo - 160) : 0;
    const gap: [number, number] | null = reinstated ? [suspendedDay, suspendedDay + rng.int(30, 120)] : null;
    const statusChanges: StatusChangeRow[] = [];
    const change = (from: VolunteerStatus | null, to: VolunteerStatus, at: number, reason: string | null, by: string) =>
      statusChanges.push({ id: uuidv7(at, this.idRng.bytes), volunteerId: id, fromStatus: from, toStatus: to, reason, changedBy: by, changedAt: new Date(at) });
    change(null, VolunteerStatus.ACTIVE, registeredAt, null, accountSubject ?? homeManager);
    if (gap) {
      change(VolunteerStatus.ACTIVE, VolunteerStatus.SUSPENDED, chinaTime(gap[0], rng.int(540, 1020)), rng.pick(SUSPENSION_REASONS), homeManager);
      change(VolunteerStatus.SUSPENDED, VolunteerStatus.ACTIVE, chinaTime(gap[1], rng.int(540, 1020)), rng.pick(REINSTATEMENT_REASONS), homeManager);
    }
    if (status !== VolunteerStatus.ACTIVE) {
      const leaving = status === VolunteerStatus.LEFT;
      const by = leaving && accountSubject && rng.chance(0.6) ? accountSubject : homeManager;
      change(VolunteerStatus.ACTIVE, status, chinaTime(changeDay, rng.int(540, 1020)), rng.pick(leaving ? LEAVING_REASONS : SUSPENSION_REASONS), by);
    }

    const skillCodes = this.skills(home);
    const tops = [...new Set(skillCodes.map((code) => code.split('.')[0]))];
    const lastDay = changeDay - 1;
    const history = serviceHistory(this.history, {
      volunteerId: id,
      band,
      firstDay: Math.max(registeredDay, today - SERVICE_DAYS),
      lastDay,
      lastReviewedDay: Math.min(lastDay, today - PENDING_DAYS - 1),
      gap,
      place: this.places(home, county),
      contents: tops.flatMap((top) => CONTENT_BY_SKILL[top] ?? []),
      accountSubject,
      homeManager,
    });

    const updatedAt = Math.max(registeredAt, history.lastEntryAt, ...statusChanges.map((c) => c.changedAt.getTime()));
    chunk.volunteers.push({
      id,
      accountSubject,
      name,
      gender: female ? Gender.FEMALE : Gender.MALE,
      birthYear,
      phone: this.phone(i),
      idNumber,
      homeSiteId: home.id,
      homeSitePath: home.path,
      homeRegionCode: home.regionCode,
      homeLatitude: home.latitude,
      homeLongitude: home.longitude,
      status,
      registeredOn: dateOf(registeredDay),
      verifiedHundredths: history.verifiedHundredths,
      pointsBalance: history.balance,
      createdAt: new Date(registeredAt),
      updatedAt: new Date(updatedAt),
    });
    for (const siteId of pathIds(home.path)) chunk.scopes.push({ siteId, volunteerId: id });
    for (const code of skillCodes) {
      const skillId = this.skillIds.get(code);
      if (skillId) chunk.skills.push({ volunteerId: id, skillId });
    }
    for (const categoryCode of this.categories(tops)) chunk.categories.push({ volunteerId: id, categoryCode });
    chunk.serviceAreas.push(...this.serviceArea(id, home, county));
    chunk.availability.push(...this.availability(id, registeredYear - birthYear));
    chunk.statusChanges.push(...statusChanges);
    if (status !== VolunteerStatus.LEFT) {
      this.joinTeams(chunk, {
        id,
        home,
        county,
        band,
        active: status === VolunteerStatus.ACTIVE,
        skills: skillCodes,
        young: birthYear >= 1990,
        accountSubject,
        registeredDay,
        lastDay,
      });
    }
    chunk.records.push(...history.records);
    chunk.entries.push(...history.entries);
    const taker = demoReliability(this.reliabilityRng, { volunteerId: id, status, band, records: history.records, today });
    if (taker.reliability) chunk.reliability.push(taker.reliability);
    chunk.assignments.push(...taker.assignments);
  }

  /** GB 11643: county of the home region, birth date, a sequence whose last digit is odd for men, the check character. */
  private idNumber(county: string, birthYear: number, female: boolean): string {
    const { rng } = this;
    for (;;) {
      const month = rng.int(1, 12);
      const day = rng.int(1, new Date(Date.UTC(birthYear, month, 0)).getUTCDate());
      const sequence = rng.digits(2) + (female ? rng.pick([0, 2, 4, 6, 8]) : rng.pick([1, 3, 5, 7, 9]));
      const first17 = `${county}${birthYear}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${sequence}`;
      if (this.idNumbers.has(first17)) continue;
      this.idNumbers.add(first17);
      return first17 + checkCharacter(first17);
    }
  }

  /** Unique without remembering: the last eight digits are a bijection of the volunteer's number. */
  private phone(i: number): string {
    const prefix = PHONE_PREFIXES[(i * 7 + this.phoneOffset) % PHONE_PREFIXES.length];
    return prefix + String((i * 61_803_399 + this.phoneOffset) % 100_000_000).padStart(8, '0');
  }

  /** Professionals have their department's skills; others the common ones. Never a skill with its own parent. */
  private skills(home: DemoSite): string[] {
    const { rng } = this;
    const chosen: string[] = [];
    const add = (code: string) => {
      if (!chosen.some((c) => c === code || c.startsWith(`${code}.`) || code.startsWith(`${c}.`))) chosen.push(code);
    };
    const common = () =>
      rng.weighted(
        COMMON_SKILLS,
        COMMON_SKILLS.map(([, weight]) => weight),
      )[0];
    if (home.kind === SiteKind.SECTOR_SUBCENTER) {
      for (const code of rng.sample(SECTOR_SKILLS[String(home.sector)] ?? SECTOR_SKILLS.OTHER, rng.int(1, 2))) add(code);
      if (rng.chance(0.3)) add(common());
    } else {
      const n = rng.weighted([1, 2, 3], [0.45, 0.35, 0.2]);
      for (let attempt = 0; chosen.length < n && attempt < 10; attempt++) add(common());
    }
    return chosen;
  }

  private categories(tops: string[]): string[] {
    const { rng } = this;
    const suggested = [...new Set(tops.flatMap((top) => CATEGORIES_BY_SKILL[top] ?? []))];
    if (!suggested.length || rng.chance(0.3)) suggested.push(rng.pick(DEMO_CATEGORY_CODES));
    return rng.sample([...new Set(suggested)], rng.int(1, 3));
  }

  /** Most serve where they live; some name their township or a few institutes. */
  private serviceArea(volunteerId: string, home: DemoSite, county: County): ServiceAreaRow[] {
    const { rng } = this;
    if (home.kind === SiteKind.SECTOR_SUBCENTER) {
      if (!rng.chance(0.4)) return [];
      return rng.sample(county.institutes, rng.int(1, 2)).map((site) => ({ volunteerId, kind: ServiceAreaKind.SITE, value: site.id }));
    }
    if (rng.chance(0.2)) {
      const countyWide = home.kind === SiteKind.CENTER || home.regionCode.endsWith('000000');
      return [{ volunteerId, kind: ServiceAreaKind.REGION, value: countyWide ? county.code : home.regionCode.slice(0, 9) }];
    }
    if (rng.chance(0.1)) return [{ volunteerId, kind: ServiceAreaKind.SITE, value: (this.sites.instituteOf(home) ?? home).id }];
    return [];
  }

  /** Retirees on weekday mornings and afternoons, working people on evenings and weekends, students at weekends. */
  private availability(volunteerId: string, age: number): AvailabilityRow[] {
    const { rng } = this;
    if (rng.chance(0.1)) return [];
    const chosen = new Set<string>();
    const add = (days: number[], slot: number) => days.forEach((day) => chosen.add(`${day}:${slot}`));
    const weekdays = (n: number) => rng.sample([1, 2, 3, 4, 5], n).sort();
    if (age >= 60) {
      add(weekdays(rng.int(2, 3)), rng.int(0, 1));
      if (rng.chance(0.5)) add([6], 0);
    } else if (age >= 22) {
      add(weekdays(rng.int(1, 3)), 2);
      if (rng.chance(0.7)) add(rng.chance(0.5) ? [6, 7] : [6], rng.int(0, 1));
    } else {
      add(rng.chance(0.5) ? [6, 7] : [rng.pick([6, 7])], 0);
      if (rng.chance(0.4)) add([6], 1);
    }
    return [...chosen].map((key) => {
      const [day, slot] = key.split(':').map(Number);
      return { volunteerId, dayOfWeek: day, startsMinute: SLOTS[slot][0], endsMinute: SLOTS[slot][1] };
    });
  }

  /** Where one service took place: the home site mostly, its parent or neighbours; professionals around the county. */
  private places(home: DemoSite, county: County): () => DemoSite {
    const { rng, sites } = this;
    const institute = sites.instituteOf(home);
    const neighbours = institute ? (county.stationsOf.get(institute.id) ?? []) : [];
    // 'around': a site drawn anew each time, the stations of the township or the sites of the county.
    const around = (): DemoSite | undefined => {
      if (home.kind === SiteKind.STATION || home.kind === SiteKind.INSTITUTE) return neighbours.length ? rng.pick(neighbours) : undefined;
      const pool = rng.chance(home.kind === SiteKind.CENTER ? 0.4 : 0.75) ? county.stations : county.institutes;
      return pool.length ? rng.pick(pool) : undefined;
    };
    type Option = [DemoSite | undefined | 'around', number];
    const table: Record<SiteKind, Option[]> = {
      [SiteKind.STATION]: [
        [home, 0.6],
        [institute, 0.25],
        ['around', 0.15],
      ],
      [SiteKind.POINT]: [
        [home, 0.5],
        [sites.parentOf(home), 0.35],
        [institute, 0.15],
      ],
      [SiteKind.INSTITUTE]: [
        [home, 0.55],
        ['around', 0.35],
        [county.center, 0.1],
      ],
      [SiteKind.CENTER]: [
        [home, 0.5],
        ['around', 0.5],
      ],
      [SiteKind.SECTOR_SUBCENTER]: [
        [home, 0.4],
        ['around', 0.6],
      ],
    };
    const options = table[home.kind];
    return () => {
      let roll = rng.next();
      for (const [site, weight] of options) {
        if ((roll -= weight) >= 0) continue;
        const place = site === 'around' ? around() : site;
        return sites.isActive(place) ? place : home;
      }
      return home;
    };
  }

  /** Up to two teams at or above the home site; the first active member with some service leads a team. */
  private joinTeams(
    chunk: VolunteerChunk,
    v: {
      id: string;
      home: DemoSite;
      county: County;
      band: number;
      active: boolean;
      skills: string[];
      young: boolean;
      accountSubject: string | null;
      registeredDay: number;
      lastDay: number;
    },
  ): void {
    const { rng, sites } = this;
    const teams = this.teams.get(v.county)!;
    const corpsKey = RESCUE_SKILLS.includes(v.skills[0]) ? 'RESCUE' : (CORPS_OF_SKILL[v.skills[0]?.split('.')[0]] ?? 'GENERAL');
    const institute = sites.instituteOf(v.home);
    const detachment = institute ? teams.detachments.get(institute.id) : undefined;
    const specialty = detachment?.specialty;
    const stationTeam = (site: DemoSite | undefined) => (site ? teams.stationTeams.get(site.id) : undefined);
    const candidates: [TeamRow | undefined, number][] = [];
    switch (v.home.kind) {
      case SiteKind.STATION:
        candidates.push([stationTeam(v.home), 0.7], [specialty?.team, specialty?.corps === corpsKey ? 0.3 : 0.03], [detachment?.general, 0.12]);
        break;
      case SiteKind.POINT:
        candidates.push([stationTeam(sites.parentOf(v.home)), 0.4], [detachment?.general, 0.2]);
        break;
      case SiteKind.INSTITUTE:
        candidates.push([detachment?.general, 0.55], [specialty?.team, specialty?.corps === corpsKey ? 0.4 : 0.1]);
        break;
      case SiteKind.CENTER:
        candidates.push([teams.corps.get(corpsKey), 0.7], [teams.corps.get('YOUTH'), v.young ? 0.3 : 0], [teams.corps.get('GENERAL'), 0.2]);
        break;
      case SiteKind.SECTOR_SUBCENTER:
        candidates.push([(teams.professionalTeams.get(v.home.id) ?? []).find((team) => this.size(team).members < PROFESSIONAL_TEAM_SIZE), 0.95]);
        break;
    }
    candidates.push([teams.corps.get(corpsKey), 0.1], [teams.corps.get('YOUTH'), v.young ? 0.05 : 0]);

    let joined = 0;
    const seen = new Set<string>();
    for (const [team, p] of candidates) {
      if (!team || seen.has(team.id) || joined >= 2 || !rng.chance(p)) continue;
      seen.add(team.id);
      joined++;
      const size = this.size(team);
      const teamSite = sites.byId.get(team.siteId)!;
      const maxDeputies = team.level === TeamLevel.CORPS || teamSite.kind === SiteKind.SECTOR_SUBCENTER ? 3 : 2;
      let role = TeamRole.MEMBER;
      if (v.active && !size.led && (v.band >= 2 || size.members >= 2)) {
        role = TeamRole.LEADER;
        size.led = true;
        chunk.leaders.push({ teamId: team.id, volunteerId: v.id });
      } else if (v.active && size.members >= 1 && size.deputies < maxDeputies && rng.chance(0.15)) {
        role = TeamRole.DEPUTY;
        size.deputies++;
      }
      size.members++;
      const manager = sites.reviewerOf(teamSite);
      chunk.members.push({
        teamId: team.id,
        volunteerId: v.id,
        role,
        joinedOn: dateOf(Math.min(v.registeredDay + rng.int(0, 90), Math.max(v.registeredDay, v.lastDay))),
        addedBy: role === TeamRole.MEMBER && v.accountSubject && rng.chance(0.5) ? v.accountSubject : manager,
      });
    }
  }

  private size(team: TeamRow): { members: number; deputies: number; led: boolean } {
    let size = this.teamSizes.get(team.id);
    if (!size) this.teamSizes.set(team.id, (size = { members: 0, deputies: 0, led: false }));
    return size;
  }
}

/** A home site by weight (binary search over the cumulative weights). */
function pick(table: HomeTable, roll: number): DemoSite {
  const target = roll * table.cumulative[table.cumulative.length - 1];
  let lo = 0;
  let hi = table.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table.cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return table.sites[lo];
}
