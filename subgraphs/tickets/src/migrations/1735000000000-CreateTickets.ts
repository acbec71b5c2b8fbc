import { isMysql, outboxEventTable } from '@practice/common';
import { MigrationInterface, QueryRunner, Table, TableCheck, TableColumnOptions, TableIndex } from 'typeorm';

const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const text = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const primary = (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true });
const index = (name: string, columns: string[], unique = false) => new TableIndex({ name, columnNames: columns, isUnique: unique });

/**
 * The tickets with their history, follow-ups, scope rows and code counters, and the outbox of the
 * events they send. CHECK constraints keep ratings and versions in range against any writer.
 */
export class CreateTickets1735000000000 implements MigrationInterface {
  name = 'CreateTickets1735000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = isMysql(queryRunner.connection);
    const moment = (name: string, nullable = false): TableColumnOptions =>
      mysql ? { name, type: 'datetime', precision: 6, isNullable: nullable } : { name, type: 'datetime', isNullable: nullable };
    const updated = (name: string): TableColumnOptions =>
      mysql
        ? { name, type: 'datetime', precision: 6, default: 'CURRENT_TIMESTAMP(6)', onUpdate: 'CURRENT_TIMESTAMP(6)' }
        : { name, type: 'datetime', default: "(datetime('now'))" };
    const checks: Record<string, TableCheck[]> = {
      ticket: [
        new TableCheck({ name: 'chk_ticket_rating', expression: 'rating IS NULL OR (rating >= 1 AND rating <= 5)' }),
        new TableCheck({ name: 'chk_ticket_version', expression: 'version >= 1' }),
      ],
    };
    const create = async (table: Table) => {
      // TypeORM writes no CHECK constraints for MySQL; they are added with plain SQL.
      if (!mysql) table.checks = checks[table.name] ?? [];
      await queryRunner.createTable(table);
      if (mysql) {
        for (const { name, expression } of checks[table.name] ?? []) {
          await queryRunner.query(`ALTER TABLE \`${table.name}\` ADD CONSTRAINT \`${name}\` CHECK (${expression})`);
        }
      }
    };

    await create(
      new Table({
        name: 'ticket',
        columns: [
          primary('id', 36),
          text('code', 24),
          text('kind', 12),
          text('channel', 16),
          text('status', 16),
          text('title', 100),
          text('description', 2000),
          text('category_code', 40, true),
          { name: 'needed_skill_codes', type: 'text' },
          ref('serving_site_id'),
          text('serving_site_path', 400),
          text('serving_region_code', 12),
          ref('resource_id', true),
          ref('resource_publisher_id', true),
          { name: 'form_answers', type: 'text' },
          text('requester_subject', 64, true),
          text('requester_name', 50, true),
          text('requester_phone', 20, true),
          text('submitted_by', 64),
          text('idempotency_key', 64),
          text('submission_hash', 64),
          { name: 'latitude', type: 'double', isNullable: true },
          { name: 'longitude', type: 'double', isNullable: true },
          text('address', 200, true),
          moment('desired_from', true),
          moment('desired_to', true),
          ref('assigned_volunteer_id', true),
          ref('assigned_team_id', true),
          moment('dispatch_due_at'),
          moment('completion_due_at'),
          { name: 'rating', type: 'int', isNullable: true },
          text('rating_comment', 500, true),
          { name: 'participants', type: 'text' },
          ref('duplicate_of_id', true),
          moment('submitted_at'),
          moment('published_at', true),
          moment('dispatched_at', true),
          moment('accepted_at', true),
          moment('started_at', true),
          moment('completed_at', true),
          moment('rated_at', true),
          moment('closed_at', true),
          { name: 'version', type: 'int', default: 1 },
          updated('updated_at'),
        ],
        indices: [
          index('uq_ticket_code', ['code'], true),
          index('uq_ticket_idempotency', ['submitted_by', 'idempotency_key'], true),
          index('ix_ticket_status_dispatch_due', ['status', 'dispatch_due_at']),
          index('ix_ticket_status_completion_due', ['status', 'completion_due_at']),
          index('ix_ticket_region', ['serving_region_code', 'submitted_at']),
          index('ix_ticket_submitted', ['submitted_at']),
          index('ix_ticket_volunteer', ['assigned_volunteer_id', 'status']),
          index('ix_ticket_team', ['assigned_team_id', 'status']),
          index('ix_ticket_requester', ['requester_subject']),
          index('ix_ticket_resource', ['resource_id', 'submitted_at']),
          index('ix_ticket_category', ['category_code']),
        ],
      }),
    );
    await create(
      new Table({
        name: 'ticket_event',
        columns: [
          primary('id', 36),
          ref('ticket_id'),
          { name: 'sequence', type: 'int' },
          text('action', 16),
          text('from_status', 16, true),
          text('to_status', 16),
          text('actor', 64),
          text('actor_role', 20),
          text('note', 500, true),
          moment('at'),
        ],
        indices: [index('uq_ticket_event_sequence', ['ticket_id', 'sequence'], true)],
      }),
    );
    await create(
      new Table({
        name: 'ticket_follow_up',
        columns: [
          primary('id', 36),
          ref('ticket_id'),
          text('note', 1000),
          { name: 'satisfied', type: mysql ? 'tinyint' : 'boolean', isNullable: true },
          text('followed_up_by', 64),
          moment('followed_up_at'),
        ],
        indices: [index('ix_ticket_follow_up_ticket', ['ticket_id', 'id'])],
      }),
    );
    await create(
      new Table({
        name: 'ticket_scope',
        columns: [primary('site_id', 36), primary('ticket_id', 36), text('status', 16)],
        indices: [index('ix_ticket_scope_status', ['site_id', 'status', 'ticket_id'])],
      }),
    );
    await create(new Table({ name: 'ticket_counter', columns: [primary('scope', 16), { name: 'last_number', type: 'int' }] }));
    await queryRunner.createTable(outboxEventTable(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['outbox_event', 'ticket_counter', 'ticket_scope', 'ticket_follow_up', 'ticket_event', 'ticket']) await queryRunner.dropTable(table);
  }
}
