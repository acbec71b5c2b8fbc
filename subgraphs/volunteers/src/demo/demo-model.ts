import type { DemoNetwork, DemoSite } from '@practice/sites';
import { SiteKind, SiteStatus } from '@practice/sites';
import type { Organization } from '../organization/organization.entity';
import type { PointsEntry } from '../points/points-entry.entity';
import type { VolunteerAssignment } from '../reliability/assignment.entity';
import type { VolunteerReliability } from '../reliability/reliability.entity';
import type { ServiceRecord } from '../service-record/service-record.entity';
import type { TeamMember } from '../team/team-member.entity';
import type { Team } from '../team/team.entity';
import type {
  VolunteerAvailability,
  VolunteerCategory,
  VolunteerScope,
  VolunteerServiceArea,
  VolunteerSkill,
  VolunteerStatusChange,
} from '../volunteer/volunteer-profile.entities';
import type { Volunteer } from '../volunteer/volunteer.entity';

/** Rows as the entities name their properties; the seeder writes them as they are. */
export type VolunteerRow = Omit<Volunteer, 'idNumberSealed' | 'idNumberIndex'> & {
  /** In the clear: the seeder seals it and writes its blind index. */
  idNumber: string;
};
export type OrganizationRow = Organization;
export type TeamRow = Omit<Team, 'parentTeam' | 'specialtySkill' | 'leader' | 'organization'>;
export type TeamMemberRow = Omit<TeamMember, 'team' | 'volunteer'>;
export type VolunteerSkillRow = Omit<VolunteerSkill, 'volunteer' | 'skill'>;
export type VolunteerCategoryRow = Omit<VolunteerCategory, 'volunteer'>;
export type ServiceAreaRow = Omit<VolunteerServiceArea, 'volunteer'>;
export type AvailabilityRow = Omit<VolunteerAvailability, 'volunteer'>;
export type ScopeRow = Omit<VolunteerScope, 'volunteer'>;
export type StatusChangeRow = Omit<VolunteerStatusChange, 'volunteer'>;
export type ServiceRecordRow = Omit<ServiceRecord, 'volunteer' | 'hours'>;
export type PointsEntryRow = Omit<PointsEntry, 'volunteer' | 'serviceRecord'>;
export type ReliabilityRow = Omit<VolunteerReliability, 'volunteer' | 'completionRate' | 'averageRating' | 'score'>;
export type AssignmentRow = Omit<VolunteerAssignment, 'volunteer'>;

// ---- days and times --------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date: day arithmetic on numbers is what the generator does most. */
export const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

const dateStrings = new Map<number, string>();
/** YYYY-MM-DD of a day number (cached: the same few thousand days come up millions of times). */
export function dateOf(day: number): string {
  let date = dateStrings.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateStrings.set(day, date);
  }
  return date;
}

/** The instant of a minute of a day in China (UTC+8), in epoch milliseconds. */
export const chinaTime = (day: number, minute: number): number => day * DAY_MS + minute * 60_000 - CHINA_OFFSET_MS;

// ---- the sites of a county ---------------------------------------------------------------------------

/** One county of the sites network, as the volunteers generator needs it. */
export interface County {
  center: DemoSite;
  /** 常熟市 */
  name: string;
  /** The first six digits of the region codes. */
  code: string;
  subCenters: DemoSite[];
  institutes: DemoSite[];
  stations: DemoSite[];
  points: DemoSite[];
  stationsOf: Map<string, DemoSite[]>;
}

/** The sites of a network grouped by county, with lookups the generator shares. */
export class SiteDirectory {
  readonly counties: County[] = [];
  readonly byId = new Map<string, DemoSite>();
  /** The manager subject nearest at or above each site: who records and reviews service there. */
  private readonly reviewers = new Map<string, string>();

  constructor(network: DemoNetwork) {
    const managerOf = new Map(network.managers.map((m) => [m.siteId, m.subject]));
    const countyOf = new Map<string, County>();
    for (const site of network.sites) {
      this.byId.set(site.id, site);
      const parentReviewer = site.parentId ? this.reviewers.get(site.parentId) : undefined;
      this.reviewers.set(site.id, managerOf.get(site.id) ?? parentReviewer ?? 'demo-data');
      if (site.kind === SiteKind.CENTER) {
        const county: County = {
          center: site,
          name: site.name.replace('新时代文明实践中心', ''),
          code: site.regionCode.slice(0, 6),
          subCenters: [],
          institutes: [],
          stations: [],
          points: [],
          stationsOf: new Map(),
        };
        this.counties.push(county);
        countyOf.set(site.id, county);
        continue;
      }
      const county = countyOf.get(site.path.split('/')[1]);
      // Only ACTIVE sites take volunteers, teams and service: the API refuses the others.
      if (!county || site.status !== SiteStatus.ACTIVE) continue;
      if (site.kind === SiteKind.SECTOR_SUBCENTER) county.subCenters.push(site);
      else if (site.kind === SiteKind.INSTITUTE) county.institutes.push(site);
      else if (site.kind === SiteKind.POINT) county.points.push(site);
      else if (site.kind === SiteKind.STATION) {
        county.stations.push(site);
        const siblings = county.stationsOf.get(site.parentId!) ?? [];
        siblings.push(site);
        county.stationsOf.set(site.parentId!, siblings);
      }
    }
  }

  reviewerOf(site: DemoSite): string {
    return this.reviewers.get(site.id) ?? 'demo-data';
  }

  parentOf(site: DemoSite): DemoSite | undefined {
    return site.parentId ? this.byId.get(site.parentId) : undefined;
  }

  /** The institute at or above a site, if any. */
  instituteOf(site: DemoSite): DemoSite | undefined {
    for (let s: DemoSite | undefined = site; s; s = this.parentOf(s)) if (s.kind === SiteKind.INSTITUTE) return s;
    return undefined;
  }

  isActive(site: DemoSite | undefined): site is DemoSite {
    return site?.status === SiteStatus.ACTIVE;
  }
}

/** 虞山街道 of 虞山街道新时代文明实践所. */
export const townOf = (institute: DemoSite): string => institute.name.replace('新时代文明实践所', '');
/** 琴湖社区 of 虞山街道琴湖社区新时代文明实践站, 甸桥村 of 甸桥村新时代文明实践站. */
export const placeOf = (station: DemoSite, town: string): string => station.name.replace('新时代文明实践站', '').replace(town, '');
