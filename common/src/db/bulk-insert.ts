import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** SQLite binds at most 32766 parameters per statement; MySQL more, but its packets have a size limit too. */
export const MAX_PARAMETERS = 32_000;
const MAX_ROWS_PER_STATEMENT = 2_000;

/**
 * Multi-row INSERTs built from the entity metadata, values converted by the driver as TypeORM's own
 * insert would. Not the query builder: it costs several times more per row, which 8 million rows
 * (100,000 volunteers) make felt. Rows name the entity's properties; a column the first row leaves
 * undefined is left to its default in every row.
 */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: readonly T[]): Promise<number> {
  if (!rows.length) return 0;
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(entity);
  const columns = metadata.columns.filter((column) => rows[0][column.propertyName] !== undefined);
  const head = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((column) => driver.escape(column.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns.length)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    for (const row of batch) for (const column of columns) parameters.push(driver.preparePersistentValue(row[column.propertyName], column));
    await manager.query(head + new Array(batch.length).fill(tuple).join(', '), parameters);
  }
  return rows.length;
}
