/** What the demo tickets say: the needs people bring to the centers, institutes and stations. */

/** Requests and wishes, with the category and skills they need. */
export const NEEDS: { title: string; description: string; category: string; skills: string[] }[] = [
  { title: '独居老人家中电路老化', description: '插座经常跳闸，希望志愿者上门检查线路。', category: 'SERVICE.LIVELIHOOD', skills: ['REPAIR.ELECTRICAL'] },
  { title: '楼道灯长期不亮', description: '三单元楼道灯坏了一个多月，老人晚上上下楼不方便。', category: 'SERVICE.LIVELIHOOD', skills: ['REPAIR.ELECTRICAL'] },
  { title: '家中水管漏水', description: '厨房水管接头渗水，请帮忙看看。', category: 'SERVICE.LIVELIHOOD', skills: ['REPAIR.PLUMBING'] },
  { title: '老人想学用智能手机', description: '想学会视频通话和用手机挂号。', category: 'SERVICE.SCIENCE', skills: ['IT.SMARTPHONE'] },
  { title: '邻里纠纷需要调解', description: '楼上楼下因漏水产生矛盾，希望有人帮忙调解。', category: 'SERVICE.LEGAL', skills: ['LEGAL.MEDIATION'] },
  { title: '咨询赡养费问题', description: '子女不履行赡养义务，想咨询法律途径。', category: 'SERVICE.LEGAL', skills: ['LEGAL.ADVICE'] },
  { title: '行动不便老人需要理发', description: '老人卧床，希望志愿者上门理发。', category: 'SERVICE.LIVELIHOOD', skills: ['REPAIR.HAIRCUT'] },
  { title: '孩子暑期无人看护', description: '双职工家庭，希望参加暑期托管和课业辅导。', category: 'SERVICE.CULTURE', skills: [] },
  { title: '村里想办一场健康讲座', description: '村民对高血压、糖尿病防治知识需求大。', category: 'SERVICE.HEALTH', skills: ['MEDICAL.GENERAL_PRACTICE'] },
  { title: '老人需要定期测血压', description: '独居老人血压不稳，希望每周有人上门测量。', category: 'SERVICE.HEALTH', skills: ['MEDICAL.NURSING'] },
  { title: '心理疏导', description: '家中老人丧偶后情绪低落，希望有心理志愿者陪伴聊天。', category: 'SERVICE.HEALTH', skills: ['PSYCHOLOGY.COUNSELLING'] },
  { title: '社区想学习移风易俗新规', description: '希望有人来讲讲红白喜事简办的政策。', category: 'SERVICE.CUSTOMS', skills: ['LECTURING.POLICY'] },
  { title: '想听党史故事', description: '老党员希望社区组织党史故事分享。', category: 'SERVICE.THEORY', skills: ['LECTURING.PARTY_HISTORY'] },
  { title: '防诈骗宣传', description: '近期小区老人接到诈骗电话，希望开展防骗宣传。', category: 'SERVICE.SAFETY', skills: [] },
];

/** Micro-wishes (微心愿) of children, elderly and families in need. */
export const WISHES: { title: string; description: string; category: string }[] = [
  { title: '想要一个新书包', description: '留守儿童小明，九岁，书包已经破了。', category: 'SERVICE.LIVELIHOOD' },
  { title: '希望有一台收音机', description: '独居的王奶奶视力不好，想听戏曲广播。', category: 'SERVICE.LIVELIHOOD' },
  { title: '想要一套课外读物', description: '困难家庭的孩子喜欢看书，希望有一套科普读物。', category: 'SERVICE.CULTURE' },
  { title: '冬天想要一床厚被子', description: '低保户李爷爷家的被子太薄。', category: 'SERVICE.LIVELIHOOD' },
  { title: '希望有人陪老人过生日', description: '孤寡老人八十岁生日，希望志愿者陪伴。', category: 'SERVICE.CULTURE' },
  { title: '想要一副老花镜', description: '张奶奶的老花镜摔坏了。', category: 'SERVICE.HEALTH' },
];

export const RATING_COMMENTS: Record<number, string[]> = {
  5: ['志愿者非常热心，问题很快解决了', '服务周到，谢谢！', '师傅很专业，态度也好', '很及时，给老人帮了大忙'],
  4: ['整体满意，来得稍晚了一点', '解决了问题，希望以后常来', '服务不错'],
  3: ['问题解决了一部分', '等待时间有点长'],
  2: ['来了两次才弄好', '和约定的时间不一样'],
  1: ['问题没有解决', '联系不上志愿者'],
};

export const FOLLOW_UPS = [
  '电话回访，群众表示满意',
  '上门回访，问题已彻底解决',
  '回访时群众提出新的需求，已另行登记',
  '回访未接通，改日再访',
  '群众对服务时效提出意见，已反馈',
];
export const REJECTIONS = ['超出志愿服务范围，已转相关部门', '涉及商业服务，不宜由志愿者承担', '诉求不明确，多次联系不上'];
export const CANCELLATIONS = ['问题已自行解决', '时间有变，不再需要', '已由家人处理'];
export const DECLINES = ['本周外出，无法上门', '不擅长此类问题', '时间冲突'];

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘'.split('');
export const GIVEN = '秀英桂英建华志强丽娟春梅国强海燕玉兰德明淑珍明华凤英金凤学军红梅'.match(/../g)!;

/** Shares of the channels a ticket comes in by (Wuxi and Suzhou: online first, then the hotline and grid workers). */
export const CHANNEL_WEIGHTS: [string, number][] = [
  ['MINI_PROGRAM', 0.34],
  ['ONLINE', 0.24],
  ['HOTLINE_12345', 0.18],
  ['GRID_WORKER', 0.15],
  ['WALK_IN', 0.09],
];

/** Ratings citizens give: most are pleased. */
export const RATING_WEIGHTS: [number, number][] = [
  [5, 0.62],
  [4, 0.25],
  [3, 0.08],
  [2, 0.03],
  [1, 0.02],
];
