import type { SubgraphDefinition } from '@practice/common';
import { Category } from './category/category.entity';
import { ResourcesServices, createResourcesServices } from './context';
import { seedDemoResources } from './demo/seed';
import { MenuItem, Menu } from './menu/menu.entity';
import { CreateResources1734000000000 } from './migrations/1734000000000-CreateResources';
import { SeedCategories1734000000001 } from './migrations/1734000000001-SeedCategories';
import { ResourceArea, ResourceChange, ResourceFacet } from './resource/resource-profile.entities';
import { Resource } from './resource/resource.entity';
import { buildResourcesSchema } from './schema';
import { resourcesEnv } from './settings';

export const RESOURCES_DEFAULT_PORT = 4003;

export const resourcesSubgraph: SubgraphDefinition<ResourcesServices> = {
  name: 'resources',
  defaultPort: RESOURCES_DEFAULT_PORT,
  entities: [Category, Resource, ResourceFacet, ResourceArea, ResourceChange, Menu, MenuItem],
  migrations: [CreateResources1734000000000, SeedCategories1734000000001],
  env: resourcesEnv,
  buildSchema: buildResourcesSchema,
  createServices: createResourcesServices,
  seedDemoData: (db, log, config) => seedDemoResources(db, log, config),
};
