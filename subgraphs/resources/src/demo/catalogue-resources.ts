import { Role, uuidv7 } from '@practice/common';
import { SiteKind } from '@practice/sites';
import { AreaKind, FacetKind, ResourceAction, ResourceStatus } from '../resource/resource.enums';
import type { ScheduleRule } from '../resource/resource.values';
import { FORM_FIELDS, SCHEDULES } from './catalogue-fields';
import { CatalogueChunk, ResourceRow, chinaTime } from './catalogue-model';
import type { PublisherPlan } from './catalogue-publishers';
import { CENTER_TEMPLATES, INSTITUTE_TEMPLATES, ResourceTemplate, SECTOR_TEMPLATES, STATION_TEMPLATES } from './catalogue-tables';
import type { Rng } from './random';

export const DEMO_ACTOR = 'demo';
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const issue = (n: number): string => `第${NUMERALS[n - 1] ?? n}期`;

function templatesOf(plan: PublisherPlan): ResourceTemplate[] {
  const { site } = plan;
  if (site.kind === SiteKind.SECTOR_SUBCENTER) return SECTOR_TEMPLATES[site.sector ?? ''] ?? SECTOR_TEMPLATES.GENERIC;
  if (site.kind === SiteKind.CENTER) return CENTER_TEMPLATES;
  if (site.kind === SiteKind.INSTITUTE) return INSTITUTE_TEMPLATES;
  const facilities = new Set(site.facilities.map((facility) => facility.type as string));
  return STATION_TEMPLATES.filter((template) => !template.facility || facilities.has(template.facility));
}

/** The words that fill a template's placeholders for a publisher. */
function placeWords(plan: PublisherPlan): { d: string; t: string; p: string; office: string } {
  const name = plan.site.name;
  const dept = /中心(.+)分中心$/.exec(name)?.[1] ?? '';
  const town = name.replace(/新时代文明实践(所|站)$/, '');
  const place = plan.site.kind === SiteKind.STATION ? town.replace(/^.+?(街道|镇)/, '') : town;
  const office =
    plan.site.kind === SiteKind.SECTOR_SUBCENTER
      ? `${dept}分中心志愿服务办公室`
      : plan.site.kind === SiteKind.CENTER
        ? '新时代文明实践中心办公室'
        : `${place}文明实践${plan.site.kind === SiteKind.INSTITUTE ? '所' : '站'}`;
  return { d: dept, t: town, p: place, office };
}

const fill = (text: string, words: { d: string; t: string; p: string }): string => text.replace(/\{([dtp])\}/g, (_, key: 'd' | 't' | 'p') => words[key]);

/** What the publisher's systems and the dates make of the i-th resource: everything but its rows. */
interface Drawn {
  status: ResourceStatus;
  createdDay: number;
  publishedDay: number | null;
  withdrawnDay: number | null;
}

function drawDates(rng: Rng, i: number, today: number): Drawn {
  const roll = rng.next();
  // The first resource is always published: every publisher has something to put on its menu.
  const status = i === 0 || roll >= 0.15 ? ResourceStatus.PUBLISHED : roll < 0.08 ? ResourceStatus.DRAFT : ResourceStatus.WITHDRAWN;
  if (status === ResourceStatus.DRAFT) return { status, createdDay: today - rng.int(0, 45), publishedDay: null, withdrawnDay: null };
  // Published before the previous month began, so every menu of the last months could list it.
  const createdDay = today - rng.int(75, 540);
  const publishedDay = createdDay + rng.int(0, 5);
  return { status, createdDay, publishedDay, withdrawnDay: status === ResourceStatus.WITHDRAWN ? today - rng.int(1, 60) : null };
}

function scheduleOf(template: ResourceTemplate, year: number): ScheduleRule[] {
  const rules = SCHEDULES[template.schedule].map((rule) => ({ ...rule, days: [...rule.days] }));
  // Summer programmes hold in the school holidays only.
  if (/暑期|防溺水/.test(template.title)) for (const rule of rules) Object.assign(rule, { validFrom: `${year}-07-01`, validTo: `${year}-08-31` });
  return rules;
}

/** Appends the resources of one publisher, with their facets, areas and audit, to the chunk. */
export function writePublisherResources(plan: PublisherPlan, rng: Rng, today: number, chunk: CatalogueChunk): ResourceRow[] {
  const { site, county } = plan;
  const pool = rng.sample(templatesOf(plan), Number.MAX_SAFE_INTEGER);
  const words = placeWords(plan);
  const sector = site.kind === SiteKind.SECTOR_SUBCENTER;
  const initials = site.code.split('-').pop();
  const role = sector ? Role.AGENCY_ADMIN : Role.SITE_MANAGER;
  const officeLine = `${county.areaCode}-${county.exchange}${rng.digits(4)}`;
  // Institutes and stations answer on their own line; the center's and sub-centers' offices share an exchange.
  const mainLine = site.kind === SiteKind.INSTITUTE || site.kind === SiteKind.STATION ? (site.contactPhone ?? officeLine) : officeLine;
  const year = new Date(today * 86_400_000).getUTCFullYear();
  const townOffset = rng.int(0, Math.max(0, county.townships.length - 1));
  const resources: ResourceRow[] = [];

  for (let i = 0; i < plan.count; i++) {
    const template = pool[i % pool.length];
    const round = Math.floor(i / pool.length);
    const drawn = drawDates(rng, i, today);
    const createdAt = chinaTime(drawn.createdDay, rng.int(510, 1050));
    const id = uuidv7(createdAt.getTime(), rng.bytes);

    let title = fill(template.title, words);
    let regionPrefixes: string[] = [];
    let siteIds: string[] = [];
    if (sector && round > 0 && county.townships.length) {
      // A sub-center offers its further resources township by township (专场).
      const town = county.townships[(townOffset + round - 1) % county.townships.length];
      const lap = Math.floor((round - 1) / county.townships.length);
      title += `（${town.name}专场${lap ? `·${issue(lap + 1)}` : ''}）`;
      regionPrefixes = [town.prefix];
    } else {
      if (round > 0) title += `（${issue(round + 1)}）`;
      if (sector) regionPrefixes = rng.chance(0.7) ? [county.code] : rng.sample(county.townships, rng.int(2, 4)).map((town) => town.prefix);
      else if (site.kind === SiteKind.CENTER && rng.chance(0.2)) regionPrefixes = [county.code];
      else siteIds = [site.id];
    }
    const leadTimeDays = rng.int(template.leadDays[0], template.leadDays[1]);
    const description = fill(template.description, words) + (leadTimeDays > 0 ? `\n请至少提前${leadTimeDays}天预约。` : '');
    const capacityPerMonth = template.capacity ? rng.int(template.capacity[0], template.capacity[1]) : null;
    const schedule = scheduleOf(template, year);
    const orderForm = template.form.map((key) => FORM_FIELDS[key](template.topics));
    const contactPhone = rng.chance(0.6) ? mainLine : `${county.areaCode}-${county.exchange}${rng.digits(4)}`;
    const externalKey = sector ? `${initials}-${createdAt.toISOString().slice(0, 4)}-${String(i + 1).padStart(4, '0')}` : null;
    const categoryCodes = [...template.categories].sort();
    const audiences = [...template.audiences].sort();
    const deliveryModes = [...template.delivery].sort();

    const events: [ResourceAction, Date, Record<string, { from: unknown; to: unknown }>][] = [];
    const content = {
      kind: template.kind,
      title,
      description,
      categoryCodes,
      audiences,
      deliveryModes,
      serviceArea: { regionCodePrefixes: [...regionPrefixes].sort(), siteIds },
      capacityPerMonth,
      leadTimeDays,
      schedule,
      contactName: words.office,
      contactPhone,
      orderForm,
      externalKey,
    };
    // As the API records a creation: every field set, from nothing.
    const created = Object.fromEntries(
      Object.entries(content)
        .filter(([, value]) => value !== null)
        .map(([key, value]) => [key, { from: null, to: value }]),
    );
    events.push([ResourceAction.CREATED, createdAt, created]);
    let publishedAt: Date | null = null;
    if (drawn.publishedDay !== null) {
      publishedAt = new Date(Math.max(createdAt.getTime() + 60_000, chinaTime(drawn.publishedDay, rng.int(540, 1080)).getTime()));
      events.push([ResourceAction.PUBLISHED, publishedAt, { status: { from: ResourceStatus.DRAFT, to: ResourceStatus.PUBLISHED } }]);
    }
    if (drawn.withdrawnDay !== null) {
      const at = chinaTime(drawn.withdrawnDay, rng.int(540, 1080));
      events.push([ResourceAction.WITHDRAWN, at, { status: { from: ResourceStatus.PUBLISHED, to: ResourceStatus.WITHDRAWN } }]);
    }

    const resource: ResourceRow = {
      id,
      publisherId: site.id,
      publisherKind: site.kind,
      publisherPath: site.path,
      publisherRegionCode: site.regionCode,
      kind: template.kind,
      title,
      description,
      capacityPerMonth,
      leadTimeDays,
      schedule,
      orderForm,
      contactName: words.office,
      contactPhone,
      status: drawn.status,
      externalKey,
      version: events.length,
      createdBy: DEMO_ACTOR,
      createdAt,
      updatedAt: events[events.length - 1][1],
      publishedAt,
    };
    resources.push(resource);
    chunk.resources.push(resource);
    for (const value of categoryCodes) chunk.facets.push({ resourceId: id, facet: FacetKind.CATEGORY, value });
    for (const value of audiences) chunk.facets.push({ resourceId: id, facet: FacetKind.AUDIENCE, value });
    for (const value of deliveryModes) chunk.facets.push({ resourceId: id, facet: FacetKind.DELIVERY, value });
    for (const value of regionPrefixes) chunk.areas.push({ resourceId: id, kind: AreaKind.REGION, value });
    for (const value of siteIds) chunk.areas.push({ resourceId: id, kind: AreaKind.SITE, value });
    for (const [action, changedAt, changes] of events) {
      chunk.changes.push({ id: uuidv7(changedAt.getTime(), rng.bytes), resourceId: id, action, actor: DEMO_ACTOR, actorRole: role, changes, changedAt });
    }
  }
  return resources;
}
