/**
 * The word lists the volunteers demo generator draws from: names, what volunteers of each skill do,
 * the corps of a county and its registered organizations, reasons written by managers.
 */

/** Codes of the resources subgraph's service categories (seed 001, Suzhou) that demo volunteers prefer. */
export const DEMO_CATEGORY_CODES = [
  'SERVICE.THEORY',
  'SERVICE.POLICY',
  'SERVICE.SAFETY',
  'SERVICE.CULTURE',
  'SERVICE.SCIENCE',
  'SERVICE.HEALTH',
  'SERVICE.LEGAL',
  'SERVICE.LIVELIHOOD',
  'SERVICE.CUSTOMS',
] as const;

const chars = (s: string): string[] => [...s];

/** Common surnames of southern Jiangsu, the most common first and listed twice for weight. */
export const SURNAMES = chars(
  '顾陆钱王张陈周徐朱沈吴杨李金蒋顾陆钱王张陈周徐朱沈吴杨李刘黄赵孙曹严邵殷浦季缪屈邹姚瞿薛归庞须胡许何高马郭宋唐冯潘董袁范戴夏钟汪田任姜方石谭邱秦江史侯孟汤尹常龚',
);
export const GIVEN_MALE = chars('建国伟明军强杰峰勇斌磊涛志海亮宇辰浩俊平华兵刚鹏飞超健力龙翔晨宁博轩睿泽昊嘉天凯毅诚林东成荣康文永庆');
export const GIVEN_FEMALE = chars('芳丽红敏静婷晓春雪燕佳慧霞萍琳洁英玉怡娟艳秀兰梅琴颖倩雯欣悦雨萱诗涵妍璐彤琪思佩月珍凤娜丹文华');

/** Skills most volunteers offer, as `code weight`. */
export const COMMON_SKILLS: [string, number][] = (
  'CARE.ELDERLY 10,CARE.CHILDREN 8,ENVIRONMENT.WASTE_SORTING 8,SAFETY.TRAFFIC 6,EDUCATION.TUTORING 6,LECTURING.THEORY 5,IT.SMARTPHONE 5,' +
  'SAFETY.ANTI_FRAUD 4,EDUCATION.READING 4,SPORTS.SQUARE_DANCE 4,LECTURING.STORYTELLING 3,LECTURING.POLICY 3,SPORTS.TAI_CHI 3,REPAIR.HAIRCUT 3,' +
  'SAFETY.FIRE 3,ENVIRONMENT.GREENING 3,ENVIRONMENT.RIVER_PATROL 3,CARE.DISABILITY 3,ORGANIZING.EVENTS 3,ARTS.CALLIGRAPHY 2,ARTS.SINGING 2,' +
  'ARTS.DANCE 2,ARTS.OPERA 2,ARTS.PHOTOGRAPHY 2,REPAIR.ELECTRICAL 2,REPAIR.APPLIANCE 2,REPAIR.TAILORING 2,MEDICAL.FIRST_AID 2,LEGAL.MEDIATION 2,' +
  'AGRICULTURE.PLANTING 2,ORGANIZING.MEDIA 2,EDUCATION.PARENTING 2,IT.ONLINE_SERVICES 2,ARTS.PAINTING 1,ARTS.INSTRUMENT 1,MEDICAL.NURSING 1,' +
  'PSYCHOLOGY.COUNSELLING 1,SIGN_LANGUAGE 1,LECTURING 1,CARE 1,ENVIRONMENT 1'
)
  .split(',')
  .map((entry) => {
    const [code, weight] = entry.split(' ');
    return [code, Number(weight)];
  });

/** The professional skills of the departments that run sector sub-centers (by Sector value). */
export const SECTOR_SKILLS: Record<string, string[]> = {
  HOUSING: ['REPAIR.PLUMBING', 'REPAIR.ELECTRICAL', 'SAFETY.FIRE'],
  CITY_MANAGEMENT: ['ENVIRONMENT.WASTE_SORTING', 'SAFETY.TRAFFIC', 'ENVIRONMENT.GREENING'],
  WATER: ['ENVIRONMENT.RIVER_PATROL', 'REPAIR.PLUMBING'],
  HEALTH: ['MEDICAL.GENERAL_PRACTICE', 'MEDICAL.NURSING', 'MEDICAL.FIRST_AID', 'MEDICAL.TCM', 'MEDICAL.HEALTH_CHECK', 'MEDICAL.MEDICATION'],
  JUSTICE: ['LEGAL.ADVICE', 'LEGAL.MEDIATION', 'LEGAL.LEGAL_AID'],
  SCIENCE_ASSOCIATION: ['IT.COMPUTER', 'IT.SMARTPHONE', 'AGRICULTURE.PLANTING', 'EDUCATION.READING'],
  POWER_SUPPLY: ['REPAIR.ELECTRICAL', 'REPAIR.APPLIANCE', 'SAFETY.FIRE'],
  EDUCATION: ['EDUCATION.TUTORING', 'EDUCATION.PARENTING', 'EDUCATION.READING'],
  CULTURE_TOURISM: ['ARTS.OPERA', 'ARTS.CALLIGRAPHY', 'ARTS.SINGING', 'ARTS.PHOTOGRAPHY'],
  PUBLIC_SECURITY: ['SAFETY.ANTI_FRAUD', 'SAFETY.TRAFFIC'],
  EMERGENCY_MANAGEMENT: ['SAFETY.RESCUE', 'SAFETY.FIRE', 'MEDICAL.FIRST_AID'],
  AGRICULTURE: ['AGRICULTURE.PLANTING', 'AGRICULTURE.AQUACULTURE', 'AGRICULTURE.RURAL_ECOMMERCE'],
  ECOLOGY_ENVIRONMENT: ['ENVIRONMENT.WASTE_SORTING', 'ENVIRONMENT.RIVER_PATROL', 'ENVIRONMENT.GREENING'],
  CIVIL_AFFAIRS: ['CARE.ELDERLY', 'CARE.DISABILITY', 'PSYCHOLOGY.COUNSELLING'],
  HUMAN_RESOURCES: ['IT.ONLINE_SERVICES', 'EDUCATION.TUTORING'],
  FEDERATION_OF_TRADE_UNIONS: ['REPAIR.APPLIANCE', 'REPAIR.ELECTRICAL', 'CARE.ELDERLY'],
  COMMUNIST_YOUTH_LEAGUE: ['EDUCATION.TUTORING', 'CARE.CHILDREN', 'ORGANIZING.EVENTS'],
  WOMENS_FEDERATION: ['EDUCATION.PARENTING', 'CARE.CHILDREN', 'PSYCHOLOGY.COUNSELLING'],
  OTHER: ['ORGANIZING.EVENTS'],
};

/** What the professional team of a sector sub-center is called after the department, and the corps it belongs to. */
export const SECTOR_TEAMS: Record<string, [label: string, corps: CorpsKey]> = {
  HOUSING: ['房屋安全', 'SAFETY'],
  CITY_MANAGEMENT: ['城市管理', 'ENVIRONMENT'],
  WATER: ['河湖守护', 'ENVIRONMENT'],
  HEALTH: ['医疗卫生', 'MEDICAL'],
  JUSTICE: ['法律服务', 'LEGAL'],
  SCIENCE_ASSOCIATION: ['科技科普', 'SCIENCE'],
  POWER_SUPPLY: ['电力便民', 'SAFETY'],
  EDUCATION: ['教育辅导', 'SCIENCE'],
  CULTURE_TOURISM: ['文化文艺', 'CULTURE'],
  PUBLIC_SECURITY: ['平安守护', 'SAFETY'],
  EMERGENCY_MANAGEMENT: ['应急救援', 'RESCUE'],
  AGRICULTURE: ['农技服务', 'SCIENCE'],
  ECOLOGY_ENVIRONMENT: ['生态环保', 'ENVIRONMENT'],
  CIVIL_AFFAIRS: ['助老助残', 'CARE'],
  HUMAN_RESOURCES: ['就业服务', 'GENERAL'],
  FEDERATION_OF_TRADE_UNIONS: ['职工', 'GENERAL'],
  COMMUNIST_YOUTH_LEAGUE: ['青年', 'YOUTH'],
  WOMENS_FEDERATION: ['巾帼', 'CARE'],
  OTHER: ['综合', 'GENERAL'],
};

export type CorpsKey = 'THEORY' | 'MEDICAL' | 'LEGAL' | 'CULTURE' | 'SCIENCE' | 'SAFETY' | 'ENVIRONMENT' | 'CARE' | 'RESCUE' | 'YOUTH' | 'GENERAL';

/** The corps (总队) of a county's center: name after the county name, specialty skill, description. */
export const CORPS: [key: CorpsKey, name: string, specialty: string | null, description: string][] = [
  ['GENERAL', '新时代文明实践志愿服务总队', null, '统筹全市新时代文明实践志愿服务，下设各镇（街道）支队'],
  ['THEORY', '理论宣讲志愿服务总队', 'LECTURING', '党的创新理论和惠民政策进村入户，百姓名嘴讲身边故事'],
  ['MEDICAL', '医疗卫生志愿服务总队', 'MEDICAL', '义诊、健康讲座、急救培训和家庭医生上门随访'],
  ['LEGAL', '法律服务志愿服务总队', 'LEGAL', '法律咨询、人民调解和法治宣传'],
  ['CULTURE', '文化文艺志愿服务总队', 'ARTS', '文艺演出、书法美术、评弹戏曲进基层'],
  ['SCIENCE', '科技科普志愿服务总队', 'IT', '科普讲座、智能手机教学和农技指导'],
  ['SAFETY', '平安志愿服务总队', 'SAFETY', '消防、交通和反诈宣传，平安巡防'],
  ['ENVIRONMENT', '生态环保志愿服务总队', 'ENVIRONMENT', '垃圾分类、河道巡护和植绿护绿'],
  ['CARE', '助老助残志愿服务总队', 'CARE', '探访独居老人、助残送温暖、关爱困难群众'],
  ['RESCUE', '应急救援志愿服务总队', 'SAFETY.RESCUE', '水上救援、防汛抗台和突发事件应急救援'],
  ['YOUTH', '青年志愿服务总队', null, '青年学生和团员青年的志愿服务'],
];

/** Which corps a volunteer with a skill under this top-level code is drawn to. */
export const CORPS_OF_SKILL: Record<string, CorpsKey> = {
  LECTURING: 'THEORY',
  MEDICAL: 'MEDICAL',
  LEGAL: 'LEGAL',
  ARTS: 'CULTURE',
  SPORTS: 'CULTURE',
  IT: 'SCIENCE',
  EDUCATION: 'SCIENCE',
  AGRICULTURE: 'SCIENCE',
  SAFETY: 'SAFETY',
  ENVIRONMENT: 'ENVIRONMENT',
  CARE: 'CARE',
  PSYCHOLOGY: 'CARE',
  SIGN_LANGUAGE: 'CARE',
  REPAIR: 'CARE',
  ORGANIZING: 'GENERAL',
};

/** Corps that lend their name to a specialty detachment (支队) of an institute. */
export const DETACHMENT_CORPS: CorpsKey[] = ['THEORY', 'CULTURE', 'CARE', 'ENVIRONMENT', 'SAFETY'];

/**
 * County-wide volunteer organizations registered with the center: name after the county name,
 * whether a social group (社会团体, credit code 51…) or a private non-enterprise unit (52…), and the
 * corps the organization runs, if any.
 */
export const COUNTY_ORGANIZATIONS: [name: string, kind: '1' | '2', corps: CorpsKey | null][] = [
  ['蓝天救援队', '2', 'RESCUE'],
  ['红十字志愿服务协会', '1', 'MEDICAL'],
  ['青年志愿者协会', '1', 'YOUTH'],
  ['义工联合会', '1', null],
  ['慈善志愿服务总会', '1', null],
  ['巾帼志愿者协会', '1', null],
  ['银发志愿者协会', '1', null],
  ['法律援助志愿者协会', '1', 'LEGAL'],
  ['心理健康志愿服务中心', '2', null],
  ['文艺志愿者协会', '1', 'CULTURE'],
  ['环保志愿者协会', '1', 'ENVIRONMENT'],
  ['科普志愿者协会', '1', 'SCIENCE'],
  ['爱心助学志愿服务中心', '2', null],
  ['平安志愿者协会', '1', 'SAFETY'],
  ['助残志愿服务中心', '2', null],
];

/** Organizations of a township or community, registered with the institute. `{t}` town, `{c}` community. */
export const LOCAL_ORGANIZATIONS: [name: string, kind: '1' | '2'][] = [
  ['{t}志愿者协会', '1'],
  ['{t}{c}志愿者协会', '1'],
  ['{t}红帆志愿服务社', '2'],
  ['{t}{c}邻里互助会', '1'],
  ['{t}乡贤志愿服务社', '2'],
];

/** What volunteers with a skill under this top-level code do. */
export const CONTENT_BY_SKILL: Record<string, string[]> = {
  LECTURING: ['理论宣讲进村', '党的创新理论宣讲进社区', '百姓名嘴讲身边故事', '惠民政策解读', '党史故事分享会'],
  MEDICAL: ['义诊测血压', '健康知识讲座', '急救知识培训', '中医理疗义诊', '慢病用药指导', '家庭医生上门随访'],
  LEGAL: ['法律咨询', '人民调解', '法治宣传进社区', '防范养老诈骗法律讲座'],
  REPAIR: ['家电义务维修', '义务理发', '水电维修进家门', '缝补衣物便民服务'],
  PSYCHOLOGY: ['心理健康讲座', '青少年心理疏导', '独居老人心理关爱'],
  IT: ['老年人智能手机教学', '网上办事指导', '反诈App安装指导', '电脑义务维护'],
  ARTS: ['书法进社区', '新春送福写春联', '文艺汇演', '评弹进书场', '摄影培训'],
  SIGN_LANGUAGE: ['手语翻译服务', '听障人士陪同办事'],
  EDUCATION: ['四点半课堂', '暑期爱心托管', '亲子阅读推广', '家庭教育讲座'],
  SPORTS: ['太极拳教学', '广场舞辅导', '全民健身指导'],
  CARE: ['关爱留守儿童', '探访独居老人', '助残送温暖', '敬老院陪伴'],
  SAFETY: ['消防安全宣传', '文明交通劝导', '反诈宣传进社区', '应急救援演练', '防汛巡查'],
  ENVIRONMENT: ['垃圾分类宣传', '河道巡护', '植树护绿', '清洁家园行动'],
  AGRICULTURE: ['农技指导进田间', '农村电商培训', '水产养殖技术服务'],
  ORGANIZING: ['志愿服务活动策划', '文明实践活动宣传报道'],
};
/** What any volunteer may have done. */
export const COMMON_CONTENT = [
  '文明实践志愿服务',
  '垃圾分类宣传',
  '文明交通劝导',
  '清洁家园行动',
  '关爱留守儿童',
  '探访独居老人',
  '移风易俗宣传',
  '图书整理与导读',
];

/** The service categories a skill suggests, by top-level code. */
export const CATEGORIES_BY_SKILL: Record<string, string[]> = {
  LECTURING: ['SERVICE.THEORY', 'SERVICE.POLICY'],
  MEDICAL: ['SERVICE.HEALTH'],
  LEGAL: ['SERVICE.LEGAL'],
  REPAIR: ['SERVICE.LIVELIHOOD'],
  PSYCHOLOGY: ['SERVICE.HEALTH'],
  IT: ['SERVICE.SCIENCE', 'SERVICE.LIVELIHOOD'],
  ARTS: ['SERVICE.CULTURE'],
  SIGN_LANGUAGE: ['SERVICE.LIVELIHOOD'],
  EDUCATION: ['SERVICE.SCIENCE', 'SERVICE.CULTURE'],
  SPORTS: ['SERVICE.HEALTH'],
  CARE: ['SERVICE.LIVELIHOOD', 'SERVICE.CUSTOMS'],
  SAFETY: ['SERVICE.SAFETY'],
  ENVIRONMENT: ['SERVICE.CUSTOMS'],
  AGRICULTURE: ['SERVICE.SCIENCE'],
  ORGANIZING: ['SERVICE.CULTURE', 'SERVICE.CUSTOMS'],
};

export const SUSPENSION_REASONS = ['长期未参加志愿服务，暂停', '本人申请暂停（外出务工）', '身体原因暂停服务', '服务中多次无故缺席'];
export const LEAVING_REASONS = ['本人申请退出', '迁居外地', '工作变动，无法继续服务', '应征入伍'];
export const REINSTATEMENT_REASONS = ['本人申请恢复服务', '外出务工返乡，恢复服务'];
export const REJECTION_REASONS = ['服务时长与活动签到记录不符', '同一活动重复登记', '未在活动签到名单中', '服务内容不属于志愿服务'];
export const REDEMPTION_REASONS = [
  '爱心超市兑换：大米一袋',
  '爱心超市兑换：食用油一桶',
  '爱心超市兑换：洗衣液',
  '积分兑换：公园年卡',
  '积分兑换：体检套餐',
  '积分兑换：图书两本',
  '积分兑换：理发券',
  '文明积分兑换生活用品',
];
