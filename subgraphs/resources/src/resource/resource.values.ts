import { FormFieldType } from './resource.enums';

/** A recurring opening rule: on these days of the week, between these times, within these dates. */
export interface ScheduleRule {
  /** ISO days of the week, 1 = Monday … 7 = Sunday. */
  days: number[];
  /** HH:MM, China time. */
  opensAt: string;
  closesAt: string;
  /** YYYY-MM-DD, inclusive; absent when open-ended. */
  validFrom?: string | null;
  validTo?: string | null;
  note?: string | null;
}

export interface FormFieldOption {
  value: string;
  label: string;
}

/** A field a citizen fills in when ordering the resource (an Open311 service-definition attribute). */
export interface FormField {
  /** Stable key of the answer, e.g. `attendees`. */
  key: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  /** Help text shown under the field. */
  hint?: string | null;
  /** SINGLE_CHOICE and MULTIPLE_CHOICE only. */
  options?: FormFieldOption[] | null;
  /** NUMBER only. */
  min?: number | null;
  max?: number | null;
  /** TEXT only. */
  maxLength?: number | null;
}
