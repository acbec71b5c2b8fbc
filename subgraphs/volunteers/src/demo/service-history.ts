import type { DemoSite } from '@practice/sites';
import { uuidv7 } from '@practice/common';
import { PointsEntryKind } from '../points/points-entry.entity';
import { ServiceRecordStatus, ServiceSourceType } from '../service-record/service-record.enums';
import { COMMON_CONTENT, REDEMPTION_REASONS, REJECTION_REASONS } from './demo-tables';
import { PointsEntryRow, ServiceRecordRow, SiteDirectory, chinaTime, dateOf } from './demo-model';
import { Rng } from './random';

/**
 * Bands of verified hours and their share of volunteers: under 50 h, 50–100 h, then one band per
 * star level at the national thresholds 100/300/600/1000/1500. Real registries are heavy-tailed:
 * most volunteers serve a little, a few serve a great deal.
 */
export const HOUR_BANDS: { share: number; hours: [number, number]; halfHours: [number, number]; minDaysRegistered: number }[] = [
  { share: 0.4, hours: [0, 48], halfHours: [2, 8], minDaysRegistered: 1 },
  { share: 0.3, hours: [52, 97], halfHours: [3, 12], minDaysRegistered: 90 },
  { share: 0.15, hours: [105, 290], halfHours: [4, 14], minDaysRegistered: 150 },
  { share: 0.08, hours: [310, 585], halfHours: [6, 16], minDaysRegistered: 300 },
  { share: 0.04, hours: [615, 980], halfHours: [8, 16], minDaysRegistered: 450 },
  { share: 0.02, hours: [1020, 1480], halfHours: [10, 16], minDaysRegistered: 600 },
  { share: 0.01, hours: [1520, 2100], halfHours: [11, 16], minDaysRegistered: 700 },
];
/**
 * The band of a volunteer registered `daysAgo` days ago (of up to `registrationDays`), from a number
 * in [0, 1): a band above 0 only for those registered long enough to reach it, at the rate that
 * gives it its share of all volunteers.
 */
export function bandOf(u: number, daysAgo: number, registrationDays: number): number {
  let below = 0;
  for (let band = HOUR_BANDS.length - 1; band >= 1; band--) {
    const { share, minDaysRegistered } = HOUR_BANDS[band];
    if (daysAgo < minDaysRegistered) continue;
    below += share / ((registrationDays - minDaysRegistered) / registrationDays);
    if (u < below) return band;
  }
  return 0;
}

/** Records of the last two weeks wait for review. */
export const PENDING_DAYS = 14;

export interface HistoryContext {
  rng: Rng;
  idRng: Rng;
  sites: SiteDirectory;
  pointsPerHour: number;
  /** Today in China, as a day number. */
  today: number;
}

/** What decides one volunteer's service history. */
export interface HistoryPlan {
  volunteerId: string;
  band: number;
  /** Day numbers: the first and last day the volunteer may have served, and the last one reviewed by now. */
  firstDay: number;
  lastDay: number;
  lastReviewedDay: number;
  /** Days of a suspension that was lifted: no service then. */
  gap: [from: number, to: number] | null;
  /** Where one service took place. */
  place(): DemoSite;
  /** What the volunteer's skills let them do. */
  contents: string[];
  accountSubject: string | null;
  /** Who redeems points for a volunteer without an account: a manager of the home site. */
  homeManager: string;
}

export interface History {
  records: ServiceRecordRow[];
  entries: PointsEntryRow[];
  verifiedHundredths: number;
  balance: number;
  /** When the last ledger entry was made (0 if none). */
  lastEntryAt: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Service records on distinct days (so never more than 24 h a day) adding up to a target in the
 * volunteer's band, a few rejected ones, pending ones for the last two weeks, and the points ledger
 * the verifications and some redemptions wrote, in time order.
 */
export function serviceHistory(ctx: HistoryContext, plan: HistoryPlan): History {
  const { rng } = ctx;
  const band = HOUR_BANDS[plan.band];
  const [minUnits, maxUnits] = band.halfHours;
  // Heavy-tailed within the band too: most totals lie near its lower end.
  const [low, high] = band.hours;
  const target = plan.band === 0 && rng.chance(0.15) ? 0 : Math.round((low + (high - low) * rng.next() ** 2) * 2) * 50;
  const inGap = (day: number) => plan.gap !== null && day >= plan.gap[0] && day < plan.gap[1];

  const days: number[] = [];
  for (let day = plan.firstDay; day <= plan.lastReviewedDay; day++) if (!inGap(day)) days.push(day);
  const drafts: { day: number; hundredths: number; status: ServiceRecordStatus }[] = [];
  let verified = 0;
  // Days drawn without repetition (a partial shuffle) until the target is reached.
  for (let k = 0; verified < target && k < days.length; k++) {
    const j = rng.int(k, days.length - 1);
    [days[k], days[j]] = [days[j], days[k]];
    if (rng.chance(0.012)) {
      drafts.push({ day: days[k], hundredths: rng.int(minUnits, maxUnits) * 50, status: ServiceRecordStatus.REJECTED });
      continue;
    }
    const remaining = target - verified;
    // Longer services when the days left would not reach the target otherwise.
    const need = remaining / (days.length - k) / 50;
    let units = need > (minUnits + maxUnits) / 2 ? rng.int(Math.min(16, Math.max(minUnits, Math.ceil(need))), 16) : rng.int(minUnits, maxUnits);
    // The last service ends at the target, so the total stays in its band.
    units = Math.min(units, Math.ceil(remaining / 50));
    drafts.push({ day: days[k], hundredths: units * 50, status: ServiceRecordStatus.VERIFIED });
    verified += units * 50;
  }
  const reviewedDays = days.length;
  const servedDays = drafts.filter((d) => d.status === ServiceRecordStatus.VERIFIED).length;
  const rate = target === 0 ? 0.03 : Math.min(0.8, Math.max(0.05, servedDays / Math.max(1, reviewedDays)));
  for (let day = Math.max(plan.firstDay, plan.lastReviewedDay + 1); day <= plan.lastDay; day++) {
    if (!inGap(day) && rng.chance(rate)) drafts.push({ day, hundredths: rng.int(minUnits, maxUnits) * 50, status: ServiceRecordStatus.PENDING });
  }
  drafts.sort((a, b) => a.day - b.day);

  const records = drafts.map((draft) => serviceRecord(ctx, plan, draft.day, draft.hundredths, draft.status));
  const { entries, balance, lastEntryAt } = ledger(ctx, plan, records);
  return { records, entries, verifiedHundredths: verified, balance, lastEntryAt };
}

function serviceRecord(ctx: HistoryContext, plan: HistoryPlan, day: number, hundredths: number, status: ServiceRecordStatus): ServiceRecordRow {
  const { rng, idRng, sites, today } = ctx;
  const site = plan.place();
  const reviewer = sites.reviewerOf(site);
  const date = dateOf(day);
  const compact = date.replace(/-/g, '');
  const what = plan.contents.length && rng.chance(0.65) ? rng.pick(plan.contents) : rng.pick(COMMON_CONTENT);
  let sourceType: ServiceSourceType;
  let recordedAt: number;
  let sourceReference: string;
  let recordedBy: string;
  let content = what;
  // Older service was imported from the provincial volunteer platform; newer comes from activities and tickets.
  if (day <= today - 365 && rng.chance(0.25)) {
    sourceType = ServiceSourceType.IMPORT;
    recordedAt = chinaTime(day + rng.int(20, 40), rng.int(540, 1020));
    sourceReference = `ZYJS-${compact}`;
    recordedBy = 'demo-import';
  } else if (rng.chance(0.3)) {
    sourceType = ServiceSourceType.TICKET;
    recordedAt = chinaTime(day, rng.int(600, 1140));
    sourceReference = uuidv7(recordedAt - rng.int(1, 72) * HOUR_MS, idRng.bytes);
    recordedBy = 'tickets';
    content = `群众点单：${what}`;
  } else {
    sourceType = ServiceSourceType.ACTIVITY;
    recordedAt = chinaTime(day, rng.int(960, 1290));
    sourceReference = `ACT-${compact}-${site.code}`;
    recordedBy = plan.accountSubject && rng.chance(0.3) ? plan.accountSubject : reviewer;
  }
  const reviewed = status !== ServiceRecordStatus.PENDING;
  const reviewedAt = reviewed ? recordedAt + rng.int(sourceType === ServiceSourceType.IMPORT ? 60 : 120, 6 * 24 * 60) * 60_000 : null;
  return {
    id: uuidv7(recordedAt, idRng.bytes),
    volunteerId: plan.volunteerId,
    siteId: site.id,
    sitePath: site.path,
    regionCode: site.regionCode,
    servedOn: date,
    hoursHundredths: hundredths,
    content,
    sourceType,
    sourceReference,
    status,
    recordedBy,
    recordedAt: new Date(recordedAt),
    reviewedBy: reviewed ? reviewer : null,
    reviewedAt: reviewedAt === null ? null : new Date(reviewedAt),
    rejectionReason: status === ServiceRecordStatus.REJECTED ? rng.pick(REJECTION_REASONS) : null,
  };
}

/** One EARNED entry per verified record at its verification, and some redemptions, never below zero. */
function ledger(ctx: HistoryContext, plan: HistoryPlan, records: ServiceRecordRow[]): { entries: PointsEntryRow[]; balance: number; lastEntryAt: number } {
  const { rng, idRng, pointsPerHour, today } = ctx;
  const events: { at: number; points: number; recordId: string | null; by: string }[] = [];
  for (const record of records) {
    const points = Math.floor((record.hoursHundredths * pointsPerHour) / 100);
    if (record.status === ServiceRecordStatus.VERIFIED && points > 0) {
      events.push({ at: record.reviewedAt!.getTime(), points, recordId: record.id, by: record.reviewedBy! });
    }
  }
  events.sort((a, b) => a.at - b.at);
  const earned = events.reduce((sum, e) => sum + e.points, 0);
  if (events.length && earned >= 300 && rng.chance(0.45)) {
    const from = events[0].at + 7 * DAY_MS;
    const to = chinaTime(today - 1, 0);
    const by = plan.accountSubject ?? plan.homeManager;
    for (let n = rng.int(1, 4); n > 0 && from < to; n--) events.push({ at: from + Math.floor(rng.next() * (to - from)), points: 0, recordId: null, by });
    events.sort((a, b) => a.at - b.at);
  }

  const entries: PointsEntryRow[] = [];
  let balance = 0;
  let last = 0;
  let redemptions = 0;
  for (const event of events) {
    let points = event.points;
    if (!event.recordId) {
      points = -Math.min(balance, Math.round(((0.2 + 0.5 * rng.next()) * balance) / 10) * 10);
      if (points > -20) continue;
    }
    // Entry ids sort in ledger order: strictly increasing times per volunteer.
    last = Math.max(event.at, last + 1);
    balance += points;
    entries.push({
      id: uuidv7(last, idRng.bytes),
      volunteerId: plan.volunteerId,
      kind: event.recordId ? PointsEntryKind.EARNED : PointsEntryKind.REDEEMED,
      points,
      balanceAfter: balance,
      reason: event.recordId ? null : rng.pick(REDEMPTION_REASONS),
      serviceRecordId: event.recordId,
      requestKey: event.recordId ? null : `demo-redeem-${++redemptions}`,
      createdBy: event.by,
      createdAt: new Date(last),
    });
  }
  return { entries, balance, lastEntryAt: last };
}
