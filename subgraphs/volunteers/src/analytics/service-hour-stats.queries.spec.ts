import { RegionLevel } from '@practice/common';
import { ServiceRecordStatus, ServiceSourceType } from '../service-record/service-record.enums';
import { ServiceHourDimension, ServiceHourStatsFilter } from './service-hour-stats.inputs';
import { fromServiceMonths } from './service-hour-stats.queries';
import type { StatsViewer } from './stats.access';

const { MONTH, STAR_LEVEL, REGION, WEEK, DAY, SITE, STATUS, TEAM, SOURCE_TYPE } = ServiceHourDimension;
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const everything: StatsViewer = { siteIds: null, minGroupSize: 3 };
const months = (dimensions: ServiceHourDimension[], filter: Partial<ServiceHourStatsFilter> = {}, level = RegionLevel.TOWNSHIP, viewer = everything) =>
  fromServiceMonths(dimensions, { ...YEAR, ...filter } as ServiceHourStatsFilter, level, viewer);

describe('fromServiceMonths', () => {
  it("takes the analysts' county year by month and star level, one row per volunteer in each group", () => {
    expect(months([MONTH, STAR_LEVEL], { regionCodePrefix: '320581' })).toEqual({
      status: ServiceRecordStatus.VERIFIED,
      fromMonth: '2026-01',
      toMonth: '2026-12',
      rowPerVolunteer: true,
    });
  });

  it('counts volunteers distinct when a group spans months or counties', () => {
    expect(months([MONTH, STAR_LEVEL])?.rowPerVolunteer).toBe(false);
    expect(months([MONTH], { regionCodePrefix: '3205' })?.rowPerVolunteer).toBe(false);
    expect(months([STAR_LEVEL], { regionCodePrefix: '320581' })?.rowPerVolunteer).toBe(false);
    expect(months([MONTH, REGION], {}, RegionLevel.COUNTY)?.rowPerVolunteer).toBe(true);
    expect(months([REGION], { from: '2026-02-01', to: '2026-02-28' }, RegionLevel.COUNTY)?.rowPerVolunteer).toBe(true);
    expect(months([], { from: '2026-02-01', to: '2026-02-28', regionCodePrefix: '320581' })?.rowPerVolunteer).toBe(true);
  });

  it('needs whole months, leap days included', () => {
    expect(months([], { from: '2024-02-01', to: '2024-02-29' })).not.toBeNull();
    expect(months([], { from: '2024-02-01', to: '2024-02-28' })).toBeNull();
    expect(months([], { from: '2026-01-02', to: '2026-12-31' })).toBeNull();
    expect(months([], { from: '2026-01-01', to: '2026-12-30' })).toBeNull();
    expect(months([], { from: '2025-12-01', to: '2026-01-31' })).toMatchObject({ fromMonth: '2025-12', toMonth: '2026-01' });
  });

  it('groups by month, star level and county only', () => {
    for (const dimension of [WEEK, DAY, SITE, STATUS, TEAM, SOURCE_TYPE]) expect(months([MONTH, dimension])).toBeNull();
    for (const level of [RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE]) expect(months([REGION], {}, level)).toBeNull();
  });

  it('reads one status, VERIFIED unless another is asked for', () => {
    expect(months([], { statuses: [] })?.status).toBe(ServiceRecordStatus.VERIFIED);
    expect(months([], { statuses: [ServiceRecordStatus.PENDING] })?.status).toBe(ServiceRecordStatus.PENDING);
    expect(months([], { statuses: [ServiceRecordStatus.REJECTED, ServiceRecordStatus.REJECTED] })?.status).toBe(ServiceRecordStatus.REJECTED);
    expect(months([], { statuses: [ServiceRecordStatus.VERIFIED, ServiceRecordStatus.PENDING] })).toBeNull();
  });

  it('narrows the place to a county or wider, and by nothing the rows do not keep', () => {
    for (const prefix of ['32', '3205', '320581']) expect(months([], { regionCodePrefix: prefix })).not.toBeNull();
    expect(months([], { regionCodePrefix: '320581005' })).toBeNull();
    expect(months([], { siteId: '0190f000-0000-7000-8000-000000000001' })).toBeNull();
    expect(months([], { teamId: '0190f000-0000-7000-8000-000000000002' })).toBeNull();
    expect(months([], { sourceTypes: [ServiceSourceType.TICKET] })).toBeNull();
    expect(months([], { skillCodes: ['MEDICAL'] })).toBeNull();
    // Empty lists filter nothing, as in the query of the records.
    expect(months([], { sourceTypes: [], skillCodes: [] })).not.toBeNull();
  });

  it("leaves site managers' figures, bounded by site paths, to the records", () => {
    expect(months([MONTH], {}, RegionLevel.TOWNSHIP, { siteIds: ['0190f000-0000-7000-8000-000000000003'], minGroupSize: 3 })).toBeNull();
  });
});
