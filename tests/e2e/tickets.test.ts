import { OutboxEvent, Role, todayInChina } from '@practice/common';
import { GraphQLResult, tokenFor } from '@practice/common/testing';
import { checkCharacter } from '@practice/volunteers/volunteer/id-number';
import { Supergraph, startSupergraph } from './supergraph';

/**
 * The whole loop through the gateway: a citizen orders from a station's menu, the station
 * dispatches, a volunteer accepts and serves, the citizen rates, the station verifies the hours —
 * and the volunteer's hours and star level show it, with every subgraph joined in one query.
 */
let supergraph: Supergraph;
let admin: string;
let station: { id: string; name: string; regionCode: string };
let volunteer: { id: string; token: string };
let resourceId: string;

function ok<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.data!;
}

beforeAll(async () => {
  supergraph = await startSupergraph();
  admin = await tokenFor({ role: Role.ADMIN, subject: 'e2e-admin' });
  const data = ok(
    await supergraph.request<{ sites: { edges: { node: { id: string; name: string; regionCode: string } }[] } }>(
      `{ sites(filter: { kinds: [STATION] }, first: 1) { edges { node { id name regionCode } } } }`,
    ),
  );
  station = data.sites.edges[0].node;
  const first17 = '32058119800101123';
  const registered = ok(
    await supergraph.request<{ registerVolunteer: { id: string } }>(
      `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
      {
        input: {
          name: '吴师傅',
          idNumber: `${first17}${checkCharacter(first17)}`,
          phone: '13851230001',
          homeSiteId: station.id,
          skillCodes: ['REPAIR.ELECTRICAL'],
        },
      },
      { token: admin },
    ),
  );
  volunteer = {
    id: registered.registerVolunteer.id,
    token: await tokenFor({ role: Role.VOLUNTEER, subject: 'wx-wu', volunteerId: registered.registerVolunteer.id }),
  };
  const resource = ok(
    await supergraph.request<{ createResource: { id: string } }>(
      `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
      {
        input: {
          publisherId: station.id,
          kind: 'SERVICE',
          title: '家电义务维修',
          description: '上门检修电路和小家电。',
          categoryCodes: ['SERVICE.LIVELIHOOD'],
          deliveryModes: ['AT_REQUESTER'],
          capacityPerMonth: 20,
          orderForm: [{ key: 'appliance', label: '电器', type: 'TEXT', required: true }],
        },
      },
      { token: admin },
    ),
  );
  resourceId = resource.createResource.id;
  ok(await supergraph.request(`mutation($id: ID!) { publishResource(id: $id) { id } }`, { id: resourceId }, { token: admin }));
});
afterAll(() => supergraph?.close());

const step = async (mutation: string, type: string, input: Record<string, unknown>, token: string) =>
  ok(
    await supergraph.request<Record<string, { status: string }>>(`mutation($input: ${type}!) { ${mutation}(input: $input) { status } }`, { input }, { token }),
  )[mutation].status;

async function delivered(): Promise<void> {
  const outbox = supergraph.tickets.db.getRepository(OutboxEvent);
  for (let i = 0; i < 100; i++) {
    if (!(await outbox.createQueryBuilder('o').where("o.destination = 'volunteers' AND o.delivered_at IS NULL").getCount())) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The outbox did not deliver in time');
}

describe('tickets through the gateway', () => {
  it('closes the loop: order → dispatch → accept → complete → rate, then the volunteer’s verified hours and star level show it', async () => {
    const citizen = await tokenFor({ role: Role.CITIZEN, subject: 'wx-e2e-citizen' });
    const manager = await tokenFor({ role: Role.SITE_MANAGER, siteIds: [station.id], subject: 'e2e-station' });
    const before = ok(
      await supergraph.request<{ volunteer: { verifiedHours: number; starLevel: { hoursToNextLevel: number } } }>(
        `query($id: ID!) { volunteer(id: $id) { verifiedHours starLevel { level hoursToNextLevel } } }`,
        { id: volunteer.id },
        { token: admin },
      ),
    ).volunteer;
    const submitted = ok(
      await supergraph.request<{ submitTicket: { id: string; code: string; status: string } }>(
        `mutation($input: SubmitTicketInput!) { submitTicket(input: $input) { id code status } }`,
        {
          input: {
            idempotencyKey: 'e2e-order-0001',
            kind: 'ORDER',
            channel: 'MINI_PROGRAM',
            servingSiteId: station.id,
            resourceId,
            formAnswers: [{ key: 'appliance', value: '电视机没有信号' }],
            title: '电视机维修',
            description: '家里电视机没有信号，请师傅上门。',
          },
        },
        { token: citizen },
      ),
    ).submitTicket;
    expect(await step('dispatchTicket', 'DispatchTicketInput', { id: submitted.id, volunteerId: volunteer.id }, manager)).toBe('DISPATCHED');
    expect(await step('acceptTicket', 'TicketNoteInput', { id: submitted.id }, volunteer.token)).toBe('ACCEPTED');
    expect(await step('completeTicket', 'CompleteTicketInput', { id: submitted.id, hours: 3.5, note: '更换了天线接头' }, volunteer.token)).toBe('COMPLETED');
    expect(await step('rateTicket', 'RateTicketInput', { id: submitted.id, rating: 5, comment: '师傅很专业' }, citizen)).toBe('RATED');
    await delivered();

    // The station verifies the hours the ticket brought, found through the supergraph.
    const records = ok(
      await supergraph.request<{ volunteer: { serviceRecords: { edges: { node: { id: string; sourceReference: string; status: string } }[] } } }>(
        `query($id: ID!) { volunteer(id: $id) { serviceRecords(first: 5) { edges { node { id sourceReference status } } } } }`,
        { id: volunteer.id },
        { token: manager },
      ),
    ).volunteer.serviceRecords.edges.map((edge) => edge.node);
    expect(records).toEqual([expect.objectContaining({ sourceReference: submitted.id, status: 'PENDING' })]);
    ok(await supergraph.request(`mutation($id: ID!) { verifyServiceRecord(id: $id) { status } }`, { id: records[0].id }, { token: manager }));

    const after = ok(
      await supergraph.request<{
        ticket: {
          status: string;
          rating: number;
          servingSite: { name: string };
          resource: { title: string; publisher: { name: string } };
          assignedVolunteer: { name: string; verifiedHours: number; starLevel: { hoursToNextLevel: number } };
          history: { action: string }[];
        };
      }>(
        `query($id: ID!) { ticket(id: $id) {
          status rating servingSite { name } resource { title publisher { name } }
          assignedVolunteer { name verifiedHours starLevel { level hoursToNextLevel } }
          history { action }
        } }`,
        { id: submitted.id },
        { token: manager },
      ),
    ).ticket;
    expect(after).toMatchObject({
      status: 'RATED',
      rating: 5,
      servingSite: { name: station.name },
      resource: { title: '家电义务维修', publisher: { name: station.name } },
      assignedVolunteer: {
        name: '吴师傅',
        verifiedHours: before.verifiedHours + 3.5,
        starLevel: { hoursToNextLevel: before.starLevel.hoursToNextLevel - 3.5 },
      },
    });
    expect(after.history.map((event) => event.action)).toEqual(['SUBMIT', 'DISPATCH', 'ACCEPT', 'COMPLETE', 'RATE']);
  });

  it('joins tickets into sites, volunteers and resources in one query', async () => {
    const citizen = await tokenFor({ role: Role.CITIZEN, subject: 'wx-e2e-second' });
    ok(
      await supergraph.request(
        `mutation($input: SubmitTicketInput!) { submitTicket(input: $input) { id } }`,
        {
          input: {
            idempotencyKey: 'e2e-request-0002',
            kind: 'REQUEST',
            channel: 'ONLINE',
            servingSiteId: station.id,
            categoryCode: 'SERVICE.LIVELIHOOD',
            title: '楼道灯不亮',
            description: '三楼楼道灯坏了。',
          },
        },
        { token: citizen },
      ),
    );
    const data = ok(
      await supergraph.request<{
        site: { name: string; openTicketCount: number; tickets: { totalCount: number; edges: { node: { code: string; servingSite: { name: string } } }[] } };
        volunteer: { assignedTickets: { totalCount: number } };
        resource: { orders: { totalCount: number; edges: { node: { status: string; requester: { hasAccount: boolean } } }[] } };
      }>(
        `query($site: ID!, $volunteer: ID!, $resource: ID!) {
          site(id: $site) { name openTicketCount tickets(first: 5) { totalCount edges { node { code servingSite { name } } } } }
          volunteer(id: $volunteer) { assignedTickets { totalCount } }
          resource(id: $resource) { orders { totalCount edges { node { status requester { hasAccount } } } } }
        }`,
        { site: station.id, volunteer: volunteer.id, resource: resourceId },
        { token: admin },
      ),
    );
    expect(data.site.openTicketCount).toBe(1);
    expect(data.site.tickets.totalCount).toBe(2);
    expect(data.site.tickets.edges[0].node.code).toMatch(new RegExp(`^${station.regionCode.slice(0, 6)}-${todayInChina().replaceAll('-', '')}-`));
    expect(data.site.tickets.edges[0].node.servingSite.name).toBe(station.name);
    expect(data.volunteer.assignedTickets.totalCount).toBe(1);
    expect(data.resource.orders).toMatchObject({ totalCount: 1, edges: [{ node: { status: 'RATED', requester: { hasAccount: true } } }] });
  });
});
