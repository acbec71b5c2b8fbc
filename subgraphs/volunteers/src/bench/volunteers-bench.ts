/**
 * `npm run bench` (volunteers): seeds N demo volunteers into a fresh MySQL database, serves the
 * subgraph on it and prints, for each representative query, its latency (median and slowest of the
 * runs) and the SQL statements it issued: lists, a site's volunteers, the leaderboard, the
 * analysts' figures, and the ranking of candidate volunteers for tickets (`_entities` of Ticket, as the gateway asks). A
 * script, not a test: the figures depend on the machine. 100,000 volunteers in one county is the
 * scale matching must hold at; `--volunteers 20000` gives the figures of the lists as before.
 *
 *   node subgraphs/volunteers/dist/bench/volunteers-bench.js [--volunteers 100000] [--runs 5] [--keep] [--reuse] [--only <text>]
 *
 * DATABASE_URL (default mysql://root@127.0.0.1:3306) names the server; the database is
 * bench_volunteers, dropped first and, unless --keep, afterwards. --reuse measures again on a
 * database a run with --keep left (seeding 100,000 volunteers takes a while), after applying any
 * migration added since. --only measures just the queries whose name contains the text.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Role, dropMysqlDatabase, loadDefinitionConfig, signToken, startSubgraph, addDays, todayInChina } from '@practice/common';
import { Volunteer } from '../volunteer/volunteer.entity';
import { seedDemoVolunteers } from '../demo/seed';
import { volunteersSubgraph } from '../subgraph';
import { benchAnalytics } from './analytics-queries';
import { CANDIDATES_QUERY, benchTickets } from './matching-tickets';

const { values } = parseArgs({
  options: {
    volunteers: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'boolean' },
    reuse: { type: 'boolean' },
    only: { type: 'string' },
  },
});

async function main(): Promise<void> {
  const config = loadDefinitionConfig(volunteersSubgraph, {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306',
    DATABASE_PREFIX: 'bench',
    VOLUNTEERS_PORT: '0',
    DEMO_DATA: 'false',
    MIGRATE_ON_START: 'true',
    LOG_LEVEL: 'warn',
  });
  if (!values.reuse) await dropMysqlDatabase(config.database);
  const running = await startSubgraph(volunteersSubgraph, config);
  try {
    const started = Date.now();
    const seeded = await seedDemoVolunteers(running.dataSource, undefined, config, {
      volunteers: Number(values.volunteers),
      onProgress: ({ volunteers, total, rows }) => process.stderr.write(`\rseeding ${volunteers}/${total} volunteers, ${rows} rows`),
    });
    if (seeded) {
      process.stderr.write('\n');
      process.stdout.write(`seeded ${values.volunteers} volunteers in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    } else {
      process.stdout.write(`measuring on the ${await running.dataSource.getRepository(Volunteer).count()} volunteers already there\n`);
    }
    const token = await signToken(config.auth, 'bench-admin', { role: Role.ADMIN });
    const root = await running.dataSource
      .getRepository(Volunteer)
      .createQueryBuilder('v')
      .select("SUBSTRING_INDEX(SUBSTRING_INDEX(v.home_site_path, '/', 2), '/', -1)", 'id')
      .limit(1)
      .getRawOne<{ id: string }>();
    const today = todayInChina();
    const period = `period: { from: "${addDays(today, -365)}", to: "${today}" }`;
    const queries: [string, string][] = [
      [
        'a page of 50 four- and five-star volunteers with skills and teams',
        `{ volunteers(first: 50, filter: { starLevels: [4, 5] }) { totalCount edges { node { name verifiedHours skills { code } teams { team { name } } } } } }`,
      ],
      [
        '50 volunteers by skill (with descendants) and name text',
        `{ volunteers(first: 50, filter: { skillCodes: ["MEDICAL"], text: "王" }) { totalCount edges { node { name } } } }`,
      ],
      [
        'the center: volunteer count and first page',
        `{ _entities(representations: [{ __typename: "Site", id: "${root?.id}" }]) { ... on Site { volunteerCount volunteers(first: 20) { totalCount edges { node { name } } } } } }`,
      ],
      [
        'the county leaderboard of the last 365 days',
        `{ volunteerLeaderboard(siteId: "${root?.id}", ${period}, first: 20) { rank hours volunteer { name } } }`,
      ],
      ['a page of 100 service records with volunteers', `{ serviceRecords(first: 100) { edges { node { hours volunteer { name starLevel { level } } } } } }`],
      ...benchAnalytics(),
    ];
    const measure = async (name: string, query: string, variables: Record<string, unknown> = {}, bearer = token) => {
      if (values.only && !name.includes(values.only)) return;
      const times: number[] = [];
      let statements = 0;
      for (let run = 0; run < Number(values.runs); run++) {
        const before = running.counter.count;
        const start = performance.now();
        const response = await fetch(running.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as { errors?: unknown[] };
        times.push(performance.now() - start);
        statements = running.counter.count - before;
        if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
      }
      times.sort((a, b) => a - b);
      process.stdout.write(
        `${name}: median ${times[times.length >> 1].toFixed(0)} ms, slowest ${times[times.length - 1].toFixed(0)} ms, ${statements} SQL statements\n`,
      );
    };
    for (const [name, query] of queries) await measure(name, query);
    process.stdout.write('candidate volunteers for tickets (first: 10, with parts, phone, skills and reliability):\n');
    const dispatcher = await signToken(config.auth, 'bench-dispatcher', { role: Role.SITE_MANAGER, sites: [root!.id] });
    for (const { name, representations } of benchTickets()) {
      await measure(`  ${name}`, CANDIDATES_QUERY, { r: representations }, dispatcher);
    }
  } finally {
    await running.close();
    if (!values.keep) await dropMysqlDatabase(config.database);
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
