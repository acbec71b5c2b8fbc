import { startTestSubgraph } from '@practice/common/testing';
import { sitesSubgraph } from '../src/subgraph';

describe('migrations', () => {
  it('build exactly the schema the entities describe (nothing left for synchronize to do)', async () => {
    const server = await startTestSubgraph(sitesSubgraph, { database: 'mysql' });
    try {
      const pending = await server.db.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      const [charset] = await server.db.query(
        'SELECT DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()',
      );
      expect(charset).toEqual({ charset: 'utf8mb4', collation: 'utf8mb4_unicode_520_ci' });
      const tables = await server.db.query(
        'SELECT TABLE_NAME AS name, TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
      );
      for (const table of tables) expect(table.collation).toBe('utf8mb4_unicode_520_ci');
    } finally {
      await server.close();
    }
  });
});
