import { addDays, todayInChina } from '@practice/common';
import { SiteKind, SiteStatus, generateCountyNetwork } from '@practice/sites';

/**
 * The shapes analysts ask most, on the demo county the seeder wrote: a year of the county by month
 * and star level (the last 365 days from the records, the calendar year from the monthly sums), by
 * team, by site; a township's year; the county's volunteers by township and star level, and by team.
 */
export function benchAnalytics(): [name: string, query: string][] {
  const { sites } = generateCountyNetwork();
  const institutes = sites.filter((site) => site.kind === SiteKind.INSTITUTE && site.status === SiteStatus.ACTIVE).sort((a, b) => a.code.localeCompare(b.code));
  const county = institutes[0].regionCode.slice(0, 6);
  const township = institutes[Math.floor(institutes.length / 2)].regionCode.slice(0, 9);
  const today = todayInChina();
  const year = `from: "${addDays(today, -364)}", to: "${today}"`;
  // Whole months: what service_month answers.
  const calendarYear = `from: "${today.slice(0, 4)}-01-01", to: "${today.slice(0, 4)}-12-31"`;
  const hours = 'groups { hours recordCount volunteerCount }';
  return [
    [
      'serviceHourStats: the county, a year, by month and star level',
      `{ serviceHourStats(filter: { ${year}, regionCodePrefix: "${county}" }, groupBy: [MONTH, STAR_LEVEL]) { ${hours} } }`,
    ],
    [
      'serviceHourStats: the county, this calendar year, by month and star level (monthly sums)',
      `{ serviceHourStats(filter: { ${calendarYear}, regionCodePrefix: "${county}" }, groupBy: [MONTH, STAR_LEVEL]) { ${hours} } }`,
    ],
    [
      'serviceHourStats: the county, this calendar year, by star level (monthly sums, volunteers distinct)',
      `{ serviceHourStats(filter: { ${calendarYear} }, groupBy: [STAR_LEVEL]) { ${hours} } }`,
    ],
    [
      'serviceHourStats: the county, a year, by team (with names)',
      `{ serviceHourStats(filter: { ${year}, regionCodePrefix: "${county}" }, groupBy: [TEAM]) { groups { key { team { name } } hours volunteerCount } } }`,
    ],
    ['serviceHourStats: the county, a year, by site', `{ serviceHourStats(filter: { ${year} }, groupBy: [SITE]) { ${hours} } }`],
    [
      'serviceHourStats: a township, a year, by month and star level',
      `{ serviceHourStats(filter: { ${year}, regionCodePrefix: "${township}" }, groupBy: [MONTH, STAR_LEVEL]) { ${hours} } }`,
    ],
    [
      'volunteerStats: the county by township and star level',
      `{ volunteerStats(filter: { regionCodePrefix: "${county}" }, groupBy: [REGION, STAR_LEVEL]) { groups { registeredCount activeCount verifiedHours } } }`,
    ],
    [
      'volunteerStats: the county by team (with names)',
      `{ volunteerStats(groupBy: [TEAM]) { groups { key { team { name } } registeredCount verifiedHours } } }`,
    ],
  ];
}
