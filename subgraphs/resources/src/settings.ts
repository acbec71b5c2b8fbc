import { OwnEnv, SubgraphConfig, env } from '@practice/common';

export interface ResourceSettings {
  /** Where the resources subgraph asks the sites subgraph about publishers and sites. */
  sitesUrl: string;
  /** Rows an import takes at most in one call (the command-line import sends larger files in calls of this size). */
  importMaxRows: number;
  /** Groups one `resourceStats` answer may have: more is TOO_MANY_GROUPS unless `first` cuts them. */
  statsMaxGroups: number;
}

export const resourcesEnv: OwnEnv = {
  spec: {
    SITES_URL: env.url('GraphQL endpoint of the sites subgraph, which the resources subgraph asks about publishers and sites', {
      protocols: ['http', 'https'],
      default: 'http://127.0.0.1:4001/graphql',
    }),
    IMPORT_MAX_ROWS: env.int('Resources one importResources call takes at most', { default: 1000, min: 1, max: 10000 }),
    RESOURCE_STATS_MAX_GROUPS: env.int('Groups one resourceStats answer may have (TOO_MANY_GROUPS above)', { default: 2000, min: 1, max: 50000 }),
  },
};

export function resourceSettings(config: SubgraphConfig): ResourceSettings {
  const values = config.settings;
  return {
    sitesUrl: values.SITES_URL as string,
    importMaxRows: values.IMPORT_MAX_ROWS as number,
    statsMaxGroups: values.RESOURCE_STATS_MAX_GROUPS as number,
  };
}
