import type { RequestContext } from '@practice/common';
import type { DataSource } from 'typeorm';
import { DesignationService } from './designation/designation.service';
import { ManagerService } from './manager/manager.service';
import { SiteQueries } from './site/site.queries';
import { SiteService } from './site/site.service';

export interface SitesServices {
  db: DataSource;
  sites: SiteService;
  siteQueries: SiteQueries;
  designations: DesignationService;
  managers: ManagerService;
}

export type SitesContext = RequestContext & SitesServices;

/** The services of the subgraph, created once per database. */
export function createSitesServices(db: DataSource): SitesServices {
  const sites = new SiteService(db);
  return {
    db,
    sites,
    siteQueries: new SiteQueries(db),
    designations: new DesignationService(db, sites),
    managers: new ManagerService(db, sites),
  };
}
