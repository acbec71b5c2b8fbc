import type { RowProblem } from './cell-error';
import type { ImportRow } from './cells';

const MUTATION = `mutation ImportResources($input: ImportResourcesInput!) {
  importResources(input: $input) { dryRun total created updated published unchanged }
}`;

export interface ImportTotals {
  total: number;
  created: number;
  updated: number;
  published: number;
  unchanged: number;
}

/** Where the command sends its calls: the gateway or the resources subgraph. */
export interface ImportApi {
  url: string;
  token: string;
}

/** An answer that is about the whole import (the token, the publisher, the server), not about rows. */
export class ImportFailure extends Error {}

interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; reason?: string; problems?: { field: string; message: string; line?: number }[] };
}

const ROW_FIELD = /^input\.rows\[(\d+)\]\.?(.*)$/;

/** A field of a row as the file names it: the columns of a service area are columns of their own. */
const rowField = (field: string): string => field.replace(/^serviceArea\./, '');

/** The problems of rows an error names, or null when it is about something else. */
function rowProblems(error: GraphQLErrorShape, rows: ImportRow[]): RowProblem[] | null {
  const atRow = (field: string, message: string, line?: number): RowProblem | null => {
    const match = ROW_FIELD.exec(field);
    return match ? { line: line ?? rows[Number(match[1])]?.line ?? 0, field: rowField(match[2]), message } : null;
  };
  const problems = error.extensions?.problems;
  if (problems?.length) {
    const found = problems.map((problem) => atRow(problem.field, problem.message, problem.line));
    return found.every(Boolean) ? (found as RowProblem[]) : null;
  }
  // A value GraphQL cannot coerce (a JSON row with a number for a text): `… at "input.rows[3].title"; Expected …`.
  const coercion = /at "(input\.rows\[\d+\][^"]*)"(?:; (.*))?/s.exec(error.message);
  const problem = coercion && atRow(coercion[1], coercion[2] ?? error.message);
  return problem ? [problem] : null;
}

function failure(error: GraphQLErrorShape): ImportFailure {
  const code = error.extensions?.code;
  const hint = error.extensions?.reason === 'TOO_MANY_ROWS' ? ' (send smaller calls with --batch)' : '';
  return new ImportFailure(`${code ? `${code}: ` : ''}${error.message}${hint}`);
}

/** One importResources call: its totals, or the problems of its rows with their lines. */
export async function sendRows(
  api: ImportApi,
  publisherId: string,
  rows: ImportRow[],
  dryRun: boolean,
): Promise<{ totals: ImportTotals } | { problems: RowProblem[] }> {
  let response: Response;
  try {
    response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token}` },
      body: JSON.stringify({ query: MUTATION, variables: { input: { publisherId, rows, dryRun } } }),
    });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    throw new ImportFailure(`cannot reach ${api.url}: ${cause?.message ?? (error as Error).message}`);
  }
  let body: { data?: { importResources?: ImportTotals } | null; errors?: GraphQLErrorShape[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ImportFailure(`${api.url} answered HTTP ${response.status}, not GraphQL`);
  }
  if (body.errors?.length) {
    const problems: RowProblem[] = [];
    for (const error of body.errors) {
      const found = rowProblems(error, rows);
      if (!found) throw failure(error);
      problems.push(...found);
    }
    return { problems };
  }
  if (!body.data?.importResources) throw new ImportFailure(`${api.url} answered HTTP ${response.status} without an import report`);
  return { totals: body.data.importResources };
}
