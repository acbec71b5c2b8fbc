import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Site } from '../site/site.entity';
import { DesignationLevel } from '../site/site.enums';

@Entity('site_designation')
@Index('uq_site_designation', ['siteId', 'level', 'year'], { unique: true })
@ObjectType({ description: 'A demonstration designation (示范) conferred on a site for a year' })
export class Designation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ name: 'site_id', type: 'varchar', length: 36 })
  siteId!: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_designation_site' })
  site?: Site;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => DesignationLevel)
  level!: DesignationLevel;

  @Column({ type: 'smallint' })
  @Field(() => Int)
  year!: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'Title of the designation, e.g. 省级新时代文明实践示范站' })
  title!: string | null;

  @Column({ name: 'designated_by', type: 'varchar', length: 64 })
  designatedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  @Field()
  createdAt!: Date;
}
