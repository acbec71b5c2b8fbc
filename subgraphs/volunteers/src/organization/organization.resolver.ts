import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { VolunteersContext } from '../context';
import { SiteReference, siteReference } from '../site/site.reference';
import { Team } from '../team/team.entity';
import { Organization } from './organization.entity';
import { CreateOrganizationInput, OrganizationFilter, UpdateOrganizationInput } from './organization.inputs';
import { organizationById } from './organization.loaders';
import { OrganizationConnection } from './organization.types';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true })
  organization(@Arg('id', () => ID) id: string, @Ctx() ctx: VolunteersContext): Promise<Organization | null> {
    return organizationById(ctx).load(id);
  }

  @Query(() => OrganizationConnection, { description: 'Registered volunteer organizations, in registration order' })
  organizations(
    @Ctx() ctx: VolunteersContext,
    @Arg('filter', () => OrganizationFilter, { nullable: true }) filter?: OrganizationFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 500 (default 20)' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<OrganizationConnection> {
    return ctx.organizations.list(filter, first, after);
  }

  @FieldResolver(() => SiteReference, { nullable: true, description: 'The site it is registered with' })
  site(@Root() organization: Organization): SiteReference {
    return siteReference(organization.siteId);
  }

  @FieldResolver(() => [Team], { description: 'Its active teams' })
  teams(@Root() organization: Organization, @Ctx() ctx: VolunteersContext): Promise<Team[]> {
    return ctx.teamQueries.ofOrganizations(ctx.loaders).load(organization.id);
  }

  @Mutation(() => Organization, { description: 'Registers an organization with a site you manage; one per credit code' })
  createOrganization(@Arg('input') input: CreateOrganizationInput, @Ctx() ctx: VolunteersContext): Promise<Organization> {
    return ctx.organizations.create(ctx, input);
  }

  @Mutation(() => Organization, { description: 'Changes or deregisters an organization (managers of its site)' })
  updateOrganization(@Arg('input') input: UpdateOrganizationInput, @Ctx() ctx: VolunteersContext): Promise<Organization> {
    return ctx.organizations.update(ctx.principal, input);
  }
}
