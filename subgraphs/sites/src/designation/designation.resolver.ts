import { requireSignedIn } from '@practice/common';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SitesContext } from '../context';
import { Site } from '../site/site.entity';
import { DesignationInput, DesignationKeyInput } from '../site/site.inputs';

@Resolver()
export class DesignationResolver {
  @Mutation(() => Site, { description: 'Designates a site as a demonstration site for a year (by a manager of a higher-level site)' })
  designateDemonstration(@Arg('input') input: DesignationInput, @Ctx() ctx: SitesContext): Promise<Site> {
    requireSignedIn(ctx.principal);
    return ctx.designations.designate(ctx.principal, input);
  }

  @Mutation(() => Site, { description: 'Withdraws a demonstration designation' })
  revokeDemonstration(@Arg('input') input: DesignationKeyInput, @Ctx() ctx: SitesContext): Promise<Site> {
    requireSignedIn(ctx.principal);
    return ctx.designations.revoke(ctx.principal, input);
  }
}
