import type { SitesContext } from '../context';
import { canReadSite } from './site.access';
import type { Site } from './site.entity';
import { siteById } from './site.loaders';

/** Resolves `Site` representations from other subgraphs through the batched loader. */
export async function resolveSiteReference(reference: { id: string }, ctx: SitesContext): Promise<Site | null> {
  const site = await siteById(ctx).load(reference.id);
  return site && canReadSite(ctx.principal, site) ? site : null;
}
