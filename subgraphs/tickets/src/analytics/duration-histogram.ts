/**
 * Durations counted in fixed buckets, so that medians and 90th percentiles add up like counts: a
 * group's histogram is the sum of its parts' histograms, whether the parts are tickets or the
 * monthly summary rows. A percentile is then estimated inside the bucket that holds its rank
 * instead of sorting the period's tickets, which at a county's year is the difference between
 * seconds and milliseconds.
 *
 * Ten buckets per tenfold, at round numbers of hours from 0.1 h to 1,000 h (each at most a third
 * wider than the one before), plus one below and one above, each with the number of its durations
 * and their sum: the estimate is never further from the exact nearest-rank value than the width of
 * its bucket, and exact when the bucket holds that one duration. Bounds are whole seconds, so SQL
 * and TypeScript put a duration in the same bucket without any floating point.
 */
const STEPS = [0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8];

/** Lower bounds of buckets 1 … n-1 in seconds; bucket 0 is [0, 360 s), the last [3,600,000 s, ∞). */
export const BUCKET_BOUNDS_SECONDS: readonly number[] = [
  ...[1, 10, 100, 1000].flatMap((decade) => STEPS.map((step) => Math.round(step * decade * 3600))),
  1000 * 3600,
];

export const BUCKET_COUNT = BUCKET_BOUNDS_SECONDS.length + 1;

export type DurationMeasure = 'dh' | 'ch';

/** The column of the number of a measure's durations in a bucket: dh_b00 … dh_b41. */
export const bucketColumn = (measure: DurationMeasure, bucket: number): string => `${measure}_b${String(bucket).padStart(2, '0')}`;

/** The column of the seconds those durations add up to: dh_s00 … dh_s41. */
export const bucketSumColumn = (measure: DurationMeasure, bucket: number): string => `${measure}_s${String(bucket).padStart(2, '0')}`;

/** Both columns of every bucket of a measure, counts first. */
export const bucketColumns = (measure: DurationMeasure): string[] => [
  ...Array.from({ length: BUCKET_COUNT }, (_, bucket) => bucketColumn(measure, bucket)),
  ...Array.from({ length: BUCKET_COUNT }, (_, bucket) => bucketSumColumn(measure, bucket)),
];

export function bucketOf(seconds: number): number {
  let bucket = 0;
  while (bucket < BUCKET_BOUNDS_SECONDS.length && seconds >= BUCKET_BOUNDS_SECONDS[bucket]) bucket++;
  return bucket;
}

/**
 * Closes a derived table that computes buckets, so that the database materializes it instead of
 * merging it into the query that sums per bucket: merged, every one of the 84 sums would evaluate
 * the bucket's CASE again, and each arm of it the seconds' expression (MariaDB's derived_merge,
 * SQLite's flattener; neither merges a subquery with a LIMIT into an aggregate).
 */
export const MATERIALIZED = 'LIMIT 9223372036854775807';

/** SQL: the bucket of an integer seconds expression (NULL stays NULL). */
export function bucketSql(seconds: string): string {
  const arms = BUCKET_BOUNDS_SECONDS.map((bound, index) => `WHEN ${seconds} < ${bound} THEN ${index}`);
  return `CASE WHEN ${seconds} IS NULL THEN NULL ${arms.join(' ')} ELSE ${BUCKET_BOUNDS_SECONDS.length} END`;
}

/**
 * The estimated `p` quantile in hours of a histogram (counts and seconds per bucket): the
 * ⌈p·n⌉-th shortest duration, placed among its bucket's durations as if they were evenly spaced
 * around their mean, as widely as the bucket allows. A bucket of one duration gives it exactly, and
 * so does a bucket of evenly spaced ones.
 * Null for an empty histogram.
 */
export function estimatePercentile(counts: readonly number[], sums: readonly number[], p: number): number | null {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = rankOf(p, total);
  let before = 0;
  for (let bucket = 0; bucket < counts.length; bucket++) {
    const inBucket = counts[bucket];
    if (before + inBucket >= rank) {
      const mean = sums[bucket] / inBucket;
      const lower = bucket === 0 ? 0 : BUCKET_BOUNDS_SECONDS[bucket - 1];
      const upper = bucket === BUCKET_BOUNDS_SECONDS.length ? mean : BUCKET_BOUNDS_SECONDS[bucket];
      const halfWidth = Math.max(0, Math.min(mean - lower, upper - mean));
      // The first and last of the bucket's durations at the ends of that spread, one alone at its mean.
      const position = inBucket === 1 ? 0.5 : (rank - before - 1) / (inBucket - 1);
      return (mean - halfWidth + 2 * halfWidth * position) / 3600;
    }
    before += inBucket;
  }
  return null;
}

/** ⌈p·n⌉ in whole numbers (p in thousandths), as `percentileSql` computes it, with no rounding of p·n. */
const rankOf = (p: number, n: number): number => Math.max(1, Math.floor((Math.round(p * 1000) * n + 999) / 1000));

/**
 * `estimatePercentile` in SQL, over a row that holds a measure's histogram (its bucket columns, as
 * `column` names them) and `n`, the number of its durations: the database sends four numbers per
 * group instead of 168, which for a county's year of 5,000 groups is most of the answer's time.
 * Null for an empty histogram.
 */
export function percentileSql(mysql: boolean, measure: DurationMeasure, p: number, column: (name: string) => string, n: string): string {
  const real = (expression: string) => `(${expression}) * 1e0`;
  const whole = (expression: string) => (mysql ? `FLOOR(${expression})` : `CAST(${expression} AS INTEGER)`);
  const rank = whole(`(${Math.round(p * 1000)} * ${n} + 999) / 1000`);
  const count = (bucket: number) => column(bucketColumn(measure, bucket));
  const arms: string[] = [];
  let before = '0';
  for (let bucket = 0; bucket < BUCKET_COUNT; bucket++) {
    const inBucket = count(bucket);
    const through = bucket === 0 ? inBucket : `${before} + ${inBucket}`;
    const mean = `${real(column(bucketSumColumn(measure, bucket)))} / ${inBucket}`;
    const lower = bucket === 0 ? 0 : BUCKET_BOUNDS_SECONDS[bucket - 1];
    const upper = bucket === BUCKET_BOUNDS_SECONDS.length ? `(${mean})` : String(BUCKET_BOUNDS_SECONDS[bucket]);
    const below = `(${mean}) - ${lower}`;
    const above = `${upper} - (${mean})`;
    const halfWidth = `(CASE WHEN ${below} < ${above} THEN ${below} ELSE ${above} END)`;
    const position = `(CASE WHEN ${inBucket} = 1 THEN 0.5 ELSE ${real(`${rank} - (${before}) - 1`)} / (${inBucket} - 1) END)`;
    arms.push(`WHEN ${through} >= ${rank} THEN ((${mean}) - ${halfWidth} + 2 * ${halfWidth} * ${position}) / 3600`);
    before = through;
  }
  return `(CASE WHEN ${n} IS NULL OR ${n} = 0 THEN NULL ${arms.join(' ')} END)`;
}
