import { isWithinRegion } from '@practice/common';
import { ALLOWED_PARENT_KINDS, DesignationLevel, Sector, SiteKind, SiteStatus } from '../site/site.enums';
import { DemoNetwork, DemoSite, generateCountyNetwork, generateNetworks } from './county-network';

const SITE_CODE = /^[A-Z0-9][A-Z0-9-]{2,31}$/;
const LANDLINE = /^0\d{2,3}-\d{7,8}$/;
const MOBILE = /^1[3-9]\d{9}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const HAN = /[\u4e00-\u9fff]/;

function km(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const ofKind = (net: DemoNetwork, kind: SiteKind): DemoSite[] => net.sites.filter((s) => s.kind === kind);

/** Every rule the API enforces on sites, for one county's network. */
function expectValidCounty(net: DemoNetwork): void {
  const byId = new Map<string, DemoSite>();
  const [center] = net.sites;
  const county = center.regionCode.slice(0, 6);
  expect(ofKind(net, SiteKind.CENTER)).toEqual([center]);

  for (const site of net.sites) {
    expect(site.id).toMatch(UUID);
    expect(byId.has(site.id)).toBe(false);
    const parent = site.parentId === null ? null : byId.get(site.parentId);
    // Parents come first, so the parent is already known.
    expect(parent).not.toBeUndefined();
    const allowed = ALLOWED_PARENT_KINDS[site.kind];
    if (parent) {
      expect(allowed).toContain(parent.kind);
      expect(site.path).toBe(`${parent.path}${site.id}/`);
      expect(isWithinRegion(site.regionCode, parent.regionCode)).toBe(true);
    } else {
      expect(allowed).toBeNull();
      expect(site.path).toBe(`/${site.id}/`);
    }
    byId.set(site.id, site);

    expect(site.code).toMatch(SITE_CODE);
    expect(site.regionCode).toMatch(/^\d{12}$/);
    expect(site.regionCode.startsWith(county)).toBe(true);
    expect(site.name).toMatch(HAN);
    expect([...site.name].length).toBeLessThanOrEqual(100);
    expect(site.address).toMatch(/^江苏省.+市.+(市|县).+号$/);
    expect(site.latitude).toBeGreaterThanOrEqual(-90);
    expect(site.latitude).toBeLessThanOrEqual(90);
    expect(site.longitude).toBeGreaterThanOrEqual(-180);
    expect(site.longitude).toBeLessThanOrEqual(180);
    expect(km(center, site)).toBeLessThan(25);
    if (site.contactPhone !== null) expect(site.contactPhone).toMatch(LANDLINE);
    expect((site.sector !== null) === (site.kind === SiteKind.SECTOR_SUBCENTER)).toBe(true);
    expect(site.openingHours.length).toBeGreaterThan(0);
    for (const h of site.openingHours) {
      expect(h.opens).toMatch(TIME);
      expect(h.closes).toMatch(TIME);
      expect(h.opens < h.closes).toBe(true);
      expect(h.days.length).toBeGreaterThan(0);
      for (const d of h.days) expect(d >= 1 && d <= 7).toBe(true);
    }
    expect(site.facilities.length).toBeGreaterThan(0);
    for (const f of site.facilities) {
      if (f.areaSqm != null) expect(f.areaSqm).toBeGreaterThan(0);
      if (f.seats != null) expect(f.seats).toBeGreaterThan(0);
    }
    const levels = site.designations.map((d) => `${d.level}/${d.year}`);
    expect(new Set(levels).size).toBe(levels.length);
    for (const d of site.designations) {
      expect(Object.values(DesignationLevel)).toContain(d.level);
      expect(d.year).toBeGreaterThanOrEqual(2019);
      expect(d.year).toBeLessThanOrEqual(2025);
      expect(d.title).toMatch(/新时代文明实践/);
    }

    switch (site.kind) {
      case SiteKind.CENTER:
        expect(site.code).toBe(`${county}-C`);
        expect(site.regionCode).toBe(`${county}000000`);
        expect(site.name).toMatch(/新时代文明实践中心$/);
        break;
      case SiteKind.SECTOR_SUBCENTER:
        expect(site.code).toMatch(new RegExp(`^${county}-SC-[A-Z]{2}$`));
        expect(site.regionCode).toBe(`${county}000000`);
        expect(site.name).toMatch(/新时代文明实践中心.+分中心$/);
        break;
      case SiteKind.INSTITUTE:
        expect(site.code).toBe(`${site.regionCode.slice(0, 9)}-I`);
        expect(site.regionCode).toMatch(new RegExp(`^${county}[01]\\d\\d000$`));
        expect(site.name).toMatch(/(街道|镇)新时代文明实践所$/);
        break;
      case SiteKind.STATION:
        expect(site.code).toBe(`${site.regionCode}-S`);
        expect(site.regionCode).toMatch(/(0\d\d|2\d\d)$/);
        expect(site.regionCode.slice(9)).not.toBe('000');
        expect(site.name).toMatch(site.regionCode.slice(9, 10) === '0' ? /社区新时代文明实践站$/ : /村新时代文明实践站$/);
        expect(km(byId.get(site.parentId!)!, site)).toBeLessThan(4.2);
        break;
      case SiteKind.POINT:
        expect(site.code).toMatch(new RegExp(`^${byId.get(site.parentId!)!.regionCode}-P\\d{2}$`));
        expect(site.name).not.toMatch(/新时代文明实践(站|所)$/);
        expect(km(byId.get(site.parentId!)!, site)).toBeLessThan(6);
        break;
    }
  }

  const codes = net.sites.map((s) => s.code);
  expect(new Set(codes).size).toBe(codes.length);
  const names = net.sites.map((s) => s.name);
  expect(new Set(names).size).toBe(names.length);

  for (const site of net.sites.filter((s) => s.status === SiteStatus.ARCHIVED)) {
    expect([SiteKind.STATION, SiteKind.POINT]).toContain(site.kind);
    const liveChildren = net.sites.filter((c) => c.parentId === site.id && c.status !== SiteStatus.ARCHIVED);
    expect(liveChildren).toEqual([]);
  }

  const managed = new Set(net.managers.map((m) => m.siteId));
  for (const s of net.sites.filter((s) => [SiteKind.CENTER, SiteKind.INSTITUTE, SiteKind.SECTOR_SUBCENTER].includes(s.kind))) {
    expect(managed.has(s.id)).toBe(true);
  }
  const subjects = net.managers.map((m) => m.subject);
  expect(new Set(subjects).size).toBe(subjects.length);
  for (const m of net.managers) {
    const site = byId.get(m.siteId)!;
    expect(site).toBeDefined();
    expect(m.subject).toBe(`mgr-${site.code.toLowerCase()}`);
    expect(m.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    expect(m.phone).toMatch(MOBILE);
  }
}

describe('generateCountyNetwork', () => {
  const net = generateCountyNetwork();

  it('builds a Changshu-sized network by default', () => {
    expect(ofKind(net, SiteKind.CENTER)).toHaveLength(1);
    expect(ofKind(net, SiteKind.INSTITUTE)).toHaveLength(14);
    expect(ofKind(net, SiteKind.STATION).length).toBeGreaterThanOrEqual(300);
    expect(ofKind(net, SiteKind.STATION).length).toBeLessThanOrEqual(360);
    expect(ofKind(net, SiteKind.POINT).length).toBeGreaterThanOrEqual(50);
    expect(ofKind(net, SiteKind.POINT).length).toBeLessThanOrEqual(70);
    expect(ofKind(net, SiteKind.SECTOR_SUBCENTER).length).toBeGreaterThanOrEqual(7);
  });

  it('satisfies the tree, code, region, coordinate, status and manager rules', () => {
    expectValidCounty(net);
  });

  it('uses the real Changshu names and township codes', () => {
    const [center] = net.sites;
    expect(center.name).toBe('常熟市新时代文明实践中心');
    expect(center.code).toBe('320581-C');
    const institutes = Object.fromEntries(ofKind(net, SiteKind.INSTITUTE).map((s) => [s.name.replace('新时代文明实践所', ''), s.code]));
    for (const t of [
      '虞山街道',
      '常福街道',
      '琴川街道',
      '莫城街道',
      '碧溪街道',
      '东南街道',
      '梅李镇',
      '海虞镇',
      '古里镇',
      '沙家浜镇',
      '支塘镇',
      '董浜镇',
      '辛庄镇',
      '尚湖镇',
    ]) {
      expect(institutes[t]).toMatch(/^320581\d{3}-I$/);
    }
    expect(institutes['梅李镇']).toBe('320581101-I');
    expect(net.sites.map((s) => s.name)).toEqual(expect.arrayContaining(['蒋巷村新时代文明实践站', '虞山街道琴湖社区新时代文明实践站']));
    for (const s of net.sites) expect(s.address.startsWith('江苏省苏州市常熟市')).toBe(true);
  });

  it('has sub-centers for the seven default sectors, a sector on nothing else', () => {
    const subCenters = ofKind(net, SiteKind.SECTOR_SUBCENTER);
    expect(subCenters.map((s) => s.sector).sort()).toEqual(
      [Sector.HOUSING, Sector.CITY_MANAGEMENT, Sector.WATER, Sector.HEALTH, Sector.JUSTICE, Sector.SCIENCE_ASSOCIATION, Sector.POWER_SUPPLY].sort(),
    );
    expect(subCenters.map((s) => s.code)).toEqual(expect.arrayContaining(['320581-SC-ZJ', '320581-SC-CG', '320581-SC-GD']));
    expect(net.sites.find((s) => s.code === '320581-SC-ZJ')!.name).toBe('常熟市新时代文明实践中心住建分中心');
  });

  it('keeps points under the center, institutes or stations with their venue as facility', () => {
    const kinds = new Map(net.sites.map((s) => [s.id, s.kind]));
    for (const p of ofKind(net, SiteKind.POINT)) {
      expect([SiteKind.CENTER, SiteKind.INSTITUTE, SiteKind.STATION]).toContain(kinds.get(p.parentId!));
      expect(p.facilities[0].name).toBe(p.name);
    }
    expect(ofKind(net, SiteKind.POINT).some((p) => p.openingHours.some((h) => h.opens === '00:00' && h.closes === '23:59'))).toBe(true);
  });

  it('is mostly active, with a few suspended and archived sites', () => {
    const count = (status: SiteStatus): number => net.sites.filter((s) => s.status === status).length;
    expect(count(SiteStatus.ACTIVE) / net.sites.length).toBeGreaterThan(0.95);
    expect(count(SiteStatus.SUSPENDED)).toBeGreaterThan(0);
    expect(count(SiteStatus.ARCHIVED)).toBeGreaterThan(0);
  });

  it('designates about 100 demonstration sites, mostly county and city level', () => {
    const designated = net.sites.filter((s) => s.designations.length > 0);
    expect(designated.length).toBeGreaterThanOrEqual(80);
    expect(designated.length).toBeLessThanOrEqual(120);
    const all = designated.flatMap((s) => s.designations);
    const share = (level: DesignationLevel): number => all.filter((d) => d.level === level).length / all.length;
    expect(share(DesignationLevel.COUNTY) + share(DesignationLevel.CITY)).toBeGreaterThan(0.7);
    expect(share(DesignationLevel.PROVINCIAL)).toBeGreaterThan(0);
    expect(share(DesignationLevel.NATIONAL)).toBeLessThan(0.05);
    expect(all.map((d) => d.title)).toContain('苏州市新时代文明实践示范站');
  });

  it('is deterministic for a seed and different for another', () => {
    expect(generateCountyNetwork()).toEqual(net);
    expect(generateCountyNetwork({ seed: 20260101 })).toEqual(net);
    const other = generateCountyNetwork({ seed: 7 });
    expect(other.sites[0].id).not.toBe(net.sites[0].id);
    expect(other.sites.map((s) => s.name)).not.toEqual(net.sites.map((s) => s.name));
    expectValidCounty(other);
  });

  it('generates township names for another county and honours the size options', () => {
    const other = generateCountyNetwork({
      countyCode: '320682',
      countyName: '如皋市',
      cityName: '南通市',
      institutes: 5,
      stationsPerInstitute: 10,
      points: 12,
      sectors: [Sector.EDUCATION, Sector.WATER],
    });
    expectValidCounty(other);
    expect(other.sites[0].name).toBe('如皋市新时代文明实践中心');
    expect(ofKind(other, SiteKind.INSTITUTE)).toHaveLength(5);
    expect(ofKind(other, SiteKind.POINT)).toHaveLength(12);
    expect(ofKind(other, SiteKind.SECTOR_SUBCENTER).map((s) => s.sector)).toEqual([Sector.EDUCATION, Sector.WATER]);
    expect(ofKind(other, SiteKind.INSTITUTE).map((s) => s.name)).not.toContain('梅李镇新时代文明实践所');
    for (const s of other.sites) expect(s.address.startsWith('江苏省南通市如皋市')).toBe(true);
  });
});

describe('generateNetworks', () => {
  it('puts counties side by side with globally unique ids and codes', () => {
    const net = generateNetworks(3);
    const centers = ofKind(net, SiteKind.CENTER);
    expect(centers).toHaveLength(3);
    expect(new Set(centers.map((c) => c.regionCode.slice(0, 6))).size).toBe(3);
    expect(centers[0].code).toBe('320581-C');
    for (const [a, b] of [
      [0, 1],
      [1, 2],
      [0, 2],
    ])
      expect(km(centers[a], centers[b])).toBeGreaterThan(50);
    const ids = net.sites.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const codes = net.sites.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    const subjects = net.managers.map((m) => m.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    for (const center of centers) {
      const county: DemoNetwork = {
        sites: net.sites.filter((s) => s.path.startsWith(center.path)),
        managers: net.managers.filter((m) => net.sites.find((s) => s.id === m.siteId)!.path.startsWith(center.path)),
      };
      expectValidCounty(county);
    }
    expect(generateNetworks(3)).toEqual(net);
  });

  it('is fast enough for larger data sets', () => {
    const started = performance.now();
    const net = generateNetworks(10);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(ofKind(net, SiteKind.CENTER)).toHaveLength(10);
  });
});
