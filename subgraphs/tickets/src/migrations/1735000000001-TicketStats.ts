import { isMysql } from '@practice/common';
import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * What ticketStats reads, in the order of its ranges (region prefix, then submission time) and then
 * every column it groups, filters or measures by: a county's year is read from this index alone,
 * never from the wide ticket rows (see the README, "Analytics"). Its first two columns are those of
 * `ix_ticket_region`, which it replaces.
 */
export const STATS_INDEX_COLUMNS = [
  'serving_region_code',
  'submitted_at',
  'status',
  'channel',
  'kind',
  'category_code',
  'serving_site_id',
  'first_dispatched_at',
  'completed_at',
  'rating',
  'dispatch_due_at',
  'completion_due_at',
  'resource_publisher_id',
];

/**
 * Sets `first_dispatched_at` of tickets without one from their history: the first DISPATCH or CLAIM.
 * `updated_at = updated_at` keeps MySQL from stamping every ticket as changed now.
 */
export function fillFirstDispatches(db: { query(sql: string): Promise<unknown> }): Promise<unknown> {
  return db.query(
    `UPDATE ticket SET updated_at = updated_at,
       first_dispatched_at = (SELECT MIN(e.at) FROM ticket_event e WHERE e.ticket_id = ticket.id AND e.action IN ('DISPATCH', 'CLAIM'))
     WHERE first_dispatched_at IS NULL AND (dispatched_at IS NOT NULL OR accepted_at IS NOT NULL)`,
  );
}

/**
 * For ticketStats: `first_dispatched_at`, the first dispatch or claim, which `dispatched_at` (moved by
 * every redispatch, and kept through a decline) cannot tell, filled for existing tickets from their
 * history; and the covering index of the statistics.
 */
export class TicketStats1735000000001 implements MigrationInterface {
  name = 'TicketStats1735000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = isMysql(queryRunner.connection);
    await queryRunner.query(`ALTER TABLE ticket ADD COLUMN first_dispatched_at ${mysql ? 'datetime(6)' : 'datetime'} NULL`);
    await fillFirstDispatches(queryRunner);
    await queryRunner.dropIndex('ticket', 'ix_ticket_region');
    await queryRunner.createIndex('ticket', new TableIndex({ name: 'ix_ticket_stats', columnNames: STATS_INDEX_COLUMNS }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('ticket', 'ix_ticket_stats');
    await queryRunner.createIndex('ticket', new TableIndex({ name: 'ix_ticket_region', columnNames: ['serving_region_code', 'submitted_at'] }));
    await queryRunner.query('ALTER TABLE ticket DROP COLUMN first_dispatched_at');
  }
}
