/** HH:MM in 24 hours; 24:00 closes a day. */
export const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export { DATE_PATTERN as DATE, PERIOD_PATTERN as PERIOD, isValidDate } from '@practice/common';
/** A mobile number, or a landline or hotline with an optional area code: 0512-52731234, 12345. */
export const CONTACT_PHONE = /^(1[3-9]\d{9}|(0\d{2,3}-)?\d{5,8}(-\d{1,5})?)$/;
export const EXTERNAL_KEY = /^[A-Za-z0-9._:-]{1,64}$/;
export const FORM_KEY = /^[a-z][a-z0-9_]{0,31}$/;
export const CATEGORY_CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*$/;
