import type { FieldProblem } from '@practice/common';
import { isValidDate } from '../shared/patterns';
import { FormFieldType } from './resource.enums';
import type { FormFieldInput, ResourceContentInput, ScheduleRuleInput } from './resource.inputs';

const CHOICE_TYPES = new Set([FormFieldType.SINGLE_CHOICE, FormFieldType.MULTIPLE_CHOICE]);
const REQUIRED_AT_CREATION = ['title', 'description', 'categoryCodes', 'deliveryModes'] as const;

/** What class-validator cannot see on one field: fields required at creation, and rules across fields. */
export function contentProblems(content: ResourceContentInput, path: string, creating: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (creating) {
    for (const name of REQUIRED_AT_CREATION)
      if (content[name] === undefined || content[name] === null) problems.push({ field: `${path}.${name}`, message: 'is required' });
  } else {
    for (const name of REQUIRED_AT_CREATION) if (content[name] === null) problems.push({ field: `${path}.${name}`, message: 'cannot be removed' });
  }
  content.schedule?.forEach((rule, index) => problems.push(...scheduleProblems(rule, `${path}.schedule[${index}]`)));
  const keys = new Set<string>();
  content.orderForm?.forEach((field, index) => {
    const at = `${path}.orderForm[${index}]`;
    if (keys.has(field.key)) problems.push({ field: `${at}.key`, message: `repeats the key ${field.key}` });
    keys.add(field.key);
    problems.push(...formFieldProblems(field, at));
  });
  return problems;
}

function scheduleProblems(rule: ScheduleRuleInput, at: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (rule.opensAt >= rule.closesAt) problems.push({ field: `${at}.closesAt`, message: 'must be after opensAt' });
  for (const name of ['validFrom', 'validTo'] as const) {
    const value = rule[name];
    if (value && !isValidDate(value)) problems.push({ field: `${at}.${name}`, message: 'must be a real day YYYY-MM-DD' });
  }
  if (rule.validFrom && rule.validTo && rule.validFrom > rule.validTo) problems.push({ field: `${at}.validTo`, message: 'must not be before validFrom' });
  return problems;
}

function formFieldProblems(field: FormFieldInput, at: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const choice = CHOICE_TYPES.has(field.type);
  if (choice) {
    const values = (field.options ?? []).map((option) => option.value);
    if (values.length < 2) problems.push({ field: `${at}.options`, message: `a ${field.type} field needs 2 to 20 options` });
    if (new Set(values).size !== values.length) problems.push({ field: `${at}.options`, message: 'option values must be distinct' });
  } else if (field.options?.length) {
    problems.push({ field: `${at}.options`, message: 'only choice fields have options' });
  }
  const numeric = field.type === FormFieldType.NUMBER;
  if (!numeric && (isSet(field.min) || isSet(field.max)))
    problems.push({ field: `${at}.${isSet(field.min) ? 'min' : 'max'}`, message: 'only NUMBER fields have bounds' });
  if (numeric && isSet(field.min) && isSet(field.max) && field.min! > field.max!) problems.push({ field: `${at}.max`, message: 'must not be below min' });
  if (field.type !== FormFieldType.TEXT && isSet(field.maxLength))
    problems.push({ field: `${at}.maxLength`, message: 'only TEXT fields have a maximum length' });
  return problems;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null;
