import { Column, Entity, Index, PrimaryColumn, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { isMysql } from '../db/dialect';

const DUE_INDEX = 'ix_outbox_event_due';
/**
 * Pending rows (both NULL) come first, by destination in id order: a claim reads them in delivery
 * order and stops at its batch, reading past only those that wait out a backoff. With the time due
 * in the index instead, the due rows would need sorting, and MySQL prefers to walk the primary key
 * through every delivered row.
 */
const DUE_COLUMNS = ['delivered_at', 'failed_at', 'destination', 'id'];

/**
 * An event a subgraph owes another, written in the transaction of the change it reports, so the
 * change and the promise to tell commit together; the dispatcher delivers it afterwards, at least
 * once, until the consumer applies it (`delivered_at`) or rejects it for good (`failed_at`).
 */
@Entity('outbox_event')
@Index(DUE_INDEX, ['deliveredAt', 'failedAt', 'destination', 'id'])
export class OutboxEvent {
  /** A UUIDv7: the event id the consumer dedupes by, and the delivery order. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The consuming subgraph, e.g. `volunteers`. */
  @Column({ type: 'varchar', length: 32 })
  destination!: string;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  /** The event's `data`. */
  @Column({ type: 'simple-json' })
  payload!: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'datetime', precision: 6 })
  occurredAt!: Date;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt!: Date;

  /** Deliveries that failed (network, timeout, an answer other than 200, no result for the event). */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** When the event is due again; a dispatcher that claims it pushes this forward as its lease. */
  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 6 })
  nextAttemptAt!: Date;

  @Column({ name: 'delivered_at', type: 'datetime', precision: 6, nullable: true })
  deliveredAt!: Date | null;

  /** The consumer REJECTED the event: a dead letter, never delivered again. */
  @Column({ name: 'failed_at', type: 'datetime', precision: 6, nullable: true })
  failedAt!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;
}

/** The columns of `outbox_event` as a migration writes them on MySQL. */
export const OUTBOX_EVENT_COLUMNS: TableColumnOptions[] = [
  { name: 'id', type: 'varchar', length: '36', isPrimary: true },
  { name: 'destination', type: 'varchar', length: '32' },
  { name: 'type', type: 'varchar', length: '64' },
  { name: 'payload', type: 'text' },
  { name: 'occurred_at', type: 'datetime', precision: 6 },
  { name: 'created_at', type: 'datetime', precision: 6 },
  { name: 'attempts', type: 'int', default: 0 },
  { name: 'next_attempt_at', type: 'datetime', precision: 6 },
  { name: 'delivered_at', type: 'datetime', precision: 6, isNullable: true },
  { name: 'failed_at', type: 'datetime', precision: 6, isNullable: true },
  { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
];

/**
 * `outbox_event` for the migration of a subgraph that produces events:
 * `await queryRunner.createTable(outboxEventTable(queryRunner))`. SQLite has no datetime precision.
 */
export function outboxEventTable(queryRunner: QueryRunner): Table {
  const mysql = isMysql(queryRunner.connection);
  return new Table({
    name: 'outbox_event',
    columns: mysql ? OUTBOX_EVENT_COLUMNS : OUTBOX_EVENT_COLUMNS.map((column) => ({ ...column, precision: undefined })),
    indices: [new TableIndex({ name: DUE_INDEX, columnNames: DUE_COLUMNS })],
  });
}
