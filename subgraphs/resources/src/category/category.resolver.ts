import { REGION_PREFIX, badInput } from '@practice/common';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ResourcesContext } from '../context';
import { Category } from './category.entity';
import { CreateCategoryInput } from './category.inputs';
import { categoryById, categoryChildren } from './category.loaders';

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], { description: 'The top-level terms of the taxonomy, or the children of one; with regionCode only those valid there' })
  categories(
    @Ctx() ctx: ResourcesContext,
    @Arg('parentCode', () => String, { nullable: true }) parentCode?: string,
    @Arg('regionCode', () => String, { nullable: true, description: 'A region code or prefix of at least a county (6 digits)' }) regionCode?: string,
  ): Promise<Category[]> {
    if (regionCode && (!REGION_PREFIX.test(regionCode) || regionCode.length < 6)) {
      throw badInput('regionCode', 'must be a region code or a prefix of at least 6 digits', 'INVALID_REGION_CODE');
    }
    return ctx.categories.list(parentCode, regionCode);
  }

  @Query(() => Category, { nullable: true })
  category(@Arg('code') code: string, @Ctx() ctx: ResourcesContext): Promise<Category | null> {
    return ctx.categories.findByCode(code);
  }

  @FieldResolver(() => Category, { nullable: true })
  parent(@Root() category: Category, @Ctx() ctx: ResourcesContext): Promise<Category | null> | null {
    return category.parentId ? categoryById(ctx).load(category.parentId) : null;
  }

  @FieldResolver(() => [Category])
  children(@Root() category: Category, @Ctx() ctx: ResourcesContext): Promise<Category[]> {
    return categoryChildren(ctx).load(category.id);
  }

  @Mutation(() => Category, { description: 'Adds a term below an existing one: a county’s term (managers of its center) or a province-wide one (admins)' })
  createCategory(@Arg('input') input: CreateCategoryInput, @Ctx() ctx: ResourcesContext): Promise<Category> {
    return ctx.categories.create(ctx, input);
  }
}
