import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export enum OrganizationStatus {
  ACTIVE = 'ACTIVE',
  DEREGISTERED = 'DEREGISTERED',
}
registerEnumType(OrganizationStatus, { name: 'OrganizationStatus' });

@Entity('organization')
@Index('ix_organization_region', ['regionCode'])
@ObjectType({ description: 'A registered volunteer organization (志愿服务组织) and its teams' })
@Directive('@key(fields: "id")')
export class Organization {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field()
  name!: string;

  @Index('uq_organization_credit_code', { unique: true })
  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  @Field({ description: 'Unified social credit code (统一社会信用代码), 18 characters' })
  creditCode!: string;

  @Column({ name: 'site_id', type: 'varchar', length: 36 })
  siteId!: string;

  /** Copy of the site's path: who manages the organization's record. */
  @Index('ix_organization_site_path')
  @Column({ name: 'site_path', type: 'varchar', length: 400 })
  sitePath!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  @Field({ description: 'Region code of the site it is registered with, copied when it was set' })
  regionCode!: string;

  @Column({ name: 'contact_name', type: 'varchar', length: 50, nullable: true })
  @Field(() => String, { nullable: true, description: "The organization's public contact" })
  contactName!: string | null;

  @Column({ name: 'contact_phone', type: 'varchar', length: 20, nullable: true })
  @Field(() => String, { nullable: true, description: "The organization's public contact number" })
  contactPhone!: string | null;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => OrganizationStatus)
  status!: OrganizationStatus;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  @Field()
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  @Field()
  updatedAt!: Date;
}
