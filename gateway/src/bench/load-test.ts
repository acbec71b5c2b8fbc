/**
 * `npm run load`: mixed reads and writes through a real gateway in front of the four subgraphs,
 * each in its own process, by concurrent clients for a while; then checks in the databases that
 * every acknowledged write is there and consistent. A script, not a test: it prints throughput,
 * errors by code and latency percentiles per operation, and exits 1 when a check fails.
 *
 *   npm run load -- [--seconds 60] [--clients 16] [--mysql] [--port 4500] [--keep]
 *
 * By default on embedded SQLite files in a new temporary folder, filled with the demo county on
 * start; `--mysql` on the server of DATABASE_URL (default mysql://root@127.0.0.1:3306) in new
 * databases `load_<run>_<subgraph>`, dropped afterwards unless `--keep`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEVELOPMENT_JWT_SECRET,
  DatabaseConfig,
  Rng,
  Role,
  dropMysqlDatabase,
  loadSubgraphConfig,
  openDataSource,
  repoRoot,
  signToken,
  todayInChina,
} from '@practice/common';
import { ProcessGroup } from '../launch/processes';
import { SUBGRAPHS, urlVariable } from '../subgraphs';
import { Acknowledged, runChecks } from './load-checks';
import { LoadStats } from './load-stats';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '16' },
    mysql: { type: 'boolean' },
    port: { type: 'string', default: '4500' },
    keep: { type: 'boolean' },
  },
});
const root = repoRoot();
const processes = new ProcessGroup(root, (name, how) => {
  process.stderr.write(`${name} stopped (${how})\n`);
  process.exit(1);
});
const AUTH = { secret: process.env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET, issuer: 'civilization-practice', audience: 'civilization-practice-api' };

interface Answer<T> {
  data?: T;
  code?: string;
}

function client(url: string, stats: LoadStats) {
  return async function call<T = Record<string, unknown>>(
    operation: string,
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<Answer<T>> {
    const started = performance.now();
    let code: string | undefined;
    let data: T | undefined;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] };
      if (body.errors?.length) code = String(body.errors[0].extensions?.code ?? `HTTP_${response.status}`);
      else data = body.data;
    } catch (error) {
      code = (error as Error).name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : 'NETWORK_ERROR';
    }
    stats.record(operation, performance.now() - started, code);
    return { data, code };
  };
}

interface Volunteer {
  id: string;
  homeSiteId: string;
  token: string;
}

interface OpenTicket {
  id: string;
  status: string;
  volunteer: Volunteer;
  citizen: string;
}

const SUBMIT = `mutation($input: SubmitTicketInput!) { submitTicket(input: $input) { id status } }`;
const STEPS: Record<string, { mutation: string; input: string; action: string }> = {
  SUBMITTED: { mutation: 'dispatchTicket', input: 'DispatchTicketInput', action: 'DISPATCH' },
  DISPATCHED: { mutation: 'acceptTicket', input: 'TicketNoteInput', action: 'ACCEPT' },
  ACCEPTED: { mutation: 'completeTicket', input: 'CompleteTicketInput', action: 'COMPLETE' },
  COMPLETED: { mutation: 'rateTicket', input: 'RateTicketInput', action: 'RATE' },
};

async function main(): Promise<void> {
  const seconds = Number(values.seconds);
  const clients = Number(values.clients);
  const base = Number(values.port);
  const folder = values.mysql ? undefined : mkdtempSync(join(tmpdir(), 'practice-load-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DEMO_DATA: 'true',
    MIGRATE_ON_START: 'true',
    LOG_LEVEL: 'warn',
    GATEWAY_PORT: String(base),
    GATEWAY_RATE_LIMIT: '0',
    GATEWAY_ADMIN_RATE_LIMIT: '0',
  };
  if (values.mysql) {
    env.DATABASE_URL = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
    env.DATABASE_PREFIX = `load_${Date.now().toString(36)}`;
  } else {
    delete env.DATABASE_URL;
    env.DATA_DIR = folder;
  }
  SUBGRAPHS.forEach(({ name }, index) => {
    env[`${name.toUpperCase()}_PORT`] = String(base + 1 + index);
    env[urlVariable(name)] = `http://127.0.0.1:${base + 1 + index}/graphql`;
  });
  const databases = Object.fromEntries(SUBGRAPHS.map(({ name }, index) => [name, loadSubgraphConfig(name, base + 1 + index, env).database])) as Record<
    (typeof SUBGRAPHS)[number]['name'],
    DatabaseConfig
  >;
  const started = Date.now();
  for (const { name } of SUBGRAPHS) processes.launch(name, join(root, 'subgraphs', name, 'dist', 'index.js'), env);
  await Promise.all(SUBGRAPHS.map(({ name }) => processes.waitReady(name, env[urlVariable(name)]!, 600_000)));
  processes.launch('gateway', join(root, 'gateway', 'dist', 'index.js'), env);
  const url = `http://127.0.0.1:${base}/graphql`;
  await processes.waitReady('gateway', url);
  process.stdout.write(
    `supergraph ready on ${values.mysql ? `MySQL (${env.DATABASE_PREFIX}_*)` : `SQLite in ${folder}`} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );

  const stats = new LoadStats();
  const call = client(url, stats);
  const admin = await signToken(AUTH, 'load-admin', { role: Role.ADMIN });
  const analyst = await signToken(AUTH, 'load-analyst', { role: Role.ANALYST });
  const prepare = client(url, new LoadStats());
  const listed = await prepare<{ volunteers: { edges: { node: { id: string; homeSite: { id: string }; points: { balance: number } | null } }[] } }>(
    'setup',
    `{ volunteers(filter: { statuses: [ACTIVE] }, first: 200) { edges { node { id homeSite { id } points { balance } } } } }`,
    {},
    admin,
  );
  if (!listed.data) throw new Error(`Could not list volunteers: ${listed.code}`);
  const volunteers: Volunteer[] = await Promise.all(
    listed.data.volunteers.edges.map(async ({ node }) => ({
      id: node.id,
      homeSiteId: node.homeSite.id,
      token: await signToken(AUTH, `load-volunteer-${node.id}`, { role: Role.VOLUNTEER, volunteer_id: node.id }),
    })),
  );
  // A few volunteers with points that every client redeems from at once: the balance must hold.
  const hot = listed.data.volunteers.edges
    .filter(({ node }) => (node.points?.balance ?? 0) > 0)
    .slice(0, 4)
    .map(({ node }) => volunteers.find((volunteer) => volunteer.id === node.id)!);
  if (!volunteers.length || !hot.length) throw new Error('The demo data has no active volunteers with points');

  const ack: Acknowledged = { tickets: [], transitions: [], redemptions: [], problems: [] };
  const today = todayInChina();
  const monthStart = `${today.slice(0, 7)}-01`;
  const deadline = Date.now() + seconds * 1000;
  let sequence = 0;

  const reads: [string, (rng: Rng) => [string, Record<string, unknown>, string]][] = [
    [
      'read sites',
      (rng) => [
        `query($first: Int) { sites(filter: { kinds: [STATION] }, first: $first) { totalCount edges { node { id name volunteerCount } } } }`,
        { first: rng.int(5, 30) },
        admin,
      ],
    ],
    ['read volunteers', () => [`{ volunteers(first: 20) { totalCount edges { node { name starLevel { level } homeSite { name } } } } }`, {}, admin]],
    ['read tickets', () => [`{ tickets(first: 20) { totalCount edges { node { code status servingSite { name } } } } }`, {}, admin]],
    [
      'read ticketStats',
      () => [
        `query($from: String!, $to: String!) { ticketStats(groupBy: [STATUS], filter: { from: $from, to: $to }) { groups { count } } }`,
        { from: monthStart, to: today },
        analyst,
      ],
    ],
    [
      'read leaderboard',
      (rng) => [
        `query($id: ID!, $from: String!, $to: String!) { site(id: $id) { name volunteerLeaderboard(period: { from: $from, to: $to }, first: 5) { rank hours volunteer { name } } } }`,
        { id: rng.pick(volunteers).homeSiteId, from: monthStart, to: today },
        admin,
      ],
    ],
    ['read resources', () => [`{ resources(first: 20) { totalCount edges { node { title kind publisher { name } } } } }`, {}, admin]],
  ];

  async function submit(rng: Rng, index: number, open: OpenTicket[]): Promise<void> {
    const citizen = `load-citizen-${index}`;
    const token = await signToken(AUTH, citizen, { role: Role.CITIZEN });
    const volunteer = rng.pick(volunteers);
    const key = `load-${index}-${++sequence}`;
    const input = {
      idempotencyKey: key,
      kind: 'REQUEST',
      channel: 'ONLINE',
      servingSiteId: volunteer.homeSiteId,
      categoryCode: 'SERVICE.LIVELIHOOD',
      title: '楼道灯不亮',
      description: `三楼楼道灯坏了（${key}）。`,
    };
    type Submitted = { submitTicket: { id: string; status: string } };
    // Some submissions are sent twice at once, as a client that times out and retries at once would.
    const [first, twin] = await Promise.all([
      call<Submitted>('submitTicket', SUBMIT, { input }, token),
      rng.chance(0.15) ? call<Submitted>('submitTicket twin', SUBMIT, { input }, token) : undefined,
    ]);
    if (twin?.data && first.data && twin.data.submitTicket.id !== first.data.submitTicket.id)
      ack.problems.push(`simultaneous submissions of ${key} made ${first.data.submitTicket.id} and ${twin.data.submitTicket.id}`);
    if (!first.data) return;
    ack.tickets.push({ id: first.data.submitTicket.id, subject: citizen, key });
    open.push({ id: first.data.submitTicket.id, status: first.data.submitTicket.status, volunteer, citizen: token });
    if (rng.chance(0.25)) {
      const again = await call<{ submitTicket: { id: string } }>('submitTicket retry', SUBMIT, { input }, token);
      if (again.data && again.data.submitTicket.id !== first.data.submitTicket.id)
        ack.problems.push(`retry of ${key} answered ${again.data.submitTicket.id}, not ${first.data.submitTicket.id}`);
    }
  }

  async function advance(rng: Rng, open: OpenTicket[]): Promise<void> {
    const index = rng.int(0, open.length - 1);
    const ticket = open[index];
    const step = STEPS[ticket.status];
    if (!step) {
      open.splice(index, 1);
      return;
    }
    const input: Record<string, unknown> = { id: ticket.id };
    let token = ticket.volunteer.token;
    if (step.mutation === 'dispatchTicket') {
      input.volunteerId = ticket.volunteer.id;
      token = admin;
    }
    if (step.mutation === 'completeTicket') input.hours = 1.5;
    if (step.mutation === 'rateTicket') {
      input.rating = rng.int(3, 5);
      token = ticket.citizen;
    }
    const answer = await call<Record<string, { status: string }>>(
      step.mutation,
      `mutation($input: ${step.input}!) { ${step.mutation}(input: $input) { status } }`,
      { input },
      token,
    );
    if (!answer.data) {
      open.splice(index, 1);
      return;
    }
    ack.transitions.push({ id: ticket.id, action: step.action });
    ticket.status = answer.data[step.mutation].status;
  }

  async function redeem(rng: Rng, index: number): Promise<void> {
    const volunteer = rng.pick(hot);
    const points = rng.int(1, 30);
    const answer = await call<{ redeemPoints: { id: string; points: number; balanceAfter: number } }>(
      'redeemPoints',
      `mutation($input: RedeemPointsInput!) { redeemPoints(input: $input) { id points balanceAfter } }`,
      { input: { volunteerId: volunteer.id, points, reason: '兑换爱心超市物品', requestKey: `load-${index}-${++sequence}` } },
      rng.chance(0.5) ? volunteer.token : admin,
    );
    if (!answer.data) return;
    ack.redemptions.push({ id: answer.data.redeemPoints.id, volunteerId: volunteer.id, points });
    if (answer.data.redeemPoints.balanceAfter < 0) ack.problems.push(`redemption ${answer.data.redeemPoints.id} left ${answer.data.redeemPoints.balanceAfter}`);
  }

  async function run(index: number): Promise<void> {
    const rng = new Rng(1000 + index);
    const open: OpenTicket[] = [];
    while (Date.now() < deadline) {
      const roll = rng.next();
      if (roll < 0.2) await submit(rng, index, open);
      else if (roll < 0.5 && open.length) await advance(rng, open);
      else if (roll < 0.65) await redeem(rng, index);
      else {
        const [operation, build] = rng.pick(reads);
        const [query, variables, token] = build(rng);
        await call(operation, query, variables, token);
      }
    }
  }

  const loadStarted = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, index) => run(index)));
  const elapsed = (performance.now() - loadStarted) / 1000;
  await processes.stopAll();

  process.stdout.write(`\n${clients} clients for ${elapsed.toFixed(0)} s\n${stats.report(elapsed)}\n\n`);
  const tickets = await openDataSource({ database: databases.tickets, entities: [], migrations: [] });
  const volunteersDb = await openDataSource({ database: databases.volunteers, entities: [], migrations: [] });
  let failed = 0;
  try {
    for (const [check, problems] of await runChecks(tickets, volunteersDb, ack)) {
      if (problems.length) failed++;
      process.stdout.write(
        `${problems.length ? 'FAIL' : 'ok  '} ${check}${problems.length ? `: ${problems.length}, e.g. ${problems.slice(0, 3).join('; ')}` : ''}\n`,
      );
    }
  } finally {
    await tickets.destroy();
    await volunteersDb.destroy();
  }
  process.stdout.write(
    `acknowledged: ${ack.tickets.length} tickets, ${ack.transitions.length} transitions, ${ack.redemptions.length} redemptions\n${failed ? `${failed} checks failed` : 'every check passed'}\n`,
  );
  if (!values.keep) {
    if (folder) rmSync(folder, { recursive: true, force: true });
    for (const database of Object.values(databases)) await dropMysqlDatabase(database);
  }
  process.exit(failed ? 1 : 0);
}

main().catch(async (error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  await processes.stopAll();
  process.exit(1);
});
