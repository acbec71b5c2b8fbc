import { Role, addDays, todayInChina } from '@practice/common';
import { tokenFor } from '@practice/common/testing';
import { FieldDefinitionNode, Kind, ObjectTypeDefinitionNode, TypeNode } from 'graphql';
import { SUPERGRAPH, ok, resident } from './authorization-helpers';
import { Supergraph, startSupergraph } from './supergraph';

/**
 * An analyst reads every list, entity and aggregate of the supergraph and never gets a volunteer's
 * phone or ID number, a requester's name, phone or address, or a site manager's phone in full —
 * also where another subgraph fetches the entity — while an admin reading the same data does.
 */

const PERSONAL = /phone|idNumber|idCard|mobile/i;

/**
 * Every field of the supergraph whose name looks like personal data, with what an analyst gets.
 * `public` fields are the published contact lines of sites, catalogues and organizations, which
 * their owners publish for citizens to call.
 */
const PERSONAL_FIELDS: Record<string, 'masked' | 'null' | 'public'> = {
  'Volunteer.phone': 'masked',
  'Volunteer.idNumber': 'masked',
  'TicketRequester.phone': 'masked',
  'SiteManager.phone': 'null',
  'Site.contactPhone': 'public',
  'Resource.contactPhone': 'public',
  'Organization.contactPhone': 'public',
};

const OBJECTS = SUPERGRAPH.definitions.filter(
  (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && !['Query', 'Mutation'].includes(d.name.value),
);
const typeNamed = (name: string) => OBJECTS.find((type) => type.name.value === name);
const named = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : named(type.type));

/** Every scalar field of a type and of the objects below it, to `depth` levels, leaving out fields with required arguments. */
function everything(typeName: string, depth: number): string {
  const type = typeNamed(typeName);
  if (!type) return '';
  const parts = (type.fields ?? [])
    .filter((field: FieldDefinitionNode) => !(field.arguments ?? []).some((arg) => arg.type.kind === Kind.NON_NULL_TYPE && !arg.defaultValue))
    .map((field) => {
      const child = typeNamed(named(field.type));
      if (!child) return field.name.value;
      if (depth === 0) return null;
      const inner = everything(child.name.value, depth - 1);
      return inner ? `${field.name.value} { ${inner} }` : null;
    })
    .filter(Boolean);
  return parts.join(' ');
}

let supergraph: Supergraph;
let admin: string;
let analyst: string;
let station: { id: string; code: string; regionCode: string };
let volunteer: { id: string; name: string; phone: string; idNumber: string };
let member: { id: string; phone: string; idNumber: string };
let resourceId: string;
let ticket: { id: string; code: string };
let wishId: string;
let recordId: string;
const REQUESTER = { name: '陈阿婆', phone: '13951234567' };
const ADDRESS = '江苏省苏州市常熟市虞山街道测试路8号';
const MANAGER_PHONE = '13912345678';
const period = { from: addDays(todayInChina(), -60), to: todayInChina() };

const asAdmin = async <T = Record<string, Record<string, unknown>>>(query: string, variables: Record<string, unknown> = {}) =>
  ok(await supergraph.request<T>(query, variables, { token: admin }));
const idOf = async (query: string, variables: Record<string, unknown>) => Object.values(await asAdmin<Record<string, { id: string }>>(query, variables))[0].id;

async function register(name: string, homeSiteId: string) {
  const person = resident('1380');
  const id = await idOf(`mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`, {
    input: { name, idNumber: person.idNumber, phone: person.phone, homeSiteId, skillCodes: ['REPAIR.ELECTRICAL'] },
  });
  return { id, name, phone: person.phone, idNumber: person.idNumber };
}

beforeAll(async () => {
  supergraph = await startSupergraph();
  admin = await tokenFor({ role: Role.ADMIN, subject: 'privacy-admin' });
  analyst = await tokenFor({ role: Role.ANALYST, subject: 'privacy-analyst' });
  const sites = await asAdmin<{ sites: { edges: { node: { id: string; code: string; regionCode: string } }[] } }>(
    `{ sites(filter: { kinds: [STATION] }, first: 1) { edges { node { id code regionCode } } } }`,
  );
  station = sites.sites.edges[0].node;
  await asAdmin(`mutation($input: AssignManagerInput!) { assignSiteManager(input: $input) { id } }`, {
    input: { siteId: station.id, subject: 'privacy-manager', name: '王站长', phone: MANAGER_PHONE },
  });
  volunteer = await register('吴师傅', station.id);
  member = await register('郑师傅', station.id);
  const team = await idOf(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, {
    input: { name: '家电维修队', level: 'TEAM', siteId: station.id, leaderId: volunteer.id },
  });
  await asAdmin(`mutation($input: TeamMemberInput!) { addTeamMember(input: $input) { id } }`, { input: { teamId: team, volunteerId: member.id } });
  recordId = await idOf(`mutation($input: RecordServiceInput!) { recordService(input: $input) { id } }`, {
    input: {
      volunteerId: volunteer.id,
      siteId: station.id,
      servedOn: addDays(todayInChina(), -2),
      hours: 3,
      content: '维修家电',
      source: { type: 'ACTIVITY', reference: 'privacy-1' },
    },
  });
  await asAdmin(`mutation($id: ID!) { verifyServiceRecord(id: $id) { id } }`, { id: recordId });
  resourceId = await idOf(`mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`, {
    input: {
      publisherId: station.id,
      kind: 'SERVICE',
      title: '家电义务维修',
      description: '上门检修电路和小家电。',
      categoryCodes: ['SERVICE.LIVELIHOOD'],
      deliveryModes: ['AT_REQUESTER'],
      contactName: '站办公室',
      contactPhone: '0512-52001234',
    },
  });
  await asAdmin(`mutation($id: ID!) { publishResource(id: $id) { id } }`, { id: resourceId });
  // A hotline order taken for a resident, dispatched to the volunteer and accepted: every contact is on it.
  ticket = (
    await asAdmin<{ submitTicket: { id: string; code: string } }>(`mutation($input: SubmitTicketInput!) { submitTicket(input: $input) { id code } }`, {
      input: {
        idempotencyKey: 'privacy-order',
        kind: 'ORDER',
        channel: 'HOTLINE_12345',
        servingSiteId: station.id,
        resourceId,
        neededSkillCodes: ['REPAIR.ELECTRICAL'],
        title: '电视机维修',
        description: '电视机没有信号。',
        address: ADDRESS,
        requester: REQUESTER,
      },
    })
  ).submitTicket;
  await asAdmin(`mutation($input: DispatchTicketInput!) { dispatchTicket(input: $input) { id } }`, { input: { id: ticket.id, volunteerId: volunteer.id } });
  const volunteerToken = await tokenFor({ role: Role.VOLUNTEER, subject: 'privacy-volunteer', volunteerId: volunteer.id });
  ok(
    await supergraph.request(
      `mutation($input: TicketNoteInput!) { acceptTicket(input: $input) { id } }`,
      { input: { id: ticket.id } },
      { token: volunteerToken },
    ),
  );
  wishId = await idOf(`mutation($input: SubmitTicketInput!) { submitTicket(input: $input) { id } }`, {
    input: {
      idempotencyKey: 'privacy-wish',
      kind: 'WISH',
      channel: 'WALK_IN',
      servingSiteId: station.id,
      categoryCode: 'SERVICE.LIVELIHOOD',
      title: '想学用智能手机',
      description: '请志愿者教我用手机挂号。',
      address: ADDRESS,
      requester: REQUESTER,
    },
  });
  await asAdmin(`mutation($input: TicketNoteInput!) { publishWish(input: $input) { id } }`, { input: { id: wishId } });
});
afterAll(() => supergraph?.close());

const PERSON = 'id phone idNumber';
const TICKET = `id requester { name phone } address assignedVolunteer { ${PERSON} } candidateVolunteers(first: 10) { volunteer { ${PERSON} } }`;

/** The reads that reach personal data, and which of the fixtures' values an admin must see in each. */
const READS: { name: string; query: string; variables?: () => Record<string, unknown>; full: () => string[] }[] = [
  {
    name: 'volunteers',
    query: `{ volunteers(first: 50) { edges { node { ${PERSON} } } } }`,
    full: () => [volunteer.phone, volunteer.idNumber, member.phone, member.idNumber],
  },
  { name: 'volunteer', query: `query($id: ID!) { volunteer(id: $id) { ${PERSON} } }`, variables: () => ({ id: volunteer.id }), full: () => [volunteer.phone] },
  {
    name: 'site → volunteers, teams, leaderboard, managers, tickets',
    query: `query($id: ID!, $period: PeriodInput!) { site(id: $id) {
      managers { name phone }
      volunteers(first: 50) { edges { node { ${PERSON} } } }
      teams(includeDescendants: true) { leader { ${PERSON} } members(first: 20) { edges { node { volunteer { ${PERSON} } } } } }
      volunteerLeaderboard(first: 10, period: $period) { volunteer { ${PERSON} } }
      tickets(first: 20) { edges { node { ${TICKET} } } }
    } }`,
    variables: () => ({ id: station.id, period }),
    full: () => [volunteer.phone, volunteer.idNumber, member.phone, MANAGER_PHONE, REQUESTER.phone, REQUESTER.name, ADDRESS],
  },
  {
    name: 'siteByCode → managers, volunteers',
    query: `query($code: String!) { siteByCode(code: $code) { managers { name phone } volunteers(first: 50) { edges { node { ${PERSON} } } } } }`,
    variables: () => ({ code: station.code }),
    full: () => [MANAGER_PHONE, volunteer.phone],
  },
  {
    name: 'teams',
    query: `{ teams(first: 20) { edges { node { leader { ${PERSON} } members(first: 20) { edges { node { volunteer { ${PERSON} } } } } } } } }`,
    full: () => [volunteer.phone, member.phone],
  },
  {
    name: 'tickets → requester, assignee, candidates',
    query: `{ tickets(first: 20) { edges { node { ${TICKET} } } } }`,
    full: () => [REQUESTER.phone, REQUESTER.name, ADDRESS, volunteer.phone, volunteer.idNumber],
  },
  {
    name: 'ticket',
    query: `query($id: ID!) { ticket(id: $id) { ${TICKET} } }`,
    variables: () => ({ id: ticket.id }),
    full: () => [REQUESTER.phone, volunteer.phone],
  },
  {
    name: 'ticketByCode',
    query: `query($code: String!) { ticketByCode(code: $code) { ${TICKET} } }`,
    variables: () => ({ code: ticket.code }),
    full: () => [REQUESTER.phone, volunteer.phone],
  },
  {
    name: 'wishWall',
    query: `query($site: ID!) { wishWall(siteId: $site, first: 20) { edges { node { ${TICKET} } } } }`,
    variables: () => ({ site: station.id }),
    full: () => [REQUESTER.phone, ADDRESS],
  },
  {
    name: 'volunteer → assignedTickets',
    query: `query($id: ID!) { volunteer(id: $id) { assignedTickets(first: 10) { edges { node { ${TICKET} } } } } }`,
    variables: () => ({ id: volunteer.id }),
    full: () => [REQUESTER.phone, volunteer.phone],
  },
  {
    name: 'resource → orders',
    query: `query($id: ID!) { resource(id: $id) { orders { edges { node { ${TICKET} } } } } }`,
    variables: () => ({ id: resourceId }),
    full: () => [REQUESTER.phone, REQUESTER.name, volunteer.phone],
  },
  {
    name: 'serviceRecords and serviceRecord',
    query: `query($id: ID!) { serviceRecords(first: 20) { edges { node { volunteer { ${PERSON} } } } } serviceRecord(id: $id) { volunteer { ${PERSON} } } }`,
    variables: () => ({ id: recordId }),
    full: () => [volunteer.phone, volunteer.idNumber],
  },
  {
    name: 'volunteerLeaderboard',
    query: `query($period: PeriodInput!, $site: ID!) { volunteerLeaderboard(first: 10, period: $period, siteId: $site) { volunteer { ${PERSON} } } }`,
    variables: () => ({ period, site: station.id }),
    full: () => [volunteer.phone],
  },
];

/** Keys under which an answer holds a `Site`, whose address and contact line are published. */
const SITES = new Set(['site', 'publisher', 'servingSite', 'homeSite']);

/** Every value under a personal key of an answer, with the key's path. */
function personalValues(value: unknown, path: string[] = [], found: { path: string; key: string; value: unknown }[] = []) {
  if (Array.isArray(value)) value.forEach((item, index) => personalValues(item, [...path, String(index)], found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const parent = path.filter((part) => !/^\d+$/.test(part)).at(-1);
      const publicLine = SITES.has(parent ?? '') && (key === 'address' || key === 'contactPhone');
      const personal = !publicLine && (PERSONAL.test(key) || (parent === 'requester' && key === 'name') || key === 'address');
      if (personal && (child === null || typeof child !== 'object')) found.push({ path: [...path, key].join('.'), key, value: child });
      else personalValues(child, [...path, key], found);
    }
  }
  return found;
}

/** What an analyst may get under each key: a masked value or nothing. */
function analystMay(path: string, key: string, value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'string') return false;
  if (path.includes('managers')) return false;
  if (key === 'phone') return /^1\d{2}\*{4}\d{4}$/.test(value);
  if (key === 'idNumber') return /^\d{3}\*{11}[\dX]{4}$/.test(value);
  if (key === 'name') return /^.\*+$/u.test(value);
  return false;
}

describe('an analyst’s view of personal data', () => {
  it('knows every field of the supergraph whose name looks like personal data', () => {
    const fields = OBJECTS.flatMap((type) =>
      (type.fields ?? []).filter((field) => PERSONAL.test(field.name.value)).map((field) => `${type.name.value}.${field.name.value}`),
    );
    expect(fields.sort()).toEqual(Object.keys(PERSONAL_FIELDS).sort());
  });

  it.each(READS.map((read) => [read.name, read] as const))('%s: masked or null for an analyst, in full for an admin', async (_, read) => {
    const variables = read.variables?.() ?? {};
    const full = ok(await supergraph.request(read.query, variables, { token: admin }));
    const masked = ok(await supergraph.request(read.query, variables, { token: analyst }));
    const shown = JSON.stringify(full);
    for (const value of read.full()) expect(shown).toContain(value);
    const values = personalValues(masked);
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter(({ path, key, value }) => !analystMay(path, key, value))).toEqual([]);
    const seen = JSON.stringify(masked);
    for (const value of [volunteer.phone, volunteer.idNumber, member.phone, member.idNumber, REQUESTER.phone, REQUESTER.name, ADDRESS, MANAGER_PHONE]) {
      expect(seen).not.toContain(value);
    }
  });

  const AGGREGATES: { name: string; query: () => string }[] = [
    {
      name: 'ticketStats',
      query: () =>
        `{ ticketStats(filter: { from: "${period.from}", to: "${period.to}" }, groupBy: [SITE, CATEGORY, STATUS], first: 20) { ${everything('TicketStats', 2)} } }`,
    },
    { name: 'volunteerStats', query: () => `{ volunteerStats(groupBy: [SITE, TEAM, STAR_LEVEL], first: 20) { ${everything('VolunteerStats', 2)} } }` },
    {
      name: 'serviceHourStats',
      query: () =>
        `{ serviceHourStats(filter: { from: "${period.from}", to: "${period.to}" }, groupBy: [SITE, TEAM, STATUS], first: 20) { ${everything('ServiceHourStats', 2)} } }`,
    },
    {
      name: 'resourceStats',
      query: () => `{ resourceStats(groupBy: [PUBLISHER, CATEGORY], first: 20) { ${everything('ResourceStats', 2)} } }`,
    },
    { name: 'menuCoverage', query: () => `{ menuCoverage { ${everything('MenuCoverage', 2)} } }` },
  ];

  it.each(AGGREGATES.map((aggregate) => [aggregate.name, aggregate] as const))('%s never carries anybody’s contact', async (_, aggregate) => {
    const data = ok(await supergraph.request(aggregate.query(), {}, { token: analyst }));
    expect(personalValues(data).filter(({ value }) => value !== null)).toEqual([]);
    const seen = JSON.stringify(data);
    for (const value of [volunteer.phone, volunteer.idNumber, member.phone, REQUESTER.phone, REQUESTER.name, ADDRESS, MANAGER_PHONE])
      expect(seen).not.toContain(value);
  });

  it('shows the published contact lines of sites, catalogues and organizations to an analyst as to anybody', async () => {
    const query = `query($site: ID!, $resource: ID!) { site(id: $site) { contactPhone } resource(id: $resource) { contactPhone } organizations(first: 5) { edges { node { contactPhone } } } }`;
    const variables = { site: station.id, resource: resourceId };
    const full = ok(await supergraph.request(query, variables, { token: admin }));
    expect(ok(await supergraph.request(query, variables, { token: analyst }))).toEqual(full);
    expect(JSON.stringify(full)).toContain('0512-52001234');
  });
});
