import { requireSignedIn } from '@practice/common';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Field, Query, Resolver, Root } from 'type-graphql';
import type { SitesContext } from '../context';
import { Designation } from '../designation/designation.entity';
import { SiteManager } from '../manager/manager.entity';
import { canReadSite, managesSite } from './site.access';
import { SiteConnection } from './site.connection';
import { Site } from './site.entity';
import { SiteKind } from './site.enums';
import { CreateSiteInput, MoveSiteInput, SiteFilter, UpdateSiteInput } from './site.inputs';
import { childrenOf, designationsOf, managersOf, siteById, subtreeCountsOf } from './site.loaders';

@ObjectType({ description: 'How many active sites of a kind lie below a site' })
export class SiteKindCount {
  @Field(() => SiteKind)
  kind!: SiteKind;

  @Field(() => Int)
  count!: number;
}

@Resolver(() => Site)
export class SiteResolver {
  @Query(() => Site, { nullable: true, description: 'A site by id; null when it does not exist or you may not see it' })
  site(@Arg('id', () => ID) id: string, @Ctx() ctx: SitesContext): Promise<Site | null> {
    return ctx.sites.findVisible(ctx.principal, { id });
  }

  @Query(() => Site, { nullable: true, description: 'A site by its integrator code' })
  siteByCode(@Arg('code') code: string, @Ctx() ctx: SitesContext): Promise<Site | null> {
    return ctx.sites.findVisible(ctx.principal, { code });
  }

  @Query(() => SiteConnection, { description: 'Sites matching a filter, by code or, with `near`, by distance' })
  sites(
    @Ctx() ctx: SitesContext,
    @Arg('filter', () => SiteFilter, { nullable: true }) filter?: SiteFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 500 (default 20)' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<SiteConnection> {
    return ctx.siteQueries.list(ctx.principal, filter, first, after);
  }

  @FieldResolver(() => Site, { nullable: true })
  async parent(@Root() site: Site, @Ctx() ctx: SitesContext): Promise<Site | null> {
    if (!site.parentId) return null;
    const parent = await siteById(ctx).load(site.parentId);
    return parent && canReadSite(ctx.principal, parent) ? parent : null;
  }

  @FieldResolver(() => [Site], { description: 'Direct children you may see, by code' })
  async children(@Root() site: Site, @Ctx() ctx: SitesContext, @Arg('kinds', () => [SiteKind], { nullable: true }) kinds?: SiteKind[]): Promise<Site[]> {
    const children = await childrenOf(ctx).load(site.id);
    return children.filter((child) => canReadSite(ctx.principal, child) && (!kinds?.length || kinds.includes(child.kind)));
  }

  @FieldResolver(() => [Site], { description: 'From the root down to the parent' })
  async ancestors(@Root() site: Site, @Ctx() ctx: SitesContext): Promise<Site[]> {
    const ancestors = await siteById(ctx).loadMany(site.ancestorIds);
    return ancestors.filter((a): a is Site => a instanceof Site && canReadSite(ctx.principal, a));
  }

  @FieldResolver(() => [SiteKindCount], { description: 'Active descendants by kind' })
  subtreeCounts(@Root() site: Site, @Ctx() ctx: SitesContext): Promise<SiteKindCount[]> {
    return subtreeCountsOf(ctx).load(site.id);
  }

  @FieldResolver(() => [Designation], { description: 'Demonstration designations, newest first' })
  designations(@Root() site: Site, @Ctx() ctx: SitesContext): Promise<Designation[]> {
    return designationsOf(ctx).load(site.id);
  }

  @FieldResolver(() => [SiteManager], { nullable: true, description: 'Its managers; null unless you manage this site or are an admin' })
  async managers(@Root() site: Site, @Ctx() ctx: SitesContext): Promise<SiteManager[] | null> {
    if (!managesSite(ctx.principal, site)) return null;
    return managersOf(ctx).load(site.id);
  }

  @Mutation(() => Site, { description: 'Creates a site under a parent you manage; retrying with the same code and content returns the same site' })
  createSite(@Arg('input') input: CreateSiteInput, @Ctx() ctx: SitesContext): Promise<Site> {
    requireSignedIn(ctx.principal);
    return ctx.sites.create(ctx.principal, input);
  }

  @Mutation(() => Site, { description: 'Changes the details of a site you manage' })
  updateSite(@Arg('input') input: UpdateSiteInput, @Ctx() ctx: SitesContext): Promise<Site> {
    requireSignedIn(ctx.principal);
    return ctx.sites.update(ctx.principal, input);
  }

  @Mutation(() => Site, { description: 'Moves a site and its subtree under another parent; you must manage both' })
  moveSite(@Arg('input') input: MoveSiteInput, @Ctx() ctx: SitesContext): Promise<Site> {
    requireSignedIn(ctx.principal);
    return ctx.sites.move(ctx.principal, input);
  }

  @Mutation(() => Site, { description: 'Archives a site that has no children left that are not archived' })
  archiveSite(@Arg('id', () => ID) id: string, @Ctx() ctx: SitesContext): Promise<Site> {
    requireSignedIn(ctx.principal);
    return ctx.sites.archive(ctx.principal, id);
  }

  @Mutation(() => Site, { description: 'Suspends a site for a while; it disappears from public lists' })
  suspendSite(@Arg('id', () => ID) id: string, @Ctx() ctx: SitesContext): Promise<Site> {
    requireSignedIn(ctx.principal);
    return ctx.sites.suspend(ctx.principal, id);
  }

  @Mutation(() => Site, { description: 'Makes a suspended or archived site active again (its parent must not be archived)' })
  reactivateSite(@Arg('id', () => ID) id: string, @Ctx() ctx: SitesContext): Promise<Site> {
    requireSignedIn(ctx.principal);
    return ctx.sites.reactivate(ctx.principal, id);
  }
}
