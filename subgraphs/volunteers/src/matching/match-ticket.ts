import { CHINA_OFFSET_MS, REGION_CODE, badInput, regionPrefix } from '@practice/common';
import type { GeoPoint } from './geo';
import type { TicketReference } from './ticket.reference';

/** Part of one ISO weekday (1 = Monday) in China time, in minutes after midnight: [from, to). */
export interface DaySegment {
  day: number;
  from: number;
  to: number;
}

export interface TimeWindow {
  segments: DaySegment[];
  /** Its length in minutes: a window of a week or more counts as one whole week. */
  minutes: number;
}

/** A ticket's facts, checked, as matching reads them. */
export interface MatchTicket {
  id: string;
  categoryCode: string | null;
  neededSkillCodes: string[];
  siteId: string;
  /** Root first, without the site itself. */
  ancestorIds: string[];
  regionCode: string;
  location: GeoPoint | null;
  window: TimeWindow | null;
}

const MAX_NEEDED_SKILLS = 20;
const DAY_MINUTES = 1440;
const WEEK_MINUTES = 7 * DAY_MINUTES;

const text = (value: unknown, field: string, pattern?: RegExp): string => {
  if (typeof value !== 'string' || !value || (pattern && !pattern.test(value)))
    throw badInput(`ticket.${field}`, `The ticket's ${field} is missing or malformed`, 'INVALID_TICKET');
  return value;
};

function instant(value: unknown, field: string): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw badInput(`ticket.${field}`, `The ticket's ${field} must be an ISO 8601 time`, 'INVALID_TICKET');
  return date;
}

function location(latitude: unknown, longitude: unknown): GeoPoint | null {
  if ((latitude === null || latitude === undefined) && (longitude === null || longitude === undefined)) return null;
  const valid = typeof latitude === 'number' && typeof longitude === 'number' && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
  if (!valid) throw badInput('ticket.latitude', "The ticket's latitude and longitude must both be given, in degrees", 'INVALID_TICKET');
  return { latitude, longitude };
}

/**
 * The representation the gateway sends for `candidateVolunteers`, checked: a ticket the tickets
 * subgraph wrote badly answers BAD_USER_INPUT on the field rather than a wrong ranking.
 */
export function readTicket(reference: TicketReference): MatchTicket {
  const id = text(reference.id, 'id');
  const siteId = text(reference.servingSiteId, 'servingSiteId');
  const regionCode = text(reference.servingSiteRegionCode, 'servingSiteRegionCode', REGION_CODE);
  const ancestors = reference.servingSiteAncestorIds;
  if (!Array.isArray(ancestors) || ancestors.some((ancestor) => typeof ancestor !== 'string')) {
    throw badInput('ticket.servingSiteAncestorIds', "The ticket's servingSiteAncestorIds must be a list of site ids", 'INVALID_TICKET');
  }
  const needed = reference.neededSkillCodes ?? [];
  if (!Array.isArray(needed) || needed.some((code) => typeof code !== 'string') || needed.length > MAX_NEEDED_SKILLS) {
    throw badInput('ticket.neededSkillCodes', `The ticket's neededSkillCodes must be a list of at most ${MAX_NEEDED_SKILLS} codes`, 'INVALID_TICKET');
  }
  const category = reference.categoryCode ?? null;
  if (category !== null && (typeof category !== 'string' || !category))
    throw badInput('ticket.categoryCode', "The ticket's categoryCode is malformed", 'INVALID_TICKET');
  const from = instant(reference.desiredFrom, 'desiredFrom');
  const to = instant(reference.desiredTo, 'desiredTo');
  if (from && to && to.getTime() <= from.getTime())
    throw badInput('ticket.desiredTo', "The ticket's desiredTo must be after desiredFrom", 'WINDOW_ENDS_BEFORE_START');
  return {
    id,
    categoryCode: category,
    neededSkillCodes: [...new Set(needed)],
    siteId,
    ancestorIds: [...ancestors],
    regionCode,
    location: location(reference.latitude, reference.longitude),
    // Half a window ("from Monday on") restricts nothing the availability rows could check.
    window: from && to ? timeWindow(from, to) : null,
  };
}

/**
 * The weekdays and times a window covers in China time (availability rows are local weekly
 * times). A window of a week or more covers every weekday whole.
 */
export function timeWindow(from: Date, to: Date): TimeWindow {
  const start = Math.floor((from.getTime() + CHINA_OFFSET_MS) / 60_000);
  const end = Math.ceil((to.getTime() + CHINA_OFFSET_MS) / 60_000);
  if (end - start >= WEEK_MINUTES) {
    return { segments: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: 0, to: DAY_MINUTES })), minutes: WEEK_MINUTES };
  }
  const segments: DaySegment[] = [];
  for (let dayStart = start - (start % DAY_MINUTES); dayStart < end; dayStart += DAY_MINUTES) {
    const from = Math.max(start, dayStart) - dayStart;
    const to = Math.min(end, dayStart + DAY_MINUTES) - dayStart;
    // 1970-01-01 was a Thursday: ISO weekday 4.
    const day = ((((dayStart / DAY_MINUTES + 3) % 7) + 7) % 7) + 1;
    if (to > from) segments.push({ day, from, to });
  }
  return { segments, minutes: end - start };
}

/**
 * The site whose subtree is the ticket's home area: its township's institute, that is the
 * ancestor just below the center; the site itself when it is an institute, a center or hangs
 * right under the center (a sector sub-center, a city-level point).
 */
export const areaAnchor = (ticket: Pick<MatchTicket, 'siteId' | 'ancestorIds'>): string => ticket.ancestorIds[1] ?? ticket.siteId;

/** Every region-code prefix (2, 4, 6, 9, 12 digits) a service area may name that contains the code. */
export function regionPrefixesOf(code: string): string[] {
  const significant = regionPrefix(code).length;
  return [2, 4, 6, 9, 12].filter((length) => length <= significant).map((length) => code.slice(0, length));
}

/** `SERVICE.HEALTH.CHECKUP` → `SERVICE`, `SERVICE.HEALTH`, `SERVICE.HEALTH.CHECKUP`: the category and those above it. */
export function categoryLineage(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_part, index) => parts.slice(0, index + 1).join('.'));
}
