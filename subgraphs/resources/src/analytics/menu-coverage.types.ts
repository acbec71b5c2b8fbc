import { Field, Int, ObjectType } from 'type-graphql';
import { Category } from '../category/category.entity';
import { MenuLevel } from '../menu/menu.enums';

@ObjectType({ description: 'Whether what a citizen at a site can order in a month includes a category (or a term below it)' })
export class SiteCategoryCoverage {
  @Field(() => Category)
  category!: Category;

  @Field({ description: 'At least one item of the month reaching the site is filed under the category or a term below it' })
  covered!: boolean;

  @Field(() => Int, { description: 'Those items: resources on the month’s menus that reach the site' })
  items!: number;

  @Field(() => [MenuLevel], { description: 'The levels of the menus those items come from, nearest first' })
  levels!: MenuLevel[];
}

@ObjectType({ description: 'What the published menus of a month offer in a category (or below it), by publishers of a region' })
export class CategoryMenuCoverage {
  @Field(() => Category)
  category!: Category;

  @Field(() => Int, { description: 'Publishers with a published item of the month in the category' })
  publishers!: number;

  @Field(() => Int, { description: 'Published resources on those items (each on one edition of the month)' })
  resources!: number;

  @Field(() => Int, { description: 'Their quotas' })
  quota!: number;

  @Field(() => Int, { description: 'Their orders in the month' })
  orders!: number;
}

@ObjectType({ description: 'What the published menus of a month offer per category, without the sites they reach' })
export class MenuCoverage {
  @Field({ description: 'YYYY-MM' })
  period!: string;

  @Field(() => String, { nullable: true, description: 'Publishers whose region code starts with this; null for all' })
  regionCodePrefix!: string | null;

  @Field(() => [CategoryMenuCoverage], { description: 'In the order asked, or the service domains in their order; categories nobody offers have zeros' })
  categories!: CategoryMenuCoverage[];
}
