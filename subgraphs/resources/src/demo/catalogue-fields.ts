/**
 * The building blocks of demo resources that many templates share: opening rules and order-form
 * fields, named so that the tables of catalogue-tables.ts stay one line per resource.
 */
import { FormFieldType } from '../resource/resource.enums';
import type { FormField, ScheduleRule } from '../resource/resource.values';

const WORKDAYS = [1, 2, 3, 4, 5];
const rule = (days: number[], opensAt: string, closesAt: string, note: string | null = null): ScheduleRule => ({
  days,
  opensAt,
  closesAt,
  validFrom: null,
  validTo: null,
  note,
});

/** Opening rules as the seeds' menus state them: 周二、周四 09:00–11:30, 工作日, 周末 …; a template picks one set. */
export const SCHEDULES = {
  TUE_THU_MORNING: [rule([2, 4], '09:00', '11:30')],
  WORKDAYS: [rule(WORKDAYS, '08:30', '17:00', '法定节假日除外')],
  WORKDAY_AFTERNOONS: [rule(WORKDAYS, '14:00', '17:00')],
  MON_WED_FRI_AFTERNOON: [rule([1, 3, 5], '14:00', '16:30')],
  SATURDAY_MORNING: [rule([6], '08:30', '11:30')],
  WEEKEND: [rule([6, 7], '09:00', '16:30')],
  WEEKDAY_EVENINGS: [rule(WORKDAYS, '18:30', '20:30', '需提前预约')],
  TUE_SUN: [rule([2, 3, 4, 5, 6, 7], '09:00', '17:00', '周一闭馆')],
  OPEN_DAILY: [rule([1, 2, 3, 4, 5, 6, 7], '08:00', '20:00')],
  WORKDAYS_AND_SATURDAY: [rule(WORKDAYS, '08:30', '11:30'), rule(WORKDAYS, '13:30', '17:00'), rule([6], '09:00', '11:30', '周六仅上午')],
  WEDNESDAY_AFTERNOON: [rule([3], '14:00', '16:00', '每月第一、三周')],
  HALF_PAST_FOUR: [rule(WORKDAYS, '16:30', '18:00', '学期内')],
} satisfies Record<string, ScheduleRule[]>;
export type ScheduleKey = keyof typeof SCHEDULES;

type FieldMaker = (topics: readonly string[]) => FormField;
const field = (key: string, label: string, type: FormFieldType, required: boolean, extra: Partial<FormField> = {}): FormField => ({
  key,
  label,
  type,
  required,
  hint: null,
  options: null,
  min: null,
  max: null,
  maxLength: null,
  ...extra,
});
const options = (labels: readonly string[]) => labels.map((label, index) => ({ value: `o${index + 1}`, label }));

/** Order-form fields by name; `topic` takes its options from the template's topics. */
export const FORM_FIELDS = {
  attendees: () => field('attendees', '参加人数', FormFieldType.NUMBER, true, { min: 1, max: 200 }),
  households: () => field('households', '涉及户数', FormFieldType.NUMBER, true, { min: 1, max: 500 }),
  hours: () => field('hours', '使用时长（小时）', FormFieldType.NUMBER, true, { min: 1, max: 8 }),
  date: () => field('wanted_on', '期望日期', FormFieldType.DATE, true),
  place: () => field('place', '服务地点', FormFieldType.TEXT, true, { maxLength: 100, hint: '写明镇（街道）、村（社区）和具体地点' }),
  issue: () => field('issue', '问题简述', FormFieldType.TEXT, false, { maxLength: 500 }),
  purpose: () => field('purpose', '活动内容', FormFieldType.TEXT, true, { maxLength: 200 }),
  topic: (topics) => field('topic', '讲座主题', FormFieldType.SINGLE_CHOICE, true, { options: options(topics) }),
  slot: () => field('slot', '期望时段', FormFieldType.SINGLE_CHOICE, false, { options: options(['上午', '下午', '晚上']) }),
  group: () => field('group', '参加人群', FormFieldType.MULTIPLE_CHOICE, false, { options: options(['儿童', '青少年', '成年人', '老年人']) }),
  building: () => field('building', '房屋类型', FormFieldType.SINGLE_CHOICE, true, { options: options(['农村自建房', '老旧小区', '商品房', '厂房仓库']) }),
  repairs: () =>
    field('repairs', '维修项目', FormFieldType.MULTIPLE_CHOICE, true, {
      options: options(['线路插座', '灯具开关', '电视冰箱', '洗衣机', '空调', '电动车充电']),
    }),
} satisfies Record<string, FieldMaker>;
export type FieldKey = keyof typeof FORM_FIELDS;
