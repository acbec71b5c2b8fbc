import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Site } from '../site/site.entity';

@Entity('site_manager')
@Index('uq_site_manager', ['siteId', 'subject'], { unique: true })
@ObjectType({ description: 'A person who manages a site (and so its descendants)' })
export class SiteManager {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'site_id', type: 'varchar', length: 36 })
  siteId!: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_manager_site' })
  site?: Site;

  @Index('ix_site_manager_subject')
  @Column({ type: 'varchar', length: 64 })
  @Field({ description: 'Account id of the manager at the identity provider (the token subject)' })
  subject!: string;

  @Column({ type: 'varchar', length: 50 })
  @Field()
  name!: string;

  /** Personal data: only those who may manage the site see it. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Column({ name: 'assigned_by', type: 'varchar', length: 64 })
  @Field()
  assignedBy!: string;

  @CreateDateColumn({ name: 'assigned_at', type: 'datetime', precision: 6 })
  @Field()
  assignedAt!: Date;
}
