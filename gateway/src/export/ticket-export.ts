import { addDays, isValidDate } from '@practice/common';

/** The largest `first` a connection of the supergraph serves. */
export const MAX_PAGE_SIZE = 500;

/**
 * The columns of an export: the ticket's own figures, no personal data (the requester, address and
 * form answers stay out, whoever exports), so that a file can travel to an analyst's desk. As many
 * as a page of 500 may carry within the gateway's default cost limit.
 */
export const TICKET_EXPORT_COLUMNS = [
  'id',
  'code',
  'kind',
  'channel',
  'status',
  'categoryCode',
  'servingSiteId',
  'servingSiteRegionCode',
  'resourceId',
  'submittedAt',
  'firstDispatchedAt',
  'completedAt',
  'rating',
] as const;

export type TicketExportRow = Record<(typeof TICKET_EXPORT_COLUMNS)[number], string | number | boolean | null>;

export interface TicketExportOptions {
  /** The gateway's /graphql. */
  url: string;
  token?: string;
  /** First and last day of submission, China time, YYYY-MM-DD, `to` included. */
  from: string;
  to: string;
  regionCodePrefix?: string;
  pageSize?: number;
  /** Waits before a retry; tests pass a short one. */
  sleep?: (ms: number) => Promise<void>;
  /** Tries of one page on a network error, a 5xx or a 429 before giving up. */
  attempts?: number;
}

export interface ExportPage {
  rows: TicketExportRow[];
  /** Tickets of the whole export, from the first page. */
  totalCount: number;
}

const QUERY = `query ExportTickets($filter: TicketFilter, $first: Int!, $after: String, $withTotal: Boolean!) {
  tickets(filter: $filter, first: $first, after: $after) {
    totalCount @include(if: $withTotal)
    pageInfo { hasNextPage endCursor }
    edges { node { ${TICKET_EXPORT_COLUMNS.join(' ')} } }
  }
}`;

interface TicketsAnswer {
  data?: {
    tickets: { totalCount?: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: TicketExportRow }[] };
  };
  errors?: { message: string; extensions?: { code?: string; retryAfter?: number } }[];
}

export class ExportError extends Error {}

/** Midnight in China of a day, as an instant: the bounds of `submittedFrom` / `submittedTo`. */
const chinaMidnight = (day: string): string => `${day}T00:00:00+08:00`;

function checkOptions(options: TicketExportOptions): number {
  for (const [name, day] of [
    ['from', options.from],
    ['to', options.to],
  ] as const) {
    if (!isValidDate(day)) throw new ExportError(`--${name} must be a day YYYY-MM-DD, not ${day}`);
  }
  if (options.from > options.to) throw new ExportError('--from must not be after --to');
  const size = options.pageSize ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw new ExportError(`--page-size must be between 1 and ${MAX_PAGE_SIZE}`);
  return size;
}

/**
 * The tickets submitted in a period, page after page through the `tickets` cursor connection (newest
 * first, as the connection orders them). Each page follows the cursor of the one before, so tickets
 * submitted meanwhile neither shift nor repeat rows; a page refused for the rate limit is asked again
 * after the `retry-after` the gateway gives, a network error or a 5xx after a backoff.
 */
export async function* exportTickets(options: TicketExportOptions): AsyncGenerator<ExportPage> {
  const first = checkOptions(options);
  const filter = {
    submittedFrom: chinaMidnight(options.from),
    submittedTo: chinaMidnight(addDays(options.to, 1)),
    ...(options.regionCodePrefix ? { regionCodePrefix: options.regionCodePrefix } : {}),
  };
  let after: string | null = null;
  let totalCount = 0;
  for (let page = 0; ; page++) {
    const answer = await fetchPage(options, { filter, first, after, withTotal: page === 0 });
    const tickets = answer.data!.tickets;
    if (page === 0) totalCount = tickets.totalCount ?? 0;
    yield { rows: tickets.edges.map((edge) => edge.node), totalCount };
    if (!tickets.pageInfo.hasNextPage || !tickets.pageInfo.endCursor) return;
    after = tickets.pageInfo.endCursor;
  }
}

async function fetchPage(options: TicketExportOptions, variables: Record<string, unknown>): Promise<TicketsAnswer> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const attempts = options.attempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    let retryIn = Math.min(30_000, 500 * 2 ** (attempt - 1));
    let problem: string;
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
        body: JSON.stringify({ query: QUERY, variables }),
      });
      const answer = (await response.json().catch(() => ({}))) as TicketsAnswer;
      if (response.status === 429) {
        retryIn = Number(response.headers.get('retry-after') ?? answer.errors?.[0]?.extensions?.retryAfter ?? 1) * 1000;
        problem = 'rate limited';
      } else if (response.status >= 500) {
        problem = `HTTP ${response.status}`;
      } else if (answer.errors?.length || !answer.data) {
        const error = answer.errors?.[0];
        throw new ExportError(`the gateway refused the export: ${error?.extensions?.code ?? `HTTP ${response.status}`}: ${error?.message ?? 'no data'}`);
      } else {
        return answer;
      }
    } catch (error) {
      if (error instanceof ExportError) throw error;
      problem = (error as Error).message;
    }
    if (attempt >= attempts) throw new ExportError(`gave up on a page after ${attempts} tries: ${problem}`);
    await sleep(retryIn);
  }
}

/** One row as a CSV line (RFC 4180 quoting). */
export function csvLine(values: readonly unknown[]): string {
  return values
    .map((value) => {
      const text = value === null || value === undefined ? '' : String(value);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}
