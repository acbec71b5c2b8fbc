import type { DemoNetwork, DemoSite } from '@practice/sites';
import { SiteKind, SiteStatus } from '@practice/sites';
import { Rng } from './random';

/** A county as the catalogue generator needs it. */
export interface CatalogueCounty {
  center: DemoSite;
  /** The first six digits of its region codes: a sector sub-center's default service area. */
  code: string;
  /** Telephone area code (0512) and the exchange of its offices' lines (5273). */
  areaCode: string;
  exchange: string;
  townships: { name: string; prefix: string }[];
}

/** A site that publishes a catalogue, with how many resources it publishes. */
export interface PublisherPlan {
  index: number;
  site: DemoSite;
  county: CatalogueCounty;
  count: number;
}

/** Resources each kind of publisher offers in the demo county (ranges drawn per publisher). */
const NATURAL_COUNT: Partial<Record<SiteKind, [min: number, max: number, share: number]>> = {
  [SiteKind.SECTOR_SUBCENTER]: [8, 20, 1],
  [SiteKind.CENTER]: [13, 17, 1],
  [SiteKind.INSTITUTE]: [5, 10, 1],
  // About a third of the stations keep a catalogue of their own.
  [SiteKind.STATION]: [2, 5, 1 / 3],
};

/** 虞山街道 of 虞山街道新时代文明实践所. */
const townOf = (institute: DemoSite): string => institute.name.replace('新时代文明实践所', '');

/**
 * The ACTIVE centers, institutes, stations and sector sub-centers of the network, in the network's
 * order, each with its number of resources: drawn as the demo county has them, then scaled so that
 * they add up to `target` when one is given (largest remainders, so the sum is exact).
 */
export function planPublishers(network: DemoNetwork, rng: Rng, target?: number): PublisherPlan[] {
  const counties = new Map<string, CatalogueCounty>();
  for (const site of network.sites) {
    if (site.kind !== SiteKind.CENTER) continue;
    const code = site.regionCode.slice(0, 6);
    const areaCode = site.contactPhone?.split('-')[0] ?? '0512';
    counties.set(site.id, { center: site, code, areaCode, exchange: code === '320581' ? '5273' : `5${code.slice(3)}`, townships: [] });
  }
  const plans: PublisherPlan[] = [];
  for (const site of network.sites) {
    const county = counties.get(site.path.split('/')[1]);
    const natural = NATURAL_COUNT[site.kind];
    if (!county || !natural || site.status !== SiteStatus.ACTIVE) continue;
    if (site.kind === SiteKind.INSTITUTE) county.townships.push({ name: townOf(site), prefix: site.regionCode.slice(0, 9) });
    const [min, max, share] = natural;
    const count = share >= 1 || rng.chance(share) ? rng.int(min, max) : 0;
    plans.push({ index: plans.length, site, county, count });
  }
  if (target !== undefined) scaleCounts(plans, target);
  return plans.filter((plan) => plan.count > 0);
}

function scaleCounts(plans: PublisherPlan[], target: number): void {
  const natural = plans.reduce((sum, plan) => sum + plan.count, 0);
  if (!natural) return;
  const factor = target / natural;
  const exact = plans.map((plan) => plan.count * factor);
  plans.forEach((plan, i) => (plan.count = Math.floor(exact[i])));
  let missing = target - plans.reduce((sum, plan) => sum + plan.count, 0);
  const byRemainder = plans.map((_, i) => i).sort((a, b) => exact[b] - Math.floor(exact[b]) - (exact[a] - Math.floor(exact[a])) || a - b);
  for (const i of byRemainder) {
    if (missing-- <= 0) break;
    plans[i].count += 1;
  }
}
