/**
 * The analyst queries the README documents, as the benchmark runs them at county scale and the
 * explorer offers them: one question each, answered in one query through the gateway.
 */
export interface AnalystContext {
  /** YYYY */
  year: string;
  /** YYYY-MM */
  month: string;
  /** The last day of that month, YYYY-MM-DD. */
  monthEnd: string;
  /** A county's region code, 6 digits. */
  county: string;
}

export interface AnalystQuery {
  name: string;
  query(context: AnalystContext): string;
}

/** This year and month in China, for the demo county. */
export function analystContext(today: string, county = '320581'): AnalystContext {
  const [year, month] = today.split('-').map(Number);
  const monthEnd = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return { year: String(year), month: today.slice(0, 7), monthEnd, county };
}

export const ANALYST_QUERIES: AnalystQuery[] = [
  {
    name: '各镇各月按类别的点单、派单与办结时长和满意度 · Orders per township and month by category: dispatch and completion times, satisfaction',
    query: ({ year, county }) => `query TownshipOrders {
  ticketStats(filter: { from: "${year}-01-01", to: "${year}-12-31", regionCodePrefix: "${county}", kinds: [ORDER] }, groupBy: [REGION, MONTH, CATEGORY], regionLevel: TOWNSHIP) {
    groups {
      key { region month category { code name } }
      count
      completionRate
      dispatchHours { average p90 }
      completionHours { average p90 }
      averageRating
    }
  }
}`,
  },
  {
    name: '本月最忙的服务站点及其上级 · The busiest serving sites this month, with their parents',
    query: ({ month, monthEnd, county }) => `query BusiestSites {
  ticketStats(filter: { from: "${month}-01", to: "${monthEnd}", regionCodePrefix: "${county}" }, groupBy: [SITE], first: 10) {
    truncated
    groups { key { site { name kind parent { name } } } count openCount overdueCount averageRating }
  }
}`,
  },
  {
    name: '各星级各服务队的志愿者与认证时长 · Volunteers and verified hours by star level and team',
    query: ({ county }) => `query VolunteersByStarAndTeam {
  volunteerStats(filter: { regionCodePrefix: "${county}" }, groupBy: [STAR_LEVEL, TEAM], first: 50) {
    truncated
    groups { key { starLevel team { name level } } registeredCount activeCount verifiedHours averageVerifiedHours }
  }
}`,
  },
  {
    name: '各月各星级的认证服务时长 · Verified service hours per month by star level',
    query: ({ year, county }) => `query HoursByMonthAndStar {
  serviceHourStats(filter: { from: "${year}-01-01", to: "${year}-12-31", regionCodePrefix: "${county}" }, groupBy: [MONTH, STAR_LEVEL]) {
    groups { key { month starLevel } hours recordCount volunteerCount averageHoursPerVolunteer }
  }
}`,
  },
  {
    name: '各类别各发布方的资源、菜单名额与使用率 · Resources, menu quotas and capacity used by category and publisher',
    query: ({ year, county }) => `query ResourcesByCategory {
  resourceStats(filter: { period: { from: "${year}-01", to: "${year}-12" }, regionCodePrefix: "${county}" }, groupBy: [CATEGORY, PUBLISHER], orderBy: ORDERS, first: 20) {
    truncated
    groups { category { code name } publisher { name kind } resources menuItems quota orders capacityUsed quotaUsed fullyBooked }
  }
}`,
  },
  {
    name: '本月菜单未覆盖的村（社区）与类别 · Which villages no menu covers this month, in which category',
    query: ({ month, county }) => `query MenuGaps {
  sites(filter: { regionCodePrefix: "${county}101", kinds: [STATION] }, first: 100) {
    totalCount
    edges { node { name menuGaps(period: "${month}") { code name } } }
  }
}`,
  },
];
