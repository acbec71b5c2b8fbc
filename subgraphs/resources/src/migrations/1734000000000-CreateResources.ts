import { MigrationInterface, QueryRunner, Table, TableCheck, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: name === 'id' });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const text = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const int = (name: string, options: { nullable?: boolean; default?: number } = {}): TableColumnOptions => ({
  name,
  type: 'int',
  isNullable: options.nullable ?? false,
  default: options.default,
});
const primary = (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true });

function foreignKey(name: string, column: string, table: string, onDelete = 'RESTRICT'): TableForeignKey {
  return new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete, onUpdate: 'RESTRICT' });
}
const index = (name: string, columns: string[], unique = false) => new TableIndex({ name, columnNames: columns, isUnique: unique });

/**
 * The taxonomy, the resources with their facets, service areas and audit, and the monthly menus.
 * CHECK constraints keep quotas, capacities and editions in range against any writer.
 */
export class CreateResources1734000000000 implements MigrationInterface {
  name = 'CreateResources1734000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const sqlite = queryRunner.connection.driver.options.type === 'better-sqlite3';
    const created = (name: string): TableColumnOptions =>
      sqlite ? { name, type: 'datetime', default: "(datetime('now'))" } : { name, type: 'datetime', precision: 6, default: 'CURRENT_TIMESTAMP(6)' };
    const updated = (name: string): TableColumnOptions =>
      sqlite
        ? { name, type: 'datetime', default: "(datetime('now'))" }
        : { name, type: 'datetime', precision: 6, default: 'CURRENT_TIMESTAMP(6)', onUpdate: 'CURRENT_TIMESTAMP(6)' };
    const moment = (name: string, nullable = false): TableColumnOptions =>
      sqlite ? { name, type: 'datetime', isNullable: nullable } : { name, type: 'datetime', precision: 6, isNullable: nullable };
    const json = (name: string): TableColumnOptions => ({ name, type: 'text' });
    const checks = new Map<string, TableCheck[]>();
    const check = (table: string, name: string, expression: string) => checks.set(table, [...(checks.get(table) ?? []), new TableCheck({ name, expression })]);
    check('resource', 'chk_resource_capacity', 'capacity_per_month IS NULL OR capacity_per_month > 0');
    check('resource', 'chk_resource_lead_time', 'lead_time_days >= 0');
    check('menu', 'chk_menu_edition', 'edition >= 1');
    check('menu_item', 'chk_menu_item_quota', 'quota > 0');
    const create = async (table: Table) => {
      // TypeORM writes no CHECK constraints for MySQL; they are added below with plain SQL.
      if (sqlite) table.checks = checks.get(table.name) ?? [];
      await queryRunner.createTable(table);
      if (!sqlite) {
        for (const { name, expression } of checks.get(table.name) ?? []) {
          await queryRunner.query(`ALTER TABLE \`${table.name}\` ADD CONSTRAINT \`${name}\` CHECK (${expression})`);
        }
      }
    };

    await create(
      new Table({
        name: 'category',
        columns: [
          id(),
          text('code', 40),
          text('name', 50),
          ref('parent_id', true),
          text('path', 400),
          text('region_code', 12, true),
          int('sort_order', { default: 0 }),
          text('created_by', 64),
          created('created_at'),
        ],
        indices: [index('uq_category_code', ['code'], true), index('ix_category_parent', ['parent_id']), index('ix_category_path', ['path'])],
        foreignKeys: [foreignKey('fk_category_parent', 'parent_id', 'category')],
      }),
    );
    await create(
      new Table({
        name: 'resource',
        columns: [
          id(),
          ref('publisher_id'),
          text('publisher_kind', 20),
          text('publisher_path', 400),
          text('publisher_region_code', 12),
          text('kind', 16),
          text('title', 100),
          text('description', 2000),
          int('capacity_per_month', { nullable: true }),
          int('lead_time_days', { default: 0 }),
          json('schedule'),
          json('order_form'),
          text('contact_name', 50, true),
          text('contact_phone', 20, true),
          text('status', 16),
          text('external_key', 64, true),
          int('version', { default: 1 }),
          text('created_by', 64),
          created('created_at'),
          updated('updated_at'),
          moment('published_at', true),
        ],
        indices: [
          index('uq_resource_external_key', ['publisher_id', 'external_key'], true),
          index('ix_resource_publisher', ['publisher_id', 'status']),
          index('ix_resource_status_kind', ['status', 'kind']),
          index('ix_resource_region', ['publisher_region_code']),
          index('ix_resource_publisher_path', ['publisher_path']),
        ],
      }),
    );
    await create(
      new Table({
        name: 'resource_facet',
        columns: [primary('resource_id', 36), primary('facet', 16), primary('value', 40)],
        indices: [index('ix_resource_facet_value', ['facet', 'value', 'resource_id'])],
        foreignKeys: [foreignKey('fk_resource_facet_resource', 'resource_id', 'resource', 'CASCADE')],
      }),
    );
    await create(
      new Table({
        name: 'resource_area',
        columns: [primary('resource_id', 36), primary('kind', 8), primary('value', 36)],
        indices: [index('ix_resource_area_value', ['kind', 'value', 'resource_id'])],
        foreignKeys: [foreignKey('fk_resource_area_resource', 'resource_id', 'resource', 'CASCADE')],
      }),
    );
    await create(
      new Table({
        name: 'resource_change',
        columns: [id(), ref('resource_id'), text('action', 16), text('actor', 64), text('actor_role', 20), json('changes'), created('changed_at')],
        indices: [index('ix_resource_change_resource', ['resource_id', 'id'])],
        foreignKeys: [foreignKey('fk_resource_change_resource', 'resource_id', 'resource')],
      }),
    );
    await create(
      new Table({
        name: 'menu',
        columns: [
          id(),
          ref('publisher_id'),
          text('publisher_kind', 20),
          text('publisher_path', 400),
          text('publisher_region_code', 12),
          text('level', 20),
          text('period', 7),
          int('edition'),
          text('status', 12),
          text('title', 100),
          text('notes', 1000, true),
          ref('supersedes_id', true),
          text('draft_slot', 48, true),
          text('live_slot', 48, true),
          text('created_by', 64),
          created('created_at'),
          text('updated_by', 64, true),
          updated('updated_at'),
          int('version', { default: 1 }),
          text('published_by', 64, true),
          moment('published_at', true),
          text('closed_by', 64, true),
          moment('closed_at', true),
        ],
        indices: [
          index('uq_menu_edition', ['publisher_id', 'period', 'edition'], true),
          index('uq_menu_draft_slot', ['draft_slot'], true),
          index('uq_menu_live_slot', ['live_slot'], true),
          index('ix_menu_period_status', ['period', 'status', 'publisher_kind']),
          index('ix_menu_publisher_path', ['publisher_path']),
        ],
        foreignKeys: [foreignKey('fk_menu_supersedes', 'supersedes_id', 'menu')],
      }),
    );
    await create(
      new Table({
        name: 'menu_item',
        columns: [primary('menu_id', 36), primary('resource_id', 36), int('quota'), int('position'), text('note', 200, true)],
        indices: [index('ix_menu_item_resource', ['resource_id'])],
        foreignKeys: [foreignKey('fk_menu_item_menu', 'menu_id', 'menu', 'CASCADE'), foreignKey('fk_menu_item_resource', 'resource_id', 'resource')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['menu_item', 'menu', 'resource_change', 'resource_area', 'resource_facet', 'resource', 'category']) {
      await queryRunner.dropTable(table);
    }
  }
}
