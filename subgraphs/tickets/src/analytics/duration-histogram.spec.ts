import { BUCKET_BOUNDS_SECONDS, BUCKET_COUNT, bucketOf, estimatePercentile } from './duration-histogram';

const HOUR = 3600;

/** Counts and sums per bucket of some durations in seconds. */
function histogram(durations: number[]): { counts: number[]; sums: number[] } {
  const counts = new Array<number>(BUCKET_COUNT).fill(0);
  const sums = new Array<number>(BUCKET_COUNT).fill(0);
  for (const seconds of durations) {
    counts[bucketOf(seconds)]++;
    sums[bucketOf(seconds)] += seconds;
  }
  return { counts, sums };
}

const nearestRank = (durations: number[], p: number) => [...durations].sort((a, b) => a - b)[Math.max(1, Math.ceil(p * durations.length)) - 1];

describe('duration histogram', () => {
  it('has 42 buckets at round hours, each at most a third wider than the one before', () => {
    expect(BUCKET_COUNT).toBe(42);
    expect(BUCKET_BOUNDS_SECONDS.slice(0, 11)).toEqual([360, 450, 540, 720, 900, 1080, 1440, 1800, 2160, 2880, 3600]);
    expect(BUCKET_BOUNDS_SECONDS.at(-1)).toBe(1000 * HOUR);
    for (let i = 1; i < BUCKET_BOUNDS_SECONDS.length; i++) {
      expect(BUCKET_BOUNDS_SECONDS[i] / BUCKET_BOUNDS_SECONDS[i - 1]).toBeGreaterThanOrEqual(1.2);
      expect(BUCKET_BOUNDS_SECONDS[i] / BUCKET_BOUNDS_SECONDS[i - 1]).toBeLessThanOrEqual(4 / 3 + 1e-9);
    }
  });

  it('puts a duration on a bound in the bucket above it', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(359)).toBe(0);
    expect(bucketOf(360)).toBe(1);
    expect(bucketOf(HOUR)).toBe(11);
    expect(bucketOf(1000 * HOUR)).toBe(41);
    expect(bucketOf(5000 * HOUR)).toBe(41);
  });

  it('gives the nearest-rank value exactly when it is alone in its bucket, or its bucket is evenly spaced', () => {
    const hours = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((h) => h * HOUR);
    const { counts, sums } = histogram(hours);
    expect(estimatePercentile(counts, sums, 0.5)).toBe(5);
    expect(estimatePercentile(counts, sums, 0.9)).toBe(9);
    expect(estimatePercentile(counts, sums, 1)).toBe(10);
    expect(estimatePercentile(new Array<number>(BUCKET_COUNT).fill(0), new Array<number>(BUCKET_COUNT).fill(0), 0.9)).toBeNull();
  });

  it('stays within the bucket width of the exact value for any durations', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 200; trial++) {
      const durations = Array.from({ length: 1 + Math.floor(next() * 300) }, () => Math.floor(Math.exp(next() * 14)));
      const { counts, sums } = histogram(durations);
      for (const p of [0.5, 0.9]) {
        const exact = nearestRank(durations, p);
        const bucket = bucketOf(exact);
        const width = (BUCKET_BOUNDS_SECONDS[bucket] ?? exact) - (bucket ? BUCKET_BOUNDS_SECONDS[bucket - 1] : 0);
        expect(Math.abs(estimatePercentile(counts, sums, p)! * HOUR - exact)).toBeLessThanOrEqual(width + 1e-6);
      }
    }
  });
});
