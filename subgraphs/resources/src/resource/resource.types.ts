import { ConnectionType, EdgeType, REGION_PREFIX, UUID_PATTERN } from '@practice/common';
import { ArrayMaxSize, ArrayUnique, IsOptional, Matches } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { SiteReference } from '../site/site.reference';
import { CATEGORY_CODE } from '../shared/patterns';
import { Audience, DeliveryMode, FormFieldType, ResourceAction, ResourceKind, ResourceStatus } from './resource.enums';
import { Resource } from './resource.entity';

@ObjectType('ScheduleRule', { description: 'A recurring opening rule' })
export class ScheduleRuleType {
  @Field(() => [Int], { description: 'ISO weekdays: 1 = Monday … 7 = Sunday' })
  days!: number[];

  @Field()
  opensAt!: string;

  @Field()
  closesAt!: string;

  @Field(() => String, { nullable: true })
  validFrom!: string | null;

  @Field(() => String, { nullable: true })
  validTo!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType()
export class FormFieldOption {
  @Field()
  value!: string;

  @Field()
  label!: string;
}

@ObjectType('FormField', { description: 'A field a citizen fills in when ordering the resource' })
export class FormFieldDefinition {
  @Field()
  key!: string;

  @Field()
  label!: string;

  @Field(() => FormFieldType)
  type!: FormFieldType;

  @Field()
  required!: boolean;

  @Field(() => String, { nullable: true })
  hint!: string | null;

  @Field(() => [FormFieldOption], { nullable: true })
  options!: FormFieldOption[] | null;

  @Field(() => Float, { nullable: true })
  min!: number | null;

  @Field(() => Float, { nullable: true })
  max!: number | null;

  @Field(() => Int, { nullable: true })
  maxLength!: number | null;
}

@ObjectType({ description: 'Where a resource is offered' })
export class ResourceServiceArea {
  @Field(() => [String], { description: 'Areas by region-code prefix' })
  regionCodePrefixes!: string[];

  @Field(() => [SiteReference], { description: 'Sites, each with everything below it' })
  sites!: SiteReference[];
}

@ObjectType({ description: 'One change of a field in an audit entry' })
export class FieldChange {
  @Field()
  field!: string;

  @Field(() => String, { nullable: true, description: 'The old value as JSON' })
  from!: string | null;

  @Field(() => String, { nullable: true, description: 'The new value as JSON' })
  to!: string | null;
}

@ObjectType({ description: 'Who changed a resource, how and when' })
export class ResourceChangeEntry {
  @Field(() => ResourceAction)
  action!: ResourceAction;

  @Field({ description: 'The account (token subject) that made the change' })
  actor!: string;

  @Field()
  actorRole!: string;

  @Field()
  changedAt!: Date;

  @Field(() => [FieldChange])
  changes!: FieldChange[];
}

@ObjectType()
export class ResourceEdge extends EdgeType(Resource) {}

@ObjectType()
export class ResourceConnection extends ConnectionType(ResourceEdge) {}

@InputType()
export class ResourceFilter {
  @Field(() => [ID], { nullable: true, description: 'Published by any of these sites' })
  @IsOptional()
  @ArrayMaxSize(100)
  @Matches(UUID_PATTERN, { each: true, message: 'must be site ids' })
  publisherIds?: string[];

  @Field(() => [ResourceKind], { nullable: true })
  @IsOptional()
  kinds?: ResourceKind[];

  @Field(() => [String], { nullable: true, description: 'In any of these categories or a category below one of them' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(CATEGORY_CODE, { each: true, message: 'must be category codes' })
  categoryCodes?: string[];

  @Field(() => [Audience], { nullable: true, description: 'For any of these audiences' })
  @IsOptional()
  audiences?: Audience[];

  @Field(() => [DeliveryMode], { nullable: true })
  @IsOptional()
  deliveryModes?: DeliveryMode[];

  @Field(() => String, {
    nullable: true,
    description:
      'Offered in this area (2, 4, 6, 9 or 12 digits): a service-area prefix that contains it or lies within it, or a site-area resource whose publisher lies within it',
  })
  @IsOptional()
  @Matches(REGION_PREFIX, { message: 'must be a region-code prefix of 2, 4, 6, 9 or 12 digits' })
  regionCodePrefix?: string;

  @Field(() => String, { nullable: true, description: 'Text contained in the title' })
  @IsOptional()
  text?: string;

  @Field(() => [ResourceStatus], {
    nullable: true,
    description: 'Default PUBLISHED; other statuses only of the catalogues you own (all for analysts and admins)',
  })
  @IsOptional()
  statuses?: ResourceStatus[];

  @Field(() => Date, { nullable: true, description: 'Changed at or after this time (for incremental exports)' })
  @IsOptional()
  updatedSince?: Date;
}
