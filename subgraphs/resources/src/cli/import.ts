import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SourceRows } from '../import/csv-rows';
import { parseCsv } from '../import/csv-rows';
import { runImport } from '../import/import-run';
import { parseJsonRows } from '../import/json-rows';
import type { Output } from '../import/progress';

const usage = `Imports a catalogue from a CSV or JSON file through the GraphQL API, all rows checked before any is written.

  npm run import -w @practice/resources -- --file catalogue.csv --publisher <site id> --token <JWT>
      [--url http://127.0.0.1:4000/graphql] [--dry-run] [--batch 1000] [--encoding utf-8]

  --file       a CSV file with a header row of column names, or a JSON array of rows (.json)
  --publisher  the site whose catalogue it is
  --token      a bearer token of an owner of that catalogue (or set IMPORT_TOKEN)
  --url        the gateway (default) or the resources subgraph
  --dry-run    check the whole file and count what would change, writing nothing
  --batch      rows per call, at most the server's IMPORT_MAX_ROWS (default: IMPORT_MAX_ROWS or 1000)
  --encoding   of the file, e.g. gbk for files saved by older spreadsheets (default utf-8)`;

const DEFAULT_URL = 'http://127.0.0.1:4000/graphql';

class UsageError extends Error {}
/** A file the command cannot read: not a wrong command line, so without the usage. */
class FileError extends Error {}

function positive(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${name} must be a whole number above 0, not ${raw}`);
  return value;
}

async function readRows(file: string, encoding: string): Promise<SourceRows> {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(await readFile(file));
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`--encoding ${encoding} is unknown`);
    if (error instanceof TypeError) throw new FileError(`${file} is not ${encoding} text: pass its encoding, e.g. --encoding gbk`);
    throw new FileError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return extname(file).toLowerCase() === '.json' ? parseJsonRows(text) : parseCsv(text);
}

/** The command; answers its exit status: 0 done, 1 problems, a refused import or an unreadable file, 2 a wrong command line. */
export async function main(argv: string[], out: Output, err: Output, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        file: { type: 'string' },
        publisher: { type: 'string' },
        token: { type: 'string' },
        url: { type: 'string', default: DEFAULT_URL },
        'dry-run': { type: 'boolean', default: false },
        batch: { type: 'string' },
        encoding: { type: 'string', default: 'utf-8' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) {
      out.write(`${usage}\n`);
      return 0;
    }
    const token = values.token ?? env.IMPORT_TOKEN;
    if (!values.file || !values.publisher || !token) throw new UsageError('--file, --publisher and --token are required');
    const batchSize = positive('--batch', values.batch ?? env.IMPORT_MAX_ROWS ?? '1000');
    // npm runs workspace scripts in the workspace's folder: a relative path is the caller's.
    const file = resolve(env.INIT_CWD ?? process.cwd(), values.file);
    const { rows, problems } = await readRows(file, values.encoding);
    return await runImport({ api: { url: values.url, token }, publisherId: values.publisher, rows, problems, batchSize, dryRun: values['dry-run'] }, out, err);
  } catch (error) {
    if (error instanceof FileError) {
      err.write(`${error.message}\n`);
      return 1;
    }
    const wrongCommandLine = error instanceof UsageError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
    if (!wrongCommandLine) throw error;
    err.write(`${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), process.stdout, process.stderr).then(
    (status) => (process.exitCode = status),
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exitCode = 1;
    },
  );
}
