import { startTestSubgraph } from '@practice/common/testing';
import { ticketsSubgraph } from '../src/subgraph';

describe('migrations', () => {
  it('build exactly the schema the entities describe, with the CHECK constraints the entities cannot express', async () => {
    const server = await startTestSubgraph(ticketsSubgraph, { database: 'mysql' });
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
      expect(checks.map((row: { name: string }) => row.name)).toEqual(['chk_ticket_rating', 'chk_ticket_version']);
    } finally {
      await server.close();
    }
  });
});
