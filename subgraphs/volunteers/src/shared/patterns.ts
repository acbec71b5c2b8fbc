/** Codes of the skills tree: `MEDICAL` or `MEDICAL.FIRST_AID`. */
export const SKILL_CODE = /^[A-Z][A-Z0-9_]{1,19}(\.[A-Z][A-Z0-9_]{1,19})?$/;
/** Codes of the resources subgraph's category taxonomy, kept as given (that subgraph owns the terms). */
export const CATEGORY_CODE = /^[A-Z][A-Z0-9_.-]{1,39}$/;
export const MOBILE_PHONE = /^1[3-9]\d{9}$/;
/** Landlines (0512-52771234), mobiles and short service numbers. */
export const PUBLIC_PHONE = /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|\d{5})$/;
export const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const SUBJECT = /^[A-Za-z0-9._@:|-]{1,64}$/;
/** Unified social credit code (统一社会信用代码): 18 digits or capital letters (no I, O, S, V, Z). */
export const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
export const timeOf = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
