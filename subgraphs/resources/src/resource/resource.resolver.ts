import { Principal, Role, isAdmin } from '@practice/common';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Category } from '../category/category.entity';
import { categoryByCode } from '../category/category.loaders';
import type { ResourcesContext } from '../context';
import { SiteReference, siteReference } from '../site/site.reference';
import { ownsCatalogue } from '../shared/ownership';
import { publisherOfRow } from './resource.checks';
import { Resource } from './resource.entity';
import { AreaKind, Audience, DeliveryMode, FacetKind } from './resource.enums';
import { CreateResourceInput, UpdateResourceInput } from './resource.inputs';
import { resourceAreas, resourceChanges, resourceFacets } from './resource.loaders';
import { resolveResourceReference } from './resource.reference';
import { FormFieldDefinition, ResourceChangeEntry, ResourceConnection, ResourceFilter, ResourceServiceArea, ScheduleRuleType } from './resource.types';

const MAX_HISTORY = 100;

@Resolver(() => Resource)
export class ResourceResolver {
  @Query(() => Resource, { nullable: true, description: 'A resource; drafts and withdrawn ones only for their owners, analysts and admins' })
  resource(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext): Promise<Resource | null> {
    return resolveResourceReference({ id }, ctx);
  }

  @Query(() => ResourceConnection, { description: 'Resources of every catalogue, in creation order' })
  resources(
    @Ctx() ctx: ResourcesContext,
    @Arg('filter', () => ResourceFilter, { nullable: true }) filter?: ResourceFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 500 (default 20)' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ResourceConnection> {
    return ctx.resourceQueries.list(ctx.principal, filter, first, after);
  }

  @FieldResolver(() => SiteReference, { description: 'The publishing site' })
  publisher(@Root() resource: Resource): SiteReference {
    return siteReference(resource.publisherId);
  }

  @FieldResolver(() => [Category])
  async categories(@Root() resource: Resource, @Ctx() ctx: ResourcesContext): Promise<Category[]> {
    const codes = (await resourceFacets(ctx).load(resource.id)).filter((row) => row.facet === FacetKind.CATEGORY).map((row) => row.value);
    return (await categoryByCode(ctx).loadMany(codes)).filter((category): category is Category => category instanceof Category);
  }

  @FieldResolver(() => [Audience])
  async audiences(@Root() resource: Resource, @Ctx() ctx: ResourcesContext): Promise<string[]> {
    return (await resourceFacets(ctx).load(resource.id)).filter((row) => row.facet === FacetKind.AUDIENCE).map((row) => row.value);
  }

  @FieldResolver(() => [DeliveryMode])
  async deliveryModes(@Root() resource: Resource, @Ctx() ctx: ResourcesContext): Promise<string[]> {
    return (await resourceFacets(ctx).load(resource.id)).filter((row) => row.facet === FacetKind.DELIVERY).map((row) => row.value);
  }

  @FieldResolver(() => ResourceServiceArea)
  async serviceArea(@Root() resource: Resource, @Ctx() ctx: ResourcesContext): Promise<ResourceServiceArea> {
    const areas = await resourceAreas(ctx).load(resource.id);
    return {
      regionCodePrefixes: areas.filter((row) => row.kind === AreaKind.REGION).map((row) => row.value),
      sites: areas.filter((row) => row.kind === AreaKind.SITE).map((row) => siteReference(row.value)),
    };
  }

  @FieldResolver(() => [ScheduleRuleType])
  schedule(@Root() resource: Resource): ScheduleRuleType[] {
    return resource.schedule.map((rule) => ({ validFrom: null, validTo: null, note: null, ...rule }));
  }

  @FieldResolver(() => [FormFieldDefinition], { description: 'What a citizen fills in when ordering' })
  orderForm(@Root() resource: Resource): FormFieldDefinition[] {
    return resource.orderForm.map((field) => ({ hint: null, options: null, min: null, max: null, maxLength: null, ...field }));
  }

  @FieldResolver(() => [ResourceChangeEntry], {
    nullable: true,
    description: 'Who changed what and when, newest first: for the catalogue’s owners, analysts and admins',
  })
  async history(
    @Root() resource: Resource,
    @Ctx() ctx: ResourcesContext,
    @Arg('first', () => Int, { defaultValue: 20, description: '1 to 100' }) first: number,
  ): Promise<ResourceChangeEntry[] | null> {
    if (!readsHistory(ctx.principal, resource)) return null;
    const changes = (await resourceChanges(ctx).load(resource.id)).slice(0, Math.max(1, Math.min(first, MAX_HISTORY)));
    return changes.map((change) => ({
      action: change.action,
      actor: change.actor,
      actorRole: change.actorRole,
      changedAt: change.changedAt,
      changes: Object.entries(change.changes).map(([field, { from, to }]) => ({
        field,
        from: from === null || from === undefined ? null : JSON.stringify(from),
        to: to === null || to === undefined ? null : JSON.stringify(to),
      })),
    }));
  }

  @Mutation(() => Resource, { description: 'Adds a DRAFT to a catalogue (its owners: the sub-center’s agency admins, the site’s managers, admins)' })
  createResource(@Arg('input') input: CreateResourceInput, @Ctx() ctx: ResourcesContext): Promise<Resource> {
    return ctx.resources.create(ctx, input);
  }

  @Mutation(() => Resource, { description: 'Changes a resource; a published one stays published with the new content' })
  updateResource(@Arg('input') input: UpdateResourceInput, @Ctx() ctx: ResourcesContext): Promise<Resource> {
    return ctx.resources.update(ctx, input);
  }

  @Mutation(() => Resource, { description: 'DRAFT or WITHDRAWN → PUBLISHED: orderable and listable on menus' })
  publishResource(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext): Promise<Resource> {
    return ctx.resources.publish(ctx, id);
  }

  @Mutation(() => Resource, { description: 'PUBLISHED → WITHDRAWN: no longer orderable; it disappears from the menus that list it' })
  withdrawResource(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext): Promise<Resource> {
    return ctx.resources.withdraw(ctx, id);
  }
}

const readsHistory = (principal: Principal, resource: Resource): boolean =>
  isAdmin(principal) || principal.role === Role.ANALYST || ownsCatalogue(principal, publisherOfRow(resource));
