import { Logger, RequestContext, SiteDirectory, SubgraphConfig } from '@practice/common';
import type { DataSource } from 'typeorm';
import { CategoryService } from './category/category.service';
import { MenuQueries } from './menu/menu.queries';
import { MenuService } from './menu/menu.service';
import { ResourceQueries } from './resource/resource.queries';
import { ResourceService } from './resource/resource.service';
import { ResourceImportService } from './resource/resource-import.service';
import { ResourceSettings, resourceSettings } from './settings';

export interface ResourcesServices {
  db: DataSource;
  settings: ResourceSettings;
  sites: SiteDirectory;
  categories: CategoryService;
  resources: ResourceService;
  resourceQueries: ResourceQueries;
  imports: ResourceImportService;
  menus: MenuService;
  menuQueries: MenuQueries;
}

export type ResourcesContext = RequestContext & ResourcesServices;

/** The services of the subgraph, created once per database. */
export function createResourcesServices(db: DataSource, config: SubgraphConfig, _log: Logger): ResourcesServices {
  const settings = resourceSettings(config);
  const sites = new SiteDirectory(settings.sitesUrl);
  const categories = new CategoryService(db, sites);
  return {
    db,
    settings,
    sites,
    categories,
    resources: new ResourceService(db, sites, categories, settings),
    resourceQueries: new ResourceQueries(db, categories),
    imports: new ResourceImportService(db, sites, categories, settings),
    menus: new MenuService(db, sites),
    menuQueries: new MenuQueries(db),
  };
}
