import { RegionLevel } from '@practice/common';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Category } from '../category/category.entity';
import { MenuLevel } from '../menu/menu.enums';
import { ResourceKind, ResourceStatus } from '../resource/resource.enums';
import { SiteReference } from '../site/site.reference';
import { ResourceDimension } from './resource-stats.enums';
import type { StatsPlan } from './resource-stats.queries';

@ObjectType({
  description:
    'Figures of resources over resource-months: each resource in each month of the period from the month it was created (or earlier, in a month it was on a menu or ordered)',
})
export class ResourceMeasures {
  @Field(() => Int, { description: 'Distinct resources' })
  resources!: number;

  @Field(() => Int, { description: 'Of those, the resources PUBLISHED now' })
  published!: number;

  @Field(() => Int, {
    description:
      'Items on the month’s live editions (PUBLISHED, or ARCHIVED once the month is over), summed over the months: a resource on the menus of three months counts 3',
  })
  menuItems!: number;

  @Field(() => Int, { description: 'The quotas of those items, summed over the months' })
  quota!: number;

  @Field(() => Int, { description: 'Orders not cancelled, from the tickets subgraph’s events, summed over the months' })
  orders!: number;

  @Field(() => Int, { description: 'Orders of resource-months on a menu: the numerator of quotaUsed' })
  ordersOnMenu!: number;

  @Field(() => Int, { description: 'Capacity per month of the resources with a limit, for each month they were offered, summed' })
  capacity!: number;

  @Field(() => Int, { description: 'Orders of the resources with a limit: the numerator of capacityUsed' })
  limitedOrders!: number;

  @Field(() => Float, { nullable: true, description: 'limitedOrders / capacity; null without capacity; above 1 when orders outran the capacity' })
  capacityUsed!: number | null;

  @Field(() => Float, { nullable: true, description: 'ordersOnMenu / quota; null without quota' })
  quotaUsed!: number | null;

  @Field(() => Int, { description: 'Resources whose orders reached their capacity or their quota in at least one month of the period' })
  fullyBooked!: number;
}

@ObjectType({ description: 'One group of resourceStats: the dimensions grouped by are set, the others null' })
export class ResourceStatsGroup extends ResourceMeasures {
  @Field(() => SiteReference, { nullable: true })
  publisher!: SiteReference | null;

  @Field(() => Category, { nullable: true })
  category!: Category | null;

  @Field(() => ResourceKind, { nullable: true })
  kind!: ResourceKind | null;

  @Field(() => String, { nullable: true, description: 'The publishers’ region code at regionLevel' })
  regionCode!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM' })
  month!: string | null;

  @Field(() => MenuLevel, { nullable: true })
  level!: MenuLevel | null;

  @Field(() => ResourceStatus, { nullable: true })
  status!: ResourceStatus | null;
}

@ObjectType({ description: 'Catalogues, menus and orders of resources, grouped; computed in the database' })
export class ResourceStats {
  @Field({ description: 'First month of the period, YYYY-MM' })
  from!: string;

  @Field({ description: 'Last month of the period, YYYY-MM' })
  to!: string;

  @Field(() => Int, { description: 'Months in the period' })
  months!: number;

  @Field(() => [ResourceDimension])
  groupBy!: ResourceDimension[];

  @Field(() => RegionLevel)
  regionLevel!: RegionLevel;

  @Field(() => [ResourceStatsGroup], {
    description: 'Largest first by orderBy (RESOURCES when only `first` is given), then in the order of their keys (dimensions as in groupBy)',
  })
  groups!: ResourceStatsGroup[];

  @Field({ description: 'With `first`: more groups matched than were answered' })
  truncated!: boolean;

  /** What `totals` counts again, without grouping. */
  plan!: StatsPlan;
}
