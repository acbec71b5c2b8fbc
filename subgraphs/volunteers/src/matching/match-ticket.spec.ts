import { TicketReference } from './ticket.reference';
import { areaAnchor, categoryLineage, readTicket, regionPrefixesOf, timeWindow } from './match-ticket';

const at = (iso: string) => new Date(iso);
const ticket = (overrides: Partial<TicketReference> = {}): TicketReference =>
  Object.assign(new TicketReference(), {
    id: 'T20300601-0001',
    categoryCode: null,
    neededSkillCodes: ['MEDICAL', 'MEDICAL'],
    servingSiteId: 'station',
    servingSiteRegionCode: '320581101001',
    servingSiteAncestorIds: ['center', 'institute'],
    latitude: 31.65,
    longitude: 120.74,
    desiredFrom: null,
    desiredTo: null,
    ...overrides,
  });

describe('timeWindow', () => {
  it('cuts a window into weekdays and minutes of China time', () => {
    // Saturday 10:00–12:00 in China is 02:00–04:00 UTC.
    expect(timeWindow(at('2030-06-01T02:00:00Z'), at('2030-06-01T04:00:00Z'))).toEqual({ segments: [{ day: 6, from: 600, to: 720 }], minutes: 120 });
    // Saturday 22:00 to Monday 01:30, China time.
    expect(timeWindow(at('2030-06-01T22:00:00+08:00'), at('2030-06-03T01:30:00+08:00'))).toEqual({
      segments: [
        { day: 6, from: 1320, to: 1440 },
        { day: 7, from: 0, to: 1440 },
        { day: 1, from: 0, to: 90 },
      ],
      minutes: 120 + 1440 + 90,
    });
  });

  it('counts a week or more as every weekday whole', () => {
    const week = timeWindow(at('2030-06-01T00:00:00Z'), at('2030-06-20T00:00:00Z'));
    expect(week.minutes).toBe(7 * 1440);
    expect(week.segments.map((segment) => segment.day)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('readTicket', () => {
  it('keeps the facts matching needs, each needed skill once', () => {
    expect(readTicket(ticket({ desiredFrom: '2030-06-01T02:00:00Z', desiredTo: '2030-06-01T04:00:00Z' }))).toEqual({
      id: 'T20300601-0001',
      categoryCode: null,
      neededSkillCodes: ['MEDICAL'],
      siteId: 'station',
      ancestorIds: ['center', 'institute'],
      regionCode: '320581101001',
      location: { latitude: 31.65, longitude: 120.74 },
      window: { segments: [{ day: 6, from: 600, to: 720 }], minutes: 120 },
    });
  });

  it('has no window with only one end of it, and no location without one', () => {
    expect(readTicket(ticket({ desiredFrom: '2030-06-01T02:00:00Z', latitude: null, longitude: null }))).toMatchObject({ window: null, location: null });
  });

  it.each<[string, Partial<TicketReference>, string, string]>([
    [
      'a window that ends before it starts',
      { desiredFrom: '2030-06-01T04:00:00Z', desiredTo: '2030-06-01T02:00:00Z' },
      'ticket.desiredTo',
      'WINDOW_ENDS_BEFORE_START',
    ],
    ['a time that is not one', { desiredFrom: 'Saturday' }, 'ticket.desiredFrom', 'INVALID_TICKET'],
    ['a latitude without longitude', { longitude: null }, 'ticket.latitude', 'INVALID_TICKET'],
    ['a short region code', { servingSiteRegionCode: '320581' }, 'ticket.servingSiteRegionCode', 'INVALID_TICKET'],
    ['no serving site', { servingSiteId: undefined }, 'ticket.servingSiteId', 'INVALID_TICKET'],
    ['too many skills', { neededSkillCodes: Array.from({ length: 21 }, (_, i) => `S${i}X`) }, 'ticket.neededSkillCodes', 'INVALID_TICKET'],
  ])('refuses %s', (_name, overrides, field, reason) => {
    expect(() => readTicket(ticket(overrides))).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field, reason }) }),
    );
  });
});

describe('the area of a ticket', () => {
  it('is the township of a station or point, else the site itself', () => {
    expect(areaAnchor({ siteId: 'station', ancestorIds: ['center', 'institute'] })).toBe('institute');
    expect(areaAnchor({ siteId: 'point', ancestorIds: ['center', 'institute', 'station'] })).toBe('institute');
    expect(areaAnchor({ siteId: 'institute', ancestorIds: ['center'] })).toBe('institute');
    expect(areaAnchor({ siteId: 'center', ancestorIds: [] })).toBe('center');
  });

  it('names every region prefix that contains the site, down to its significant digits', () => {
    expect(regionPrefixesOf('320581101001')).toEqual(['32', '3205', '320581', '320581101', '320581101001']);
    expect(regionPrefixesOf('320581101000')).toEqual(['32', '3205', '320581', '320581101']);
    expect(regionPrefixesOf('320581000000')).toEqual(['32', '3205', '320581']);
  });

  it('takes the ticket category and those above it', () => {
    expect(categoryLineage('SERVICE.HEALTH.CHECKUP')).toEqual(['SERVICE', 'SERVICE.HEALTH', 'SERVICE.HEALTH.CHECKUP']);
    expect(categoryLineage('SERVICE')).toEqual(['SERVICE']);
  });
});
