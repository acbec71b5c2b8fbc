import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '@practice/common';
import type { GraphQLResult } from '@practice/common/testing';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import type { DataSource } from 'typeorm';
import { main } from '../src/cli/import';
import { catalogueCounts, createResource, resourceInput } from './catalogue';
import { ResourcesFixture, errorOf, expectNoErrors, startResources } from './fixture';

let f: ResourcesFixture;
let subCenter: Site;
let otherSubCenter: Site;
let station: Site;
let otherStation: Site;
let agency: string;

beforeAll(async () => {
  f = await startResources();
  subCenter = await f.site(SiteKind.SECTOR_SUBCENTER, 0);
  otherSubCenter = await f.site(SiteKind.SECTOR_SUBCENTER, 1);
  const institute = await f.site(SiteKind.INSTITUTE, 1);
  station = await f.childOf(institute, SiteKind.STATION, 0);
  otherStation = await f.childOf(institute, SiteKind.STATION, 1);
  agency = await f.token(Role.AGENCY_ADMIN, { siteIds: [subCenter.id], subject: 'agency-import' });
});
afterAll(() => f.close());

const IMPORT = `mutation($input: ImportResourcesInput!) { importResources(input: $input) {
  dryRun total created updated published unchanged
  resources { line externalKey outcome resource { id status version title externalKey publishedAt } }
} }`;
const HISTORY = `query($id: ID!) { resource(id: $id) { status version title history { action actor changes { field from to } } } }`;

interface Report {
  dryRun: boolean;
  total: number;
  created: number;
  updated: number;
  published: number;
  unchanged: number;
  resources: {
    line: number | null;
    externalKey: string;
    outcome: string;
    resource: { id: string; status: string; version: number; title: string; publishedAt: string | null } | null;
  }[];
}
interface Problem {
  field: string;
  message: string;
  line?: number;
}

/** A valid import row with a key, with overrides. */
function row(externalKey: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { publisherId: _publisher, ...content } = resourceInput('-', { externalKey, title: `导入服务 ${externalKey}`, ...overrides });
  for (const [key, value] of Object.entries(content)) if (value === undefined) delete content[key];
  return content;
}

const importRows = (publisherId: string, rows: Record<string, unknown>[], token: string | null = agency, dryRun = false) =>
  f.request<{ importResources: Report }>(IMPORT, { input: { publisherId, rows, dryRun } }, token ? { token } : {});

async function imported(publisherId: string, rows: Record<string, unknown>[], token = agency): Promise<Report> {
  const result = await importRows(publisherId, rows, token);
  expectNoErrors(result);
  return result.data!.importResources;
}

const problemsOf = (result: GraphQLResult<unknown>): Problem[] => (result.errors?.[0]?.extensions?.problems ?? []) as Problem[];

/** Every row of every table an import writes, in a stable order, to prove that a second import wrote nothing. */
async function catalogueRows(db: DataSource): Promise<Record<string, unknown[]>> {
  return {
    resource: await db.query('SELECT * FROM resource ORDER BY id'),
    resource_facet: await db.query('SELECT * FROM resource_facet ORDER BY resource_id, facet, value'),
    resource_area: await db.query('SELECT * FROM resource_area ORDER BY resource_id, kind, value'),
    resource_change: await db.query('SELECT * FROM resource_change ORDER BY id'),
  };
}

describe('importResources', () => {
  it('creates new keys, updates existing ones with only what differs, and audits each as IMPORTED', async () => {
    const draft = await createResource(f.request, agency, subCenter.id, { externalKey: 'IMP-1', title: '房屋安全讲座' }, false);
    const other = await createResource(f.request, agency, subCenter.id, { externalKey: 'IMP-OTHER', title: '不在文件里的资源' });
    const report = await imported(subCenter.id, [
      row('IMP-1', { title: '房屋安全讲座（新版）', line: 2 }),
      row('IMP-2', { line: 3 }),
      row('IMP-3', { status: 'DRAFT', line: 4 }),
    ]);
    expect(report).toMatchObject({ dryRun: false, total: 3, created: 2, updated: 1, published: 2, unchanged: 0 });
    expect(report.resources.map(({ line, externalKey, outcome, resource }) => [line, externalKey, outcome, resource?.status, resource?.version])).toEqual([
      [2, 'IMP-1', 'UPDATED', 'PUBLISHED', 2],
      [3, 'IMP-2', 'CREATED', 'PUBLISHED', 1],
      [4, 'IMP-3', 'CREATED', 'DRAFT', 1],
    ]);
    expect(report.resources[0].resource!.id).toBe(draft);
    expect(report.resources[0].resource!.publishedAt).not.toBeNull();
    expect(report.resources[2].resource!.publishedAt).toBeNull();

    type History = { resource: { version: number; history: { action: string; actor: string; changes: { field: string; to: string | null }[] }[] } };
    const updated = (await f.request<History>(HISTORY, { id: draft }, { token: agency })).data!.resource;
    expect(updated.history[0]).toMatchObject({ action: 'IMPORTED', actor: 'agency-import' });
    expect(updated.history[0].changes.map((change) => change.field).sort()).toEqual(['status', 'title']);
    const created = (await f.request<History>(HISTORY, { id: report.resources[1].resource!.id }, { token: agency })).data!.resource;
    expect(created.history).toHaveLength(1);
    expect(created.history[0].changes).toEqual(expect.arrayContaining([{ field: 'status', from: null, to: '"PUBLISHED"' }]));
    const draftCreated = (await f.request<History>(HISTORY, { id: report.resources[2].resource!.id }, { token: agency })).data!.resource;
    expect(draftCreated.history[0].changes.map((change) => change.field)).not.toContain('status');
    // Resources of the publisher that the rows do not name are left alone.
    expect((await f.request<History>(HISTORY, { id: other }, { token: agency })).data!.resource.version).toBe(2);
  });

  it('publishes a withdrawn resource from a PUBLISHED row, and leaves the status of an existing resource to a DRAFT row', async () => {
    const withdrawn = await createResource(f.request, agency, subCenter.id, { externalKey: 'IMP-W', title: '防汛知识宣讲' });
    expectNoErrors(await f.request(`mutation($id: ID!) { withdrawResource(id: $id) { id } }`, { id: withdrawn }, { token: agency }));
    await createResource(f.request, agency, subCenter.id, { externalKey: 'IMP-P', title: '节水宣传进社区' });
    const report = await imported(subCenter.id, [row('IMP-W', { title: '防汛知识宣讲' }), row('IMP-P', { title: '节水宣传进社区', status: 'DRAFT' })]);
    expect(report).toMatchObject({ created: 0, updated: 1, published: 1, unchanged: 1 });
    expect(report.resources.map(({ outcome, resource }) => [outcome, resource!.status])).toEqual([
      ['UPDATED', 'PUBLISHED'],
      ['UNCHANGED', 'PUBLISHED'],
    ]);
  });

  it('changes nothing when the same rows are imported again: no row of any catalogue table differs', async () => {
    const rows = [
      row('IMP-SAME-1', { line: 2 }),
      row('IMP-SAME-2', { line: 3, status: 'DRAFT', serviceArea: { siteIds: [station.id], regionCodePrefixes: ['320581'] } }),
      row('IMP-SAME-3', { line: 4, schedule: [{ days: [5, 1, 3], opensAt: '09:00', closesAt: '17:00' }], audiences: ['YOUTH', 'ELDERLY'] }),
    ];
    const first = await imported(subCenter.id, rows);
    expect(first.created).toBe(3);
    const before = await catalogueRows(f.server.db);
    const again = await imported(subCenter.id, rows);
    expect(again).toMatchObject({ total: 3, created: 0, updated: 0, published: 0, unchanged: 3 });
    expect(again.resources.map((entry) => entry.resource!.version)).toEqual([1, 1, 1]);
    expect(await catalogueRows(f.server.db)).toEqual(before);
  });

  it('reports every problem the input rules find, with the row’s field and line, and writes nothing', async () => {
    const before = await catalogueCounts(f.server.db);
    const result = await importRows(subCenter.id, [
      row('IMP-BAD-1', { line: 2 }),
      row('IMP-BAD-2', { line: 3, title: '讲' }),
      row('IMP-BAD-3', { line: 5, capacityPerMonth: 0, schedule: [{ days: [8], opensAt: '08:00', closesAt: '09:00' }] }),
    ]);
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(problemsOf(result).map(({ field, line }) => [field, line])).toEqual([
      ['input.rows[1].title', 3],
      ['input.rows[2].capacityPerMonth', 5],
      ['input.rows[2].schedule[0].days', 5],
    ]);
    expect(await catalogueCounts(f.server.db)).toEqual(before);
  });

  it('reports every problem of the catalogue rules at once — new keys need what a creation needs, updates do not — and writes nothing', async () => {
    await imported(subCenter.id, [row('IMP-KNOWN')]);
    const before = await catalogueCounts(f.server.db);
    const result = await importRows(subCenter.id, [
      { externalKey: 'IMP-KNOWN', kind: 'EXPERT', line: 2 },
      { externalKey: 'IMP-NEW-BARE', kind: 'EXPERT', line: 3 },
      row('IMP-NEW-4', { line: 4, categoryCodes: ['SERVICE.NOPE'], schedule: [{ days: [1], opensAt: '10:00', closesAt: '09:00' }] }),
      row('IMP-NEW-6', { line: 6, serviceArea: { siteIds: ['018f0000-0000-7000-8000-000000000000'] } }),
    ]);
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(problemsOf(result).map(({ field, line }) => [field, line])).toEqual([
      ['input.rows[1].title', 3],
      ['input.rows[1].description', 3],
      ['input.rows[1].categoryCodes', 3],
      ['input.rows[1].deliveryModes', 3],
      ['input.rows[2].schedule[0].closesAt', 4],
      ['input.rows[2].categoryCodes[0]', 4],
      ['input.rows[3].serviceArea.siteIds[0]', 6],
    ]);
    expect(await catalogueCounts(f.server.db)).toEqual(before);
  });

  it('refuses a key repeated in one input, naming the line of its first row', async () => {
    const before = await catalogueCounts(f.server.db);
    const result = await importRows(subCenter.id, [
      row('IMP-DUP', { line: 2 }),
      row('IMP-DUP-B', { line: 3 }),
      row('IMP-DUP', { line: 4, title: '重复的资源' }),
    ]);
    expect(problemsOf(result)).toEqual([{ field: 'input.rows[2].externalKey', message: expect.stringContaining('line 2'), line: 4 }]);
    expect(await catalogueCounts(f.server.db)).toEqual(before);
  });

  it('checks everything on a dry run and counts what it would write, writing nothing', async () => {
    await imported(subCenter.id, [row('IMP-DRY-1'), row('IMP-DRY-2')]);
    const before = await catalogueCounts(f.server.db);
    const result = await importRows(subCenter.id, [row('IMP-DRY-1'), row('IMP-DRY-2', { title: '改过的标题' }), row('IMP-DRY-3')], agency, true);
    expectNoErrors(result);
    const report = result.data!.importResources;
    expect(report).toMatchObject({ dryRun: true, total: 3, created: 1, updated: 1, published: 1, unchanged: 1 });
    expect(report.resources.map(({ outcome, resource }) => [outcome, resource?.version ?? null])).toEqual([
      ['UNCHANGED', 1],
      ['UPDATED', 1],
      ['CREATED', null],
    ]);
    expect(await catalogueCounts(f.server.db)).toEqual(before);
    const invalid = await importRows(subCenter.id, [row('IMP-DRY-4', { line: 9, title: undefined })], agency, true);
    expect(problemsOf(invalid)).toEqual([{ field: 'input.rows[0].title', message: 'is required', line: 9 }]);
  });

  it('lets only the owners of the catalogue import: not another agency, not the manager of another station, not anonymous callers', async () => {
    const before = await catalogueCounts(f.server.db);
    expect(errorOf(await importRows(otherSubCenter.id, [row('IMP-X')]))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_CATALOGUE_OWNER' });
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id] });
    expect(errorOf(await importRows(otherStation.id, [row('IMP-X')], manager))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_CATALOGUE_OWNER' });
    const anonymous = await importRows(subCenter.id, [row('IMP-X')], null);
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
    expect(await catalogueCounts(f.server.db)).toEqual(before);
    expect((await imported(station.id, [row('IMP-STATION')], manager)).created).toBe(1);
  });

  it('creates each resource once when the same file is imported several times at once', async () => {
    const rows = Array.from({ length: 12 }, (_, index) => row(`IMP-RACE-${index}`, { line: index + 2 }));
    const results = await Promise.all([1, 2, 3, 4].map(() => importRows(subCenter.id, rows)));
    results.forEach(expectNoErrors);
    const reports = results.map((result) => result.data!.importResources);
    expect(reports.reduce((sum, report) => sum + report.created, 0)).toBe(12);
    expect(reports.reduce((sum, report) => sum + report.unchanged, 0)).toBe(36);
    const [{ n }] = await f.server.db.query(`SELECT COUNT(*) AS n FROM resource WHERE external_key LIKE 'IMP-RACE-%'`);
    expect(Number(n)).toBe(12);
    const [{ changes }] = await f.server.db.query(
      `SELECT COUNT(*) AS changes FROM resource_change c JOIN resource r ON r.id = c.resource_id WHERE r.external_key LIKE 'IMP-RACE-%'`,
    );
    expect(Number(changes)).toBe(12);
  });

  it('reads with the same number of statements, and creates with the same number, for 3 rows as for 30', async () => {
    const statements = async (prefix: string, count: number, dryRun: boolean) => {
      const rows = Array.from({ length: count }, (_, index) => row(`${prefix}-${index}`, { serviceArea: { siteIds: [station.id] } }));
      const { result, statements } = await f.server.counter.measure(() => importRows(subCenter.id, rows, agency, dryRun));
      expectNoErrors(result);
      return statements.length;
    };
    expect(await statements('IMP-COUNT-A', 30, true)).toBe(await statements('IMP-COUNT-B', 3, true));
    expect(await statements('IMP-COUNT-C', 30, false)).toBe(await statements('IMP-COUNT-D', 3, false));
  });
});

describe('the command-line import', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'resources-import-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const HEADER =
    'externalKey,kind,status,title,description,categoryCodes,audiences,deliveryModes,regionCodePrefixes,siteIds,capacityPerMonth,leadTimeDays,contactName,contactPhone,schedule,orderForm';
  const FORM = '"[{""key"":""attendees"",""label"":""参加人数"",""type"":""NUMBER"",""required"":true,""min"":1}]"';
  const line = (key: string, cells: { title?: string; status?: string; capacity?: string; description?: string } = {}) =>
    [
      key,
      'SERVICE',
      cells.status ?? '',
      cells.title ?? `命令行导入 ${key}`,
      cells.description ?? '"每月一次，上门服务。"',
      'SERVICE.HEALTH.CHECKUP',
      'ELDERLY|FAMILIES',
      'ON_SITE|AT_REQUESTER',
      '',
      '',
      cells.capacity ?? '20',
      '2',
      '卫健服务中心',
      '0512-52731234',
      '"1-5 09:00-17:00; 6,7 08:30-11:30"',
      FORM,
    ].join(',');

  async function run(file: string, ...options: string[]): Promise<{ status: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const args = ['--file', file, '--publisher', subCenter.id, '--token', agency, '--url', f.server.url, '--batch', '3', ...options];
    const status = await main(args, { write: (text: string) => out.push(text) }, { write: (text: string) => err.push(text) }, {});
    return { status, out: out.join(''), err: err.join('') };
  }

  it('imports a CSV file in calls with a progress bar, then finds nothing to change in it', async () => {
    const file = join(dir, 'catalogue.csv');
    const keys = ['CLI-1', 'CLI-2', 'CLI-3', 'CLI-4', 'CLI-5', 'CLI-6', 'CLI-7'];
    await writeFile(file, [HEADER, ...keys.map((key) => line(key, { status: key === 'CLI-7' ? 'DRAFT' : '' }))].join('\n') + '\n');
    const before = await catalogueCounts(f.server.db);

    const dry = await run(file, '--dry-run');
    expect(dry).toMatchObject({ status: 0, out: 'dry run, nothing written: 7 rows would create 7, update 0 and publish 6; 0 unchanged\n' });
    expect(await catalogueCounts(f.server.db)).toEqual(before);

    const first = await run(file);
    expect(first.err).toContain('\rchecking  [#########-----------] 3/7 rows');
    expect(first.err).toContain('\rimporting [####################] 7/7 rows\n');
    expect(first).toMatchObject({ status: 0, out: 'imported 7 rows: 7 created, 0 updated, 6 published, 0 unchanged\n' });
    expect((await catalogueCounts(f.server.db)).resource).toBe(before.resource + 7);
    const [stored] = await f.server.db.query(`SELECT title, schedule, order_form AS orderForm FROM resource WHERE external_key = 'CLI-3'`);
    expect(stored.title).toBe('命令行导入 CLI-3');
    expect(JSON.parse(stored.schedule)).toEqual([
      { days: [1, 2, 3, 4, 5], opensAt: '09:00', closesAt: '17:00', validFrom: null, validTo: null, note: null },
      { days: [6, 7], opensAt: '08:30', closesAt: '11:30', validFrom: null, validTo: null, note: null },
    ]);
    expect(JSON.parse(stored.orderForm)[0]).toMatchObject({ key: 'attendees', type: 'NUMBER', required: true, min: 1 });

    const rows = await catalogueRows(f.server.db);
    const second = await run(file);
    expect(second).toMatchObject({ status: 0, out: 'imported 7 rows: 0 created, 0 updated, 0 published, 7 unchanged\n' });
    expect(await catalogueRows(f.server.db)).toEqual(rows);
  });

  it('reports every problem of the file with its line, the cells it cannot read and those the API refuses, and imports nothing', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(
      file,
      [
        HEADER,
        line('CLI-BAD-1', { description: '"第一行\n第二行"' }),
        line('CLI-BAD-2', { capacity: 'many' }),
        line('CLI-BAD-3'),
        line('CLI-BAD-4'),
        line('CLI-BAD-5', { title: '讲' }),
        line('CLI-BAD-1'),
      ].join('\n'),
    );
    const before = await catalogueCounts(f.server.db);
    const result = await run(file);
    expect(result.status).toBe(1);
    const reported = result.err.split('\n').filter((text) => text.startsWith('line '));
    expect(reported).toEqual([
      'line 4, capacityPerMonth: "many" is not a whole number',
      expect.stringMatching(/^line 7, title: must be text of 2 to 100 characters/),
      'line 8, externalKey: repeats the key CLI-BAD-1 of line 2',
    ]);
    expect(result.err).toContain('3 problems: nothing was imported');
    expect(result.out).toBe('');
    expect(await catalogueCounts(f.server.db)).toEqual(before);
  });
});

describe('importResources with IMPORT_MAX_ROWS=5', () => {
  let small: ResourcesFixture;
  beforeAll(async () => {
    small = await startResources({ env: { IMPORT_MAX_ROWS: '5' } });
  });
  afterAll(() => small.close());

  it('refuses more rows than the limit with TOO_MANY_ROWS, and takes the limit', async () => {
    const publisher = await small.site(SiteKind.SECTOR_SUBCENTER, 0);
    const token = await small.token(Role.AGENCY_ADMIN, { siteIds: [publisher.id] });
    const rows = Array.from({ length: 6 }, (_, index) => row(`IMP-MAX-${index}`));
    const send = (some: Record<string, unknown>[]) =>
      small.request<{ importResources: Report }>(IMPORT, { input: { publisherId: publisher.id, rows: some } }, { token });
    const before = await catalogueCounts(small.server.db);
    expect(errorOf(await send(rows))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rows', reason: 'TOO_MANY_ROWS' });
    expect(await catalogueCounts(small.server.db)).toEqual(before);
    const taken = await send(rows.slice(0, 5));
    expectNoErrors(taken);
    expect(taken.data!.importResources.created).toBe(5);
  });
});
