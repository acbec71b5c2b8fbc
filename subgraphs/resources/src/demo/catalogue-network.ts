/**
 * Deterministic demo catalogues and menus over the sites subgraph's demo network (the same sites, by
 * the same generator and seed): every ACTIVE sector sub-center, the center, the institutes and a
 * third of the stations publish resources of their kind, with categories, audiences, delivery modes,
 * service areas, schedules, order forms and audit rows, monthly menus of them and the orders of last
 * month and this month so far. Publishers come in chunks with all their rows, so that 50,000
 * resources are written without holding them all.
 */
import { DEMO_SCALES, DemoNetwork, DemoScaleName, demoNetwork } from '@practice/sites';
import { MenuPeriods, writePublisherMenus } from './catalogue-menus';
import { CatalogueChunk, dayNumber, emptyChunk, periodOf, todayInChina } from './catalogue-model';
import { PublisherPlan, planPublishers } from './catalogue-publishers';
import { writePublisherResources } from './catalogue-resources';
import { writePublisherUsage } from './catalogue-usage';
import { Rng, mixSeed } from './random';

export type * from './catalogue-model';
export type { PublisherPlan } from './catalogue-publishers';

/** The sites generator's default seed: the same number gives the same sites here and there. */
export const DEFAULT_DEMO_SEED = 20260101;

export interface CatalogueNetworkOptions {
  /** The sites; by default the sites subgraph's demo of `counties` counties with `seed`. */
  network?: DemoNetwork;
  counties?: number;
  /** Seeds the sites (when generated here) and the catalogues. */
  seed?: number;
  /** In all; by default what the publishers of the network offer (a few hundred a county). */
  resources?: number;
  /** The demo scale of the sites and of the resources per county; `small` by default. */
  scale?: DemoScaleName;
  /** YYYY-MM-DD in China; by default today. Dates and menu periods are relative to it. */
  today?: string;
}

export interface CatalogueNetwork {
  network: DemoNetwork;
  publishers: PublisherPlan[];
  resourceCount: number;
  periods: MenuPeriods;
  /** The publishers with their rows, at least `size` resources a chunk; every call gives the same chunks. */
  chunks(size?: number): Generator<CatalogueChunk>;
}

export function generateCatalogueNetwork(options: CatalogueNetworkOptions = {}): CatalogueNetwork {
  const counties = Math.max(1, options.counties ?? 1);
  const network = options.network ?? demoNetwork({ counties, seed: options.seed, scale: options.scale });
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const todayDate = options.today ?? todayInChina();
  const today = dayNumber(todayDate);
  const periods: MenuPeriods = { previous: periodOf(todayDate, -1), current: periodOf(todayDate), next: periodOf(todayDate, 1), today };
  const scaled = options.scale ? DEMO_SCALES[options.scale].resources : undefined;
  const publishers = planPublishers(network, new Rng(mixSeed(seed, 1)), options.resources ?? (scaled === undefined ? undefined : scaled * counties));
  const resourceCount = publishers.reduce((sum, plan) => sum + plan.count, 0);

  function* chunks(size = 1000): Generator<CatalogueChunk> {
    let chunk = emptyChunk();
    for (const plan of publishers) {
      // Each publisher draws from its own stream: its rows do not depend on the chunk size.
      const rng = new Rng(mixSeed(seed, 100 + plan.index));
      const resources = writePublisherResources(plan, rng, today, chunk);
      writePublisherMenus(plan, resources, rng, periods, chunk);
      writePublisherUsage(plan.site.id, resources, rng, periods, chunk);
      if (chunk.resources.length >= size) {
        yield chunk;
        chunk = emptyChunk();
      }
    }
    if (chunk.resources.length) yield chunk;
  }
  return { network, publishers, resourceCount, periods, chunks };
}

/** Everything at once: for tests and small networks. */
export function collectCatalogueNetwork(options: CatalogueNetworkOptions = {}): Omit<CatalogueNetwork, 'chunks'> & CatalogueChunk {
  const { chunks, ...plan } = generateCatalogueNetwork(options);
  const all = emptyChunk();
  for (const chunk of chunks()) for (const key of Object.keys(all) as (keyof CatalogueChunk)[]) (all[key] as unknown[]).push(...chunk[key]);
  return { ...plan, ...all };
}
