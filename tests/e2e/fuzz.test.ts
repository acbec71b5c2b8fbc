import { Rng, Role, todayInChina } from '@practice/common';
import { GraphQLResult, tokenFor } from '@practice/common/testing';
import { checkCharacter } from '@practice/volunteers/volunteer/id-number';
import { DatabaseState, changedTables, outboxDrained, snapshotDatabase } from './fuzz-db';
import { FUZZ_SEED, FuzzCase, Mutation, baseVariables, mutationCases, mutationsOf, supergraphSchema } from './fuzz-values';
import { Supergraph, startSupergraph } from './supergraph';

/**
 * Thousands of invalid inputs, generated from the composed schema with a fixed seed, to every
 * mutation through the gateway: each must be refused with a stable code, and refused completely —
 * no subgraph's database may change, not even an audit, outbox or counter row.
 */

/** The codes a refusal may carry: the subgraphs' (common/src/errors), GraphQL's and the gateway's limits. */
const REFUSALS = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'PAYLOAD_TOO_LARGE',
  'QUERY_TOO_COSTLY',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
]);
const CONCURRENCY = 8;
const SUBGRAPHS = ['sites', 'volunteers', 'resources', 'tickets'] as const;

let supergraph: Supergraph;
let admin: string;
const fixtures: Record<string, string> = {};

function ok<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.data!;
}

const mutate = async <T = Record<string, { id: string }>>(document: string, variables: Record<string, unknown>, token = admin) =>
  ok(await supergraph.request<T>(document, variables, { token }));

const nextMonth = (months = 1): string => {
  const [year, month] = todayInChina().split('-').map(Number);
  const next = new Date(Date.UTC(year, month - 1 + months, 1));
  return next.toISOString().slice(0, 7);
};

/** Entities in known states, for calls that are valid but for the state of what they name. */
async function createFixtures(): Promise<void> {
  const sites = ok(
    await supergraph.request<{ sites: { edges: { node: { id: string } }[] } }>(`{ sites(filter: { kinds: [STATION] }, first: 2) { edges { node { id } } } }`),
  );
  fixtures.station = sites.sites.edges[0].node.id;
  fixtures.otherStation = sites.sites.edges[1].node.id;
  const first17 = '32058119850505123';
  fixtures.volunteer = (
    await mutate(`mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`, {
      input: { name: '钱师傅', idNumber: `${first17}${checkCharacter(first17)}`, phone: '13851230002', homeSiteId: fixtures.station },
    })
  ).registerVolunteer.id;
  const resource = (title: string) =>
    mutate(`mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`, {
      input: {
        publisherId: fixtures.station,
        kind: 'SERVICE',
        title,
        description: '上门检修电路和小家电。',
        categoryCodes: ['SERVICE.LIVELIHOOD'],
        deliveryModes: ['AT_REQUESTER'],
        capacityPerMonth: 20,
      },
    });
  fixtures.publishedResource = (await resource('家电义务维修')).createResource.id;
  await mutate(`mutation($id: ID!) { publishResource(id: $id) { id } }`, { id: fixtures.publishedResource });
  fixtures.draftResource = (await resource('理发服务')).createResource.id;
  const menu = (period: string) =>
    mutate(`mutation($input: CreateMenuInput!) { createMenu(input: $input) { id } }`, {
      input: { publisherId: fixtures.station, period, items: [{ resourceId: fixtures.publishedResource, quota: 5 }] },
    });
  fixtures.publishedMenu = (await menu(todayInChina().slice(0, 7))).createMenu.id;
  await mutate(`mutation($id: ID!) { publishMenu(id: $id) { id } }`, { id: fixtures.publishedMenu });
  fixtures.draftMenu = (await menu(nextMonth())).createMenu.id;
  fixtures.archivedMenu = (await menu(nextMonth(2))).createMenu.id;
  await mutate(`mutation($id: ID!) { publishMenu(id: $id) { id } }`, { id: fixtures.archivedMenu });
  await mutate(`mutation($id: ID!) { archiveMenu(id: $id) { id } }`, { id: fixtures.archivedMenu });
  const citizen = await tokenFor({ role: Role.CITIZEN, subject: 'wx-fuzz-citizen' });
  const ticket = async (key: string) =>
    (
      await mutate(
        `mutation($input: SubmitTicketInput!) { submitTicket(input: $input) { id } }`,
        {
          input: {
            idempotencyKey: key,
            kind: 'REQUEST',
            channel: 'ONLINE',
            servingSiteId: fixtures.station,
            categoryCode: 'SERVICE.LIVELIHOOD',
            title: '楼道灯不亮',
            description: '三楼楼道灯坏了。',
          },
        },
        citizen,
      )
    ).submitTicket.id;
  fixtures.submittedTicket = await ticket('fuzz-submitted-0001');
  fixtures.cancelledTicket = await ticket('fuzz-cancelled-0001');
  // Cancelled by the citizen: the same cancel by anyone else is no retry but an illegal transition.
  await mutate(
    `mutation($input: TicketNoteInput!) { cancelTicket(input: $input) { id } }`,
    { input: { id: fixtures.cancelledTicket, note: '不需要了' } },
    citizen,
  );
  const record = async (reference: string) =>
    (
      await mutate(`mutation($input: RecordServiceInput!) { recordService(input: $input) { id } }`, {
        input: {
          volunteerId: fixtures.volunteer,
          siteId: fixtures.station,
          servedOn: todayInChina(),
          hours: 2,
          content: '社区清扫',
          source: { type: 'MANUAL', reference },
        },
      })
    ).recordService.id;
  fixtures.verifiedRecord = await record('fuzz-record-1');
  await mutate(`mutation($id: ID!) { verifyServiceRecord(id: $id) { id } }`, { id: fixtures.verifiedRecord });
  fixtures.rejectedRecord = await record('fuzz-record-2');
  await mutate(`mutation($input: RejectServiceRecordInput!) { rejectServiceRecord(input: $input) { id } }`, {
    input: { id: fixtures.rejectedRecord, reason: '重复登记' },
  });
}

/**
 * Bases that name real entities in a state the call is illegal in (accept a ticket that is not
 * dispatched, publish a published menu …), so that whatever a case changes, the call must fail.
 */
function liveBase(name: string, base: Record<string, unknown>): Record<string, unknown> | undefined {
  const input = base.input as Record<string, unknown> | undefined;
  const withInput = (fields: Record<string, unknown>) => ({ ...base, input: { ...input, ...fields } });
  const ticketNote = ['acceptTicket', 'startTicket', 'closeTicket', 'declineTicket', 'claimWish'];
  if (ticketNote.includes(name) || name === 'completeTicket' || name === 'rateTicket') return withInput({ id: fixtures.submittedTicket });
  if (['publishWish', 'rejectTicket', 'cancelTicket', 'followUpTicket'].includes(name)) return withInput({ id: fixtures.cancelledTicket });
  if (name === 'dispatchTicket' || name === 'redispatchTicket') return withInput({ id: fixtures.cancelledTicket, volunteerId: fixtures.volunteer });
  if (name === 'markDuplicateTicket') return withInput({ id: fixtures.cancelledTicket, duplicateOfId: fixtures.submittedTicket });
  if (name === 'publishMenu') return { id: fixtures.archivedMenu };
  if (name === 'discardMenuDraft') return { id: fixtures.publishedMenu };
  if (name === 'archiveMenu') return { id: fixtures.draftMenu };
  if (name === 'updateMenu')
    return withInput({ id: fixtures.publishedMenu, expectedVersion: 999, items: [{ resourceId: fixtures.publishedResource, quota: 5 }] });
  if (name === 'supersedeMenu') return withInput({ id: fixtures.draftMenu });
  if (name === 'createMenu')
    return withInput({ publisherId: fixtures.station, period: todayInChina().slice(0, 7), items: [{ resourceId: fixtures.publishedResource, quota: 5 }] });
  if (name === 'withdrawResource') return { id: fixtures.draftResource };
  if (name === 'updateResource') return withInput({ id: fixtures.publishedResource, expectedVersion: 999 });
  if (name === 'verifyServiceRecord') return { id: fixtures.rejectedRecord };
  if (name === 'rejectServiceRecord') return withInput({ id: fixtures.verifiedRecord });
  if (name === 'redeemPoints') return withInput({ volunteerId: fixtures.volunteer });
  return undefined;
}

/**
 * Repeats of a transition already made, which the product answers as a retry: with the entity as
 * it is, changing nothing.
 */
const replays = (): [string, Record<string, unknown>][] => [
  ['publishMenu', { id: fixtures.publishedMenu }],
  ['publishResource', { id: fixtures.publishedResource }],
  ['reactivateSite', { id: fixtures.station }],
  ['verifyServiceRecord', { id: fixtures.verifiedRecord }],
];

interface Outcome {
  label: string;
  status: number;
  codes: string[];
  problem?: string;
}

async function send(fuzz: FuzzCase, token?: string, replay = false): Promise<Outcome> {
  let result: GraphQLResult;
  try {
    result = await supergraph.request(fuzz.mutation.document, fuzz.variables, token ? { token } : {});
  } catch (error) {
    return { label: fuzz.label, status: 0, codes: [], problem: `no GraphQL answer: ${(error as Error).message}` };
  }
  const codes = (result.errors ?? []).map((error) => String(error.extensions?.code));
  const outcome: Outcome = { label: fuzz.label, status: result.status, codes };
  const value = result.data?.[fuzz.mutation.name];
  if (replay) {
    if (codes.length || !value) outcome.problem = `a retry was not answered as one: ${JSON.stringify(result.errors ?? result.data)}`;
  } else if (!codes.length) outcome.problem = `accepted: ${JSON.stringify(result.data)}`;
  else if (value !== undefined && value !== null) outcome.problem = `answered data with errors: ${JSON.stringify(value)}`;
  else if (codes.some((code) => !REFUSALS.has(code))) outcome.problem = `code ${codes.join(', ')}: ${result.errors![0].message}`;
  else if (
    ![200, 400, 401, 413].includes(result.status) ||
    (result.status === 401 && codes[0] !== 'UNAUTHENTICATED') ||
    (result.status === 413 && codes[0] !== 'PAYLOAD_TOO_LARGE')
  )
    outcome.problem = `HTTP ${result.status}`;
  return outcome;
}

async function sendAll(cases: { fuzz: FuzzCase; token?: string; replay?: boolean }[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(cases.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < cases.length) {
        const index = next++;
        outcomes[index] = await send(cases[index].fuzz, cases[index].token, cases[index].replay);
      }
    }),
  );
  return outcomes;
}

const snapshot = async (): Promise<Record<string, DatabaseState>> =>
  Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (name) => [name, await snapshotDatabase(supergraph[name].db)] as const)));

function differences(before: Record<string, DatabaseState>, after: Record<string, DatabaseState>): string[] {
  return SUBGRAPHS.flatMap((name) => changedTables(before[name], after[name]).map((change) => `${name}.${change}`));
}

beforeAll(async () => {
  supergraph = await startSupergraph();
  admin = await tokenFor({ role: Role.ADMIN, subject: 'fuzz-admin' });
  await createFixtures();
  for (const name of SUBGRAPHS) await outboxDrained(supergraph[name].db);
}, 60_000);
afterAll(() => supergraph?.close());

describe('fuzzing every mutation with invalid input', () => {
  it('refuses every case with a known code, never changes a database and leaves every subgraph healthy', async () => {
    const rng = new Rng(FUZZ_SEED);
    const mutations: Mutation[] = mutationsOf(supergraphSchema());
    const others = {
      citizen: await tokenFor({ role: Role.CITIZEN, subject: 'wx-fuzz-other' }),
      volunteer: await tokenFor({ role: Role.VOLUNTEER, subject: 'wx-fuzz-volunteer', volunteerId: fixtures.volunteer }),
      manager: await tokenFor({ role: Role.SITE_MANAGER, subject: 'fuzz-manager', siteIds: [fixtures.otherStation] }),
      analyst: await tokenFor({ role: Role.ANALYST, subject: 'fuzz-analyst' }),
      anonymous: undefined,
    };
    const problems: string[] = [];
    const codes = new Map<string, number>();
    let total = 0;
    for (const mutation of mutations) {
      const base = baseVariables(mutation);
      const live = liveBase(mutation.name, base);
      const cases: { fuzz: FuzzCase; token?: string; replay?: boolean }[] = [
        ...replays()
          .filter(([name]) => name === mutation.name)
          .map(([, variables]) => ({ fuzz: { mutation, variables, label: `replay ${mutation.name}` }, token: admin, replay: true })),
        { fuzz: { mutation, variables: base, label: `base ${mutation.name}` }, token: admin },
        ...mutationCases(mutation, base, rng, 4, 'admin').map((fuzz) => ({ fuzz, token: admin })),
      ];
      if (live) {
        cases.push({ fuzz: { mutation, variables: live, label: `live ${mutation.name}` }, token: admin });
        cases.push(...mutationCases(mutation, live, rng, 4, 'live').map((fuzz) => ({ fuzz, token: admin })));
      }
      for (const [role, token] of Object.entries(others)) {
        for (const variables of live ? [base, live] : [base]) cases.push({ fuzz: { mutation, variables, label: `${role} ${mutation.name}` }, token });
        cases.push(...rng.sample(mutationCases(mutation, live ?? base, rng, 1, role), 3).map((fuzz) => ({ fuzz, token })));
      }
      const before = await snapshot();
      const outcomes = await sendAll(cases);
      const changed = differences(before, await snapshot());
      if (changed.length) problems.push(`${mutation.name} changed ${changed.join('; ')}`);
      for (const outcome of outcomes) {
        if (outcome.problem) problems.push(`${outcome.label}: ${outcome.problem}`);
        for (const code of outcome.codes) codes.set(code, (codes.get(code) ?? 0) + 1);
      }
      total += cases.length;
    }
    const health = await Promise.all(SUBGRAPHS.map(async (name) => [name, (await fetch(new URL('/healthz', supergraph[name].url))).status] as const));
    process.stdout.write(`fuzz: ${total} cases to ${mutations.length} mutations; codes ${JSON.stringify(Object.fromEntries(codes))}\n`);
    if (problems.length) process.stdout.write(`${problems.join('\n')}\n`);
    expect(problems.slice(0, 40)).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(2000);
    expect(Object.fromEntries(health)).toEqual(Object.fromEntries(SUBGRAPHS.map((name) => [name, 200])));
  }, 150_000);
});
