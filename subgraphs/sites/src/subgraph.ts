import { SubgraphDefinition } from '@practice/common';
import { SitesServices, createSitesServices } from './context';
import { seedDemoSites } from './demo/seed';
import { Designation } from './designation/designation.entity';
import { SiteManager } from './manager/manager.entity';
import { CreateSites1732000000000 } from './migrations/1732000000000-CreateSites';
import { buildSitesSchema } from './schema';
import { Site } from './site/site.entity';

export const SITES_DEFAULT_PORT = 4001;

export const sitesSubgraph: SubgraphDefinition<SitesServices> = {
  name: 'sites',
  defaultPort: SITES_DEFAULT_PORT,
  entities: [Site, Designation, SiteManager],
  migrations: [CreateSites1732000000000],
  buildSchema: buildSitesSchema,
  createServices: createSitesServices,
  seedDemoData: (db, log) => seedDemoSites(db, log),
};
