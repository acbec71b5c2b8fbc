import { CountyNetworkOptions, DemoNetwork, generateCountyNetwork, generateNetworks } from './county-network';

/**
 * The sizes of the demo data every subgraph's generator agrees on. `small` is the demo county of
 * `npm start` (Changshu's real network: ~400 sites, 3,000 volunteers); `county` is the size the
 * benchmarks and analyst queries are measured at (~1,000 sites, 100,000 volunteers, 20,000
 * resources, about 800,000 tickets over two years).
 */
export type DemoScaleName = 'small' | 'county';

export interface DemoScale {
  network: Omit<CountyNetworkOptions, 'seed'>;
  /** Volunteers of one county. */
  volunteers: number;
  /** Resources of one county; undefined: what the publishers of the network offer. */
  resources?: number;
  /** Tickets besides the completed and in-hand ones, as a share of those (waiting, rejected, cancelled …). */
  otherTickets: number;
}

export const DEMO_SCALES: Record<DemoScaleName, DemoScale> = {
  small: { network: {}, volunteers: 3000, otherTickets: 0.25 },
  county: { network: { institutes: 16, stationsPerInstitute: 40, points: 300 }, volunteers: 100_000, resources: 20_000, otherTickets: 0.2 },
};

export const isDemoScale = (value: unknown): value is DemoScaleName => value === 'small' || value === 'county';

/** The demo sites of `counties` counties at a scale: the same for every generator given the same seed. */
export function demoNetwork(options: { counties?: number; seed?: number; scale?: DemoScaleName } = {}): DemoNetwork {
  const counties = Math.max(1, options.counties ?? 1);
  const county = { ...DEMO_SCALES[options.scale ?? 'small'].network, ...(options.seed === undefined ? {} : { seed: options.seed }) };
  return counties > 1 ? generateNetworks(counties, county) : generateCountyNetwork(county);
}
