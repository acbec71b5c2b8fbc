import { requireSignedIn } from '@practice/common';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SitesContext } from '../context';
import { Site } from '../site/site.entity';
import { AssignManagerInput, RemoveManagerInput } from '../site/site.inputs';

@Resolver()
export class ManagerResolver {
  @Mutation(() => Site, { description: 'Makes a person a manager of a site you manage (again: updates their name and phone)' })
  assignSiteManager(@Arg('input') input: AssignManagerInput, @Ctx() ctx: SitesContext): Promise<Site> {
    requireSignedIn(ctx.principal);
    return ctx.managers.assign(ctx.principal, input);
  }

  @Mutation(() => Site, { description: 'Removes a manager from a site you manage' })
  removeSiteManager(@Arg('input') input: RemoveManagerInput, @Ctx() ctx: SitesContext): Promise<Site> {
    requireSignedIn(ctx.principal);
    return ctx.managers.remove(ctx.principal, input);
  }
}
