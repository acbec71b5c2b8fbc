/**
 * The taxonomy every deployment starts with (seeds 000, 001, 003): the nine service domains of the
 * city's menus, the province's five tasks and the five colour lines. Codes are stable; the volunteers
 * subgraph stores volunteers' preferred categories by these codes. Counties add their own terms.
 */
export const CATEGORY_CATALOG: [code: string, name: string, children: [code: string, name: string][]][] = [
  [
    'SERVICE',
    '服务领域',
    [
      ['THEORY', '理论宣讲'],
      ['POLICY', '政策宣传'],
      ['SAFETY', '安全宣传教育'],
      ['CULTURE', '文化艺术'],
      ['SCIENCE', '科技科普'],
      ['HEALTH', '体育健康卫生'],
      ['LEGAL', '法律咨询'],
      ['LIVELIHOOD', '生活便民'],
      ['CUSTOMS', '移风易俗'],
    ],
  ],
  [
    'TASK',
    '五大任务',
    [
      ['THEORY', '理论宣讲'],
      ['EDUCATION', '教育服务'],
      ['CULTURE', '文化服务'],
      ['SCIENCE', '科技与科普服务'],
      ['HEALTH_SPORTS', '健康促进与体育服务'],
    ],
  ],
  [
    'LINE',
    '五彩志愿服务',
    [
      ['RED', '红色理论宣讲'],
      ['ORANGE', '橙色卫生健康'],
      ['GOLD', '金色阳光帮扶'],
      ['GREEN', '绿色生态环保'],
      ['BLUE', '蓝色文化惠民'],
    ],
  ],
];

/** Second-level terms below the service domains, as the seeds' menus name them. */
export const CATEGORY_DETAILS: [parentCode: string, code: string, name: string][] = [
  ['SERVICE.HEALTH', 'CHECKUP', '健康体检'],
  ['SERVICE.HEALTH', 'FITNESS', '全民健身指导'],
  ['SERVICE.HEALTH', 'MENTAL', '心理健康'],
  ['SERVICE.LEGAL', 'CLINIC', '法律门诊'],
  ['SERVICE.LEGAL', 'MEDIATION', '矛盾调解'],
  ['SERVICE.LIVELIHOOD', 'REPAIR', '家电水电维修'],
  ['SERVICE.LIVELIHOOD', 'ELDERLY_CARE', '助老服务'],
  ['SERVICE.LIVELIHOOD', 'READING', '阅读空间'],
  ['SERVICE.SAFETY', 'FIRE', '消防安全'],
  ['SERVICE.SAFETY', 'ANTI_FRAUD', '反诈宣传'],
  ['SERVICE.SAFETY', 'CONSTRUCTION', '质量安全'],
  ['SERVICE.SCIENCE', 'DIGITAL', '智能手机与数字技能'],
  ['SERVICE.SCIENCE', 'ENVIRONMENT', '生态环保科普'],
  ['SERVICE.CULTURE', 'PERFORMANCE', '文艺演出'],
  ['SERVICE.CULTURE', 'HERITAGE', '非遗传承'],
  ['SERVICE.CUSTOMS', 'WASTE_SORTING', '垃圾分类'],
];

export interface CatalogRow {
  code: string;
  name: string;
  parentCode: string | null;
  sortOrder: number;
}

/** Parents before children. */
export function categoryCatalogRows(): CatalogRow[] {
  const rows: CatalogRow[] = [];
  CATEGORY_CATALOG.forEach(([root, name, children], index) => {
    rows.push({ code: root, name, parentCode: null, sortOrder: index + 1 });
    children.forEach(([code, childName], childIndex) => rows.push({ code: `${root}.${code}`, name: childName, parentCode: root, sortOrder: childIndex + 1 }));
  });
  const order = new Map<string, number>();
  for (const [parentCode, code, name] of CATEGORY_DETAILS) {
    const sortOrder = (order.get(parentCode) ?? 0) + 1;
    order.set(parentCode, sortOrder);
    rows.push({ code: `${parentCode}.${code}`, name, parentCode, sortOrder });
  }
  return rows;
}
