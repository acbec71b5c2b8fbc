/**
 * A deterministic demo network of practice sites for one county, modelled on Changshu (seed 000/004:
 * 1 center, 14 institutes, 333 stations, 60 city-level points, 100 demonstration sites), or several
 * counties side by side for larger data sets. The seeder inserts the output as it is, so every rule the
 * API enforces on sites (tree kinds, paths, codes, region containment) holds here too.
 */
import { uuidv7 } from '@practice/common';
import { isWithinRegion } from '@practice/common';
import { ALLOWED_PARENT_KINDS, DesignationLevel, FacilityType, Sector, SiteKind, SiteStatus } from '../site/site.enums';
import type { Facility, OpeningHours } from '../site/site.values';

export interface DemoSite {
  id: string;
  code: string;
  name: string;
  kind: SiteKind;
  parentId: string | null;
  path: string;
  regionCode: string;
  address: string;
  latitude: number;
  longitude: number;
  contactPhone: string | null;
  openingHours: OpeningHours[];
  facilities: Facility[];
  sector: Sector | null;
  status: SiteStatus;
  designations: { level: DesignationLevel; year: number; title: string }[];
}
export interface DemoManager {
  siteId: string;
  subject: string;
  name: string;
  phone: string;
}
export interface DemoNetwork {
  sites: DemoSite[];
  managers: DemoManager[];
}
export interface CountyNetworkOptions {
  seed?: number;
  countyCode?: string;
  countyName?: string;
  cityName?: string;
  institutes?: number;
  stationsPerInstitute?: number;
  points?: number;
  sectors?: Sector[];
  centerLatitude?: number;
  centerLongitude?: number;
}

const DEFAULT_SECTORS = [Sector.HOUSING, Sector.CITY_MANAGEMENT, Sector.WATER, Sector.HEALTH, Sector.JUSTICE, Sector.SCIENCE_ASSOCIATION, Sector.POWER_SUPPLY];
const DEFAULTS: Required<CountyNetworkOptions> = {
  seed: 20260101,
  countyCode: '320581',
  countyName: '常熟市',
  cityName: '苏州市',
  institutes: 14,
  stationsPerInstitute: 24,
  points: 60,
  sectors: DEFAULT_SECTORS,
  centerLatitude: 31.654,
  centerLongitude: 120.752,
};
/** uuidv7 timestamps: fixed, so ids repeat for a seed; counties are 10^7 ms apart so ids never collide. */
const BASE_TIME = Date.UTC(2024, 0, 1);

// ---- data tables ---------------------------------------------------------------------------------

/** Changshu's real townships: name, 3-digit code, offset from the county center (deg), some real villages/communities. */
const CHANGSHU: [string, string, number, number, string][] = [
  ['虞山街道', '001', 0.01, -0.017, '琴湖社区 甸桥村 建华村 元和村 宝岩村 大湖甸村'],
  ['常福街道', '002', -0.022, -0.007, '丁坝社区 谢桥社区 大义社区 绿地社区 明晶村 永红村 勤丰村 小山村'],
  ['琴川街道', '003', -0.004, 0.008, '东环社区 景龙社区 浦浜社区'],
  ['莫城街道', '004', 0.046, -0.027, '安定村 三瑭村 湖鹤村 长瑞村 燕巷村'],
  ['碧溪街道', '005', 0.113, 0.128, '溪东村 溪南村 港南村 周泾村 龙桥村'],
  ['东南街道', '006', -0.039, 0.048, ''],
  ['梅李镇', '101', 0.059, 0.101, '聚沙村 胜法村 天字村 梅南村 赵市村 珍北村'],
  ['海虞镇', '102', 0.108, 0.028, '里泾村 汪桥村 福山村 七峰村 邓市村'],
  ['古里镇', '104', -0.027, 0.121, '紫芙社区 李市村 康博村 坞坵村 芙蓉村'],
  ['沙家浜镇', '105', -0.096, 0.056, '芦荡社区 常昆村 红石村 华阳村 唐北村'],
  ['支塘镇', '106', -0.072, 0.174, '蒋巷村 任南村 八字桥村 枫塘村 何北村'],
  ['董浜镇', '107', 0.028, 0.168, '智林村 里睦村 东盾村 观智村 杜桥村'],
  ['辛庄镇', '110', -0.094, -0.092, ''],
  ['尚湖镇', '111', -0.066, -0.117, '翁家庄村 颜巷村 鸳鸯桥村 罗墩村 大河村'],
];
/** Jiangsu cities in the order generateNetworks fills them: 2-digit code, name, telephone area code. */
const CITIES: [string, string, string][] = [
  ['05', '苏州市', '0512'],
  ['06', '南通市', '0513'],
  ['01', '南京市', '025'],
  ['02', '无锡市', '0510'],
  ['03', '徐州市', '0516'],
  ['04', '常州市', '0519'],
  ['07', '连云港市', '0518'],
  ['08', '淮安市', '0517'],
  ['09', '盐城市', '0515'],
  ['10', '扬州市', '0514'],
  ['11', '镇江市', '0511'],
  ['12', '泰州市', '0523'],
  ['13', '宿迁市', '0527'],
];
const KNOWN_COUNTIES: Record<string, string> = {
  '320581': '常熟市',
  '320582': '张家港市',
  '320583': '昆山市',
  '320585': '太仓市',
  '320681': '启东市',
  '320682': '如皋市',
  '320685': '海安市',
};
/** Sector: short department name used in the sub-center's name, and the pinyin initials of its code. */
const SECTORS: Record<Sector, [string, string]> = {
  HOUSING: ['住建', 'ZJ'],
  CITY_MANAGEMENT: ['城管', 'CG'],
  WATER: ['水务', 'SW'],
  HEALTH: ['卫健', 'WJ'],
  JUSTICE: ['司法', 'SF'],
  SCIENCE_ASSOCIATION: ['科协', 'KX'],
  POWER_SUPPLY: ['供电', 'GD'],
  EDUCATION: ['教育', 'JY'],
  CULTURE_TOURISM: ['文旅', 'WL'],
  PUBLIC_SECURITY: ['公安', 'GA'],
  EMERGENCY_MANAGEMENT: ['应急管理', 'YJ'],
  AGRICULTURE: ['农业农村', 'NY'],
  ECOLOGY_ENVIRONMENT: ['生态环境', 'ST'],
  CIVIL_AFFAIRS: ['民政', 'MZ'],
  HUMAN_RESOURCES: ['人社', 'RS'],
  FEDERATION_OF_TRADE_UNIONS: ['总工会', 'GH'],
  COMMUNIST_YOUTH_LEAGUE: ['团委', 'TW'],
  WOMENS_FEDERATION: ['妇联', 'FL'],
  OTHER: ['综合', 'QT'],
};
const chars = (s: string): string[] => [...s];
const PLACE_A = chars('梅海古沙支董辛尚碧莫琴虞常福杨塘港湖浦泾金凤徐新乐唐锦周白双华兴阳东南西北');
const PLACE_B = chars('李虞里桥塘浜庄湖溪城川泾市港墩舍渡丰阳山园安泉泽');
const VILLAGE_A = chars('蒋李聚胜天梅赵珍师瞿汪香徐肖邓福七紫康坞芙联琴吴陈双芦红华唐横常任凤盛窑枫阳项何智黄陆杨旗杜观颜罗翁练吉永合光方勤丁谢顾钱沈邵殷浦季');
const VILLAGE_B = chars('巷市沙法字南桥港北泾浜塘墩庄湾圩坝甸河山湖丰联林石霞东西头');
const COMMUNITY_A = chars('琴虞锦枫星金碧华兴润明泰和福颐景春翠紫新书湖海江元嘉怡绿漕昆');
const COMMUNITY_B = chars('湖苑园城庭溪林华福泰景都悦馨荷湾源河桥');
const ROAD_B = chars('通虞港福海枫兴华林山湖川泰元和沙阳新衡书');
const SURNAMES = chars('顾陆钱王张陈周徐朱沈吴杨李金蒋邵殷浦季缪屈邹姚瞿薛黄赵孙曹严归庞须');
const GIVEN = chars('建国伟明华芳丽红军强敏静婷杰峰晓春雪燕勇斌磊佳慧霞萍新忠良涛琳洁文志海英玉亮卫平宇辰怡浩');

const WEEK = [1, 2, 3, 4, 5, 6, 7];
const WORKDAYS = [1, 2, 3, 4, 5];
const TUE_SUN = [2, 3, 4, 5, 6, 7];
const hours = (days: number[], opens: string, closes: string): OpeningHours => ({ days: [...days], opens, closes });

/** Facility type: its usual name, area range (m²), seat range ([0, 0]: no seats). */
const FACILITIES: Record<FacilityType, [string, number, number, number, number]> = {
  PARTY_MEMBER_SERVICE_CENTER: ['党群服务中心', 200, 900, 0, 0],
  LIBRARY: ['图书室', 60, 300, 20, 80],
  FARMHOUSE_BOOKSTORE: ['农家书屋', 40, 120, 10, 30],
  MORAL_LECTURE_HALL: ['道德讲堂', 80, 250, 50, 150],
  LECTURE_HALL: ['多功能报告厅', 200, 600, 100, 400],
  CULTURAL_ACTIVITY_ROOM: ['文体活动室', 80, 300, 0, 0],
  SPORTS_GROUND: ['体育健身广场', 800, 5000, 0, 0],
  FITNESS_TRAIL: ['健身步道', 500, 3000, 0, 0],
  ELDERLY_DAY_CARE: ['日间照料中心', 150, 500, 20, 60],
  CHILDREN_ACTIVITY_ROOM: ['儿童之家', 40, 150, 15, 40],
  HEALTH_STATION: ['卫生服务站', 60, 300, 0, 0],
  LEGAL_SERVICE_ROOM: ['法律服务室', 20, 60, 4, 10],
  PSYCHOLOGICAL_COUNSELLING_ROOM: ['心理咨询室', 20, 60, 2, 8],
  SCIENCE_POPULARIZATION_ROOM: ['科普活动室', 60, 300, 20, 60],
  VOLUNTEER_SERVICE_STATION: ['志愿服务站', 20, 80, 0, 0],
  HISTORY_EXHIBITION_HALL: ['展示馆', 150, 1500, 0, 0],
  STORYTELLING_HALL: ['书场', 150, 400, 60, 200],
  TEAHOUSE: ['茶馆', 80, 300, 30, 120],
  READING_ROOM_24H: ['24小时城市书房', 80, 200, 20, 50],
  OTHER: ['活动场地', 50, 500, 0, 0],
};

/** Venue kinds of points. `{p}` is the parent's place name, `{c}` the county's short name. */
interface Venue {
  name: string;
  type: FacilityType;
  parent: 'INSTITUTE' | 'VILLAGE' | 'COMMUNITY' | 'STATION' | 'ANY';
  weight: number;
  hours: OpeningHours[];
}
const VENUES: Venue[] = [
  { name: '{c}图书馆{p}分馆', type: FacilityType.LIBRARY, parent: 'INSTITUTE', weight: 3, hours: [hours(TUE_SUN, '09:00', '17:00')] },
  { name: '{p}24小时城市书房', type: FacilityType.READING_ROOM_24H, parent: 'ANY', weight: 3, hours: [hours(WEEK, '00:00', '23:59')] },
  { name: '{p}书场', type: FacilityType.STORYTELLING_HALL, parent: 'INSTITUTE', weight: 2, hours: [hours(TUE_SUN, '13:00', '16:30')] },
  { name: '{p}春来茶馆', type: FacilityType.TEAHOUSE, parent: 'ANY', weight: 2, hours: [hours(WEEK, '06:30', '11:00'), hours(WEEK, '13:30', '17:00')] },
  { name: '{p}红色教育基地', type: FacilityType.HISTORY_EXHIBITION_HALL, parent: 'ANY', weight: 2, hours: [hours(TUE_SUN, '09:00', '16:30')] },
  { name: '{p}农家书屋', type: FacilityType.FARMHOUSE_BOOKSTORE, parent: 'VILLAGE', weight: 3, hours: [hours(WEEK, '08:30', '17:00')] },
  { name: '{p}文化礼堂', type: FacilityType.CULTURAL_ACTIVITY_ROOM, parent: 'VILLAGE', weight: 3, hours: [hours(WEEK, '08:00', '20:30')] },
  { name: '{p}村史馆', type: FacilityType.HISTORY_EXHIBITION_HALL, parent: 'VILLAGE', weight: 2, hours: [hours(TUE_SUN, '09:00', '16:30')] },
  { name: '{p}邻里中心', type: FacilityType.CULTURAL_ACTIVITY_ROOM, parent: 'COMMUNITY', weight: 2, hours: [hours(WEEK, '08:30', '20:30')] },
  { name: '{p}科普馆', type: FacilityType.SCIENCE_POPULARIZATION_ROOM, parent: 'INSTITUTE', weight: 1, hours: [hours(TUE_SUN, '09:00', '16:30')] },
  { name: '{p}体育公园', type: FacilityType.SPORTS_GROUND, parent: 'INSTITUTE', weight: 1, hours: [hours(WEEK, '06:00', '21:00')] },
];
/** County-wide venues under the center itself. */
const CENTER_VENUES: [string, FacilityType][] = [
  ['{c}博物馆', FacilityType.HISTORY_EXHIBITION_HALL],
  ['{c}图书馆', FacilityType.LIBRARY],
  ['{c}文化馆', FacilityType.CULTURAL_ACTIVITY_ROOM],
];

// ---- randomness ------------------------------------------------------------------------------------

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32: tiny, fast and good enough for demo data. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += this.int(0, 9);
    return s;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
  bytes = (n: number): Buffer => {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const shortName = (name: string): string => name.replace(/(街道|镇|乡|市|县|区)$/, '');

/** A point `minKm`–`maxKm` from (lat, lng) in a random direction. */
function near(rng: Rng, lat: number, lng: number, minKm: number, maxKm: number): [number, number] {
  const r = minKm + rng.next() * (maxKm - minKm);
  const a = rng.next() * 2 * Math.PI;
  const dLat = (r * Math.sin(a)) / 111.32;
  const dLng = (r * Math.cos(a)) / (111.32 * Math.cos((lat * Math.PI) / 180));
  return [round6(lat + dLat), round6(lng + dLng)];
}

/** Draws names until one is new; the fallback widens the name space so large counties never loop forever. */
function uniqueName(used: Set<string>, gen: () => string, fallback: () => string): string {
  for (let i = 0; ; i++) {
    const name = i < 40 ? gen() : fallback();
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

const F = FacilityType;

// ---- the generator --------------------------------------------------------------------------------

interface Township {
  name: string;
  code3: string;
  street: boolean;
  lat: number;
  lng: number;
  known: string[];
}
/** What children of a site need to know about it: its place name for venue names, its address up to the village. */
interface Place {
  place: string;
  area: string;
  village: boolean;
}

function planTownships(o: Required<CountyNetworkOptions>, rng: Rng, real: boolean, used: Set<string>): Township[] {
  const towns: Township[] = [];
  const codes = new Set<string>();
  const streets = real ? 0 : Math.max(1, Math.round(o.institutes * 0.4));
  for (let i = 0; i < o.institutes; i++) {
    const row = real ? CHANGSHU[i] : undefined;
    if (row) {
      const [name, code3, dLat, dLng, known] = row;
      // Real names are reserved up front so generated ones never take them first.
      for (const n of [name, ...known.split(' ').filter(Boolean)]) used.add(n);
      codes.add(code3);
      towns.push({
        name,
        code3,
        street: name.endsWith('街道'),
        lat: o.centerLatitude + dLat,
        lng: o.centerLongitude + dLng,
        known: known.split(' ').filter(Boolean),
      });
      continue;
    }
    const street = i < streets;
    const suffix = street ? '街道' : '镇';
    const name = uniqueName(
      used,
      () => rng.pick(PLACE_A) + rng.pick(PLACE_B) + suffix,
      () => rng.pick(PLACE_A) + rng.pick(VILLAGE_A) + rng.pick(PLACE_B) + suffix,
    );
    let n = street ? 1 : 101;
    while (codes.has(pad(n, 3))) n++;
    codes.add(pad(n, 3));
    // Streets form the urban core; towns ring it, spread evenly with some jitter.
    const angle = (i / o.institutes) * 2 * Math.PI + rng.next() * 0.4;
    const km = street ? 2 + rng.next() * 4 : 8 + rng.next() * 10;
    const lat = o.centerLatitude + (km * Math.sin(angle)) / 111.32;
    const lng = o.centerLongitude + (km * Math.cos(angle)) / (111.32 * Math.cos((o.centerLatitude * Math.PI) / 180));
    towns.push({ name, code3: pad(n, 3), street, lat, lng, known: [] });
  }
  return towns;
}

function buildCounty(o: Required<CountyNetworkOptions>, countyIndex: number): DemoNetwork {
  const rng = new Rng(o.seed);
  const idRng = new Rng(o.seed ^ 0x5eed1d5);
  const real = o.countyCode === '320581' && o.countyName === '常熟市';
  const province = o.countyCode.startsWith('32') ? '江苏省' : '';
  const areaCode = CITIES.find(([c]) => c === o.countyCode.slice(2, 4))?.[2] ?? '0512';
  const county = shortName(o.countyName);
  const sites: DemoSite[] = [];
  const places = new Map<string, Place>();
  const usedNames = new Set<string>();

  const landline = (): string => `${areaCode}-${rng.int(5, 8)}${rng.digits(7)}`;
  const road = (): string => rng.pick(PLACE_A) + rng.pick(ROAD_B) + (rng.chance(0.15) ? '大道' : rng.chance(0.1) ? '街' : '路');
  const address = (area: string, street = road()): string => `${area}${street}${rng.int(1, 388)}号`;
  const facility = (type: FacilityType, name?: string): Facility => {
    const [defaultName, aMin, aMax, sMin, sMax] = FACILITIES[type];
    return { type, name: name ?? defaultName, areaSqm: rng.int(aMin / 10, aMax / 10) * 10, seats: sMax ? rng.int(sMin, sMax) : null };
  };

  const add = (parent: DemoSite | null, s: Omit<DemoSite, 'id' | 'parentId' | 'path' | 'status' | 'designations'>, place: Place): DemoSite => {
    const allowed = ALLOWED_PARENT_KINDS[s.kind];
    const fits = parent ? !!allowed?.includes(parent.kind) && isWithinRegion(s.regionCode, parent.regionCode) : allowed === null;
    if (!fits) throw new Error(`demo network: ${s.code} cannot sit under ${parent?.code ?? 'nothing'}`);
    const id = uuidv7(BASE_TIME + countyIndex * 1e7 + sites.length, idRng.bytes);
    const site: DemoSite = { id, ...s, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, status: SiteStatus.ACTIVE, designations: [] };
    sites.push(site);
    places.set(id, place);
    return site;
  };

  // Center and sector sub-centers sit in the first street, the county seat.
  const towns = planTownships(o, rng, real, usedNames);
  const seatArea = `${province}${o.cityName}${o.countyName}${towns[0]?.name ?? ''}`;
  const countyRegion = `${o.countyCode}000000`;
  const center = add(
    null,
    {
      code: `${o.countyCode}-C`,
      name: `${o.countyName}新时代文明实践中心`,
      kind: SiteKind.CENTER,
      regionCode: countyRegion,
      address: address(seatArea),
      latitude: round6(o.centerLatitude),
      longitude: round6(o.centerLongitude),
      contactPhone: landline(),
      openingHours: [hours(WORKDAYS, '08:30', '17:30'), hours([6, 7], '09:00', '16:30')],
      facilities: [F.LECTURE_HALL, F.HISTORY_EXHIBITION_HALL, F.VOLUNTEER_SERVICE_STATION, F.CULTURAL_ACTIVITY_ROOM, F.PSYCHOLOGICAL_COUNSELLING_ROOM].map(
        (t) => facility(t),
      ),
      sector: null,
    },
    { place: county, area: seatArea, village: false },
  );
  if (real) center.designations.push({ level: DesignationLevel.NATIONAL, year: 2019, title: '全国新时代文明实践中心建设试点' });

  const sectorFacility: Partial<Record<Sector, FacilityType>> = {
    HEALTH: F.HEALTH_STATION,
    JUSTICE: F.LEGAL_SERVICE_ROOM,
    SCIENCE_ASSOCIATION: F.SCIENCE_POPULARIZATION_ROOM,
    POWER_SUPPLY: F.OTHER,
  };
  const subCenters = [...new Set(o.sectors)].map((sector) => {
    const [dept, initials] = SECTORS[sector];
    const [lat, lng] = near(rng, o.centerLatitude, o.centerLongitude, 0.5, 3);
    const own = sectorFacility[sector];
    return add(
      center,
      {
        code: `${o.countyCode}-SC-${initials}`,
        name: `${o.countyName}新时代文明实践中心${dept}分中心`,
        kind: SiteKind.SECTOR_SUBCENTER,
        regionCode: countyRegion,
        address: address(seatArea),
        latitude: lat,
        longitude: lng,
        contactPhone: landline(),
        openingHours: [hours(WORKDAYS, '08:30', '17:00')],
        facilities: [
          facility(F.VOLUNTEER_SERVICE_STATION),
          facility(F.LECTURE_HALL, '培训室'),
          ...(own ? [facility(own, sector === Sector.POWER_SUPPLY ? '“快来电”服务站' : undefined)] : []),
        ],
        sector,
      },
      { place: dept, area: seatArea, village: false },
    );
  });

  const institutes: DemoSite[] = [];
  const stations: DemoSite[] = [];
  const stationsOf = new Map<string, DemoSite[]>();
  const spread = Math.max(0, Math.round(o.stationsPerInstitute / 6));
  for (const town of towns) {
    const townCode = o.countyCode + town.code3;
    const area = `${province}${o.cityName}${o.countyName}${town.name}`;
    const townShort = shortName(town.name);
    const institute = add(
      center,
      {
        code: `${townCode}-I`,
        name: `${town.name}新时代文明实践所`,
        kind: SiteKind.INSTITUTE,
        regionCode: `${townCode}000`,
        address: address(area, rng.chance(0.5) ? townShort + rng.pick(['大道', '中路', '东路', '南路', '北路']) : road()),
        latitude: round6(town.lat),
        longitude: round6(town.lng),
        contactPhone: landline(),
        openingHours: [hours(WORKDAYS, '08:30', '17:00'), hours([6], '09:00', '16:00')],
        facilities: [
          F.PARTY_MEMBER_SERVICE_CENTER,
          F.LECTURE_HALL,
          F.CULTURAL_ACTIVITY_ROOM,
          F.LIBRARY,
          F.SPORTS_GROUND,
          F.VOLUNTEER_SERVICE_STATION,
          F.LEGAL_SERVICE_ROOM,
          F.PSYCHOLOGICAL_COUNSELLING_ROOM,
        ]
          .filter((_, i) => i < 6 || rng.chance(0.6))
          .map((t) => facility(t)),
        sector: null,
      },
      { place: townShort, area, village: false },
    );
    institutes.push(institute);

    // Streets are mostly urban communities; towns have a few communities around the town seat, the rest villages.
    const count = Math.max(1, o.stationsPerInstitute + rng.int(-spread, spread));
    const communities = town.street ? Math.round(count * 0.6) : Math.min(count, rng.int(2, 4));
    const knownCommunities = town.known.filter((n) => n.endsWith('社区')).map((n) => n.slice(0, -2));
    const knownVillages = town.known.filter((n) => n.endsWith('村')).map((n) => n.slice(0, -1));
    const children: DemoSite[] = [];
    for (let i = 0; i < count; i++) {
      const village = i >= communities;
      const known = village ? knownVillages.shift() : knownCommunities.shift();
      const base =
        known ??
        (village
          ? uniqueName(
              usedNames,
              () => rng.pick(VILLAGE_A) + rng.pick(VILLAGE_B) + '村',
              () => rng.pick(VILLAGE_A) + '家' + rng.pick(VILLAGE_B) + '村',
            ).slice(0, -1)
          : uniqueName(
              usedNames,
              () => rng.pick(COMMUNITY_A) + rng.pick(COMMUNITY_B) + '社区',
              () => rng.pick(COMMUNITY_A) + rng.pick(COMMUNITY_B) + rng.pick(['苑', '园', '新村']) + '社区',
            ).slice(0, -2));
      const full = base + (village ? '村' : '社区');
      const [lat, lng] = near(rng, town.lat, town.lng, 0.5, 3.8);
      const stationArea = village ? area + full : area;
      const facilities = [
        facility(F.PARTY_MEMBER_SERVICE_CENTER, full + '党群服务中心'),
        facility(village ? F.FARMHOUSE_BOOKSTORE : F.LIBRARY),
        ...[
          F.MORAL_LECTURE_HALL,
          F.CULTURAL_ACTIVITY_ROOM,
          F.ELDERLY_DAY_CARE,
          F.HEALTH_STATION,
          village ? F.FITNESS_TRAIL : F.CHILDREN_ACTIVITY_ROOM,
          F.VOLUNTEER_SERVICE_STATION,
        ]
          .filter((_, k) => rng.chance([0.7, 0.8, 0.6, 0.5, 0.4, 0.5][k]))
          .map((t) => facility(t)),
      ];
      const regionCode = townCode + (village ? pad(200 + i - communities + 1, 3) : pad(i + 1, 3));
      const station = add(
        institute,
        {
          code: `${regionCode}-S`,
          name: `${village ? '' : town.name}${full}新时代文明实践站`,
          kind: SiteKind.STATION,
          regionCode,
          address: address(stationArea, village && rng.chance(0.5) ? base + '路' : road()),
          latitude: lat,
          longitude: lng,
          contactPhone: rng.chance(0.85) ? landline() : null,
          openingHours: rng.chance(0.4) ? [hours(WORKDAYS, '08:30', '17:00'), hours([6, 7], '09:00', '11:30')] : [hours(WORKDAYS, '08:30', '17:00')],
          facilities,
          sector: null,
        },
        { place: full, area: stationArea, village },
      );
      children.push(station);
      stations.push(station);
    }
    stationsOf.set(institute.id, children);
  }

  // Points: the county-wide venues under the center first, then venues spread over institutes and stations.
  const points: DemoSite[] = [];
  const pointSeq = new Map<string, number>();
  const addPoint = (parent: DemoSite, at: DemoSite, name: string, type: FacilityType, opening: OpeningHours[]): void => {
    const seq = (pointSeq.get(parent.regionCode) ?? 0) + 1;
    pointSeq.set(parent.regionCode, seq);
    // County-wide venues stand in the county seat near the center; others near the site whose area they take.
    const origin = parent.kind === SiteKind.CENTER ? parent : at;
    const [lat, lng] = near(rng, origin.latitude, origin.longitude, 0.1, parent.kind === SiteKind.CENTER ? 2.5 : 1.2);
    points.push(
      add(
        parent,
        {
          code: `${parent.regionCode}-P${pad(seq, 2)}`,
          name,
          kind: SiteKind.POINT,
          regionCode: at.regionCode,
          address: address(places.get(at.id)!.area),
          latitude: lat,
          longitude: lng,
          contactPhone: rng.chance(0.7) ? landline() : null,
          openingHours: opening.map((h) => hours(h.days, h.opens, h.closes)),
          facilities: [facility(type, name)],
          sector: null,
        },
        { place: name, area: places.get(at.id)!.area, village: false },
      ),
    );
  };
  for (const [template, type] of CENTER_VENUES.slice(0, Math.min(o.points, CENTER_VENUES.length))) {
    const name = template.replace('{c}', county);
    usedNames.add(name);
    addPoint(center, institutes[0] ?? center, name, type, [hours(TUE_SUN, '09:00', '17:00')]);
  }
  const totalWeight = VENUES.reduce((sum, v) => sum + v.weight, 0);
  for (let attempts = 0; points.length < o.points && attempts < o.points * 50; attempts++) {
    let roll = rng.next() * totalWeight;
    const venue = VENUES.find((v) => (roll -= v.weight) < 0) ?? VENUES[0];
    const pool =
      venue.parent === 'INSTITUTE'
        ? institutes
        : venue.parent === 'ANY'
          ? rng.chance(0.4)
            ? institutes
            : stations
          : stations.filter((s) => venue.parent === 'STATION' || places.get(s.id)!.village === (venue.parent === 'VILLAGE'));
    if (!pool.length) continue;
    const parent = rng.pick(pool);
    const name = venue.name.replace('{c}', county).replace('{p}', places.get(parent.id)!.place);
    if (usedNames.has(name)) continue;
    usedNames.add(name);
    // An institute's venue may stand in one of its villages; then it takes that village's code and place.
    const inVillage = parent.kind === SiteKind.INSTITUTE && rng.chance(0.4) ? stationsOf.get(parent.id) : undefined;
    addPoint(parent, inVillage?.length ? rng.pick(inVillage) : parent, name, venue.type, venue.hours);
  }

  // Statuses: a few stations merged away (archived with their points), a few points closed, a handful paused.
  for (const station of rng.shuffle(stations).slice(0, Math.max(1, Math.round(stations.length * 0.01)))) {
    station.status = SiteStatus.ARCHIVED;
    for (const p of points) if (p.parentId === station.id) p.status = SiteStatus.ARCHIVED;
  }
  const active = (s: DemoSite): boolean => s.status === SiteStatus.ACTIVE;
  for (const p of rng.shuffle(points.filter(active)).slice(0, Math.max(1, Math.round(points.length * 0.035)))) p.status = SiteStatus.ARCHIVED;
  const byId = new Map(sites.map((s) => [s.id, s]));
  const pausable = [...stations, ...points].filter((s) => active(s) && active(byId.get(s.parentId!)!));
  for (const s of rng.shuffle(pausable).slice(0, Math.max(1, Math.round(sites.length * 0.012)))) s.status = SiteStatus.SUSPENDED;

  // Demonstration sites: about a quarter of the network, as Changshu's 100 of ~410 (half the institutes, a fifth of the points).
  const target = Math.round((institutes.length + stations.length + points.length) * 0.244);
  const live = (list: DemoSite[]): DemoSite[] => rng.shuffle(list.filter((s) => s.status !== SiteStatus.ARCHIVED));
  const chosenInstitutes = live(institutes).slice(0, Math.round(institutes.length / 2));
  const chosenPoints = live(points).slice(0, Math.round(points.length / 5));
  const chosen = [...chosenInstitutes, ...chosenPoints, ...live(stations).slice(0, Math.max(0, target - chosenInstitutes.length - chosenPoints.length))];
  const levels = [DesignationLevel.COUNTY, DesignationLevel.CITY, DesignationLevel.PROVINCIAL, DesignationLevel.NATIONAL];
  const issuer: Record<DesignationLevel, string> = { NATIONAL: '全国', PROVINCIAL: province || '省级', CITY: o.cityName, COUNTY: o.countyName };
  const levelTitle = (level: DesignationLevel): string => issuer[level];
  for (const site of chosen) {
    const kindWord = site.kind === SiteKind.INSTITUTE ? '所' : site.kind === SiteKind.STATION ? '站' : '点';
    const r = rng.next();
    let level = site.kind !== SiteKind.POINT && r < 0.01 ? 3 : r < 0.13 ? 2 : r < 0.5 ? 1 : 0;
    let year = rng.int(2019, 2025);
    site.designations.push({ level: levels[level], year, title: `${levelTitle(levels[level])}新时代文明实践示范${kindWord}` });
    // Some sites are later promoted a level, as county demonstration sites are put forward to the city.
    if (level < 2 && year < 2025 && rng.chance(0.25)) {
      level += 1;
      year = rng.int(year + 1, 2025);
      site.designations.push({ level: levels[level], year, title: `${levelTitle(levels[level])}新时代文明实践示范${kindWord}` });
    }
  }

  // Managers: the center, every institute and sub-center, and about 40% of the stations.
  const person = (): string => rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.7) ? rng.pick(GIVEN) : '');
  const mobile = (): string => `1${rng.pick(['3', '5', '7', '8', '9'])}${rng.digits(9)}`;
  const managed = [center, ...institutes, ...subCenters, ...stations.filter((s) => s.status !== SiteStatus.ARCHIVED && rng.chance(0.4))];
  const managers = managed.map((s) => ({ siteId: s.id, subject: `mgr-${s.code.toLowerCase()}`, name: person(), phone: mobile() }));
  return { sites, managers };
}

export function generateCountyNetwork(options: CountyNetworkOptions = {}): DemoNetwork {
  const o: Required<CountyNetworkOptions> = { ...DEFAULTS, ...stripUndefined(options) };
  if (!/^\d{6}$/.test(o.countyCode)) throw new Error(`countyCode must be 6 digits: ${o.countyCode}`);
  if (options.countyCode && options.countyCode !== DEFAULTS.countyCode && !options.countyName) o.countyName = countyNameFor(o.countyCode);
  return buildCounty(o, 0);
}

/** Several counties side by side (different county codes, e.g. 320581, 320582 …, centered apart), for larger data sets. */
export function generateNetworks(counties: number, options: Omit<CountyNetworkOptions, 'countyCode' | 'countyName'> = {}): DemoNetwork {
  if (counties > CITIES.length * 19) throw new Error(`at most ${CITIES.length * 19} counties`);
  const base: Required<CountyNetworkOptions> = { ...DEFAULTS, ...stripUndefined(options) };
  const result: DemoNetwork = { sites: [], managers: [] };
  for (let i = 0; i < counties; i++) {
    // County-level cities use codes 81–99 within a prefecture; 19 per city, then the next city.
    const [cityCode, cityName] = CITIES[Math.floor(i / 19)];
    const countyCode = `32${cityCode}${81 + (i % 19)}`;
    // About 60 km apart on a grid, so no two counties' sites (within 25 km of their center) overlap.
    const net = buildCounty(
      {
        ...base,
        seed: base.seed + i,
        countyCode,
        countyName: countyNameFor(countyCode),
        cityName: options.cityName ?? cityName,
        centerLatitude: base.centerLatitude + Math.floor(i / 5) * 0.55,
        centerLongitude: base.centerLongitude + (i % 5) * 0.65,
      },
      i,
    );
    result.sites.push(...net.sites);
    result.managers.push(...net.managers);
  }
  return result;
}

function countyNameFor(code: string): string {
  if (KNOWN_COUNTIES[code]) return KNOWN_COUNTIES[code];
  const rng = new Rng(Number(code));
  return rng.pick(PLACE_A) + rng.pick(PLACE_B) + (Number(code.slice(4)) >= 81 ? '市' : '县');
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
