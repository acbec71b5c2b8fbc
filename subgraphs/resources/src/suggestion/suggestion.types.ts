import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Resource } from '../resource/resource.entity';
import { CategoryFit, SuggestionReason } from './suggestion.ranking';

@ObjectType({
  description:
    'A published resource that could serve a ticket: its service area covers the serving site, its category fits and its month has room; nearest publisher first',
})
export class ResourceSuggestion {
  @Field(() => Resource)
  resource!: Resource;

  @Field(() => Float, { description: 'From 0 to 1, higher first: the list is in this order (equal scores by resource id)' })
  score!: number;

  @Field(() => [SuggestionReason], { description: 'Where the publisher stands, how the category fits, whether it is on a menu, how much room is left' })
  reasons!: SuggestionReason[];

  @Field(() => Int, { description: '0: the serving site publishes it; 1: its parent; …; sector sub-centers come after the root' })
  publisherDistance!: number;

  @Field(() => CategoryFit)
  categoryFit!: CategoryFit;

  @Field({ description: 'The resource’s category that fits the ticket best' })
  matchedCategoryCode!: string;

  @Field({ description: 'The month the capacity is counted in: that of the ticket’s desiredFrom, else this month (China time), YYYY-MM' })
  period!: string;

  @Field({ description: 'On a published menu of that month that reaches the serving site' })
  onMenu!: boolean;

  @Field(() => Int, { nullable: true, description: 'Its quota on that menu' })
  quota!: number | null;

  @Field(() => Int, { description: 'Orders of the resource in that month' })
  ordersThisMonth!: number;

  @Field(() => Int, { nullable: true, description: 'What its capacity (and quota, on a menu) leaves in that month; null when unlimited' })
  capacityLeft!: number | null;
}
