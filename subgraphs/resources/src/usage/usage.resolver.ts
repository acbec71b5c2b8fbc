import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ResourcesContext } from '../context';
import { MenuItem } from '../menu/menu.entity';
import { menuById } from '../menu/menu.loaders';
import { SiteMenuItem } from '../menu/menu.types';
import { Resource } from '../resource/resource.entity';
import { periodOrThisMonth, thisMonth } from '../shared/period';
import { usageKey } from './usage.queries';
import { capacityLeft } from './usage.rules';
import { ResourceUsage } from './usage.types';

const ordersOf = (ctx: ResourcesContext, resourceId: string, period: string): Promise<number> =>
  ctx.usageQueries.orders(ctx.loaders).load(usageKey(resourceId, period));

/** Counts are public: they say how busy a resource is, not who ordered it. */
@Resolver(() => Resource)
export class ResourceUsageResolver {
  @FieldResolver(() => Int, { description: 'Orders of this month (China time) not cancelled, from the tickets subgraph' })
  ordersThisMonth(@Root() resource: Resource, @Ctx() ctx: ResourcesContext): Promise<number> {
    return ordersOf(ctx, resource.id, thisMonth());
  }

  @FieldResolver(() => ResourceUsage, { description: 'Orders and capacity left in a month' })
  async usage(
    @Root() resource: Resource,
    @Ctx() ctx: ResourcesContext,
    @Arg('period', () => String, { nullable: true, description: 'YYYY-MM; default this month (China time)' }) period?: string,
  ): Promise<ResourceUsage> {
    const month = periodOrThisMonth(period);
    const orders = await ordersOf(ctx, resource.id, month);
    return { period: month, orders, capacity: resource.capacityPerMonth, capacityLeft: capacityLeft(resource.capacityPerMonth, orders) };
  }
}

@Resolver(() => MenuItem)
export class MenuItemUsageResolver {
  @FieldResolver(() => Int, { description: 'Orders of the resource in the menu’s month' })
  async ordered(@Root() item: MenuItem, @Ctx() ctx: ResourcesContext): Promise<number> {
    const menu = await menuById(ctx).load(item.menuId);
    return menu ? ordersOf(ctx, item.resourceId, menu.period) : 0;
  }

  @FieldResolver(() => Int, { description: 'quota − ordered, never below 0' })
  async quotaLeft(@Root() item: MenuItem, @Ctx() ctx: ResourcesContext): Promise<number> {
    return capacityLeft(item.quota, await this.ordered(item, ctx))!;
  }
}

@Resolver(() => SiteMenuItem)
export class SiteMenuItemUsageResolver {
  @FieldResolver(() => Int, { description: 'Orders of the resource in the menu’s month' })
  ordered(@Root() item: SiteMenuItem, @Ctx() ctx: ResourcesContext): Promise<number> {
    return ordersOf(ctx, item.resource.id, item.menu.period);
  }

  @FieldResolver(() => Int, { description: 'quota − ordered, never below 0' })
  async quotaLeft(@Root() item: SiteMenuItem, @Ctx() ctx: ResourcesContext): Promise<number> {
    return capacityLeft(item.quota, await this.ordered(item, ctx))!;
  }
}
