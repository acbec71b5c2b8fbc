import { DEVELOPMENT_PERSONAL_DATA_KEY, EnvVar, OwnEnv, SubgraphConfig, env, personalDataEnvSpec, personalDataProblems } from '@practice/common';
import { StatsLimits, statsEnvSpec, statsLimits } from './analytics/stats-settings';
import { MatchSettings, MatchWeights, matchRadiusEnv, matchWeightsEnv } from './matching/match-settings';

/** National records rules (民政部 2012): 100/300/600/1000/1500 verified hours for one to five stars. */
export const DEFAULT_STAR_THRESHOLDS = [100, 300, 600, 1000, 1500];

export interface VolunteerSettings {
  /** Where the volunteers subgraph asks the sites subgraph about sites. */
  sitesUrl: string;
  /** Verified hours needed for star level 1, 2, …, strictly increasing. */
  starThresholds: number[];
  /** Points earned per verified hour (rounded down per record). */
  pointsPerHour: number;
  personalDataKey: string;
  matching: MatchSettings;
  /** What one `volunteerStats` or `serviceHourStats` query may ask for, and the smallest group shown. */
  stats: StatsLimits;
}

function thresholds(description: string): EnvVar<number[]> {
  return {
    description,
    default: DEFAULT_STAR_THRESHOLDS,
    parse(raw) {
      const values = raw.split(',').map((part) => part.trim());
      if (values.length < 1 || values.length > 10) throw new Error('must list 1 to 10 thresholds');
      const hours = values.map((value) => {
        if (!/^\d{1,5}(\.\d{1,2})?$/.test(value)) throw new Error(`"${value}" is not a number of hours`);
        return Number(value);
      });
      if (hours.some((value, index) => value <= 0 || (index > 0 && value <= hours[index - 1]))) {
        throw new Error('must be positive and strictly increasing, e.g. 100,300,600,1000,1500');
      }
      return hours;
    },
  };
}

export const volunteersEnv: OwnEnv = {
  spec: {
    SITES_URL: env.url('GraphQL endpoint of the sites subgraph, which the volunteers subgraph asks about the sites it refers to', {
      protocols: ['http', 'https'],
      default: 'http://127.0.0.1:4001/graphql',
    }),
    STAR_THRESHOLDS: thresholds('Verified hours for star levels 1, 2, … (comma-separated, strictly increasing)'),
    POINTS_PER_HOUR: env.int('Points a volunteer earns per verified service hour', { default: 10, min: 0, max: 1000 }),
    MATCH_WEIGHTS: matchWeightsEnv(),
    MATCH_RADIUS_KM: matchRadiusEnv(),
    ...statsEnvSpec(),
    ...personalDataEnvSpec(),
  },
  checks: [personalDataProblems],
};

export function volunteerSettings(config: SubgraphConfig): VolunteerSettings {
  const values = config.settings;
  return {
    sitesUrl: values.SITES_URL as string,
    starThresholds: values.STAR_THRESHOLDS as number[],
    pointsPerHour: values.POINTS_PER_HOUR as number,
    personalDataKey: (values.PERSONAL_DATA_KEY as string | undefined) ?? DEVELOPMENT_PERSONAL_DATA_KEY,
    matching: { weights: values.MATCH_WEIGHTS as MatchWeights, radiusKm: values.MATCH_RADIUS_KM as number },
    stats: statsLimits(values),
  };
}
