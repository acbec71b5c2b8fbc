import { AggregateLimits, DEFAULT_AGGREGATE_LIMITS, EnvSpec, env } from '@practice/common';

export interface StatsLimits extends AggregateLimits {
  /** Days from `from` to `to` of the service period of `serviceHourStats`. */
  maxPeriodDays: number;
  /**
   * Groups of fewer volunteers are left out of the answers of everyone but admins, so that no chart
   * shows one person's figures.
   */
  minGroupSize: number;
}

/** Three years (any three, a leap day included) between `from` and `to`, as the tickets subgraph's figures. */
export const DEFAULT_STATS_MAX_DAYS = 1095;
export const DEFAULT_STATS_MIN_GROUP_SIZE = 3;

export const statsEnvSpec = (): EnvSpec => ({
  VOLUNTEER_STATS_MAX_DAYS: env.int('Longest service period of serviceHourStats, in days from `from` to `to` (1 to 3660)', {
    default: DEFAULT_STATS_MAX_DAYS,
    min: 1,
    max: 3660,
  }),
  VOLUNTEER_STATS_MAX_GROUPS: env.int('Most groups one volunteerStats or serviceHourStats answer may have (1 to 50000)', {
    default: DEFAULT_AGGREGATE_LIMITS.maxGroups,
    min: 1,
    max: 50_000,
  }),
  VOLUNTEER_STATS_MIN_GROUP_SIZE: env.int(
    'Fewest volunteers a group of volunteerStats or serviceHourStats needs to be shown to others than admins (1 to 100)',
    {
      default: DEFAULT_STATS_MIN_GROUP_SIZE,
      min: 1,
      max: 100,
    },
  ),
});

export function statsLimits(values: Record<string, unknown>): StatsLimits {
  return {
    maxDimensions: DEFAULT_AGGREGATE_LIMITS.maxDimensions,
    maxGroups: values.VOLUNTEER_STATS_MAX_GROUPS as number,
    maxPeriodDays: values.VOLUNTEER_STATS_MAX_DAYS as number,
    minGroupSize: values.VOLUNTEER_STATS_MIN_GROUP_SIZE as number,
  };
}
