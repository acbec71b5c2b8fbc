import { RowProblem, formatProblem } from './cell-error';
import type { ImportRow } from './cells';
import { ImportApi, ImportFailure, ImportTotals, sendRows } from './import-client';
import { Output, progressBar } from './progress';

export interface ImportRun {
  api: ImportApi;
  publisherId: string;
  /** The rows read from the file, and the problems found reading it. */
  rows: ImportRow[];
  problems: RowProblem[];
  /** Rows per call, at most the server's IMPORT_MAX_ROWS (fewer when they are long). */
  batchSize: number;
  dryRun: boolean;
}

const noTotals = (): ImportTotals => ({ total: 0, created: 0, updated: 0, published: 0, unchanged: 0 });

/** The services refuse request bodies above 1 MiB: calls stay well below it, whatever the rows' length. */
const MAX_CALL_BYTES = 768 * 1024;

/** The rows in calls of at most `size` rows and of MAX_CALL_BYTES of JSON. */
export function batches(rows: ImportRow[], size: number, maxBytes = MAX_CALL_BYTES): ImportRow[][] {
  const calls: ImportRow[][] = [];
  let bytes = 0;
  for (const row of rows) {
    const rowBytes = Buffer.byteLength(JSON.stringify(row)) + 1;
    const last = calls[calls.length - 1];
    if (!last || last.length >= size || bytes + rowBytes > maxBytes) {
      calls.push([row]);
      bytes = rowBytes;
    } else {
      last.push(row);
      bytes += rowBytes;
    }
  }
  return calls;
}

/** A key on two rows of the file: in different calls the later row would silently win. */
function repeatedKeys(rows: ImportRow[]): RowProblem[] {
  const first = new Map<string, number>();
  const problems: RowProblem[] = [];
  for (const row of rows) {
    const seen = first.get(row.externalKey);
    if (seen === undefined) first.set(row.externalKey, row.line);
    else problems.push({ line: row.line, field: 'externalKey', message: `repeats the key ${row.externalKey} of line ${seen}` });
  }
  return problems;
}

function summary(totals: ImportTotals, dryRun: boolean): string {
  const { total, created, updated, published, unchanged } = totals;
  return dryRun
    ? `dry run, nothing written: ${total} rows would create ${created}, update ${updated} and publish ${published}; ${unchanged} unchanged\n`
    : `imported ${total} rows: ${created} created, ${updated} updated, ${published} published, ${unchanged} unchanged\n`;
}

/** What the calls of one pass answered: stopped at the first failure, and for real also at the first problems. */
interface Pass {
  totals: ImportTotals;
  problems: RowProblem[];
  failure: ImportFailure | null;
  /** Rows of the calls that succeeded. */
  done: number;
}

const printProblems = (err: Output, problems: RowProblem[]) => {
  for (const problem of [...problems].sort((a, b) => a.line - b.line)) err.write(`${formatProblem(problem)}\n`);
};

/**
 * Sends the rows in calls of `batchSize`: first every call as a dry run, so that the problems of the
 * whole file show before anything is written, then (unless it is a dry run) every call for real.
 * Each call is all or nothing, and importing rows again changes nothing: after a failure half-way,
 * running the same file again finishes the import. Answers the exit status.
 */
export async function runImport(run: ImportRun, out: Output, err: Output): Promise<number> {
  const problems = [...run.problems, ...repeatedKeys(run.rows)];
  const refused = new Set(problems.map((problem) => problem.line));
  const rows = run.rows.filter((row) => !refused.has(row.line));
  if (!rows.length && !problems.length) {
    err.write('the file has no rows\n');
    return 1;
  }
  const checked = await pass(run, rows, true, err);
  problems.push(...checked.problems);
  if (checked.failure || problems.length) {
    printProblems(err, problems);
    if (checked.failure) err.write(`${checked.failure.message}\n`);
    if (problems.length) err.write(`${problems.length} problem${problems.length === 1 ? '' : 's'}: `);
    err.write('nothing was imported\n');
    return 1;
  }
  if (run.dryRun) {
    out.write(summary(checked.totals, true));
    return 0;
  }
  const written = await pass(run, rows, false, err);
  if (written.failure || written.problems.length) {
    printProblems(err, written.problems);
    if (written.failure) err.write(`${written.failure.message}\n`);
    err.write(
      written.done
        ? `the rows up to line ${rows[written.done - 1].line} were imported, the others not; importing the file again changes nothing for the rows already imported\n`
        : 'nothing was imported\n',
    );
    return 1;
  }
  out.write(summary(written.totals, false));
  return 0;
}

async function pass(run: ImportRun, rows: ImportRow[], dryRun: boolean, err: Output): Promise<Pass> {
  const result: Pass = { totals: noTotals(), problems: [], failure: null, done: 0 };
  if (!rows.length) return result;
  const bar = progressBar(err, dryRun ? 'checking ' : 'importing', rows.length);
  try {
    let sent = 0;
    for (const batch of batches(rows, run.batchSize)) {
      const answer = await sendRows(run.api, run.publisherId, batch, dryRun);
      sent += batch.length;
      if ('problems' in answer) {
        result.problems.push(...answer.problems);
        if (!dryRun) break;
      } else {
        for (const key of Object.keys(result.totals) as (keyof ImportTotals)[]) result.totals[key] += answer.totals[key];
        result.done = sent;
      }
      bar.update(sent);
    }
  } catch (error) {
    if (!(error instanceof ImportFailure)) throw error;
    result.failure = error;
  } finally {
    bar.finish();
  }
  return result;
}
