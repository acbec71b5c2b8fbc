import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Resource } from '../resource/resource.entity';
import { MenuLevel, MenuStatus } from './menu.enums';

/**
 * A publisher's menu for one month: an edition. At most one DRAFT and one PUBLISHED edition per
 * publisher and month, kept by unique indexes on `draft_slot` and `live_slot` (set to
 * `<publisher>/<period>` while the edition is in that state, NULL otherwise), so two concurrent
 * publications cannot both win.
 */
@Entity('menu')
@Index('uq_menu_edition', ['publisherId', 'period', 'edition'], { unique: true })
@Index('uq_menu_draft_slot', ['draftSlot'], { unique: true })
@Index('uq_menu_live_slot', ['liveSlot'], { unique: true })
@Index('ix_menu_period_status', ['period', 'status', 'publisherKind'])
@Index('ix_menu_period_region', ['period', 'status', 'publisherRegionCode'])
@ObjectType({ description: 'A publisher’s menu for one month (月度菜单): one edition, with its items and quotas' })
@Directive('@key(fields: "id")')
export class Menu {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ name: 'publisher_id', type: 'varchar', length: 36 })
  publisherId!: string;

  @Column({ name: 'publisher_kind', type: 'varchar', length: 20 })
  publisherKind!: string;

  @Index('ix_menu_publisher_path')
  @Column({ name: 'publisher_path', type: 'varchar', length: 400 })
  publisherPath!: string;

  @Column({ name: 'publisher_region_code', type: 'varchar', length: 12 })
  publisherRegionCode!: string;

  @Column({ type: 'varchar', length: 20 })
  @Field(() => MenuLevel, { description: 'The publisher’s level' })
  level!: MenuLevel;

  /** YYYY-MM */
  @Column({ type: 'varchar', length: 7 })
  @Field({ description: 'The month, YYYY-MM' })
  period!: string;

  /** 1 for the first edition of the month, then 2, 3 … for corrections. */
  @Column({ type: 'int' })
  @Field(() => Int, { description: '1 for the month’s first edition; each correction is the next number' })
  edition!: number;

  @Column({ type: 'varchar', length: 12 })
  @Field(() => MenuStatus)
  status!: MenuStatus;

  @Column({ type: 'varchar', length: 100 })
  @Field()
  title!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  @Field(() => String, { nullable: true })
  notes!: string | null;

  /** The edition this one corrects. */
  @Column({ name: 'supersedes_id', type: 'varchar', length: 36, nullable: true })
  supersedesId!: string | null;

  @ManyToOne(() => Menu, { nullable: true, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'supersedes_id', foreignKeyConstraintName: 'fk_menu_supersedes' })
  supersedes?: Menu;

  @Column({ name: 'draft_slot', type: 'varchar', length: 48, nullable: true })
  draftSlot!: string | null;

  @Column({ name: 'live_slot', type: 'varchar', length: 48, nullable: true })
  liveSlot!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  @Field()
  createdAt!: Date;

  /** The last to change the draft. */
  @Column({ name: 'updated_by', type: 'varchar', length: 64, nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  @Field()
  updatedAt!: Date;

  /** Incremented by every change: clients send it back to edit a draft without overwriting someone else's edit. */
  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: 'Incremented by every change; send it back as expectedVersion to edit a draft safely' })
  version!: number;

  @Column({ name: 'published_by', type: 'varchar', length: 64, nullable: true })
  publishedBy!: string | null;

  @Column({ name: 'published_at', type: 'datetime', precision: 6, nullable: true })
  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  /** Who archived it, or published the edition that superseded it. */
  @Column({ name: 'closed_by', type: 'varchar', length: 64, nullable: true })
  closedBy!: string | null;

  /** When it was superseded or archived. */
  @Column({ name: 'closed_at', type: 'datetime', precision: 6, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was superseded or archived' })
  closedAt!: Date | null;
}

/** A resource on a menu with its quota for the month. */
@Entity('menu_item')
@Index('ix_menu_item_resource', ['resourceId'])
@ObjectType({ description: 'A resource on a menu, with its quota for the month' })
export class MenuItem {
  @PrimaryColumn({ name: 'menu_id', type: 'varchar', length: 36 })
  menuId!: string;

  @ManyToOne(() => Menu, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'menu_id', foreignKeyConstraintName: 'fk_menu_item_menu' })
  menu?: Menu;

  @PrimaryColumn({ name: 'resource_id', type: 'varchar', length: 36 })
  resourceId!: string;

  @ManyToOne(() => Resource, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'fk_menu_item_resource' })
  resource?: Resource;

  /** Orders offered this month; at most the resource's capacity per month. */
  @Column({ type: 'int' })
  @Field(() => Int, { description: 'Orders offered this month; at most the resource’s capacity per month' })
  quota!: number;

  @Column({ type: 'int' })
  @Field(() => Int, { description: 'Place on the menu, from 1' })
  position!: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  note!: string | null;
}
