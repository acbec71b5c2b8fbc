import { startTestSubgraph } from '@practice/common/testing';
import { volunteersSubgraph } from '../src/subgraph';

describe('migrations', () => {
  it('build exactly the schema the entities describe, with the CHECK constraints the entities cannot express', async () => {
    const server = await startTestSubgraph(volunteersSubgraph, { database: 'mysql' });
    try {
      const pending = await server.db.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      const tables = await server.db.query(
        'SELECT TABLE_NAME AS name, TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
      );
      for (const table of tables) expect(table.collation).toBe('utf8mb4_unicode_520_ci');
      const checks = await server.db.query(
        "SELECT CONSTRAINT_NAME AS name FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = DATABASE() AND CONSTRAINT_TYPE = 'CHECK' ORDER BY CONSTRAINT_NAME",
      );
      expect(checks.map((row: { name: string }) => row.name)).toEqual([
        'chk_service_month_group_sums',
        'chk_service_month_sums',
        'chk_service_record_hours',
        'chk_volunteer_points_balance',
        'chk_volunteer_reliability_counts',
        'chk_volunteer_verified_hours',
      ]);
      const skills = await server.db.query('SELECT COUNT(*) AS n FROM skill');
      expect(Number(skills[0].n)).toBeGreaterThan(50);
    } finally {
      await server.close();
    }
  });
});
