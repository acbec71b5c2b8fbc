import { Logger, SubgraphConfig, insertRows, runTransaction } from '@practice/common';
import type { DataSource, EntityManager } from 'typeorm';
import { Menu, MenuItem } from '../menu/menu.entity';
import { ResourceArea, ResourceChange, ResourceFacet } from '../resource/resource-profile.entities';
import { Resource } from '../resource/resource.entity';
import { ResourceMonthUsage } from '../usage/resource-usage.entity';
import { CatalogueChunk, CatalogueNetworkOptions, generateCatalogueNetwork } from './catalogue-network';

export interface SeedProgress {
  resources: number;
  total: number;
  rows: number;
  elapsedMs: number;
}

export interface SeedResourcesOptions extends CatalogueNetworkOptions {
  /** Resources written per transaction (whole publishers, so a chunk may hold a few more). */
  chunkSize?: number;
  onProgress?(progress: SeedProgress): void;
}

async function writeChunk(manager: EntityManager, chunk: CatalogueChunk): Promise<number> {
  let rows = await insertRows(manager, Resource, chunk.resources);
  rows += await insertRows(manager, ResourceFacet, chunk.facets);
  rows += await insertRows(manager, ResourceArea, chunk.areas);
  rows += await insertRows(manager, ResourceChange, chunk.changes);
  // An edition's correction names it: first editions in their own statements before the corrections.
  const editions = [...new Set(chunk.menus.map((menu) => menu.edition))].sort((a, b) => a - b);
  for (const edition of editions) {
    rows += await insertRows(
      manager,
      Menu,
      chunk.menus.filter((menu) => menu.edition === edition),
    );
  }
  rows += await insertRows(manager, MenuItem, chunk.items);
  rows += await insertRows(manager, ResourceMonthUsage, chunk.usage);
  return rows;
}

/**
 * Fills a resources database without resources with the demo catalogues and menus of the sites
 * subgraph's demo network; leaves a database with any resource alone. Each chunk of publishers is
 * its own transaction, so a large seeding holds neither all rows in memory nor one huge transaction.
 */
export async function seedDemoResources(db: DataSource, log?: Logger, _config?: SubgraphConfig, options: SeedResourcesOptions = {}): Promise<boolean> {
  if ((await db.getRepository(Resource).count()) > 0) return false;
  const started = Date.now();
  const { chunkSize = 1000, onProgress, ...networkOptions } = options;
  const plan = generateCatalogueNetwork(networkOptions);
  let rows = 0;
  let written = 0;
  let menus = 0;
  for (const chunk of plan.chunks(chunkSize)) {
    rows += await runTransaction(db, (manager) => writeChunk(manager, chunk));
    written += chunk.resources.length;
    menus += chunk.menus.length;
    onProgress?.({ resources: written, total: plan.resourceCount, rows, elapsedMs: Date.now() - started });
  }
  log?.info('demo resources written', { publishers: plan.publishers.length, resources: written, menus, rows, ms: Date.now() - started });
  return true;
}
