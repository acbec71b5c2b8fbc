/**
 * The skills every deployment starts with: what civilization-practice volunteers are asked for in
 * the seeds (lectures, medical care, legal advice, repairs, counselling, IT help for the elderly,
 * arts, sign language …). Codes are stable; counties add their own skills below these.
 */
export const SKILL_CATALOG: [code: string, name: string, children: [code: string, name: string][]][] = [
  [
    'LECTURING',
    '宣讲',
    [
      ['THEORY', '理论宣讲'],
      ['POLICY', '政策解读'],
      ['PARTY_HISTORY', '党史学习教育宣讲'],
      ['STORYTELLING', '百姓名嘴故事宣讲'],
    ],
  ],
  [
    'MEDICAL',
    '医疗卫生',
    [
      ['GENERAL_PRACTICE', '全科诊疗'],
      ['NURSING', '护理'],
      ['FIRST_AID', '急救培训'],
      ['TCM', '中医理疗'],
      ['HEALTH_CHECK', '健康体检'],
      ['MEDICATION', '用药指导'],
    ],
  ],
  [
    'LEGAL',
    '法律服务',
    [
      ['ADVICE', '法律咨询'],
      ['MEDIATION', '人民调解'],
      ['LEGAL_AID', '法律援助'],
    ],
  ],
  [
    'REPAIR',
    '维修便民',
    [
      ['ELECTRICAL', '电器维修'],
      ['PLUMBING', '水电管道维修'],
      ['APPLIANCE', '家电维修'],
      ['HAIRCUT', '义务理发'],
      ['TAILORING', '缝补'],
    ],
  ],
  [
    'PSYCHOLOGY',
    '心理服务',
    [
      ['COUNSELLING', '心理咨询'],
      ['CRISIS', '心理危机干预'],
    ],
  ],
  [
    'IT',
    '信息技术',
    [
      ['SMARTPHONE', '智能手机教学'],
      ['COMPUTER', '电脑维护'],
      ['ONLINE_SERVICES', '网上办事指导'],
    ],
  ],
  [
    'ARTS',
    '文化艺术',
    [
      ['CALLIGRAPHY', '书法'],
      ['PAINTING', '绘画'],
      ['SINGING', '声乐'],
      ['DANCE', '舞蹈'],
      ['OPERA', '戏曲评弹'],
      ['PHOTOGRAPHY', '摄影'],
      ['INSTRUMENT', '器乐'],
    ],
  ],
  ['SIGN_LANGUAGE', '手语', []],
  [
    'EDUCATION',
    '教育辅导',
    [
      ['TUTORING', '课业辅导'],
      ['READING', '阅读推广'],
      ['PARENTING', '家庭教育指导'],
    ],
  ],
  [
    'SPORTS',
    '体育健身',
    [
      ['FITNESS', '健身指导'],
      ['TAI_CHI', '太极拳'],
      ['SQUARE_DANCE', '广场舞'],
    ],
  ],
  [
    'CARE',
    '关爱帮扶',
    [
      ['ELDERLY', '助老服务'],
      ['DISABILITY', '助残服务'],
      ['CHILDREN', '儿童关爱'],
    ],
  ],
  [
    'SAFETY',
    '安全应急',
    [
      ['FIRE', '消防安全'],
      ['RESCUE', '应急救援'],
      ['TRAFFIC', '文明交通劝导'],
      ['ANTI_FRAUD', '反诈宣传'],
    ],
  ],
  [
    'ENVIRONMENT',
    '生态环保',
    [
      ['WASTE_SORTING', '垃圾分类'],
      ['RIVER_PATROL', '河道巡护'],
      ['GREENING', '植绿护绿'],
    ],
  ],
  [
    'AGRICULTURE',
    '农业技术',
    [
      ['PLANTING', '种植技术'],
      ['AQUACULTURE', '水产养殖'],
      ['RURAL_ECOMMERCE', '农村电商'],
    ],
  ],
  [
    'ORGANIZING',
    '活动组织',
    [
      ['EVENTS', '活动策划'],
      ['MEDIA', '新闻宣传'],
    ],
  ],
];

/** Every catalogue skill as rows, parents first: code `PARENT` or `PARENT.CHILD`. */
export function catalogRows(): { code: string; name: string; parentCode: string | null }[] {
  return SKILL_CATALOG.flatMap(([code, name, children]) => [
    { code, name, parentCode: null },
    ...children.map(([child, childName]) => ({ code: `${code}.${child}`, name: childName, parentCode: code })),
  ]);
}
