import { ValidationError, validate } from 'class-validator';
import { getNamedType } from 'graphql';
import type { ResolverData } from 'type-graphql';
import { FieldProblem, invalidFields } from '../errors/errors';

function flatten(errors: ValidationError[], path: string, into: FieldProblem[]): FieldProblem[] {
  for (const error of errors) {
    const field = /^\d+$/.test(error.property) ? `${path}[${error.property}]` : path ? `${path}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) into.push({ field, message });
    if (error.children?.length) flatten(error.children, field, into);
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
 * BAD_USER_INPUT naming every offending field by its path (e.g. `input.location.lat`).
 */
export async function validateArgument(value: unknown, type: unknown, data: ResolverData<object>): Promise<void> {
  if (value === null || value === undefined || typeof value !== 'object') return;
  const name = argumentName(type, data);
  const items = Array.isArray(value) ? value.map((item, index) => [`${name}[${index}]`, item] as const) : [[name, value] as const];
  const problems: FieldProblem[] = [];
  for (const [path, item] of items) {
    if (item === null || typeof item !== 'object') continue;
    const errors = await validate(item, { forbidUnknownValues: false, validationError: { target: false, value: false } });
    flatten(errors, path, problems);
  }
  if (problems.length) throw invalidFields(problems);
}
