import { Role, todayInChina } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind, SiteStatus } from '@practice/sites/site/site.enums';
import { checkCharacter } from '../src/volunteer/id-number';
import { REGISTER, VolunteersFixture, expectNoErrors, mobile, startVolunteers } from './fixture';

/**
 * A small county for the figures, built through the API with thresholds of 5, 10 and 20 hours:
 *
 * | volunteer | home | age band | gender | registered | status    | verified hours (records)           | teams  |
 * | --------- | ---- | -------- | ------ | ---------- | --------- | ---------------------------------- | ------ |
 * | p1        | a1   | <30      | F      | 2024-01-15 | ACTIVE    | 11 (6 a1 03-03 ACT, 5 a1 04-07 MAN) | T1, T2 |
 * | p2        | a1   | 30–44    | M      | 2024-01-20 | ACTIVE    | 3 (a1 03-09 ACT); 2 PENDING at b1   | T1     |
 * | p3        | a2   | 30–44    | F      | 2024-02-05 | ACTIVE    | 24 (12 + 12 a2 03-04, 03-05 IMP)    | T1     |
 * | p4        | a2   | 45–59    | M      | 2024-02-10 | ACTIVE    | 5 (a2 04-01 ACT)                    | T2     |
 * | p5        | b1   | 60+      | F      | 2024-02-29 | ACTIVE    | 4.5 (b1 03-10 ACT); 1 REJECTED      | —      |
 * | p6        | b1   | 45–59    | M      | 2024-03-01 | SUSPENDED | 9.99 (b1 04-02 MAN)                 | —      |
 * | p7        | A    | 60+      | F      | 2024-03-31 | LEFT      | —                                   | —      |
 *
 * a1 and a2 are stations of institute A, b1 one of institute B; all service is in 2025.
 * Skills: p1 MEDICAL.NURSING, p3 MEDICAL.FIRST_AID, p5 ARTS.DANCE. Preferred categories: p1
 * SERVICE.HEALTH, p2 SERVICE.HEALTH.CHECKUP, p4 SERVICE.HEALTHY (not below SERVICE.HEALTH).
 */
export interface AnalyticsScene {
  f: VolunteersFixture;
  admin: string;
  year: number;
  sites: { A: Site; B: Site; a1: Site; a2: Site; b1: Site };
  p: Record<'p1' | 'p2' | 'p3' | 'p4' | 'p5' | 'p6' | 'p7', string>;
  teams: { T1: string; T2: string };
}

export const SCENE_ENV = {
  STAR_THRESHOLDS: '5,10,20',
  VOLUNTEER_STATS_MIN_GROUP_SIZE: '2',
  VOLUNTEER_STATS_MAX_GROUPS: '6',
  VOLUNTEER_STATS_MAX_DAYS: '400',
};

let sequence = 0;
/** A valid ID number of someone born on that day; the 17th digit is odd for men. */
function personId(birth: string, male: boolean): string {
  sequence++;
  const first17 = `320581${birth}${String(100 + sequence * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
  return `${first17}${checkCharacter(first17)}`;
}

export async function buildAnalyticsScene(): Promise<AnalyticsScene> {
  const f = await startVolunteers({ env: SCENE_ENV });
  const admin = await f.token(Role.ADMIN);
  const year = Number(todayInChina().slice(0, 4));
  const stationOf = async (institute: Site, index: number): Promise<Site> =>
    (
      await f.sites.db
        .getRepository(Site)
        .find({ where: { parentId: institute.id, kind: SiteKind.STATION, status: SiteStatus.ACTIVE }, order: { code: 'ASC' }, skip: index, take: 1 })
    )[0];
  const A = await f.site(SiteKind.INSTITUTE, 2);
  const B = await f.site(SiteKind.INSTITUTE, 6);
  const sites = { A, B, a1: await stationOf(A, 0), a2: await stationOf(A, 1), b1: await stationOf(B, 0) };

  const register = async (home: Site, age: number, male: boolean, registeredOn: string, profile: Record<string, unknown> = {}): Promise<string> => {
    const input = { name: '统计志愿者', idNumber: personId(`${year - age}0101`, male), phone: mobile(), homeSiteId: home.id, ...profile };
    const result = await f.request<{ registerVolunteer: { id: string } }>(REGISTER, { input }, { token: admin });
    expectNoErrors(result);
    const id = result.data!.registerVolunteer.id;
    // Registered in the past, as the county's older registrations were: the day, the moment and the history agree.
    const at = `${registeredOn} 02:00:00`;
    await f.server.db.query('UPDATE volunteer SET registered_on = ?, created_at = ? WHERE id = ?', [registeredOn, at, id]);
    await f.server.db.query('UPDATE volunteer_status_change SET changed_at = ? WHERE volunteer_id = ?', [at, id]);
    return id;
  };
  const p = {
    p1: await register(sites.a1, 29, false, '2024-01-15', { skillCodes: ['MEDICAL.NURSING'], categoryCodes: ['SERVICE.HEALTH'] }),
    p2: await register(sites.a1, 30, true, '2024-01-20', { categoryCodes: ['SERVICE.HEALTH.CHECKUP'] }),
    p3: await register(sites.a2, 44, false, '2024-02-05', { skillCodes: ['MEDICAL.FIRST_AID'] }),
    p4: await register(sites.a2, 45, true, '2024-02-10', { categoryCodes: ['SERVICE.HEALTHY'] }),
    p5: await register(sites.b1, 60, false, '2024-02-29', { skillCodes: ['ARTS.DANCE'] }),
    p6: await register(sites.b1, 59, true, '2024-03-01'),
    p7: await register(sites.A, 70, false, '2024-03-31'),
  };

  let reference = 0;
  const serve = async (volunteerId: string, site: Site, servedOn: string, hours: number, type: string, outcome = 'VERIFIED'): Promise<void> => {
    const input = { volunteerId, siteId: site.id, servedOn, hours, content: '文明实践志愿服务', source: { type, reference: `stats-${++reference}` } };
    const recorded = await f.request<{ recordService: { id: string } }>(
      `mutation($input: RecordServiceInput!) { recordService(input: $input) { id } }`,
      { input },
      { token: admin },
    );
    expectNoErrors(recorded);
    const id = recorded.data!.recordService.id;
    if (outcome === 'VERIFIED') expectNoErrors(await f.request(`mutation($id: ID!) { verifyServiceRecord(id: $id) { id } }`, { id }, { token: admin }));
    if (outcome === 'REJECTED') {
      const input = { id, reason: '重复录入' };
      expectNoErrors(await f.request(`mutation($input: RejectServiceRecordInput!) { rejectServiceRecord(input: $input) { id } }`, { input }, { token: admin }));
    }
  };
  await serve(p.p1, sites.a1, '2025-03-03', 6, 'ACTIVITY');
  await serve(p.p1, sites.a1, '2025-04-07', 5, 'MANUAL');
  await serve(p.p2, sites.a1, '2025-03-09', 3, 'ACTIVITY');
  await serve(p.p2, sites.b1, '2025-04-08', 2, 'ACTIVITY', 'PENDING');
  await serve(p.p3, sites.a2, '2025-03-04', 12, 'IMPORT');
  await serve(p.p3, sites.a2, '2025-03-05', 12, 'IMPORT');
  await serve(p.p4, sites.a2, '2025-04-01', 5, 'ACTIVITY');
  await serve(p.p5, sites.b1, '2025-03-10', 4.5, 'ACTIVITY');
  await serve(p.p5, sites.b1, '2025-03-11', 1, 'ACTIVITY', 'REJECTED');
  await serve(p.p6, sites.b1, '2025-04-02', 9.99, 'MANUAL');

  const status = async (id: string, to: string, reason?: string) =>
    expectNoErrors(
      await f.request(
        `mutation($input: ChangeVolunteerStatusInput!) { changeVolunteerStatus(input: $input) { id } }`,
        { input: { id, status: to, reason } },
        { token: admin },
      ),
    );
  await status(p.p6, 'SUSPENDED', '长期未参加活动');
  await status(p.p7, 'LEFT');

  const team = async (name: string, site: Site, leaderId: string, members: string[]): Promise<string> => {
    const created = await f.request<{ createTeam: { id: string } }>(
      `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`,
      { input: { name, level: 'TEAM', siteId: site.id, leaderId } },
      { token: admin },
    );
    expectNoErrors(created);
    const teamId = created.data!.createTeam.id;
    for (const volunteerId of members) {
      expectNoErrors(
        await f.request(`mutation($input: TeamMemberInput!) { addTeamMember(input: $input) { id } }`, { input: { teamId, volunteerId } }, { token: admin }),
      );
    }
    return teamId;
  };
  const teams = { T1: await team('卫生健康服务队', sites.a1, p.p1, [p.p2, p.p3]), T2: await team('邻里互助服务队', sites.A, p.p4, [p.p1]) };
  return { f, admin, year, sites, p, teams };
}
