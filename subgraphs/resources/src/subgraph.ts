import { EVENTS_PATH, InboxEvent, SubgraphDefinition, eventsRoute } from '@practice/common';
import { Category } from './category/category.entity';
import { ResourcesServices, createResourcesServices } from './context';
import { seedDemoResources } from './demo/seed';
import { MenuItem, Menu } from './menu/menu.entity';
import { CreateResources1734000000000 } from './migrations/1734000000000-CreateResources';
import { SeedCategories1734000000001 } from './migrations/1734000000001-SeedCategories';
import { CreateUsage1734000000002 } from './migrations/1734000000002-CreateUsage';
import { AnalyticsIndexes1734000000003 } from './migrations/1734000000003-AnalyticsIndexes';
import { ResourceArea, ResourceChange, ResourceFacet } from './resource/resource-profile.entities';
import { Resource } from './resource/resource.entity';
import { buildResourcesSchema } from './schema';
import { resourcesEnv } from './settings';
import { ResourceMonthUsage } from './usage/resource-usage.entity';
import { TicketOrder } from './usage/ticket-order.entity';

export const RESOURCES_DEFAULT_PORT = 4003;

export const resourcesSubgraph: SubgraphDefinition<ResourcesServices> = {
  name: 'resources',
  defaultPort: RESOURCES_DEFAULT_PORT,
  entities: [Category, Resource, ResourceFacet, ResourceArea, ResourceChange, Menu, MenuItem, ResourceMonthUsage, TicketOrder, InboxEvent],
  migrations: [CreateResources1734000000000, SeedCategories1734000000001, CreateUsage1734000000002, AnalyticsIndexes1734000000003],
  env: resourcesEnv,
  buildSchema: buildResourcesSchema,
  createServices: createResourcesServices,
  routes: (services, config) => ({ [EVENTS_PATH]: eventsRoute(services.inbox, config.internalSecret) }),
  seedDemoData: (db, log, config) => seedDemoResources(db, log, config),
};
