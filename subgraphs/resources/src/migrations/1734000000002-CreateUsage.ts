import { INBOX_EVENT_COLUMNS } from '@practice/common';
import { MigrationInterface, QueryRunner, Table, TableCheck, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

const text = (name: string, length: number, options: { nullable?: boolean; primary?: boolean } = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: options.nullable ?? false,
  isPrimary: options.primary ?? false,
});

const toResource = (name: string) =>
  new TableForeignKey({
    name,
    columnNames: ['resource_id'],
    referencedTableName: 'resource',
    referencedColumnNames: ['id'],
    onDelete: 'RESTRICT',
    onUpdate: 'RESTRICT',
  });

/**
 * Orders per resource and month from the tickets subgraph's events: the counts, the order of each
 * ticket they follow, and the inbox of applied event ids. A CHECK keeps every count at 0 or more.
 */
export class CreateUsage1734000000002 implements MigrationInterface {
  name = 'CreateUsage1734000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const sqlite = queryRunner.connection.driver.options.type === 'better-sqlite3';
    const updated = (name: string): TableColumnOptions =>
      sqlite
        ? { name, type: 'datetime', default: "(datetime('now'))" }
        : { name, type: 'datetime', precision: 6, default: 'CURRENT_TIMESTAMP(6)', onUpdate: 'CURRENT_TIMESTAMP(6)' };
    const moment = (name: string): TableColumnOptions =>
      sqlite ? { name, type: 'datetime', isNullable: true } : { name, type: 'datetime', precision: 6, isNullable: true };
    const ordersCheck = new TableCheck({ name: 'chk_resource_usage_orders', expression: 'orders >= 0' });

    await queryRunner.createTable(
      new Table({
        name: 'resource_usage',
        columns: [
          text('resource_id', 36, { primary: true }),
          text('period', 7, { primary: true }),
          { name: 'orders', type: 'int', default: 0 },
          updated('updated_at'),
        ],
        foreignKeys: [toResource('fk_resource_usage_resource')],
        // TypeORM writes no CHECK constraints for MySQL: added below with plain SQL.
        checks: sqlite ? [ordersCheck] : [],
      }),
    );
    if (!sqlite) await queryRunner.query(`ALTER TABLE \`resource_usage\` ADD CONSTRAINT \`${ordersCheck.name}\` CHECK (${ordersCheck.expression})`);

    await queryRunner.createTable(
      new Table({
        name: 'ticket_order',
        columns: [
          text('ticket_id', 64, { primary: true }),
          text('resource_id', 36),
          text('period', 7),
          text('status', 12),
          text('source', 32),
          moment('ordered_at'),
          moment('cancelled_at'),
        ],
        indices: [new TableIndex({ name: 'ix_ticket_order_resource', columnNames: ['resource_id', 'period'] })],
        foreignKeys: [toResource('fk_ticket_order_resource')],
      }),
    );

    await queryRunner.createTable(
      new Table({ name: 'inbox_event', columns: sqlite ? INBOX_EVENT_COLUMNS.map((column) => ({ ...column, precision: undefined })) : INBOX_EVENT_COLUMNS }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['inbox_event', 'ticket_order', 'resource_usage']) await queryRunner.dropTable(table);
  }
}
