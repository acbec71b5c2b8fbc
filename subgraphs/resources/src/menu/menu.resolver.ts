import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ResourcesContext } from '../context';
import { Resource } from '../resource/resource.entity';
import { resourceById } from '../resource/resource.loaders';
import { visibleResource } from '../resource/resource.reference';
import { SiteReference, siteReference } from '../site/site.reference';
import { Menu, MenuItem } from './menu.entity';
import { CreateMenuInput, MenuFilter, SupersedeMenuInput, UpdateMenuInput } from './menu.inputs';
import { menuById, menuCorrection, menuEditions, menuItems } from './menu.loaders';
import { MenuConnection } from './menu.types';
import { slotOf, visibleMenu } from './menu.rules';

const visible = (menu: Menu | null, ctx: ResourcesContext): Menu | null => visibleMenu(menu, ctx.principal);

@Resolver(() => Menu)
export class MenuResolver {
  @Query(() => Menu, { nullable: true, description: 'An edition of a menu; drafts only for their owners, analysts and admins' })
  async menu(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext): Promise<Menu | null> {
    return visible(await menuById(ctx).load(id), ctx);
  }

  @Query(() => MenuConnection, { description: 'Editions of the publishers’ monthly menus, in creation order' })
  menus(
    @Ctx() ctx: ResourcesContext,
    @Arg('filter', () => MenuFilter, { nullable: true }) filter?: MenuFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 500 (default 20)' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<MenuConnection> {
    return ctx.menuQueries.list(ctx.principal, filter, first, after);
  }

  @FieldResolver(() => SiteReference)
  publisher(@Root() menu: Menu): SiteReference {
    return siteReference(menu.publisherId);
  }

  @FieldResolver(() => [MenuItem], { description: 'In the order citizens see them' })
  items(@Root() menu: Menu, @Ctx() ctx: ResourcesContext): Promise<MenuItem[]> {
    return menuItems(ctx).load(menu.id);
  }

  @FieldResolver(() => Int)
  async itemCount(@Root() menu: Menu, @Ctx() ctx: ResourcesContext): Promise<number> {
    return (await menuItems(ctx).load(menu.id)).length;
  }

  @FieldResolver(() => Menu, { nullable: true, description: 'The edition this one corrects' })
  async supersedes(@Root() menu: Menu, @Ctx() ctx: ResourcesContext): Promise<Menu | null> {
    return menu.supersedesId ? visible(await menuById(ctx).load(menu.supersedesId), ctx) : null;
  }

  @FieldResolver(() => Menu, { nullable: true, description: 'The edition that corrects this one' })
  async supersededBy(@Root() menu: Menu, @Ctx() ctx: ResourcesContext): Promise<Menu | null> {
    return visible(await menuCorrection(ctx).load(menu.id), ctx);
  }

  @FieldResolver(() => [Menu], { description: 'Every edition of the publisher’s month, first to last (drafts only for those who see them)' })
  async editions(@Root() menu: Menu, @Ctx() ctx: ResourcesContext): Promise<Menu[]> {
    return (await menuEditions(ctx).load(slotOf(menu))).filter((edition) => visible(edition, ctx));
  }

  @Mutation(() => Menu, { description: 'A first DRAFT of a publisher’s menu for a month (its catalogue’s owners)' })
  createMenu(@Arg('input') input: CreateMenuInput, @Ctx() ctx: ResourcesContext): Promise<Menu> {
    return ctx.menus.create(ctx, input);
  }

  @Mutation(() => Menu, { description: 'Changes a DRAFT: title, notes, items and quotas' })
  updateMenu(@Arg('input') input: UpdateMenuInput, @Ctx() ctx: ResourcesContext): Promise<Menu> {
    return ctx.menus.update(ctx, input);
  }

  @Mutation(() => Menu, {
    description:
      'DRAFT → PUBLISHED, once every item is a published resource of the publisher within its capacity; a correction supersedes the edition it corrects',
  })
  publishMenu(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext): Promise<Menu> {
    return ctx.menus.publish(ctx, id);
  }

  @Mutation(() => Menu, {
    description: 'A DRAFT correction of a PUBLISHED edition, as the month’s next edition; the published one stays live until it is published',
  })
  supersedeMenu(@Arg('input') input: SupersedeMenuInput, @Ctx() ctx: ResourcesContext): Promise<Menu> {
    return ctx.menus.supersede(ctx, input);
  }

  @Mutation(() => Menu, { description: 'PUBLISHED → ARCHIVED: off the sites’ menus, still readable' })
  archiveMenu(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext): Promise<Menu> {
    return ctx.menus.archive(ctx, id);
  }

  @Mutation(() => ID, { description: 'Deletes a DRAFT; answers its id' })
  discardMenuDraft(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext): Promise<string> {
    return ctx.menus.discard(ctx, id);
  }
}

@Resolver(() => MenuItem)
export class MenuItemResolver {
  @FieldResolver(() => Resource, { nullable: true, description: 'Null when the resource has since been withdrawn and you do not own it' })
  async resource(@Root() item: MenuItem, @Ctx() ctx: ResourcesContext): Promise<Resource | null> {
    return visibleResource(await resourceById(ctx).load(item.resourceId), ctx);
  }
}
