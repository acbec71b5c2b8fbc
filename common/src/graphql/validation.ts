import { ValidationError, validate } from 'class-validator';
import { getNamedType } from 'graphql';
import type { ResolverData } from 'type-graphql';
import { FieldProblem, invalidFields } from '../errors/errors';

/**
 * The line of an object of a bulk input (a row that names its line in the caller's file), else the
 * line of the nearest object above it: problems of a row and of anything inside it carry the row's line.
 */
function lineOf(value: unknown, above: number | undefined): number | undefined {
  const line = value !== null && typeof value === 'object' ? (value as { line?: unknown }).line : undefined;
  return typeof line === 'number' && Number.isInteger(line) && line > 0 ? line : above;
}

function flatten(errors: ValidationError[], path: string, value: unknown, line: number | undefined, into: FieldProblem[]): FieldProblem[] {
  for (const error of errors) {
    const field = /^\d+$/.test(error.property) ? `${path}[${error.property}]` : path ? `${path}.${error.property}` : error.property;
    const child = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[error.property] : undefined;
    const at = lineOf(child, line);
    for (const message of Object.values(error.constraints ?? {})) into.push(at === undefined ? { field, message } : { field, message, line: at });
    if (error.children?.length) flatten(error.children, field, child, at, into);
  }
  return into;
}

/** The name of the argument of this input type in the field being resolved (input classes keep their class names as type names). */
function argumentName(type: unknown, data: ResolverData<object>): string {
  const typeName = typeof type === 'function' ? type.name : undefined;
  const field = data.info.parentType.getFields()[data.info.fieldName];
  return field?.args.find((arg) => getNamedType(arg.type).name === typeName)?.name ?? '';
}

/**
 * type-graphql's argument validator: runs the class-validator rules of input classes and answers
 * BAD_USER_INPUT naming every offending field by its path (e.g. `input.location.lat`), and the
 * `line` of the row it belongs to when the input's rows carry one (e.g. `input.rows[3].title`).
 */
export async function validateArgument(value: unknown, type: unknown, data: ResolverData<object>): Promise<void> {
  if (value === null || value === undefined || typeof value !== 'object') return;
  const name = argumentName(type, data);
  const items = Array.isArray(value) ? value.map((item, index) => [`${name}[${index}]`, item] as const) : [[name, value] as const];
  const problems: FieldProblem[] = [];
  for (const [path, item] of items) {
    if (item === null || typeof item !== 'object') continue;
    const errors = await validate(item, { forbidUnknownValues: false, validationError: { target: false, value: false } });
    flatten(errors, path, item, lineOf(item, undefined), problems);
  }
  if (problems.length) throw invalidFields(problems);
}
