import { Role, addDays, todayInChina } from '@practice/common';
import { GraphQLResult, tokenFor } from '@practice/common/testing';
import { digest, mutationDocument, mutationFields, ok, resident, settled } from './authorization-helpers';
import { Supergraph, startSupergraph } from './supergraph';

/**
 * Every mutation of the supergraph against every kind of caller, through the gateway. A refusal is
 * the product's own code for it (UNAUTHENTICATED without a token, FORBIDDEN, or NOT_FOUND where the
 * target is hidden from the caller) and writes nothing; an allowed call succeeds.
 *
 * "The site concerned" is the institute above the target (its managers manage the target from
 * above), the county's center for its taxonomy, and a sector sub-center for the agency's catalogue,
 * whose "site manager" is a manager of the center above it (who owns none of it).
 */

type Caller = 'anonymous' | 'citizen' | 'volunteer' | 'managerOwn' | 'managerOther' | 'agencyOwn' | 'agencyOther' | 'analyst' | 'admin';
type Outcome = 'allow' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
type Scope = 'institute' | 'center' | 'subCenter';
type Subgraph = 'sites' | 'volunteers' | 'resources' | 'tickets';

const CALLERS: readonly Caller[] = ['anonymous', 'citizen', 'volunteer', 'managerOwn', 'managerOther', 'agencyOwn', 'agencyOther', 'analyst', 'admin'];

interface Target {
  variables: Record<string, unknown>;
  /** Callers who stand in a relation to this target (the volunteer it concerns, a fresh account). */
  tokens?: Partial<Record<Caller, string>>;
}

interface Row {
  mutation: string;
  variant?: string;
  subgraph: Subgraph;
  scope?: Scope;
  /** A target in the state the mutation starts from: one for all refusals, and one for each allowed caller. */
  target: (caller: Caller) => Promise<Target>;
  expect: Partial<Record<Caller, Outcome>>;
}

let supergraph: Supergraph;
const tokens = {} as Record<Caller, string>;
const scopeTokens = {} as Record<Scope, Partial<Record<Caller, string>>>;
let center: { id: string; regionCode: string };
let institute: { id: string; regionCode: string };
let station: { id: string; regionCode: string };
let station2: { id: string; regionCode: string };
let otherInstitute: { id: string };
let subCenter: { id: string };
let otherSubCenter: { id: string };
let volunteer: { id: string; token: string };
let colleague: string;
let team: string;
let organization: string;
let agencyResource: string;
let stationResource: string;
let sharedDraft: string;
let sharedAgencyDraftMenu: string;
let sharedStationMenu: string;
let counter = 0;
let revoked = 0;
const next = () => ++counter;

const gql = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, token?: string) =>
  supergraph.request<T>(query, variables, { token });
const asAdmin = async <T = Record<string, Record<string, unknown>>>(query: string, variables: Record<string, unknown> = {}) =>
  ok(await gql<T>(query, variables, tokens.admin));
const idOf = async (query: string, variables: Record<string, unknown>) => {
  const data = await asAdmin<Record<string, { id: string }>>(query, variables);
  return Object.values(data)[0].id;
};

/** YYYY-MM, `ahead` months after this one in China time. */
function month(ahead: number): string {
  const [year, m] = todayInChina().split('-').map(Number);
  const index = year * 12 + (m - 1) + ahead;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

async function registerVolunteer(homeSiteId: string, name = '陈志愿'): Promise<{ id: string; token: string }> {
  const person = resident();
  const id = await idOf(`mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`, {
    input: { name, idNumber: person.idNumber, phone: person.phone, homeSiteId, skillCodes: ['REPAIR.ELECTRICAL'] },
  });
  return { id, token: await tokenFor({ role: Role.VOLUNTEER, subject: `volunteer-${id}`, volunteerId: id }) };
}

async function point(parent: { id: string; regionCode: string }): Promise<string> {
  const n = next();
  return idOf(`mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }`, {
    input: { code: `${parent.regionCode}-Z${n}`, name: `测试点${n}`, kind: 'POINT', parentId: parent.id, regionCode: parent.regionCode, address: '测试路1号' },
  });
}

const resourceInput = (publisherId: string) => ({
  publisherId,
  kind: 'SERVICE',
  title: `便民服务${next()}`,
  description: '上门修理小家电。',
  categoryCodes: ['SERVICE.LIVELIHOOD'],
  deliveryModes: ['AT_REQUESTER'],
});

async function resource(publisherId: string, published: boolean): Promise<string> {
  const id = await idOf(`mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`, { input: resourceInput(publisherId) });
  if (published) await asAdmin(`mutation($id: ID!) { publishResource(id: $id) { id } }`, { id });
  return id;
}

const months: Record<string, number> = {};
/** A menu of the publisher for a month of its own (one draft and one published edition per month). */
async function menu(publisherId: string, resourceId: string, published: boolean): Promise<string> {
  const ahead = (months[publisherId] = (months[publisherId] ?? -1) + 1);
  if (ahead > 11) throw new Error('No month left for another menu');
  const id = await idOf(`mutation($input: CreateMenuInput!) { createMenu(input: $input) { id } }`, {
    input: { publisherId, period: month(ahead), items: [{ resourceId, quota: 1 }] },
  });
  if (published) await asAdmin(`mutation($id: ID!) { publishMenu(id: $id) { id } }`, { id });
  return id;
}

async function serviceRecord(): Promise<string> {
  const n = next();
  return idOf(`mutation($input: RecordServiceInput!) { recordService(input: $input) { id } }`, {
    input: {
      volunteerId: volunteer.id,
      siteId: station.id,
      servedOn: addDays(todayInChina(), -(1 + (n % 40))),
      hours: 0.25,
      content: '入户走访',
      source: { type: 'ACTIVITY', reference: `activity-${n}` },
    },
  });
}

type TicketState = 'SUBMITTED' | 'DISPATCHED' | 'ACCEPTED' | 'IN_PROGRESS' | 'COMPLETED';
const STEPS: { state: TicketState; mutation: string; type: string; input: (id: string) => Record<string, unknown>; as: () => string }[] = [
  { state: 'DISPATCHED', mutation: 'dispatchTicket', type: 'DispatchTicketInput', input: (id) => ({ id, volunteerId: volunteer.id }), as: () => tokens.admin },
  { state: 'ACCEPTED', mutation: 'acceptTicket', type: 'TicketNoteInput', input: (id) => ({ id }), as: () => volunteer.token },
  { state: 'IN_PROGRESS', mutation: 'startTicket', type: 'TicketNoteInput', input: (id) => ({ id }), as: () => volunteer.token },
  { state: 'COMPLETED', mutation: 'completeTicket', type: 'CompleteTicketInput', input: (id) => ({ id, hours: 0.5 }), as: () => volunteer.token },
];

/** An order of the sub-center's resource, served at the station, asked for by the citizen and taken to `state`. */
async function ticket(state: TicketState): Promise<string> {
  const submitted = ok(
    await gql<{ submitTicket: { id: string } }>(
      `mutation($input: SubmitTicketInput!) { submitTicket(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: `matrix-${next()}`,
          kind: 'ORDER',
          channel: 'ONLINE',
          servingSiteId: station.id,
          resourceId: agencyResource,
          title: '电视机维修',
          description: '电视机没有信号。',
        },
      },
      tokens.citizen,
    ),
  ).submitTicket.id;
  for (const step of STEPS) {
    if (state === 'SUBMITTED') break;
    ok(await gql(`mutation($input: ${step.type}!) { ${step.mutation}(input: $input) { id } }`, { input: step.input(submitted) }, step.as()));
    if (step.state === state) break;
  }
  return submitted;
}

async function wish(published: boolean): Promise<string> {
  const id = ok(
    await gql<{ submitTicket: { id: string } }>(
      `mutation($input: SubmitTicketInput!) { submitTicket(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: `matrix-wish-${next()}`,
          kind: 'WISH',
          channel: 'ONLINE',
          servingSiteId: station.id,
          categoryCode: 'SERVICE.LIVELIHOOD',
          title: '想学用智能手机',
          description: '请志愿者教我用手机挂号。',
        },
      },
      tokens.citizen,
    ),
  ).submitTicket.id;
  if (published) await asAdmin(`mutation($input: TicketNoteInput!) { publishWish(input: $input) { id } }`, { input: { id } });
  return id;
}

// Expectations, from the services' rules.
const DENY = 'FORBIDDEN' as const;
/** Changes by the managers of the site (or those above it) and admins. */
const MANAGERS: Partial<Record<Caller, Outcome>> = { managerOwn: 'allow' };
const ADMINS_ONLY: Partial<Record<Caller, Outcome>> = { managerOwn: DENY };
/** The agency's own catalogue: its agency admins and admins. */
const AGENCY: Partial<Record<Caller, Outcome>> = { managerOwn: DENY, agencyOwn: 'allow' };
/** What a caller who does not see a ticket (or a draft) is told: it does not exist. */
const HIDDEN = 'NOT_FOUND' as const;
/** A manager's transition of a station's order: the requester, its sub-center's agency and analysts see it, the others do not. */
const TICKET_MANAGERS: Partial<Record<Caller, Outcome>> = {
  managerOwn: 'allow',
  volunteer: HIDDEN,
  managerOther: HIDDEN,
  agencyOther: HIDDEN,
};
/** The same, once the ticket is dispatched to the volunteer, who sees it from then on. */
const DISPATCHED_MANAGERS: Partial<Record<Caller, Outcome>> = { ...TICKET_MANAGERS, volunteer: DENY };
/** Drafts are seen by their owners, analysts and admins only. */
const DRAFT_OF_AGENCY: Partial<Record<Caller, Outcome>> = {
  ...AGENCY,
  citizen: HIDDEN,
  volunteer: HIDDEN,
  managerOwn: HIDDEN,
  managerOther: HIDDEN,
  agencyOther: HIDDEN,
};

const note = (id: string, extra: Record<string, unknown> = {}) => ({ variables: { input: { id, ...extra } } });

const ROWS: Row[] = [
  // sites
  {
    mutation: 'createSite',
    subgraph: 'sites',
    target: async () => {
      const n = next();
      return {
        variables: {
          input: {
            code: `${station.regionCode}-N${n}`,
            name: `新建点${n}`,
            kind: 'POINT',
            parentId: station.id,
            regionCode: station.regionCode,
            address: '新建路1号',
          },
        },
      };
    },
    expect: MANAGERS,
  },
  {
    mutation: 'createSite',
    variant: 'a center',
    subgraph: 'sites',
    target: async () => {
      const n = next();
      return {
        variables: {
          input: { code: `3205${String(90 + (n % 10))}-C${n}`, name: `测试中心${n}`, kind: 'CENTER', regionCode: '320590000000', address: '中心路1号' },
        },
      };
    },
    expect: ADMINS_ONLY,
  },
  {
    mutation: 'updateSite',
    subgraph: 'sites',
    target: async () => ({ variables: { input: { id: station.id, contactPhone: `0512-5${String(next()).padStart(7, '0')}` } } }),
    expect: MANAGERS,
  },
  {
    mutation: 'updateSite',
    variant: 'a sector sub-center',
    subgraph: 'sites',
    scope: 'subCenter',
    target: async () => ({ variables: { input: { id: subCenter.id, contactPhone: `0512-6${String(next()).padStart(7, '0')}` } } }),
    // Sites authority runs down the tree: the center's managers manage the sub-center below it.
    expect: { managerOwn: 'allow', agencyOwn: 'allow' },
  },
  {
    mutation: 'moveSite',
    subgraph: 'sites',
    target: async () => ({ variables: { input: { id: await point(station), parentId: station2.id, regionCode: station2.regionCode } } }),
    expect: MANAGERS,
  },
  { mutation: 'archiveSite', subgraph: 'sites', target: async () => ({ variables: { id: await point(station) } }), expect: MANAGERS },
  { mutation: 'suspendSite', subgraph: 'sites', target: async () => ({ variables: { id: await point(station) } }), expect: MANAGERS },
  {
    mutation: 'reactivateSite',
    subgraph: 'sites',
    target: async () => {
      const id = await point(station);
      await asAdmin(`mutation($id: ID!) { suspendSite(id: $id) { id } }`, { id });
      return { variables: { id } };
    },
    // A suspended site is hidden from those who neither manage it nor read every site.
    expect: { managerOwn: 'allow', citizen: HIDDEN, volunteer: HIDDEN, managerOther: HIDDEN, agencyOwn: HIDDEN, agencyOther: HIDDEN },
  },
  {
    mutation: 'designateDemonstration',
    subgraph: 'sites',
    target: async () => ({ variables: { input: { siteId: station.id, level: 'COUNTY', year: 2017 + (next() % 8) } } }),
    expect: MANAGERS,
  },
  {
    mutation: 'designateDemonstration',
    variant: 'by the site’s own manager',
    subgraph: 'sites',
    target: async () => ({
      variables: { input: { siteId: station.id, level: 'COUNTY', year: 2025 } },
      tokens: { managerOwn: await tokenFor({ role: Role.SITE_MANAGER, subject: 'manager-of-station', siteIds: [station.id] }) },
    }),
    // Designations are conferred from above, never by the site's own managers.
    expect: { managerOwn: DENY },
  },
  {
    mutation: 'revokeDemonstration',
    subgraph: 'sites',
    target: async () => {
      const year = 2017 + (revoked++ % 8);
      await asAdmin(`mutation($input: DesignationInput!) { designateDemonstration(input: $input) { id } }`, {
        input: { siteId: station.id, level: 'CITY', year },
      });
      return { variables: { input: { siteId: station.id, level: 'CITY', year } } };
    },
    expect: MANAGERS,
  },
  {
    mutation: 'assignSiteManager',
    subgraph: 'sites',
    target: async () => ({ variables: { input: { siteId: station.id, subject: `manager-${next()}`, name: '王站长', phone: '13912340000' } } }),
    expect: MANAGERS,
  },
  {
    mutation: 'removeSiteManager',
    subgraph: 'sites',
    target: async () => {
      const subject = `manager-${next()}`;
      await asAdmin(`mutation($input: AssignManagerInput!) { assignSiteManager(input: $input) { id } }`, {
        input: { siteId: station.id, subject, name: '李站长' },
      });
      return { variables: { input: { siteId: station.id, subject } } };
    },
    expect: MANAGERS,
  },

  // volunteers
  {
    mutation: 'registerVolunteer',
    subgraph: 'volunteers',
    target: async () => {
      const person = resident('1391');
      const n = next();
      return {
        variables: { input: { name: '钱新人', idNumber: person.idNumber, phone: person.phone, homeSiteId: station.id } },
        // One registration per account: each self-registration comes from an account of its own.
        tokens: {
          citizen: await tokenFor({ role: Role.CITIZEN, subject: `wx-new-${n}` }),
          volunteer: await tokenFor({ role: Role.VOLUNTEER, subject: `wx-new-volunteer-${n}` }),
        },
      };
    },
    expect: { managerOwn: 'allow', citizen: 'allow', volunteer: 'allow' },
  },
  {
    mutation: 'updateVolunteerProfile',
    subgraph: 'volunteers',
    target: async () => ({ variables: { input: { id: volunteer.id, availability: [{ day: 1 + (next() % 7), from: '09:00', to: '11:00' }] } } }),
    expect: { managerOwn: 'allow', volunteer: 'allow' },
  },
  {
    mutation: 'changeVolunteerStatus',
    subgraph: 'volunteers',
    target: async () => {
      const person = await registerVolunteer(station.id);
      return { variables: { input: { id: person.id, status: 'SUSPENDED', reason: '长期未参加活动' } }, tokens: { volunteer: person.token } };
    },
    // A volunteer may only leave; suspending is the managers'.
    expect: { managerOwn: 'allow', volunteer: DENY },
  },
  {
    mutation: 'changeVolunteerStatus',
    variant: 'leaving',
    subgraph: 'volunteers',
    target: async () => {
      const person = await registerVolunteer(station.id);
      return { variables: { input: { id: person.id, status: 'LEFT', reason: '搬家' } }, tokens: { volunteer: person.token } };
    },
    expect: { managerOwn: 'allow', volunteer: 'allow' },
  },
  {
    mutation: 'createTeam',
    subgraph: 'volunteers',
    target: async () => ({ variables: { input: { name: `便民服务队${next()}`, level: 'TEAM', siteId: station.id } } }),
    expect: MANAGERS,
  },
  {
    mutation: 'updateTeam',
    subgraph: 'volunteers',
    target: async () => ({ variables: { input: { id: team, description: `第${next()}次调整` } } }),
    expect: MANAGERS,
  },
  {
    mutation: 'addTeamMember',
    subgraph: 'volunteers',
    target: async () => {
      const person = await registerVolunteer(station.id);
      return { variables: { input: { teamId: team, volunteerId: person.id } }, tokens: { volunteer: person.token } };
    },
    // A volunteer joins as a member by themselves.
    expect: { managerOwn: 'allow', volunteer: 'allow' },
  },
  {
    mutation: 'addTeamMember',
    variant: 'as deputy',
    subgraph: 'volunteers',
    target: async () => {
      const person = await registerVolunteer(station.id);
      return { variables: { input: { teamId: team, volunteerId: person.id, role: 'DEPUTY' } }, tokens: { volunteer: person.token } };
    },
    // A volunteer joins only as a plain member.
    expect: { managerOwn: 'allow', volunteer: DENY },
  },
  {
    mutation: 'removeTeamMember',
    subgraph: 'volunteers',
    target: async () => {
      const person = await registerVolunteer(station.id);
      await asAdmin(`mutation($input: TeamMemberInput!) { addTeamMember(input: $input) { id } }`, { input: { teamId: team, volunteerId: person.id } });
      return { variables: { input: { teamId: team, volunteerId: person.id } }, tokens: { volunteer: person.token } };
    },
    // A member leaves by themselves.
    expect: { managerOwn: 'allow', volunteer: 'allow' },
  },
  {
    mutation: 'createOrganization',
    subgraph: 'volunteers',
    target: async () => ({
      variables: { input: { name: `常熟市志愿者协会${next()}`, creditCode: `51320581MJ${String(next()).padStart(8, '0')}`, siteId: station.id } },
    }),
    expect: MANAGERS,
  },
  {
    mutation: 'updateOrganization',
    subgraph: 'volunteers',
    target: async () => ({ variables: { input: { id: organization, contactName: `联系人${next()}` } } }),
    expect: MANAGERS,
  },
  {
    mutation: 'recordService',
    subgraph: 'volunteers',
    target: async () => {
      const n = next();
      return {
        variables: {
          input: {
            volunteerId: volunteer.id,
            siteId: station.id,
            servedOn: addDays(todayInChina(), -(1 + (n % 40))),
            hours: 0.25,
            content: '整理图书',
            source: { type: 'MANUAL', reference: `manual-${n}` },
          },
        },
      };
    },
    expect: { managerOwn: 'allow', volunteer: 'allow' },
  },
  { mutation: 'verifyServiceRecord', subgraph: 'volunteers', target: async () => ({ variables: { id: await serviceRecord() } }), expect: MANAGERS },
  {
    mutation: 'rejectServiceRecord',
    subgraph: 'volunteers',
    target: async () => ({ variables: { input: { id: await serviceRecord(), reason: '时长有误' } } }),
    expect: MANAGERS,
  },
  {
    mutation: 'redeemPoints',
    subgraph: 'volunteers',
    target: async () => ({ variables: { input: { volunteerId: volunteer.id, points: 1, reason: '兑换毛巾', requestKey: `redeem-${next()}` } } }),
    expect: { managerOwn: 'allow', volunteer: 'allow' },
  },
  {
    mutation: 'adjustPoints',
    subgraph: 'volunteers',
    target: async () => ({ variables: { input: { volunteerId: volunteer.id, points: 1, reason: '补录积分', requestKey: `adjust-${next()}` } } }),
    expect: ADMINS_ONLY,
  },
  {
    mutation: 'createSkill',
    subgraph: 'volunteers',
    target: async () => ({ variables: { input: { code: `MEDICAL.MATRIX_${next()}`, name: '测试技能' } } }),
    expect: ADMINS_ONLY,
  },

  // resources
  {
    mutation: 'createResource',
    subgraph: 'resources',
    scope: 'subCenter',
    target: async () => ({ variables: { input: resourceInput(subCenter.id) } }),
    expect: AGENCY,
  },
  {
    mutation: 'createResource',
    variant: 'a station’s catalogue',
    subgraph: 'resources',
    target: async () => ({ variables: { input: resourceInput(station.id) } }),
    expect: MANAGERS,
  },
  {
    mutation: 'updateResource',
    subgraph: 'resources',
    scope: 'subCenter',
    target: async () => ({ variables: { input: { id: agencyResource, description: `第${next()}版说明。` } } }),
    expect: AGENCY,
  },
  {
    mutation: 'publishResource',
    subgraph: 'resources',
    scope: 'subCenter',
    target: async (caller) => ({ variables: { id: caller === 'admin' || caller === 'agencyOwn' ? await resource(subCenter.id, false) : sharedDraft } }),
    expect: DRAFT_OF_AGENCY,
  },
  {
    mutation: 'withdrawResource',
    subgraph: 'resources',
    scope: 'subCenter',
    target: async () => ({ variables: { id: await resource(subCenter.id, true) } }),
    expect: AGENCY,
  },
  {
    mutation: 'importResources',
    subgraph: 'resources',
    scope: 'subCenter',
    target: async () => ({
      variables: {
        input: {
          publisherId: subCenter.id,
          rows: [
            {
              externalKey: `row-${next()}`,
              kind: 'SERVICE',
              title: '导入的服务',
              description: '从部门系统导入。',
              categoryCodes: ['SERVICE.LIVELIHOOD'],
              deliveryModes: ['AT_REQUESTER'],
            },
          ],
        },
      },
    }),
    expect: AGENCY,
  },
  {
    mutation: 'createMenu',
    subgraph: 'resources',
    scope: 'subCenter',
    target: async () => ({ variables: { input: { publisherId: subCenter.id, period: month(12), items: [{ resourceId: agencyResource, quota: 1 }] } } }),
    expect: AGENCY,
  },
  {
    mutation: 'updateMenu',
    subgraph: 'resources',
    scope: 'subCenter',
    target: async () => ({ variables: { input: { id: sharedAgencyDraftMenu, notes: `第${next()}稿` } } }),
    expect: DRAFT_OF_AGENCY,
  },
  {
    mutation: 'publishMenu',
    subgraph: 'resources',
    scope: 'subCenter',
    target: async (caller) => ({
      variables: { id: caller === 'admin' || caller === 'agencyOwn' ? await menu(subCenter.id, agencyResource, false) : sharedAgencyDraftMenu },
    }),
    expect: DRAFT_OF_AGENCY,
  },
  {
    mutation: 'discardMenuDraft',
    subgraph: 'resources',
    scope: 'subCenter',
    target: async (caller) => ({
      variables: { id: caller === 'admin' || caller === 'agencyOwn' ? await menu(subCenter.id, agencyResource, false) : sharedAgencyDraftMenu },
    }),
    expect: DRAFT_OF_AGENCY,
  },
  {
    mutation: 'supersedeMenu',
    subgraph: 'resources',
    target: async (caller) => ({
      variables: { input: { id: caller === 'admin' || caller === 'managerOwn' ? await menu(station.id, stationResource, true) : sharedStationMenu } },
    }),
    expect: MANAGERS,
  },
  {
    mutation: 'archiveMenu',
    subgraph: 'resources',
    target: async (caller) => ({
      variables: { id: caller === 'admin' || caller === 'managerOwn' ? await menu(station.id, stationResource, true) : sharedStationMenu },
    }),
    expect: MANAGERS,
  },
  {
    mutation: 'createCategory',
    subgraph: 'resources',
    scope: 'center',
    target: async () => ({ variables: { input: { parentCode: 'SERVICE.HEALTH', codePart: `LOCAL_${next()}`, name: '本地特色', centerSiteId: center.id } } }),
    expect: MANAGERS,
  },

  // tickets
  {
    mutation: 'submitTicket',
    subgraph: 'tickets',
    target: async () => ({
      variables: {
        input: {
          idempotencyKey: `online-${next()}`,
          kind: 'REQUEST',
          channel: 'ONLINE',
          servingSiteId: station.id,
          categoryCode: 'SERVICE.LIVELIHOOD',
          title: '楼道灯不亮',
          description: '三楼楼道灯坏了。',
        },
      },
    }),
    // Online channels are the citizens' own; staff, admins included, take tickets on a staff channel.
    expect: { citizen: 'allow', volunteer: 'allow', admin: DENY },
  },
  {
    mutation: 'submitTicket',
    variant: 'hotline',
    subgraph: 'tickets',
    target: async () => ({
      variables: {
        input: {
          idempotencyKey: `hotline-${next()}`,
          kind: 'REQUEST',
          channel: 'HOTLINE_12345',
          servingSiteId: station.id,
          categoryCode: 'SERVICE.LIVELIHOOD',
          title: '路灯不亮',
          description: '村口路灯坏了。',
          requester: { name: '陈阿婆', phone: '13951234567' },
        },
      },
    }),
    expect: MANAGERS,
  },
  {
    mutation: 'publishWish',
    subgraph: 'tickets',
    target: async () => note(await wish(false)),
    // A wish names no resource, so no agency sees it.
    expect: { ...TICKET_MANAGERS, agencyOwn: HIDDEN },
  },
  {
    mutation: 'dispatchTicket',
    subgraph: 'tickets',
    target: async () => note(await ticket('SUBMITTED'), { volunteerId: volunteer.id }),
    expect: TICKET_MANAGERS,
  },
  {
    mutation: 'redispatchTicket',
    subgraph: 'tickets',
    target: async () => note(await ticket('DISPATCHED'), { volunteerId: colleague }),
    expect: DISPATCHED_MANAGERS,
  },
  {
    mutation: 'declineTicket',
    subgraph: 'tickets',
    target: async () => note(await ticket('DISPATCHED'), { note: '那天不在家' }),
    // Only the volunteer it is dispatched to (or their team) takes it or gives it back.
    expect: { ...DISPATCHED_MANAGERS, volunteer: 'allow', managerOwn: DENY, admin: DENY },
  },
  {
    mutation: 'acceptTicket',
    subgraph: 'tickets',
    target: async () => note(await ticket('DISPATCHED')),
    expect: { ...DISPATCHED_MANAGERS, volunteer: 'allow', managerOwn: DENY, admin: DENY },
  },
  {
    mutation: 'claimWish',
    subgraph: 'tickets',
    target: async () => note(await wish(true)),
    // A wish on the wall is public, so everyone signed in hears FORBIDDEN; only volunteers claim.
    expect: { volunteer: 'allow', admin: DENY },
  },
  { mutation: 'startTicket', subgraph: 'tickets', target: async () => note(await ticket('ACCEPTED')), expect: { ...DISPATCHED_MANAGERS, volunteer: 'allow' } },
  {
    mutation: 'completeTicket',
    subgraph: 'tickets',
    target: async () => note(await ticket('IN_PROGRESS'), { hours: 1 }),
    expect: { ...DISPATCHED_MANAGERS, volunteer: 'allow' },
  },
  {
    mutation: 'rateTicket',
    subgraph: 'tickets',
    target: async () => note(await ticket('COMPLETED'), { rating: 5 }),
    expect: { ...DISPATCHED_MANAGERS, citizen: 'allow' },
  },
  {
    mutation: 'followUpTicket',
    subgraph: 'tickets',
    target: async () => note(await ticket('COMPLETED'), { note: '电话回访，居民满意', satisfied: true }),
    expect: DISPATCHED_MANAGERS,
  },
  { mutation: 'closeTicket', subgraph: 'tickets', target: async () => note(await ticket('COMPLETED')), expect: DISPATCHED_MANAGERS },
  { mutation: 'rejectTicket', subgraph: 'tickets', target: async () => note(await ticket('SUBMITTED'), { note: '超出服务范围' }), expect: TICKET_MANAGERS },
  {
    mutation: 'cancelTicket',
    subgraph: 'tickets',
    target: async () => note(await ticket('SUBMITTED')),
    expect: { ...TICKET_MANAGERS, citizen: 'allow' },
  },
  {
    mutation: 'markDuplicateTicket',
    subgraph: 'tickets',
    target: async () => ({ variables: { input: { id: await ticket('SUBMITTED'), duplicateOfId: await ticket('SUBMITTED') } } }),
    expect: TICKET_MANAGERS,
  },
];

/** Every caller's outcome for a row: anonymous callers are refused as such, admins pass, the rest are forbidden unless said. */
function outcomeOf(row: Row, caller: Caller): Outcome {
  const defaults: Record<Caller, Outcome> = {
    anonymous: 'UNAUTHENTICATED',
    citizen: DENY,
    volunteer: DENY,
    managerOwn: DENY,
    managerOther: DENY,
    agencyOwn: DENY,
    agencyOther: DENY,
    analyst: DENY,
    admin: 'allow',
  };
  return row.expect[caller] ?? defaults[caller];
}

const FIELDS = new Map(mutationFields().map((field) => [field.name.value, field]));
const label = (row: Row) => (row.variant ? `${row.mutation} (${row.variant})` : row.mutation);

beforeAll(async () => {
  supergraph = await startSupergraph();
  tokens.admin = await tokenFor({ role: Role.ADMIN, subject: 'matrix-admin' });
  const sites = await asAdmin<{
    centers: { edges: { node: { id: string; regionCode: string } }[] };
    institutes: { edges: { node: { id: string; regionCode: string; children: { id: string; regionCode: string }[] } }[] };
    subCenters: { edges: { node: { id: string } }[] };
  }>(`{
    centers: sites(filter: { kinds: [CENTER] }, first: 1) { edges { node { id regionCode } } }
    institutes: sites(filter: { kinds: [INSTITUTE] }, first: 2) { edges { node { id regionCode children(kinds: [STATION]) { id regionCode } } } }
    subCenters: sites(filter: { kinds: [SECTOR_SUBCENTER] }, first: 2) { edges { node { id } } }
  }`);
  center = sites.centers.edges[0].node;
  const [first, second] = sites.institutes.edges.map((edge) => edge.node);
  institute = first;
  [station, station2] = first.children;
  otherInstitute = second;
  [subCenter, otherSubCenter] = sites.subCenters.edges.map((edge) => edge.node);

  const manager = (siteIds: string[]) => tokenFor({ role: Role.SITE_MANAGER, subject: `manager-of-${siteIds.join('-')}`, siteIds });
  const agency = (siteIds: string[]) => tokenFor({ role: Role.AGENCY_ADMIN, subject: `agency-of-${siteIds.join('-')}`, siteIds });
  tokens.citizen = await tokenFor({ role: Role.CITIZEN, subject: 'wx-matrix-citizen' });
  tokens.analyst = await tokenFor({ role: Role.ANALYST, subject: 'matrix-analyst' });
  tokens.managerOwn = await manager([institute.id]);
  tokens.managerOther = await manager([otherInstitute.id]);
  tokens.agencyOwn = await agency([subCenter.id]);
  tokens.agencyOther = await agency([otherSubCenter.id]);
  scopeTokens.institute = {};
  scopeTokens.center = { managerOwn: await manager([center.id]) };
  scopeTokens.subCenter = { managerOwn: await manager([center.id]) };

  volunteer = await registerVolunteer(station.id, '吴师傅');
  tokens.volunteer = volunteer.token;
  colleague = (await registerVolunteer(station2.id, '郑师傅')).id;
  team = await idOf(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, {
    input: { name: '家电维修队', level: 'TEAM', siteId: station.id, leaderId: colleague },
  });
  organization = await idOf(`mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`, {
    input: { name: '常熟市家电维修志愿服务社', creditCode: '52320581MJ00000001', siteId: station.id },
  });
  // Points to redeem: one verified record of ten hours.
  const record = await idOf(`mutation($input: RecordServiceInput!) { recordService(input: $input) { id } }`, {
    input: {
      volunteerId: volunteer.id,
      siteId: station.id,
      servedOn: addDays(todayInChina(), -50),
      hours: 10,
      content: '维修家电',
      source: { type: 'ACTIVITY', reference: 'matrix-points' },
    },
  });
  await asAdmin(`mutation($id: ID!) { verifyServiceRecord(id: $id) { id } }`, { id: record });

  agencyResource = await resource(subCenter.id, true);
  stationResource = await resource(station.id, true);
  sharedDraft = await resource(subCenter.id, false);
  sharedAgencyDraftMenu = await menu(subCenter.id, agencyResource, false);
  sharedStationMenu = await menu(station.id, stationResource, true);
});
afterAll(() => supergraph?.close());

describe('the authorization matrix', () => {
  it('has a row for every mutation of the supergraph, and none for a mutation it does not have', () => {
    expect([...new Set(ROWS.map((row) => row.mutation))].sort()).toEqual([...FIELDS.keys()].sort());
  });

  describe.each(ROWS.map((row) => [label(row), row] as const))('%s', (_, row) => {
    let denyTarget: Promise<Target> | undefined;
    it.each(CALLERS.map((caller) => [caller, outcomeOf(row, caller)] as const))('%s: %s', async (caller, outcome) => {
      const field = FIELDS.get(row.mutation);
      if (!field) throw new Error(`${row.mutation} is not a mutation of the supergraph`);
      const document = mutationDocument(field);
      const allowed = outcome === 'allow';
      // Refusals share one target, since none of them may change it; each allowed call gets its own.
      const target = allowed ? await row.target(caller) : await (denyTarget ??= row.target(caller));
      const token = caller === 'anonymous' ? undefined : (target.tokens?.[caller] ?? scopeTokens[row.scope ?? 'institute'][caller] ?? tokens[caller]);
      const db = supergraph[row.subgraph].db;
      if (!allowed) await settled(supergraph);
      const before = allowed ? '' : await digest(db);
      const result: GraphQLResult = await supergraph.request(document, target.variables, { token });
      if (allowed) {
        expect(result.errors ?? []).toEqual([]);
        expect(result.data?.[row.mutation]).toBeTruthy();
        return;
      }
      expect({ data: result.data?.[row.mutation] ?? null, codes: (result.errors ?? []).map((error) => error.extensions?.code) }).toEqual({
        data: null,
        codes: [outcome],
      });
      await settled(supergraph);
      expect(await digest(db)).toBe(before);
    });
  });
});
