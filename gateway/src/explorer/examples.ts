import { todayInChina } from '@practice/common';
import { ANALYST_QUERIES, analystContext } from '../bench/analyst-queries.catalog';

/**
 * Queries the explorer opens as tabs: what analysts and integrators ask most. A spec checks every
 * one against the committed supergraph, so they never go stale.
 */
export interface Example {
  title: string;
  query: string;
  variables?: Record<string, unknown>;
}

const analyst = analystContext(todayInChina());

export const EXAMPLES: Example[] = [
  {
    title: '各镇的实践站及本月菜单 · The stations of each township and what their menus offer this month',
    query: `query TownshipMenus {
  sites(filter: { kinds: [INSTITUTE] }, first: 5) {
    totalCount
    edges {
      node {
        name
        regionCode
        children(kinds: [STATION]) {
          name
          openTicketCount
          menu {
            period
            items(first: 5) {
              totalCount
              edges { node { level quota resource { title kind publisher { name } } } }
            }
          }
        }
      }
    }
  }
}`,
  },
  {
    title: '超时未派的工单及推荐志愿者 · Overdue tickets of a township with ranked candidate volunteers (site manager or analyst token)',
    query: `query OverdueTickets($region: String) {
  tickets(filter: { overdue: true, regionCodePrefix: $region }, first: 10) {
    totalCount
    edges {
      node {
        code
        title
        status
        overdueKind
        servingSite { name }
        candidateVolunteers(first: 3) { rank score volunteer { name starLevel { level } } parts { name value weight } }
        suggestedResources(first: 3) { score resource { title publisher { name } } }
      }
    }
  }
}`,
    variables: { region: '320581' },
  },
  {
    title: '志愿者星级与服务时长 · Volunteers of a township by star level, with their teams (analyst token)',
    query: `query VolunteersByStar($region: String) {
  volunteers(filter: { regionCodePrefix: $region, starLevels: [3, 4, 5] }, first: 20) {
    totalCount
    edges { node { name verifiedHours starLevel { level hoursToNextLevel } homeSite { name } teams { team { name } } } }
  }
}`,
    variables: { region: '320581101' },
  },
  // The analysts' questions of the README, for this year and month (an analyst token).
  ...ANALYST_QUERIES.map(({ name, query }) => ({ title: name, query: query(analyst) })),
];
