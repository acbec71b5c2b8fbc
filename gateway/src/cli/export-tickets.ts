import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Writable } from 'node:stream';
import { progressBar } from '@practice/common';
import { ExportError, MAX_PAGE_SIZE, TICKET_EXPORT_COLUMNS, csvLine, exportTickets } from '../export/ticket-export';

const usage = `Exports the tickets submitted in a period through the gateway, page by page.

  npm run export:tickets -- --from 2025-01-01 --to 2025-12-31 [--region 320581] [--format csv|ndjson]
                            [--out tickets.csv] [--url http://127.0.0.1:4000/graphql] [--page-size ${MAX_PAGE_SIZE}]

  The token is TOKEN from the environment (an analyst's or an admin's); the rows are what that
  caller may see, without personal data. Progress goes to stderr, the rows to --out or stdout.`;

/** Resolves when everything is flushed; a failed write (a full disk, a closed pipe) rejects. */
const write = (out: Writable, text: string): Promise<void> =>
  new Promise((done, fail) => (out.write(text) ? done() : out.once('drain', done).once('error', fail)));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      region: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      out: { type: 'string' },
      url: { type: 'string', default: process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql' },
      'page-size': { type: 'string', default: String(MAX_PAGE_SIZE) },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.from || !values.to) throw new ExportError(usage);
  if (values.format !== 'csv' && values.format !== 'ndjson') throw new ExportError('--format must be csv or ndjson');
  const out: Writable = values.out ? createWriteStream(resolve(process.env.INIT_CWD ?? process.cwd(), values.out)) : process.stdout;
  if (values.format === 'csv') await write(out, `${csvLine(TICKET_EXPORT_COLUMNS)}\n`);
  let bar: ReturnType<typeof progressBar> | undefined;
  let done = 0;
  const started = Date.now();
  for await (const page of exportTickets({
    url: values.url,
    token: process.env.TOKEN,
    from: values.from,
    to: values.to,
    regionCodePrefix: values.region,
    pageSize: Number(values['page-size']),
  })) {
    bar ??= progressBar(process.stderr, 'tickets', page.totalCount, 'tickets');
    const lines = page.rows.map((row) => (values.format === 'csv' ? csvLine(TICKET_EXPORT_COLUMNS.map((column) => row[column])) : JSON.stringify(row)));
    if (lines.length) await write(out, `${lines.join('\n')}\n`);
    done += page.rows.length;
    bar.update(done, `${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  bar?.finish();
  if (out !== process.stdout) await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
}

main().catch((error: Error) => {
  process.stderr.write(`${error instanceof ExportError ? error.message : (error.stack ?? error.message)}\n`);
  process.exit(error instanceof ExportError ? 2 : 1);
});
