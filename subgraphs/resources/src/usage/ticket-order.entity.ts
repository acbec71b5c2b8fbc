import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Resource } from '../resource/resource.entity';

export enum TicketOrderStatus {
  ORDERED = 'ORDERED',
  CANCELLED = 'CANCELLED',
}

/**
 * What the events said about one ticket's order, so that the counts follow tickets and not event
 * ids: a second `ticket.ordered` about the same ticket (a new event id from a producer's retry)
 * counts nothing, a second cancellation takes nothing off, and a cancellation that arrives before
 * its order leaves a CANCELLED row (without `orderedAt`) so that the late order counts nothing.
 */
@Entity('ticket_order')
@Index('ix_ticket_order_resource', ['resourceId', 'period'])
export class TicketOrder {
  /** The tickets subgraph's id or code of the ticket. */
  @PrimaryColumn({ name: 'ticket_id', type: 'varchar', length: 64 })
  ticketId!: string;

  @Column({ name: 'resource_id', type: 'varchar', length: 36 })
  resourceId!: string;

  @ManyToOne(() => Resource, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'fk_ticket_order_resource' })
  resource?: Resource;

  /** The month the order counts in, YYYY-MM. */
  @Column({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: TicketOrderStatus;

  /** The producing service of the last event that changed the row. */
  @Column({ type: 'varchar', length: 32 })
  source!: string;

  @Column({ name: 'ordered_at', type: 'datetime', precision: 6, nullable: true })
  orderedAt!: Date | null;

  @Column({ name: 'cancelled_at', type: 'datetime', precision: 6, nullable: true })
  cancelledAt!: Date | null;
}
