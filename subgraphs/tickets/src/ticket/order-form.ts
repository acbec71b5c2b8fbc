import { FieldProblem, isValidDate } from '@practice/common';
import type { OrderFormField } from '../directory/resource-directory';
import type { FormAnswer } from './ticket.entity';

const NUMBER = /^-?\d{1,12}(\.\d{1,6})?$/;

/**
 * Checks the answers of an order against the resource's order form (as an Open311 service
 * definition checks a request's attributes): every required field answered, no field the form does
 * not have, each answer of its field's type and within its bounds, choices among the options.
 * Answers come back normalized in the order of the form.
 */
export function checkAnswers(
  form: readonly OrderFormField[],
  answers: readonly FormAnswer[],
  path: string,
): { answers: FormAnswer[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const byKey = new Map<string, { answer: FormAnswer; index: number }>();
  answers.forEach((answer, index) => {
    if (byKey.has(answer.key)) problems.push({ field: `${path}[${index}].key`, message: `answers ${answer.key} twice` });
    else byKey.set(answer.key, { answer, index });
    if (!form.some((field) => field.key === answer.key))
      problems.push({ field: `${path}[${index}].key`, message: `The order form has no field ${answer.key}` });
  });
  const normalized: FormAnswer[] = [];
  for (const field of form) {
    const given = byKey.get(field.key);
    const at = given ? `${path}[${given.index}]` : path;
    const value = given?.answer.value?.trim();
    const values = given?.answer.values?.map((v) => v.trim()).filter(Boolean);
    const empty = field.type === 'MULTIPLE_CHOICE' ? !values?.length : !value;
    if (empty) {
      if (field.required) problems.push({ field: at, message: `${field.label} (${field.key}) is required` });
      continue;
    }
    const problem = answerProblem(field, value, values);
    if (problem) problems.push({ field: `${at}.${field.type === 'MULTIPLE_CHOICE' ? 'values' : 'value'}`, message: `${field.label}: ${problem}` });
    else normalized.push(field.type === 'MULTIPLE_CHOICE' ? { key: field.key, values } : { key: field.key, value });
  }
  return { answers: normalized, problems };
}

function answerProblem(field: OrderFormField, value: string | undefined, values: string[] | undefined): string | null {
  const options = new Set((field.options ?? []).map((option) => option.value));
  switch (field.type) {
    case 'TEXT':
      if (field.maxLength !== null && [...value!].length > field.maxLength) return `at most ${field.maxLength} characters`;
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(value!)) return 'must not contain control characters';
      return null;
    case 'NUMBER': {
      if (!NUMBER.test(value!)) return 'must be a number';
      const n = Number(value);
      if (field.min !== null && n < field.min) return `must be at least ${field.min}`;
      if (field.max !== null && n > field.max) return `must be at most ${field.max}`;
      return null;
    }
    case 'DATE':
      return isValidDate(value!) ? null : 'must be a date YYYY-MM-DD';
    case 'SINGLE_CHOICE':
      return options.has(value!) ? null : `must be one of ${[...options].join(', ')}`;
    case 'MULTIPLE_CHOICE':
      if (new Set(values).size !== values!.length) return 'must not repeat a choice';
      return values!.every((v) => options.has(v)) ? null : `must be among ${[...options].join(', ')}`;
  }
}
