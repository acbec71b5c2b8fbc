import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Entities from raw rows whose columns are named `<prefix><database column name>`. */
export function hydrate<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, rows: Record<string, unknown>[], prefix = ''): T[] {
  const metadata = db.getMetadata(entity);
  return rows.map((raw) => {
    const instance = metadata.create() as T;
    for (const column of metadata.columns) {
      const value = raw[`${prefix}${column.databaseName}`];
      if (value !== undefined) column.setEntityValue(instance, db.driver.prepareHydratedValue(value, column));
    }
    return instance;
  });
}

/**
 * The first `limit` rows of each group of a query, in one statement (a window function; MySQL 8,
 * MariaDB 10.2 and SQLite 3.25 have them): a page of children for every parent of a list, without
 * one query per parent. `query` selects the entity under `alias`; `partitionBy` (the group key) and
 * `orderBy` are SQL over the query's aliases. Answers the rows of each key, in order.
 */
export async function firstRowsPerGroup<T extends ObjectLiteral>(
  db: DataSource,
  query: SelectQueryBuilder<T>,
  options: { alias: string; partitionBy: string; orderBy: string; limit: number },
): Promise<Map<string, T[]>> {
  const [sql, parameters] = query
    .addSelect(options.partitionBy, 'group_key')
    .addSelect(`ROW_NUMBER() OVER (PARTITION BY ${options.partitionBy} ORDER BY ${options.orderBy})`, 'row_in_group')
    .getQueryAndParameters();
  const rows: Record<string, unknown>[] = await db.query(`SELECT * FROM (${sql}) grouped WHERE grouped.row_in_group <= ? ORDER BY grouped.row_in_group`, [
    ...parameters,
    options.limit,
  ]);
  const entities = hydrate(db, query.expressionMap.mainAlias!.target as EntityTarget<T>, rows, `${options.alias}_`);
  const groups = new Map<string, T[]>();
  rows.forEach((row, index) => {
    const key = String(row.group_key);
    const group = groups.get(key);
    if (group) group.push(entities[index]);
    else groups.set(key, [entities[index]]);
  });
  return groups;
}
