import { IsPlainText, UUID_PATTERN } from '@practice/common';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { REGION_CODE, REGION_PREFIX } from '@practice/common';
import { DesignationLevel, FacilityType, Sector, SiteKind, SiteStatus } from './site.enums';

export const SITE_CODE = /^[A-Z0-9][A-Z0-9-]{2,31}$/;
/** Landlines (0512-52771234), mobiles (13812345678) and short service numbers (12345). */
export const PUBLIC_PHONE = /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|\d{5})$/;
export const MOBILE_PHONE = /^1[3-9]\d{9}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const SUBJECT = /^[A-Za-z0-9._@:|-]{1,64}$/;

@InputType()
export class GeoPointInput {
  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude({ message: 'must be a latitude between -90 and 90' })
  latitude!: number;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude({ message: 'must be a longitude between -180 and 180' })
  longitude!: number;
}

@InputType()
export class OpeningHoursInput {
  @Field(() => [Int], { description: 'ISO weekdays: 1 = Monday … 7 = Sunday' })
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  days!: number[];

  @Field({ description: 'HH:MM' })
  @Matches(TIME, { message: 'must be a time HH:MM' })
  opens!: string;

  @Field({ description: 'HH:MM, after `opens`' })
  @Matches(TIME, { message: 'must be a time HH:MM' })
  closes!: string;
}

@InputType()
export class FacilityInput {
  @Field(() => FacilityType)
  @IsIn(Object.values(FacilityType))
  type!: FacilityType;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(1, 50)
  name?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(1_000_000)
  areaSqm?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  seats?: number | null;
}

/** Optional details shared by create and update. */
@InputType()
abstract class SiteDetailsInput {
  @Field(() => GeoPointInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  location?: GeoPointInput | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PUBLIC_PHONE, { message: 'must be a landline (0512-52771234), a mobile or a 5-digit service number' })
  contactPhone?: string | null;

  @Field(() => [OpeningHoursInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(14)
  @ValidateNested({ each: true })
  openingHours?: OpeningHoursInput[];

  @Field(() => [FacilityInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  facilities?: FacilityInput[];

  @Field(() => Sector, { nullable: true, description: 'Required for sector sub-centers, not allowed for other kinds' })
  @IsOptional()
  @IsIn(Object.values(Sector))
  sector?: Sector | null;
}

@InputType()
export class CreateSiteInput extends SiteDetailsInput {
  @Field({ description: 'Unique and stable: capital letters, digits and dashes, 3 to 32 characters' })
  @Matches(SITE_CODE, { message: 'must be 3 to 32 capital letters, digits or dashes, starting with a letter or digit' })
  code!: string;

  @Field(() => SiteKind)
  @IsIn(Object.values(SiteKind))
  kind!: SiteKind;

  @Field(() => ID, { nullable: true, description: 'Required for every kind but CENTER' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  parentId?: string | null;

  @Field()
  @IsPlainText(2, 100)
  name!: string;

  @Field({ description: "12-digit administrative division code, within the parent site's area" })
  @Matches(REGION_CODE, { message: 'must be a 12-digit administrative division code' })
  regionCode!: string;

  @Field()
  @IsPlainText(2, 200)
  address!: string;
}

@InputType()
export class UpdateSiteInput extends SiteDetailsInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(2, 100)
  name?: string;

  @Field(() => String, { nullable: true, description: "12-digit administrative division code, within the parent site's area" })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'must be a 12-digit administrative division code' })
  regionCode?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(2, 200)
  address?: string;
}

@InputType()
export class MoveSiteInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  id!: string;

  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  parentId!: string;

  @Field(() => String, { nullable: true, description: 'The new region code, when the move changes the area' })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'must be a 12-digit administrative division code' })
  regionCode?: string;
}

@InputType({ description: 'Which designation: a site, a level and a year' })
export class DesignationKeyInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  siteId!: string;

  @Field(() => DesignationLevel)
  @IsIn(Object.values(DesignationLevel))
  level!: DesignationLevel;

  @Field(() => Int)
  @IsInt()
  @Min(2017, { message: 'must be 2017 or later: designations began with the pilot program' })
  @Max(2100)
  year!: number;
}

@InputType()
export class DesignationInput extends DesignationKeyInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(2, 100)
  title?: string | null;
}

@InputType()
export class AssignManagerInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  siteId!: string;

  @Field({ description: 'Account id at the identity provider (the subject of their tokens)' })
  @Matches(SUBJECT, { message: 'must be 1 to 64 letters, digits or . _ @ : | -' })
  subject!: string;

  @Field()
  @IsPlainText(1, 50)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(MOBILE_PHONE, { message: 'must be a mainland mobile number' })
  phone?: string | null;
}

@InputType()
export class RemoveManagerInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  siteId!: string;

  @Field()
  @Matches(SUBJECT, { message: 'must be 1 to 64 letters, digits or . _ @ : | -' })
  subject!: string;
}

@InputType({ description: 'Sites within a radius of a point, nearest first' })
export class NearInput extends GeoPointInput {
  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(200, { message: 'must be at most 200 km' })
  radiusKm!: number;
}

@InputType()
export class DemonstrationFilter {
  @Field(() => [DesignationLevel], { nullable: true })
  @IsOptional()
  @IsIn(Object.values(DesignationLevel), { each: true })
  levels?: DesignationLevel[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  yearFrom?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  yearTo?: number;
}

@InputType()
export class SiteFilter {
  @Field(() => [SiteKind], { nullable: true })
  @IsOptional()
  @IsIn(Object.values(SiteKind), { each: true })
  kinds?: SiteKind[];

  @Field(() => ID, { nullable: true, description: 'Direct children of this site' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  parentId?: string;

  @Field(() => String, { nullable: true, description: 'Region code prefix: 2 (province), 4 (city), 6 (county), 9 (township) or 12 digits' })
  @IsOptional()
  @Matches(REGION_PREFIX, { message: 'must be 2, 4, 6, 9 or 12 digits' })
  regionCodePrefix?: string;

  @Field(() => String, { nullable: true, description: 'Text contained in the name or the address' })
  @IsOptional()
  @IsPlainText(1, 50)
  text?: string;

  @Field(() => DemonstrationFilter, { nullable: true, description: 'Only demonstration sites (with these levels and years)' })
  @IsOptional()
  @ValidateNested()
  demonstration?: DemonstrationFilter;

  @Field(() => [SiteStatus], { nullable: true, description: 'Default ACTIVE; other statuses list only the sites you may see' })
  @IsOptional()
  @IsIn(Object.values(SiteStatus), { each: true })
  statuses?: SiteStatus[];

  @Field(() => NearInput, { nullable: true, description: 'Within a radius of a point, ordered by distance' })
  @IsOptional()
  @ValidateNested()
  near?: NearInput;
}
