import { pathIds } from '@practice/common';
import { SiteKind, SiteStatus, generateCountyNetwork, generateNetworks } from '@practice/sites';
import { PointsEntryKind } from '../points/points-entry.entity';
import { isOpen } from '../reliability/assignment.entity';
import { reliabilityScore } from '../reliability/reliability.rules';
import { ServiceRecordStatus, ServiceSourceType } from '../service-record/service-record.enums';
import { DEFAULT_STAR_THRESHOLDS } from '../settings';
import { CREDIT_CODE, MOBILE_PHONE } from '../shared/patterns';
import { catalogRows } from '../skill/skill.catalog';
import { ALLOWED_PARENT_LEVELS, TeamLevel, TeamRole } from '../team/team.enums';
import { readIdNumber } from '../volunteer/id-number';
import { StarLevels } from '../volunteer/star-level';
import { ServiceAreaKind, VolunteerStatus } from '../volunteer/volunteer.enums';
import { DEMO_CATEGORY_CODES, DEFAULT_DEMO_VOLUNTEERS, VolunteerChunk, collectVolunteerNetwork, generateVolunteerNetwork } from './volunteer-network';

const TODAY = '2026-03-01';
const small = () => generateCountyNetwork({ institutes: 3, stationsPerInstitute: 6, points: 6 });
type Collected = ReturnType<typeof collectVolunteerNetwork>;

const groupBy = <T>(rows: T[], key: (row: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
};
const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

let full: Collected;
beforeAll(() => {
  full = collectVolunteerNetwork({ today: TODAY });
});

describe('generateVolunteerNetwork', () => {
  it('gives the same rows for the same seed and day, other rows for another seed', () => {
    const network = small();
    const a = collectVolunteerNetwork({ network, volunteers: 120, seed: 7, today: TODAY });
    const b = collectVolunteerNetwork({ network, volunteers: 120, seed: 7, today: TODAY });
    const c = collectVolunteerNetwork({ network, volunteers: 120, seed: 8, today: TODAY });
    expect(b).toEqual(a);
    expect(c.volunteers.map((v) => v.id)).not.toEqual(a.volunteers.map((v) => v.id));
    expect(c.volunteers.map((v) => v.idNumber)).not.toEqual(a.volunteers.map((v) => v.idNumber));
  });

  it('gives the same rows whatever the chunk size', () => {
    const plan = generateVolunteerNetwork({ network: small(), volunteers: 90, today: TODAY });
    const flatten = (chunks: VolunteerChunk[]) => ({
      volunteers: chunks.flatMap((c) => c.volunteers),
      reliability: chunks.flatMap((c) => c.reliability),
      assignments: chunks.flatMap((c) => c.assignments),
      records: chunks.flatMap((c) => c.records),
      entries: chunks.flatMap((c) => c.entries),
      members: chunks.flatMap((c) => c.members),
      leaders: chunks.flatMap((c) => c.leaders),
    });
    const chunks = [...plan.chunks(7)];
    expect(chunks).toHaveLength(13);
    expect(flatten(chunks)).toEqual(flatten([...plan.chunks(1000)]));
  });

  it('uses the very sites of the sites demo, one county or several', () => {
    expect(full.network.sites.map((s) => s.id)).toEqual(generateCountyNetwork().sites.map((s) => s.id));
    const two = collectVolunteerNetwork({ counties: 2, volunteers: 200, today: TODAY });
    expect(two.network.sites.map((s) => s.id)).toEqual(generateNetworks(2).sites.map((s) => s.id));
    const counties = new Set(two.volunteers.map((v) => v.idNumber.slice(0, 6)));
    expect(counties).toEqual(new Set(two.network.sites.filter((s) => s.kind === SiteKind.CENTER).map((s) => s.regionCode.slice(0, 6))));
  });

  it('has the expected sizes', () => {
    expect(full.volunteers).toHaveLength(DEFAULT_DEMO_VOLUNTEERS);
    expect(full.organizations).toHaveLength(30);
    const levels = groupBy(full.teams, (t) => t.level);
    expect(levels.get(TeamLevel.CORPS)!.length).toBeGreaterThanOrEqual(10);
    expect(levels.get(TeamLevel.DETACHMENT)!.length).toBeGreaterThanOrEqual(14);
    expect(levels.get(TeamLevel.TEAM)!.length).toBeGreaterThan(250);
    expect(full.records.length / full.volunteers.length).toBeGreaterThan(15);
    expect(full.records.length / full.volunteers.length).toBeLessThan(60);
  });
});

describe('volunteers', () => {
  it('have valid, unique ID numbers of their home county, and gender and birth year from them', () => {
    for (const v of full.volunteers) {
      const identity = readIdNumber(v.idNumber, TODAY);
      if ('problem' in identity) throw new Error(`${v.idNumber} ${identity.problem}`);
      expect(identity).toMatchObject({ gender: v.gender, birthYear: v.birthYear });
      expect(v.idNumber.slice(0, 6)).toBe(v.homeRegionCode.slice(0, 6));
      expect(v.birthYear).toBeGreaterThanOrEqual(1950);
      expect(v.birthYear).toBeLessThanOrEqual(2008);
    }
    expect(new Set(full.volunteers.map((v) => v.idNumber)).size).toBe(full.volunteers.length);
  });

  it('have unique mobile phones and account subjects for about half', () => {
    for (const v of full.volunteers) expect(v.phone).toMatch(MOBILE_PHONE);
    expect(new Set(full.volunteers.map((v) => v.phone)).size).toBe(full.volunteers.length);
    const subjects = full.volunteers.map((v) => v.accountSubject).filter((s) => s !== null);
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(subjects.length / full.volunteers.length).toBeGreaterThan(0.4);
    expect(subjects.length / full.volunteers.length).toBeLessThan(0.6);
  });

  it('live at ACTIVE sites, mostly stations, and have one scope row per site of the home path', () => {
    const sites = new Map(full.network.sites.map((s) => [s.id, s]));
    const scopes = groupBy(full.scopes, (s) => s.volunteerId);
    const kinds = groupBy(full.volunteers, (v) => sites.get(v.homeSiteId)!.kind);
    for (const v of full.volunteers) {
      const home = sites.get(v.homeSiteId)!;
      expect(home.status).toBe(SiteStatus.ACTIVE);
      expect([v.homeSitePath, v.homeRegionCode]).toEqual([home.path, home.regionCode]);
      expect(scopes.get(v.id)!.map((s) => s.siteId)).toEqual(pathIds(home.path));
    }
    expect(kinds.get(SiteKind.STATION)!.length).toBeGreaterThan(full.volunteers.length / 2);
    expect(kinds.get(SiteKind.POINT)!.length).toBeLessThan(kinds.get(SiteKind.INSTITUTE)!.length);
  });

  it('are registered over the last three years in id order, and mostly ACTIVE with a status history', () => {
    const ids = full.volunteers.map((v) => v.id);
    expect([...ids].sort()).toEqual(ids);
    expect(full.volunteers[0].registeredOn >= addDays(TODAY, -1096)).toBe(true);
    expect(full.volunteers.at(-1)!.registeredOn < TODAY).toBe(true);
    const statuses = groupBy(full.volunteers, (v) => v.status);
    expect(statuses.get(VolunteerStatus.ACTIVE)!.length / full.volunteers.length).toBeGreaterThan(0.86);
    for (const status of [VolunteerStatus.SUSPENDED, VolunteerStatus.LEFT]) {
      expect(statuses.get(status)!.length / full.volunteers.length).toBeGreaterThan(0.03);
      expect(statuses.get(status)!.length / full.volunteers.length).toBeLessThan(0.07);
    }
    const history = groupBy(full.statusChanges, (c) => c.volunteerId);
    for (const v of full.volunteers) {
      const changes = history.get(v.id)!;
      expect(changes[0]).toMatchObject({ fromStatus: null, toStatus: VolunteerStatus.ACTIVE, reason: null });
      expect(changes.at(-1)!.toStatus).toBe(v.status);
      for (let i = 1; i < changes.length; i++) {
        expect(changes[i].fromStatus).toBe(changes[i - 1].toStatus);
        expect(changes[i].reason).toBeTruthy();
        expect(changes[i].changedAt.getTime()).toBeGreaterThan(changes[i - 1].changedAt.getTime());
      }
    }
  });

  it('have 1 to 3 catalogue skills, preferred categories and non-overlapping availability', () => {
    const codes = new Set(catalogRows().map((r) => r.code));
    const skills = groupBy(full.skills, (s) => s.volunteerId);
    const categories = groupBy(full.categories, (c) => c.volunteerId);
    for (const v of full.volunteers) {
      const own = skills.get(v.id)!;
      expect(own.length).toBeGreaterThanOrEqual(1);
      expect(own.length).toBeLessThanOrEqual(3);
      for (const s of own) expect(codes.has(s.skillId)).toBe(true);
      const preferred = categories.get(v.id)!.map((c) => c.categoryCode);
      expect(preferred.length).toBeGreaterThanOrEqual(1);
      expect(preferred.length).toBeLessThanOrEqual(3);
      for (const code of preferred) expect(DEMO_CATEGORY_CODES).toContain(code);
    }
    for (const windows of groupBy(full.availability, (a) => `${a.volunteerId}:${a.dayOfWeek}`).values()) {
      const sorted = [...windows].sort((a, b) => a.startsMinute - b.startsMinute);
      sorted.forEach((w, i) => {
        expect(w.dayOfWeek).toBeGreaterThanOrEqual(1);
        expect(w.dayOfWeek).toBeLessThanOrEqual(7);
        expect(w.endsMinute).toBeGreaterThan(w.startsMinute);
        if (i > 0) expect(w.startsMinute).toBeGreaterThanOrEqual(sorted[i - 1].endsMinute);
      });
    }
    const siteIds = new Set(full.network.sites.map((s) => s.id));
    for (const area of full.serviceAreas) {
      if (area.kind === ServiceAreaKind.SITE) expect(siteIds.has(area.value)).toBe(true);
      else expect(area.value).toMatch(/^\d{6}(\d{3})?$/);
    }
    expect(full.serviceAreas.length).toBeGreaterThan(0);
  });

  it('include professionals with their sector skills at the sector sub-centers', () => {
    const sites = new Map(full.network.sites.map((s) => [s.id, s]));
    const skills = groupBy(full.skills, (s) => s.volunteerId);
    const health = full.volunteers.filter((v) => String(sites.get(v.homeSiteId)!.sector) === 'HEALTH');
    const justice = full.volunteers.filter((v) => String(sites.get(v.homeSiteId)!.sector) === 'JUSTICE');
    expect(health.length).toBeGreaterThan(20);
    for (const v of health) expect(skills.get(v.id)!.some((s) => s.skillId.startsWith('MEDICAL.'))).toBe(true);
    for (const v of justice) expect(skills.get(v.id)!.some((s) => s.skillId.startsWith('LEGAL.'))).toBe(true);
  });
});

describe('service records and points', () => {
  const stars = new StarLevels(DEFAULT_STAR_THRESHOLDS);

  it('give every star level, heavy-tailed', () => {
    const levels = groupBy(full.volunteers, (v) => String(stars.levelOf(v.verifiedHundredths)));
    const share = (level: number) => (levels.get(String(level))?.length ?? 0) / full.volunteers.length;
    for (const [level, expected] of [0.7, 0.15, 0.08, 0.04, 0.02, 0.01].entries()) {
      expect(share(level)).toBeGreaterThan(expected * 0.7);
      expect(share(level)).toBeLessThan(expected * 1.3);
    }
    const under50 = full.volunteers.filter((v) => v.verifiedHundredths < 5000).length / full.volunteers.length;
    expect(under50).toBeGreaterThan(0.33);
    expect(under50).toBeLessThan(0.47);
  });

  it('add up to the cached verified hours, one a day, in the last 24 months', () => {
    // Plain checks collected per volunteer and compared once: hundreds of thousands of records
    // through expect() one by one would take minutes.
    const sites = new Map(full.network.sites.map((s) => [s.id, s]));
    const records = groupBy(full.records, (r) => r.volunteerId);
    const pendingFrom = addDays(TODAY, -14);
    const oldest = addDays(TODAY, -730);
    const problems: string[] = [];
    for (const v of full.volunteers) {
      const own = records.get(v.id) ?? [];
      const verified = own.filter((r) => r.status === ServiceRecordStatus.VERIFIED);
      if (verified.reduce((sum, r) => sum + r.hoursHundredths, 0) !== v.verifiedHundredths) problems.push(`${v.id}: verified hours`);
      if (new Set(own.map((r) => r.servedOn)).size !== own.length) problems.push(`${v.id}: two records a day`);
      if (new Set(own.map((r) => `${r.sourceType}:${r.sourceReference}`)).size !== own.length) problems.push(`${v.id}: repeated source`);
      for (const r of own) {
        const site = sites.get(r.siteId)!;
        const checks: [string, boolean][] = [
          ['hours in half hours from 0.5 to 8', r.hoursHundredths % 50 === 0 && r.hoursHundredths >= 50 && r.hoursHundredths <= 800],
          ['served in the last 730 days, after registration', r.servedOn >= oldest && r.servedOn < TODAY && r.servedOn >= v.registeredOn],
          ['pending exactly in the last 14 days', (r.status === ServiceRecordStatus.PENDING) === r.servedOn >= pendingFrom],
          ['reviewed unless pending', (r.reviewedBy === null) === (r.status === ServiceRecordStatus.PENDING)],
          ['a reason exactly when rejected', (r.rejectionReason === null) === (r.status !== ServiceRecordStatus.REJECTED)],
          ['reviewed after recorded', !r.reviewedAt || r.reviewedAt.getTime() > r.recordedAt.getTime()],
          ['at an active site, with its path and region', site.status === SiteStatus.ACTIVE && r.sitePath === site.path && r.regionCode === site.regionCode],
        ];
        for (const [rule, holds] of checks) if (!holds) problems.push(`${r.id}: ${rule}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    const statuses = groupBy(full.records, (r) => r.status);
    expect(statuses.get(ServiceRecordStatus.REJECTED)!.length).toBeGreaterThan(0);
    expect(statuses.get(ServiceRecordStatus.PENDING)!.length).toBeGreaterThan(0);
    expect(new Set(full.records.map((r) => r.sourceType))).toEqual(new Set(['ACTIVITY', 'TICKET', 'IMPORT']));
    expect(new Set(full.records.map((r) => r.id)).size).toBe(full.records.length);
  });

  it('earn points once per verified record, and the ledger balances never go negative', () => {
    const records = new Map(full.records.map((r) => [r.id, r]));
    const ledgers = groupBy(full.entries, (e) => e.volunteerId);
    let redeemed = 0;
    const problems: string[] = [];
    for (const v of full.volunteers) {
      const ledger = [...(ledgers.get(v.id) ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1));
      let balance = 0;
      for (const [i, entry] of ledger.entries()) {
        if (i > 0 && entry.createdAt.getTime() <= ledger[i - 1].createdAt.getTime()) problems.push(`${entry.id}: not after the entry before`);
        balance += entry.points;
        if (entry.balanceAfter !== balance) problems.push(`${entry.id}: balance after ${entry.balanceAfter}, not ${balance}`);
        if (balance < 0) problems.push(`${entry.id}: negative balance`);
        if (entry.kind === PointsEntryKind.EARNED) {
          const record = records.get(entry.serviceRecordId!)!;
          if (record.status !== ServiceRecordStatus.VERIFIED) problems.push(`${entry.id}: earned on an unverified record`);
          if (entry.points !== Math.floor((record.hoursHundredths * 10) / 100)) problems.push(`${entry.id}: not 10 points an hour`);
        } else {
          if (entry.kind !== PointsEntryKind.REDEEMED || entry.points >= 0 || !entry.requestKey) problems.push(`${entry.id}: not a keyed redemption`);
          redeemed++;
        }
      }
      if (v.pointsBalance !== balance) problems.push(`${v.id}: balance ${v.pointsBalance}, ledger ${balance}`);
      const keys = ledger.map((e) => e.requestKey).filter((k) => k !== null);
      if (new Set(keys).size !== keys.length) problems.push(`${v.id}: repeated request key`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    const earned = full.entries.filter((e) => e.kind === PointsEntryKind.EARNED);
    expect(new Set(earned.map((e) => e.serviceRecordId)).size).toBe(full.records.filter((r) => r.status === ServiceRecordStatus.VERIFIED).length);
    expect(earned).toHaveLength(new Set(earned.map((e) => e.serviceRecordId)).size);
    expect(redeemed).toBeGreaterThan(10);
  });
});

describe('organizations and teams', () => {
  it('registers organizations with valid, unique credit codes at the center or institutes', () => {
    const sites = new Map(full.network.sites.map((s) => [s.id, s]));
    for (const o of full.organizations) {
      expect(o.creditCode).toMatch(CREDIT_CODE);
      expect([SiteKind.CENTER, SiteKind.INSTITUTE]).toContain(sites.get(o.siteId)!.kind);
    }
    expect(new Set(full.organizations.map((o) => o.creditCode)).size).toBe(full.organizations.length);
    expect(new Set(full.organizations.map((o) => o.name)).size).toBe(full.organizations.length);
    expect(full.teams.filter((t) => t.organizationId).length).toBeGreaterThan(5);
  });

  it('nests teams by level and site as the API requires', () => {
    const teams = new Map(full.teams.map((t) => [t.id, t]));
    const sites = new Map(full.network.sites.map((s) => [s.id, s]));
    for (const team of full.teams) {
      expect(sites.get(team.siteId)!.status).toBe(SiteStatus.ACTIVE);
      expect(team.sitePath).toBe(sites.get(team.siteId)!.path);
      if (!team.parentId) {
        expect(team.level).toBe(TeamLevel.CORPS);
        continue;
      }
      const parent = teams.get(team.parentId)!;
      expect(ALLOWED_PARENT_LEVELS[team.level]).toContain(parent.level);
      expect(pathIds(team.sitePath)).toContain(parent.siteId);
    }
    expect(new Set(full.teams.map((t) => `${t.siteId}:${t.name}`)).size).toBe(full.teams.length);
  });

  it('has members with one leader each, at most two teams a volunteer, full professional teams', () => {
    const volunteers = new Map(full.volunteers.map((v) => [v.id, v]));
    const sites = new Map(full.network.sites.map((s) => [s.id, s]));
    const members = groupBy(full.members, (m) => m.teamId);
    for (const team of full.teams) {
      const own = members.get(team.id) ?? [];
      const leaders = own.filter((m) => m.role === TeamRole.LEADER);
      expect(leaders.map((m) => m.volunteerId)).toEqual(team.leaderId ? [team.leaderId] : []);
      if (team.leaderId) expect(volunteers.get(team.leaderId)!.status).toBe(VolunteerStatus.ACTIVE);
      expect(own.filter((m) => m.role === TeamRole.DEPUTY).length).toBeLessThanOrEqual(3);
      for (const m of own) {
        const v = volunteers.get(m.volunteerId)!;
        expect(v.status).not.toBe(VolunteerStatus.LEFT);
        expect(m.joinedOn >= v.registeredOn).toBe(true);
        // Members live at or below the team's site, except in corps, which draw on the whole county.
        if (team.level !== TeamLevel.CORPS) expect(pathIds(v.homeSitePath)).toContain(team.siteId);
      }
      if (sites.get(team.siteId)!.kind === SiteKind.SECTOR_SUBCENTER) {
        expect(own.length).toBeGreaterThanOrEqual(30);
        expect(own.length).toBeLessThanOrEqual(50);
      }
    }
    for (const teams of groupBy(full.members, (m) => m.volunteerId).values()) expect(teams.length).toBeLessThanOrEqual(2);
    expect(full.teams.filter((t) => t.leaderId).length / full.teams.length).toBeGreaterThan(0.7);
  });
});

describe('what matching reads', () => {
  it('gives every volunteer the location of their home site', () => {
    const sites = new Map(full.network.sites.map((s) => [s.id, s]));
    for (const v of full.volunteers) {
      const home = sites.get(v.homeSiteId)!;
      expect([v.homeLatitude, v.homeLongitude]).toEqual([home.latitude, home.longitude]);
    }
    expect(new Set(full.volunteers.map((v) => `${v.homeLatitude},${v.homeLongitude}`)).size).toBeGreaterThan(300);
  });

  it('keeps counters that agree with the service history and the open assignments', () => {
    const volunteers = new Map(full.volunteers.map((v) => [v.id, v]));
    const tickets = groupBy(
      full.records.filter((r) => r.sourceType === ServiceSourceType.TICKET && r.status !== ServiceRecordStatus.REJECTED),
      (r) => r.volunteerId,
    );
    const assignments = groupBy(full.assignments, (a) => a.volunteerId);
    const problems: string[] = [];
    for (const row of full.reliability) {
      const v = volunteers.get(row.volunteerId);
      const own = assignments.get(row.volunteerId) ?? [];
      const checks: [string, boolean][] = [
        ['a known volunteer', v !== undefined],
        ['one completion per ticket record', row.completed === (tickets.get(row.volunteerId)?.length ?? 0)],
        ['as many open assignments as open demo tickets', row.openAssignments === own.filter(isOpen).length && own.every(isOpen)],
        ['acceptances that ended or are open', row.accepted === row.completed + row.released + row.openAssignments],
        ['open only while active', row.openAssignments === 0 || v?.status === VolunteerStatus.ACTIVE],
        ['ratings of completed tickets, 1 to 5', row.ratingCount <= row.completed && row.ratingSum >= row.ratingCount && row.ratingSum <= 5 * row.ratingCount],
        ['some ticket behind it', row.accepted + row.declined > 0],
      ];
      for (const [rule, holds] of checks) if (!holds) problems.push(`${row.volunteerId}: ${rule}`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(new Set(full.reliability.map((r) => r.volunteerId)).size).toBe(full.reliability.length);
    expect(new Set(full.assignments.map((a) => `${a.volunteerId}:${a.ticketId}`)).size).toBe(full.assignments.length);
    // Those who took tickets have a row; newcomers who never did have none.
    const withRow = new Set(full.reliability.map((r) => r.volunteerId));
    for (const volunteerId of tickets.keys()) expect(withRow.has(volunteerId)).toBe(true);
    expect(withRow.size).toBeLessThan(full.volunteers.length);
  });

  it('varies: free and busy, reliable and not, rated well and poorly', () => {
    const share = (test: (row: Collected['reliability'][number]) => boolean) => full.reliability.filter(test).length / full.volunteers.length;
    expect(share((r) => r.openAssignments === 0)).toBeGreaterThan(0.3);
    expect(share((r) => r.openAssignments >= 2)).toBeGreaterThan(0.01);
    expect(share((r) => r.released > 0)).toBeGreaterThan(0.05);
    expect(share((r) => r.declined > 0)).toBeGreaterThan(0.1);
    const rated = full.reliability.filter((r) => r.ratingCount >= 3);
    expect(rated.filter((r) => r.ratingSum / r.ratingCount < 3.8).length).toBeGreaterThan(10);
    expect(rated.filter((r) => r.ratingSum / r.ratingCount > 4.5).length).toBeGreaterThan(10);
    const scores = full.reliability.map(reliabilityScore).sort((a, b) => a - b);
    expect(scores[Math.floor(scores.length * 0.9)] - scores[Math.floor(scores.length * 0.1)]).toBeGreaterThan(0.1);
  });
});
