import { Column, Entity, PrimaryColumn, TableColumnOptions } from 'typeorm';

/**
 * The ids of the events a subgraph has applied, written in the same transaction as the event's
 * effects: a redelivered event finds its id here and changes nothing.
 */
@Entity('inbox_event')
export class InboxEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  @Column({ type: 'varchar', length: 32 })
  source!: string;

  @Column({ name: 'received_at', type: 'datetime', precision: 6 })
  receivedAt!: Date;
}

/** The columns of `inbox_event`, for the migration of each subgraph that receives events. */
export const INBOX_EVENT_COLUMNS: TableColumnOptions[] = [
  { name: 'id', type: 'varchar', length: '36', isPrimary: true },
  { name: 'type', type: 'varchar', length: '64' },
  { name: 'source', type: 'varchar', length: '32' },
  { name: 'received_at', type: 'datetime', precision: 6 },
];
