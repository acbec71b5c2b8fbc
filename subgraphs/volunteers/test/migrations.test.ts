import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseConfig, StatementCounter, dropMysqlDatabase, openDataSource, uuidv7 } from '@practice/common';
import { testDatabaseConfig } from '@practice/common/testing';
import type { DataSource } from 'typeorm';
import { CreateVolunteers1733000000000 } from '../src/migrations/1733000000000-CreateVolunteers';
import { SeedSkills1733000000001 } from '../src/migrations/1733000000001-SeedSkills';
import { MatchingAndReliability1733000000002 } from '../src/migrations/1733000000002-MatchingAndReliability';
import { ServiceHourIndexes1733000000003 } from '../src/migrations/1733000000003-ServiceHourIndexes';
import { serviceMonthGroupRows, serviceMonthGroupsOfMonths, serviceMonthRows, serviceMonthsOfRecords } from '../src/service-record/service-month';
import { volunteersSubgraph } from '../src/subgraph';

/**
 * A database written before matching existed takes the new migrations with every row kept (on
 * SQLite too, where rebuilding the volunteer table would have cascaded to the rows that refer to
 * it), and gives them back.
 */
let database: DatabaseConfig;
let folder: string | undefined;

beforeAll(() => {
  database = testDatabaseConfig('volunteers');
  if (database.kind === 'sqlite') {
    folder = mkdtempSync(join(tmpdir(), 'volunteers-migration-'));
    database = { ...database, location: join(folder, 'volunteers.sqlite') };
  }
});
afterAll(async () => {
  await dropMysqlDatabase(database);
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const open = (migrations: unknown[]): Promise<DataSource> =>
  // A counter without a logger keeps the expected CHECK failure out of the test output.
  openDataSource({
    database: { ...database, migrateOnStart: true },
    entities: volunteersSubgraph.entities,
    migrations: migrations as never,
    migrate: true,
    counter: new StatementCounter(),
  });

it('adds the home location and the reliability tables to a database with volunteers, keeping their rows', async () => {
  const before = await open([CreateVolunteers1733000000000, SeedSkills1733000000001]);
  const id = uuidv7();
  try {
    await before.query(
      `INSERT INTO volunteer (id, name, gender, birth_year, phone, id_number_sealed, id_number_index, home_site_id, home_site_path, home_region_code, status, registered_on)
       VALUES (?, '旧志愿者', 'FEMALE', 1980, '13900000001', 'sealed', 'index-1', 'site-1', '/root/site-1/', '320581101001', 'ACTIVE', '2025-01-01')`,
      [id],
    );
    const [skill] = await before.query(`SELECT id FROM skill WHERE code = 'MEDICAL'`);
    await before.query(`INSERT INTO volunteer_skill (volunteer_id, skill_id) VALUES (?, ?)`, [id, skill.id]);
    await before.query(`INSERT INTO volunteer_scope (site_id, volunteer_id) VALUES ('root', ?), ('site-1', ?)`, [id, id]);
  } finally {
    await before.destroy();
  }

  const after = await open(volunteersSubgraph.migrations as unknown[]);
  try {
    const [volunteer] = await after.query(`SELECT name, home_latitude, home_longitude FROM volunteer WHERE id = ?`, [id]);
    expect(volunteer).toEqual({ name: '旧志愿者', home_latitude: null, home_longitude: null });
    expect(await after.query(`SELECT COUNT(*) AS n FROM volunteer_skill WHERE volunteer_id = ?`, [id])).toEqual([{ n: 1 }]);
    expect(await after.query(`SELECT COUNT(*) AS n FROM volunteer_scope WHERE volunteer_id = ?`, [id])).toEqual([{ n: 2 }]);
    await after.query(`INSERT INTO volunteer_reliability (volunteer_id, accepted, open_assignments) VALUES (?, 1, 1)`, [id]);
    await expect(after.query(`UPDATE volunteer_reliability SET open_assignments = -1 WHERE volunteer_id = ?`, [id])).rejects.toThrow();

    // The monthly sums and the service-hour indexes first, then matching's columns and tables.
    await after.undoLastMigration({ transaction: 'each' });
    await after.undoLastMigration({ transaction: 'each' });
    await after.undoLastMigration({ transaction: 'each' });
    const columns = await after.query(`SELECT * FROM volunteer WHERE id = ?`, [id]);
    expect(columns[0]).not.toHaveProperty('home_latitude');
    expect(await after.query(`SELECT COUNT(*) AS n FROM volunteer_skill WHERE volunteer_id = ?`, [id])).toEqual([{ n: 1 }]);
  } finally {
    await after.destroy();
  }
});

it('replaces the service-record indexes by covering ones, keeping the records, and gives the old ones back', async () => {
  const before = await open([CreateVolunteers1733000000000, SeedSkills1733000000001, MatchingAndReliability1733000000002]);
  const volunteer = uuidv7();
  try {
    await before.query(
      `INSERT INTO volunteer (id, name, gender, birth_year, phone, id_number_sealed, id_number_index, home_site_id, home_site_path, home_region_code, status, registered_on)
       VALUES (?, '记录志愿者', 'MALE', 1990, '13900000002', 'sealed', 'index-2', 'site-1', '/root/site-1/', '320581101001', 'ACTIVE', '2025-01-01')`,
      [volunteer],
    );
    await before.query(
      `INSERT INTO service_record (id, volunteer_id, site_id, site_path, region_code, served_on, hours_hundredths, content, source_type, source_reference, status, recorded_by)
       VALUES (?, ?, 'site-1', '/root/site-1/', '320581101001', '2025-03-01', 250, '志愿服务', 'MANUAL', 'm-1', 'VERIFIED', 'test')`,
      [uuidv7(), volunteer],
    );
  } finally {
    await before.destroy();
  }

  const indexes = async (db: DataSource) => {
    const runner = db.createQueryRunner();
    try {
      return (await runner.getTable('service_record'))!.indices.map((index) => index.name).sort();
    } finally {
      await runner.release();
    }
  };
  const after = await open(volunteersSubgraph.migrations as unknown[]);
  try {
    expect(await indexes(after)).toEqual(
      expect.arrayContaining(['ix_service_record_day', 'ix_service_record_stats', 'ix_service_record_volunteer_hours', 'uq_service_record_source']),
    );
    expect(await indexes(after)).not.toEqual(expect.arrayContaining(['ix_service_record_status_day']));
    expect(await after.query('SELECT hours_hundredths FROM service_record WHERE volunteer_id = ?', [volunteer])).toEqual([{ hours_hundredths: 250 }]);
    // The monthly sums first.
    await after.undoLastMigration({ transaction: 'each' });
    await after.undoLastMigration({ transaction: 'each' });
    expect(await indexes(after)).toEqual(expect.arrayContaining(['ix_service_record_status_day', 'ix_service_record_volunteer_day']));
    expect(await indexes(after)).not.toEqual(expect.arrayContaining(['ix_service_record_stats']));
  } finally {
    await after.destroy();
  }
});

it('sums the records already there per volunteer, month, county and status, and drops the sums again', async () => {
  const before = await open([CreateVolunteers1733000000000, SeedSkills1733000000001, MatchingAndReliability1733000000002, ServiceHourIndexes1733000000003]);
  const [first, second] = [uuidv7(), uuidv7()].sort();
  try {
    for (const [id, index, verified] of [
      [first, 3, 750],
      [second, 4, 400],
    ] as const) {
      await before.query(
        `INSERT INTO volunteer (id, name, gender, birth_year, phone, id_number_sealed, id_number_index, home_site_id, home_site_path, home_region_code, status, registered_on, verified_hundredths)
         VALUES (?, '汇总志愿者', 'MALE', 1990, ?, 'sealed', ?, 'site-1', '/root/site-1/', '320581101001', 'ACTIVE', '2025-01-01', ?)`,
        [id, `1390000000${index}`, `index-${index}`, verified],
      );
    }
    const record = (volunteer: string, region: string, servedOn: string, hundredths: number, status: string, reference: string) =>
      before.query(
        `INSERT INTO service_record (id, volunteer_id, site_id, site_path, region_code, served_on, hours_hundredths, content, source_type, source_reference, status, recorded_by)
         VALUES (?, ?, 'site-1', '/root/site-1/', ?, ?, ?, '志愿服务', 'MANUAL', ?, ?, 'test')`,
        [uuidv7(), volunteer, region, servedOn, hundredths, reference, status],
      );
    await record(first, '320581101001', '2025-03-01', 250, 'VERIFIED', 'm-1');
    await record(first, '320581102003', '2025-03-31', 500, 'VERIFIED', 'm-2');
    await record(first, '320582001001', '2025-03-15', 100, 'VERIFIED', 'm-3');
    await record(first, '320581101001', '2025-04-01', 200, 'PENDING', 'm-4');
    await record(second, '320581101001', '2025-03-02', 400, 'VERIFIED', 'm-5');
    await record(second, '320581101001', '2025-03-03', 300, 'REJECTED', 'm-6');
  } finally {
    await before.destroy();
  }

  const after = await open(volunteersSubgraph.migrations as unknown[]);
  try {
    // The other tests' volunteers share the database.
    const rows = await serviceMonthRows(after);
    expect(rows.filter((row) => row.volunteer_id === first || row.volunteer_id === second)).toEqual([
      { volunteer_id: first, month: '2025-03', county_code: '320581', status: 'VERIFIED', hours_hundredths: 750, record_count: 2, volunteer_hundredths: 750 },
      { volunteer_id: first, month: '2025-03', county_code: '320582', status: 'VERIFIED', hours_hundredths: 100, record_count: 1, volunteer_hundredths: 750 },
      { volunteer_id: first, month: '2025-04', county_code: '320581', status: 'PENDING', hours_hundredths: 200, record_count: 1, volunteer_hundredths: 750 },
      { volunteer_id: second, month: '2025-03', county_code: '320581', status: 'REJECTED', hours_hundredths: 300, record_count: 1, volunteer_hundredths: 400 },
      { volunteer_id: second, month: '2025-03', county_code: '320581', status: 'VERIFIED', hours_hundredths: 400, record_count: 1, volunteer_hundredths: 400 },
    ]);
    expect(rows).toEqual(await serviceMonthsOfRecords(after));
    expect(await serviceMonthGroupRows(after)).toEqual(await serviceMonthGroupsOfMonths(after));
    expect((await serviceMonthGroupRows(after)).filter((group) => group.month === '2025-03' && group.county_code === '320581')).toEqual(
      expect.arrayContaining([
        { status: 'VERIFIED', month: '2025-03', county_code: '320581', volunteer_hundredths: 750, volunteer_count: 1, hours_hundredths: 750, record_count: 2 },
        { status: 'VERIFIED', month: '2025-03', county_code: '320581', volunteer_hundredths: 400, volunteer_count: 1, hours_hundredths: 400, record_count: 1 },
      ]),
    );
    await expect(after.query(`UPDATE service_month SET record_count = -1 WHERE volunteer_id = ?`, [first])).rejects.toThrow();

    await after.undoLastMigration({ transaction: 'each' });
    const runner = after.createQueryRunner();
    try {
      expect(await runner.hasTable('service_month')).toBe(false);
      expect(await runner.hasTable('service_month_group')).toBe(false);
    } finally {
      await runner.release();
    }
    expect(await after.query('SELECT COUNT(*) AS n FROM service_record WHERE volunteer_id IN (?, ?)', [first, second])).toEqual([{ n: 6 }]);
  } finally {
    await after.destroy();
  }
});
