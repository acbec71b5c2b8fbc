import { INBOX_EVENT_COLUMNS } from '@practice/common';
import { MigrationInterface, QueryRunner, Table, TableCheck, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: name === 'id' });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const text = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const primary = (name: string, type = 'varchar', length = '36'): TableColumnOptions => ({
  name,
  type,
  length: type === 'varchar' ? length : undefined,
  isPrimary: true,
});

function foreignKey(name: string, column: string, table: string, onDelete = 'RESTRICT'): TableForeignKey {
  return new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete, onUpdate: 'RESTRICT' });
}
const index = (name: string, columns: string[], unique = false) => new TableIndex({ name, columnNames: columns, isUnique: unique });

/**
 * Volunteers, their profiles, teams, organizations, service records and the points ledger, and the
 * inbox of events from other subgraphs. CHECK constraints keep the points balance and the hours of a
 * record in range even against a faulty writer (MySQL 8.0.16+ and MariaDB enforce them).
 */
export class CreateVolunteers1733000000000 implements MigrationInterface {
  name = 'CreateVolunteers1733000000000';

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
    const checks = new Map<string, TableCheck[]>();
    const check = (table: string, name: string, expression: string) => checks.set(table, [...(checks.get(table) ?? []), new TableCheck({ name, expression })]);
    check('volunteer', 'chk_volunteer_points_balance', 'points_balance >= 0');
    check('volunteer', 'chk_volunteer_verified_hours', 'verified_hundredths >= 0');
    check('service_record', 'chk_service_record_hours', 'hours_hundredths > 0 AND hours_hundredths <= 2400');
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
        name: 'skill',
        columns: [id(), text('code', 40), text('name', 50), ref('parent_id', true), text('path', 400)],
        indices: [index('uq_skill_code', ['code'], true), index('ix_skill_parent', ['parent_id']), index('ix_skill_path', ['path'])],
        foreignKeys: [foreignKey('fk_skill_parent', 'parent_id', 'skill')],
      }),
    );
    await create(
      new Table({
        name: 'volunteer',
        columns: [
          id(),
          text('account_subject', 64, true),
          text('name', 50),
          text('gender', 8),
          { name: 'birth_year', type: 'smallint' },
          text('phone', 20),
          text('id_number_sealed', 120),
          text('id_number_index', 64),
          ref('home_site_id'),
          text('home_site_path', 400),
          text('home_region_code', 12),
          text('status', 16),
          { name: 'registered_on', type: 'date' },
          { name: 'verified_hundredths', type: 'int', default: 0 },
          { name: 'points_balance', type: 'int', default: 0 },
          created('created_at'),
          updated('updated_at'),
        ],
        indices: [
          index('uq_volunteer_account', ['account_subject'], true),
          index('uq_volunteer_phone', ['phone'], true),
          index('uq_volunteer_id_number', ['id_number_index'], true),
          index('ix_volunteer_region', ['home_region_code']),
          index('ix_volunteer_status_hours', ['status', 'verified_hundredths']),
          index('ix_volunteer_name', ['name']),
        ],
      }),
    );
    await create(
      new Table({
        name: 'volunteer_skill',
        columns: [primary('volunteer_id'), primary('skill_id')],
        indices: [index('ix_volunteer_skill_skill', ['skill_id', 'volunteer_id'])],
        foreignKeys: [
          foreignKey('fk_volunteer_skill_volunteer', 'volunteer_id', 'volunteer', 'CASCADE'),
          foreignKey('fk_volunteer_skill_skill', 'skill_id', 'skill'),
        ],
      }),
    );
    await create(
      new Table({
        name: 'volunteer_category',
        columns: [primary('volunteer_id'), primary('category_code', 'varchar', '40')],
        indices: [index('ix_volunteer_category_code', ['category_code', 'volunteer_id'])],
        foreignKeys: [foreignKey('fk_volunteer_category_volunteer', 'volunteer_id', 'volunteer', 'CASCADE')],
      }),
    );
    await create(
      new Table({
        name: 'volunteer_service_area',
        columns: [primary('volunteer_id'), primary('kind', 'varchar', '8'), primary('value')],
        indices: [index('ix_service_area_value', ['kind', 'value'])],
        foreignKeys: [foreignKey('fk_service_area_volunteer', 'volunteer_id', 'volunteer', 'CASCADE')],
      }),
    );
    await create(
      new Table({
        name: 'volunteer_availability',
        columns: [primary('volunteer_id'), primary('day_of_week', 'smallint'), primary('starts_minute', 'smallint'), { name: 'ends_minute', type: 'smallint' }],
        foreignKeys: [foreignKey('fk_availability_volunteer', 'volunteer_id', 'volunteer', 'CASCADE')],
      }),
    );
    await create(
      new Table({
        name: 'volunteer_scope',
        columns: [primary('site_id'), primary('volunteer_id')],
        indices: [index('ix_volunteer_scope_volunteer', ['volunteer_id'])],
        foreignKeys: [foreignKey('fk_volunteer_scope_volunteer', 'volunteer_id', 'volunteer', 'CASCADE')],
      }),
    );
    await create(
      new Table({
        name: 'volunteer_status_change',
        columns: [
          id(),
          ref('volunteer_id'),
          text('from_status', 16, true),
          text('to_status', 16),
          text('reason', 200, true),
          text('changed_by', 64),
          moment('changed_at'),
        ],
        indices: [index('ix_status_change_volunteer', ['volunteer_id', 'changed_at'])],
        foreignKeys: [foreignKey('fk_status_change_volunteer', 'volunteer_id', 'volunteer', 'CASCADE')],
      }),
    );
    await create(
      new Table({
        name: 'organization',
        columns: [
          id(),
          text('name', 100),
          text('credit_code', 18),
          ref('site_id'),
          text('site_path', 400),
          text('region_code', 12),
          text('contact_name', 50, true),
          text('contact_phone', 20, true),
          text('status', 16),
          text('created_by', 64),
          created('created_at'),
          updated('updated_at'),
        ],
        indices: [
          index('uq_organization_credit_code', ['credit_code'], true),
          index('ix_organization_region', ['region_code']),
          index('ix_organization_site_path', ['site_path']),
        ],
      }),
    );
    await create(
      new Table({
        name: 'team',
        columns: [
          id(),
          text('name', 100),
          text('level', 16),
          ref('parent_id', true),
          ref('site_id'),
          text('site_path', 400),
          text('region_code', 12),
          ref('specialty_skill_id', true),
          text('description', 500, true),
          ref('leader_id', true),
          ref('organization_id', true),
          text('status', 16),
          text('created_by', 64),
          created('created_at'),
          updated('updated_at'),
        ],
        indices: [
          index('uq_team_site_name', ['site_id', 'name'], true),
          index('ix_team_region', ['region_code']),
          index('ix_team_parent', ['parent_id']),
          index('ix_team_site_path', ['site_path']),
          index('ix_team_organization', ['organization_id']),
        ],
        foreignKeys: [
          foreignKey('fk_team_parent', 'parent_id', 'team'),
          foreignKey('fk_team_specialty', 'specialty_skill_id', 'skill'),
          foreignKey('fk_team_leader', 'leader_id', 'volunteer'),
          foreignKey('fk_team_organization', 'organization_id', 'organization'),
        ],
      }),
    );
    await create(
      new Table({
        name: 'team_member',
        columns: [primary('team_id'), primary('volunteer_id'), text('role', 16), { name: 'joined_on', type: 'date' }, text('added_by', 64)],
        indices: [index('ix_team_member_volunteer', ['volunteer_id'])],
        foreignKeys: [foreignKey('fk_team_member_team', 'team_id', 'team'), foreignKey('fk_team_member_volunteer', 'volunteer_id', 'volunteer')],
      }),
    );
    await create(
      new Table({
        name: 'service_record',
        columns: [
          id(),
          ref('volunteer_id'),
          ref('site_id'),
          text('site_path', 400),
          text('region_code', 12),
          { name: 'served_on', type: 'date' },
          { name: 'hours_hundredths', type: 'int' },
          text('content', 200),
          text('source_type', 16),
          text('source_reference', 64),
          text('status', 16),
          text('recorded_by', 64),
          created('recorded_at'),
          text('reviewed_by', 64, true),
          moment('reviewed_at', true),
          text('rejection_reason', 200, true),
        ],
        indices: [
          index('uq_service_record_source', ['volunteer_id', 'source_type', 'source_reference'], true),
          index('ix_service_record_volunteer_day', ['volunteer_id', 'served_on']),
          index('ix_service_record_status_day', ['status', 'served_on']),
        ],
        foreignKeys: [foreignKey('fk_service_record_volunteer', 'volunteer_id', 'volunteer')],
      }),
    );
    await create(
      new Table({
        name: 'points_entry',
        columns: [
          id(),
          ref('volunteer_id'),
          text('kind', 16),
          { name: 'points', type: 'int' },
          { name: 'balance_after', type: 'int' },
          text('reason', 200, true),
          ref('service_record_id', true),
          text('request_key', 64, true),
          text('created_by', 64),
          created('created_at'),
        ],
        indices: [
          index('ix_points_entry_volunteer', ['volunteer_id', 'id']),
          index('uq_points_entry_request', ['volunteer_id', 'request_key'], true),
          index('uq_points_entry_record', ['service_record_id'], true),
        ],
        foreignKeys: [
          foreignKey('fk_points_entry_volunteer', 'volunteer_id', 'volunteer'),
          foreignKey('fk_points_entry_record', 'service_record_id', 'service_record'),
        ],
      }),
    );
    await create(new Table({ name: 'inbox_event', columns: sqlite ? INBOX_EVENT_COLUMNS.map((c) => ({ ...c, precision: undefined })) : INBOX_EVENT_COLUMNS }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'inbox_event',
      'points_entry',
      'service_record',
      'team_member',
      'team',
      'organization',
      'volunteer_status_change',
      'volunteer_scope',
      'volunteer_availability',
      'volunteer_service_area',
      'volunteer_category',
      'volunteer_skill',
      'volunteer',
      'skill',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
