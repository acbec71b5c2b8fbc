#!/usr/bin/env node
/**
 * `npm test`: the unit specs, the integration and end-to-end suites on the embedded database, and
 * the integration suites again on MySQL when a server answers (TEST_MYSQL_URL, default
 * mysql://root@127.0.0.1:3306). With CI=true or REQUIRE_MYSQL=true an unreachable MySQL fails the
 * run instead of skipping it. Extra arguments go to jest.
 */
const { spawnSync } = require('node:child_process');
const { readFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const mysqlUrl = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const required = /^(1|true)$/i.test(process.env.REQUIRE_MYSQL ?? process.env.CI ?? '');

async function mysqlReachable() {
  const mysql = require('mysql2/promise');
  try {
    const connection = await mysql.createConnection({ uri: mysqlUrl, connectTimeout: 3000 });
    await connection.query('SELECT 1');
    await connection.end();
    return true;
  } catch (error) {
    return error.message;
  }
}

async function main() {
  const reachable = await mysqlReachable();
  const projects = ['unit', 'sqlite'];
  if (reachable === true) projects.push('mysql');
  else if (required) {
    console.error(`MySQL is required here (CI or REQUIRE_MYSQL) but ${mysqlUrl} is unreachable: ${reachable}`);
    process.exit(1);
  } else console.log(`\nMySQL at ${mysqlUrl} is unreachable (${reachable}): SKIPPING the MySQL suites.\n`);

  mkdirSync(join(root, 'test-results'), { recursive: true });
  const resultsFile = join(root, 'test-results', 'jest.json');
  const jest = require.resolve('jest/bin/jest');
  const args = [jest, '--selectProjects', ...projects, '--json', '--outputFile', resultsFile, ...process.argv.slice(2)];
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TEST_MYSQL_URL: mysqlUrl } });

  let summary = '';
  try {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    summary = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`;
  } catch {
    summary = '0 passed, 1 failed';
  }
  if (reachable !== true) console.log('MySQL suites skipped: MySQL was unreachable.');
  console.log(`tests: ${summary}`);
  process.exit(run.status ?? 1);
}

main();
