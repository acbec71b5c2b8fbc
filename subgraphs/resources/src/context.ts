import { DEFAULT_AGGREGATE_LIMITS, EventInbox, Logger, RequestContext, SiteDirectory, SubgraphConfig } from '@practice/common';
import type { DataSource } from 'typeorm';
import { MenuCoverageQueries } from './analytics/menu-coverage.queries';
import { ResourceStatsQueries } from './analytics/resource-stats.queries';
import { ResourceStatsService } from './analytics/resource-stats.service';
import { CategoryService } from './category/category.service';
import { ticketEventHandlers } from './events/ticket-events';
import { MenuQueries } from './menu/menu.queries';
import { MenuService } from './menu/menu.service';
import { ResourceQueries } from './resource/resource.queries';
import { ResourceService } from './resource/resource.service';
import { ResourceImportService } from './resource/resource-import.service';
import { ResourceSettings, resourceSettings } from './settings';
import { SuggestionQueries } from './suggestion/suggestion.queries';
import { SuggestionService } from './suggestion/suggestion.service';
import { UsageQueries } from './usage/usage.queries';
import { UsageService } from './usage/usage.service';

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
  usageQueries: UsageQueries;
  suggestions: SuggestionService;
  resourceStats: ResourceStatsService;
  menuCoverage: MenuCoverageQueries;
  /** Applies the tickets subgraph's events at /internal/events. */
  inbox: EventInbox;
}

export type ResourcesContext = RequestContext & ResourcesServices;

/** The services of the subgraph, created once per database. */
export function createResourcesServices(db: DataSource, config: SubgraphConfig, log: Logger): ResourcesServices {
  const settings = resourceSettings(config);
  const sites = new SiteDirectory(settings.sitesUrl);
  const categories = new CategoryService(db, sites);
  const menuQueries = new MenuQueries(db);
  const usageQueries = new UsageQueries(db);
  return {
    db,
    settings,
    sites,
    categories,
    resources: new ResourceService(db, sites, categories, settings),
    resourceQueries: new ResourceQueries(db, categories),
    imports: new ResourceImportService(db, sites, categories, settings),
    menus: new MenuService(db, sites),
    menuQueries,
    usageQueries,
    suggestions: new SuggestionService(new SuggestionQueries(db), menuQueries, usageQueries),
    resourceStats: new ResourceStatsService(new ResourceStatsQueries(db), categories, { ...DEFAULT_AGGREGATE_LIMITS, maxGroups: settings.statsMaxGroups }),
    menuCoverage: new MenuCoverageQueries(db),
    inbox: new EventInbox(db, ticketEventHandlers(new UsageService()), log),
  };
}
