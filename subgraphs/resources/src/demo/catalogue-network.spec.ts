import { SiteKind, SiteStatus, generateCountyNetwork } from '@practice/sites';
import { categoryCatalogRows } from '../category/category.catalog';
import { MenuStatus } from '../menu/menu.enums';
import { AreaKind, Audience, DeliveryMode, FacetKind, FormFieldType, ResourceAction, ResourceStatus } from '../resource/resource.enums';
import { CATEGORY_CODE, CONTACT_PHONE, EXTERNAL_KEY, FORM_KEY, TIME, isValidDate } from '../shared/patterns';
import { CatalogueChunk, collectCatalogueNetwork, generateCatalogueNetwork } from './catalogue-network';

const TODAY = '2026-03-05';
const small = () => generateCountyNetwork({ institutes: 3, stationsPerInstitute: 6, points: 6 });
type Collected = ReturnType<typeof collectCatalogueNetwork>;

const groupBy = <T>(rows: T[], key: (row: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
};

let full: Collected;
beforeAll(() => {
  full = collectCatalogueNetwork({ today: TODAY });
});

describe('generateCatalogueNetwork', () => {
  it('gives the same rows for the same seed and day, other rows for another seed', () => {
    const network = small();
    const a = collectCatalogueNetwork({ network, seed: 7, today: TODAY });
    const b = collectCatalogueNetwork({ network, seed: 7, today: TODAY });
    const c = collectCatalogueNetwork({ network, seed: 8, today: TODAY });
    expect(b).toEqual(a);
    expect(c.resources.map((r) => r.id)).not.toEqual(a.resources.map((r) => r.id));
  });

  it('gives the same rows whatever the chunk size, each chunk whole publishers', () => {
    const plan = generateCatalogueNetwork({ network: small(), today: TODAY });
    const flatten = (chunks: CatalogueChunk[]) =>
      Object.fromEntries(Object.keys(chunks[0]).map((key) => [key, chunks.flatMap((c): unknown[] => c[key as keyof CatalogueChunk])]));
    const chunks = [...plan.chunks(10)];
    expect(chunks.length).toBeGreaterThan(3);
    expect(flatten(chunks)).toEqual(flatten([...plan.chunks(100_000)]));
    const split = chunks.flatMap((chunk, i) => chunk.resources.map((r) => [r.publisherId, i] as const));
    expect(new Set(split.map(([publisher, i]) => `${publisher}/${i}`)).size).toBe(new Set(split.map(([publisher]) => publisher)).size);
  });

  it('publishes from the ACTIVE sites of the sites demo, in the sizes of the demo county', () => {
    expect(full.network.sites.map((s) => s.id)).toEqual(generateCountyNetwork().sites.map((s) => s.id));
    const sites = new Map(full.network.sites.map((s) => [s.id, s]));
    const counts = groupBy(full.resources, (r) => r.publisherId);
    const problems: string[] = [];
    for (const [publisherId, rows] of counts) {
      const site = sites.get(publisherId);
      if (!site || site.status !== SiteStatus.ACTIVE) problems.push(`${publisherId} is not an ACTIVE site`);
      const range = { SECTOR_SUBCENTER: [8, 20], CENTER: [13, 17], INSTITUTE: [5, 10], STATION: [2, 5] }[site!.kind as string];
      if (!range || rows.length < range[0] || rows.length > range[1]) problems.push(`${site!.name} (${site!.kind}) has ${rows.length}`);
    }
    const active = (kind: SiteKind) => full.network.sites.filter((s) => s.kind === kind && s.status === SiteStatus.ACTIVE);
    for (const kind of [SiteKind.SECTOR_SUBCENTER, SiteKind.CENTER, SiteKind.INSTITUTE]) {
      for (const site of active(kind)) if (!counts.has(site.id)) problems.push(`${site.name} publishes nothing`);
    }
    expect(problems).toEqual([]);
    const stations = active(SiteKind.STATION);
    const publishing = stations.filter((s) => counts.has(s.id)).length / stations.length;
    expect(publishing).toBeGreaterThan(0.25);
    expect(publishing).toBeLessThan(0.42);
    expect(full.resources.length).toBe(full.resourceCount);
    expect(full.resourceCount).toBeGreaterThan(400);
    expect(full.resourceCount).toBeLessThan(800);
  });

  it('reaches a target number of resources exactly, over several counties', () => {
    const plan = generateCatalogueNetwork({ counties: 2, resources: 3001, today: TODAY });
    let total = 0;
    for (const chunk of plan.chunks(500)) total += chunk.resources.length;
    expect(total).toBe(3001);
    const counties = new Set(plan.publishers.map((p) => p.site.regionCode.slice(0, 6)));
    expect(counties.size).toBe(2);
  });

  it('fills every resource as the API requires', () => {
    const codes = new Set(categoryCatalogRows().map((row) => row.code));
    const sites = new Map(full.network.sites.map((s) => [s.id, s]));
    const townships = new Set(full.network.sites.filter((s) => s.kind === SiteKind.INSTITUTE).map((s) => s.regionCode.slice(0, 9)));
    const facets = groupBy(full.facets, (f) => f.resourceId);
    const areas = groupBy(full.areas, (a) => a.resourceId);
    const changes = groupBy(full.changes, (c) => c.resourceId);
    const keys = new Set<string>();
    const problems: string[] = [];
    for (const r of full.resources) {
      const at = `${r.title} (${r.id})`;
      const site = sites.get(r.publisherId)!;
      const own = (facet: FacetKind) => (facets.get(r.id) ?? []).filter((f) => f.facet === facet).map((f) => f.value);
      const categories = own(FacetKind.CATEGORY);
      if (categories.length < 1 || categories.length > 5) problems.push(`${at}: ${categories.length} categories`);
      for (const code of categories) if (!codes.has(code) || !CATEGORY_CODE.test(code)) problems.push(`${at}: unknown category ${code}`);
      for (const value of own(FacetKind.AUDIENCE)) if (!(Object.values(Audience) as string[]).includes(value)) problems.push(`${at}: audience ${value}`);
      const delivery = own(FacetKind.DELIVERY);
      if (!delivery.length || delivery.some((v) => !(Object.values(DeliveryMode) as string[]).includes(v))) problems.push(`${at}: delivery ${delivery}`);
      if (site.kind !== r.publisherKind || site.path !== r.publisherPath || site.regionCode !== r.publisherRegionCode) problems.push(`${at}: publisher copies`);
      if ([...r.title].length < 2 || [...r.title].length > 100 || [...r.description].length > 2000) problems.push(`${at}: title or description length`);
      if (r.capacityPerMonth !== null && (r.capacityPerMonth < 1 || r.capacityPerMonth > 100_000)) problems.push(`${at}: capacity ${r.capacityPerMonth}`);
      if (r.leadTimeDays < 0 || r.leadTimeDays > 365) problems.push(`${at}: lead time`);
      if (!r.contactPhone || !CONTACT_PHONE.test(r.contactPhone)) problems.push(`${at}: phone ${r.contactPhone}`);
      if (!r.schedule.length) problems.push(`${at}: no schedule`);
      for (const rule of r.schedule) {
        const ok = TIME.test(rule.opensAt) && TIME.test(rule.closesAt) && rule.opensAt < rule.closesAt && rule.days.every((d) => d >= 1 && d <= 7);
        const dates = [rule.validFrom, rule.validTo].every((d) => !d || isValidDate(d)) && (!rule.validFrom || !rule.validTo || rule.validFrom <= rule.validTo);
        if (!ok || !dates) problems.push(`${at}: schedule ${JSON.stringify(rule)}`);
      }
      if (r.orderForm.length < 2 || r.orderForm.length > 5) problems.push(`${at}: ${r.orderForm.length} form fields`);
      if (new Set(r.orderForm.map((f) => f.key)).size !== r.orderForm.length) problems.push(`${at}: repeated form keys`);
      for (const f of r.orderForm) {
        const choice = f.type === FormFieldType.SINGLE_CHOICE || f.type === FormFieldType.MULTIPLE_CHOICE;
        const values = (f.options ?? []).map((o) => o.value);
        if (!FORM_KEY.test(f.key) || (choice ? values.length < 2 || new Set(values).size !== values.length : values.length > 0))
          problems.push(`${at}: field ${f.key}`);
        if (f.type !== FormFieldType.NUMBER && (f.min !== null || f.max !== null)) problems.push(`${at}: bounds on ${f.key}`);
        if (f.type === FormFieldType.NUMBER && f.min! > f.max!) problems.push(`${at}: bounds of ${f.key}`);
        if (f.type !== FormFieldType.TEXT && f.maxLength !== null) problems.push(`${at}: maxLength on ${f.key}`);
      }
      const area = areas.get(r.id) ?? [];
      if (r.publisherKind === SiteKind.SECTOR_SUBCENTER) {
        const county = site.regionCode.slice(0, 6);
        if (!area.length || area.some((a) => a.kind !== AreaKind.REGION || (a.value !== county && !(a.value.startsWith(county) && townships.has(a.value)))))
          problems.push(`${at}: sub-center area ${JSON.stringify(area)}`);
        if (!r.externalKey || !EXTERNAL_KEY.test(r.externalKey) || keys.has(`${r.publisherId}/${r.externalKey}`))
          problems.push(`${at}: external key ${r.externalKey}`);
        keys.add(`${r.publisherId}/${r.externalKey}`);
      } else {
        const ownArea = area.length === 1 && area[0].kind === AreaKind.SITE && area[0].value === r.publisherId;
        const county =
          r.publisherKind === SiteKind.CENTER && area.length === 1 && area[0].kind === AreaKind.REGION && area[0].value === site.regionCode.slice(0, 6);
        if (!ownArea && !county) problems.push(`${at}: area ${JSON.stringify(area)}`);
        if (r.externalKey !== null) problems.push(`${at}: external key on a site's resource`);
      }
      const history = (changes.get(r.id) ?? []).map((c) => c.action).join(',');
      const expected = { DRAFT: 'CREATED', PUBLISHED: 'CREATED,PUBLISHED', WITHDRAWN: 'CREATED,PUBLISHED,WITHDRAWN' }[r.status];
      if (history !== expected || r.version !== expected.split(',').length) problems.push(`${at}: ${r.status} v${r.version} with ${history}`);
      const sorted = (changes.get(r.id) ?? []).map((c) => c.id);
      if (sorted.join() !== [...sorted].sort().join()) problems.push(`${at}: changes out of order`);
      if ((r.publishedAt === null) !== (r.status === ResourceStatus.DRAFT)) problems.push(`${at}: publishedAt`);
      if (r.createdAt > r.updatedAt || new Date(`${TODAY}T16:00:00Z`) < r.updatedAt) problems.push(`${at}: dates`);
    }
    for (const c of full.changes) if (c.actor !== 'demo' || (c.action === ResourceAction.CREATED && !c.changes.title)) problems.push(`change ${c.id}`);
    expect(problems).toEqual([]);
    const statuses = groupBy(full.resources, (r) => r.status);
    expect(statuses.get(ResourceStatus.PUBLISHED)!.length / full.resources.length).toBeGreaterThan(0.75);
    expect(statuses.get(ResourceStatus.DRAFT)!.length).toBeGreaterThan(5);
    expect(statuses.get(ResourceStatus.WITHDRAWN)!.length).toBeGreaterThan(5);
  });

  it('publishes menus as the API allows', () => {
    const resources = new Map(full.resources.map((r) => [r.id, r]));
    const items = groupBy(full.items, (i) => i.menuId);
    const menus = new Map(full.menus.map((m) => [m.id, m]));
    const { previous, current, next } = full.periods;
    const problems: string[] = [];
    const slots = new Set<string>();
    const editions = new Set<string>();
    for (const m of full.menus) {
      const at = `${m.title} #${m.edition}`;
      const slot = `${m.publisherId}/${m.period}`;
      if (m.draftSlot !== (m.status === MenuStatus.DRAFT ? slot : null) || m.liveSlot !== (m.status === MenuStatus.PUBLISHED ? slot : null))
        problems.push(`${at}: slots`);
      for (const taken of [m.draftSlot && `d:${m.draftSlot}`, m.liveSlot && `l:${m.liveSlot}`, `e:${slot}/${m.edition}`]) {
        if (taken && slots.has(taken)) problems.push(`${at}: ${taken} twice`);
        if (taken) slots.add(taken);
      }
      editions.add(`${m.period} ${m.status} ${m.edition}`);
      if (m.level !== m.publisherKind) problems.push(`${at}: level`);
      const expected = {
        [previous.period]: [MenuStatus.ARCHIVED],
        [current.period]: [MenuStatus.PUBLISHED, MenuStatus.SUPERSEDED],
        [next.period]: [MenuStatus.DRAFT],
      }[m.period];
      if (!expected?.includes(m.status)) problems.push(`${at}: ${m.status} in ${m.period}`);
      if ((m.publishedAt === null) !== (m.status === MenuStatus.DRAFT) || (m.publishedAt && m.publishedAt < m.createdAt)) problems.push(`${at}: publishedAt`);
      if ((m.closedAt === null) !== (m.status === MenuStatus.DRAFT || m.status === MenuStatus.PUBLISHED)) problems.push(`${at}: closedAt`);
      if (m.edition > 1) {
        const corrected = menus.get(m.supersedesId ?? '');
        if (!corrected || corrected.status !== MenuStatus.SUPERSEDED || corrected.edition !== m.edition - 1 || corrected.publisherId !== m.publisherId)
          problems.push(`${at}: supersedes`);
      }
      const listed = items.get(m.id) ?? [];
      if (!listed.length) problems.push(`${at}: empty`);
      listed.forEach((item, index) => {
        const r = resources.get(item.resourceId);
        if (!r || r.publisherId !== m.publisherId || r.status !== ResourceStatus.PUBLISHED) problems.push(`${at}: lists ${r?.title} (${r?.status})`);
        if (item.quota < 1 || (r?.capacityPerMonth != null && item.quota > r.capacityPerMonth))
          problems.push(`${at}: quota ${item.quota} of ${r?.capacityPerMonth}`);
        if (item.position !== index + 1) problems.push(`${at}: position ${item.position}`);
        if (r?.publishedAt && m.publishedAt && r.publishedAt > m.publishedAt) problems.push(`${at}: lists ${r.title} before it was published`);
      });
    }
    const publishers = new Set(full.resources.map((r) => r.publisherId));
    for (const id of publishers) if (!slots.has(`l:${id}/${current.period}`)) problems.push(`${id} has no menu this month`);
    expect(problems).toEqual([]);
    for (const kind of [`${current.period} SUPERSEDED 1`, `${current.period} PUBLISHED 2`, `${next.period} DRAFT 1`, `${previous.period} ARCHIVED 1`])
      expect(editions).toContain(kind);
  });

  it('counts orders of last month and of this month so far, within capacity and menu quotas', () => {
    const resources = new Map(full.resources.map((r) => [r.id, r]));
    const { previous, current } = full.periods;
    const live = new Map(
      full.menus
        .filter((m) => (m.period === previous.period && m.status === MenuStatus.ARCHIVED) || (m.period === current.period && m.status === MenuStatus.PUBLISHED))
        .map((m) => [m.id, m.period]),
    );
    const quotas = new Map(full.items.filter((i) => live.has(i.menuId)).map((i) => [`${i.resourceId}/${live.get(i.menuId)}`, i.quota]));
    const problems: string[] = [];
    const seen = new Set<string>();
    let bookedOut = 0;
    for (const u of full.usage) {
      const key = `${u.resourceId}/${u.period}`;
      const r = resources.get(u.resourceId);
      if (!r || r.status === ResourceStatus.DRAFT) problems.push(`${key}: ${r?.status ?? 'no resource'}`);
      if (![previous.period, current.period].includes(u.period)) problems.push(`${key}: period`);
      if (seen.has(key)) problems.push(`${key}: twice`);
      seen.add(key);
      const limits = [r?.capacityPerMonth ?? null, quotas.get(key) ?? null].filter((l): l is number => l !== null);
      if (!Number.isInteger(u.orders) || u.orders < 1 || (limits.length && u.orders > Math.min(...limits))) problems.push(`${key}: ${u.orders} of ${limits}`);
      if (limits.length && u.orders === Math.min(...limits) && u.period === previous.period) bookedOut++;
      if (u.updatedAt < new Date(`${u.period}-01T00:00:00+08:00`) || u.updatedAt > new Date(`${TODAY}T23:59:59+08:00`))
        problems.push(`${key}: updated ${u.updatedAt.toISOString()}`);
    }
    expect(problems).toEqual([]);
    const total = (period: string) => full.usage.filter((u) => u.period === period).reduce((sum, u) => sum + u.orders, 0);
    // Five days into the month: most of last month's orders are still to come.
    expect(total(current.period)).toBeGreaterThan(0);
    expect(total(current.period)).toBeLessThan(total(previous.period) / 2);
    expect(full.usage.filter((u) => u.period === previous.period).length).toBeGreaterThan(full.resources.length / 2);
    expect(bookedOut).toBeGreaterThan(10);
  });
});
