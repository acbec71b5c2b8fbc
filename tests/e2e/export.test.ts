import { Role } from '@practice/common';
import { tokenFor } from '@practice/common/testing';
import { ExportError, TICKET_EXPORT_COLUMNS, csvLine, exportTickets } from '@practice/gateway/export/ticket-export';
import { seedDemoTickets } from '@practice/tickets/demo/seed';
import { Ticket } from '@practice/tickets/ticket/ticket.entity';
import { Supergraph, startSupergraph } from './supergraph';

/**
 * An analyst's export of a period of tickets through the gateway: every ticket of the period once,
 * none from outside it, however small the pages, and no personal data in the rows.
 */
let supergraph: Supergraph;
let analyst: string;
let tickets: Ticket[];

beforeAll(async () => {
  supergraph = await startSupergraph();
  await seedDemoTickets(supergraph.tickets.db, undefined, undefined, { volunteers: 40, seed: 7 });
  tickets = await supergraph.tickets.db.getRepository(Ticket).find();
  analyst = await tokenFor({ role: Role.ANALYST, subject: 'export-analyst' });
}, 60_000);
afterAll(() => supergraph?.close());

/** A China day of a ticket's submission. */
const chinaDay = (at: Date): string => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function collect(options: Partial<Parameters<typeof exportTickets>[0]>) {
  const rows = [];
  let totalCount = -1;
  for await (const page of exportTickets({ url: supergraph.gateway.url, token: analyst, from: '2000-01-01', to: '2099-12-31', ...options })) {
    rows.push(...page.rows);
    totalCount = page.totalCount;
  }
  return { rows, totalCount };
}

it('pages through every ticket of a period exactly once, in the order of the connection', async () => {
  const days = [...new Set(tickets.map((ticket) => chinaDay(ticket.submittedAt)))].sort();
  expect(days.length).toBeGreaterThan(10);
  const from = days[Math.floor(days.length / 4)];
  const to = days[Math.floor((days.length * 3) / 4)];
  const expected = tickets.filter((ticket) => chinaDay(ticket.submittedAt) >= from && chinaDay(ticket.submittedAt) <= to);

  const { rows, totalCount } = await collect({ from, to, pageSize: 37 });
  expect(totalCount).toBe(expected.length);
  expect(rows.map((row) => row.id).sort()).toEqual(expected.map((ticket) => ticket.id).sort());
  expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
  // The connection's order: by id, which is time-ordered (UUIDv7), the newest first.
  const ids = rows.map((row) => String(row.id));
  expect([...ids].sort().reverse()).toEqual(ids);
  expect(Object.keys(rows[0]).sort()).toEqual([...TICKET_EXPORT_COLUMNS].sort());
});

it('narrows to a region and takes pages of the largest size', async () => {
  const region = tickets[0].servingSiteRegionCode.slice(0, 9);
  const { rows } = await collect({ regionCodePrefix: region, pageSize: 500 });
  expect(rows.length).toBe(tickets.filter((ticket) => ticket.servingSiteRegionCode.startsWith(region)).length);
});

it('refuses a reversed period and a page size the connections do not serve', async () => {
  await expect(collect({ from: '2026-02-01', to: '2026-01-01' })).rejects.toThrow(ExportError);
  await expect(collect({ pageSize: 501 })).rejects.toThrow(/page-size/);
});

it('waits out the rate limit and goes on where it was', async () => {
  const limited = await supergraph.startGateway({ GATEWAY_RATE_LIMIT: '2/1s' });
  const waits: number[] = [];
  const rows = [];
  for await (const page of exportTickets({
    url: limited.gateway.url,
    token: analyst,
    from: '2000-01-01',
    to: '2099-12-31',
    pageSize: Math.ceil(tickets.length / 5),
    sleep: (ms) => {
      waits.push(ms);
      return new Promise((resolve) => setTimeout(resolve, ms));
    },
  })) {
    rows.push(...page.rows);
  }
  expect(waits.length).toBeGreaterThan(0);
  expect(new Set(rows.map((row) => row.id)).size).toBe(tickets.length);
});

it('says why when the gateway refuses the caller', async () => {
  await expect(collect({ token: 'not-a-token' })).rejects.toThrow(/UNAUTHENTICATED|refused/);
});

it('quotes CSV fields that need it', () => {
  expect(csvLine(['a', 'b,c', 'say "hi"', null, 3, true])).toBe('a,"b,c","say ""hi""",,3,true');
});
