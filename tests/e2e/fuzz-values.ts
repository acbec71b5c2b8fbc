import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GraphQLArgument,
  GraphQLInputType,
  GraphQLNamedInputType,
  GraphQLSchema,
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { Rng, todayInChina, uuidv7 } from '@practice/common';
import { checkCharacter } from '@practice/volunteers/volunteer/id-number';

export const FUZZ_SEED = 20261107;

/** The composed supergraph, as clients see it. */
export function supergraphSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'), { assumeValidSDL: true });
}

export interface Mutation {
  name: string;
  args: readonly GraphQLArgument[];
  /** The operation text, every argument a variable. */
  document: string;
}

export function mutationsOf(schema: GraphQLSchema): Mutation[] {
  return Object.values(schema.getMutationType()!.getFields()).map((field) => {
    const variables = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
    const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
    const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
    return {
      name: field.name,
      args: field.args,
      document: `mutation Fuzz${variables ? `(${variables})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`,
    };
  });
}

/** A repeatable id that names nothing. */
export const unknownId = (n: number): string => uuidv7(Date.UTC(2020, 0, 1) + n, (size) => Buffer.alloc(size, n & 0xff));

const first17 = '32058119900101999';
const today = todayInChina();

/** Valid-looking values for fields whose name says what they hold. */
const STRINGS: [RegExp, string | (() => string)][] = [
  [/phone/i, '13851230009'],
  [/^idNumber$/, `${first17}${checkCharacter(first17)}`],
  [/^period$/, today.slice(0, 7)],
  [/^(servedOn|validFrom|validTo)$/, today],
  [/^(opens|opensAt|from)$/, '08:00'],
  [/^(closes|closesAt|to)$/, '17:00'],
  [/^regionCode$/, '320581101001'],
  [/^regionCodePrefix(es)?$/, '320581'],
  [/^creditCode$/, '91320581MA1W0X0X0X'],
  [/^parentCode$/, 'NOSUCH.PARENT'],
  [/^codePart$/, 'FUZZ'],
  [/^code$/, 'NOSUCHPARENT.FUZZ'],
  [/^categoryCodes?$/, 'SERVICE.LIVELIHOOD'],
  [/^(skillCodes|neededSkillCodes|specialtySkillCode)$/, 'REPAIR.ELECTRICAL'],
  [/(idempotencyKey|requestKey|externalKey)$/, 'fuzz-key-0001'],
  [/^subject$/, 'fuzz-subject'],
  [/^key$/, 'appliance'],
  [/^(value|values)$/, 'ok'],
];

const FLOATS: [RegExp, number][] = [
  [/^latitude$/, 31.65],
  [/^longitude$/, 120.74],
  [/^radiusKm$/, 2],
  [/^hours$/, 2],
  [/^areaSqm$/, 50],
  [/^min$/, 1],
  [/^max$/, 10],
];

const INTS: [RegExp, number][] = [
  [/^(day|days)$/, 1],
  [/^year$/, Number(today.slice(0, 4))],
  [/^rating$/, 5],
  // Larger than any balance, so that a redemption or correction is refused on the balance.
  [/^points$/, 1_000_000],
  [/^(quota|capacityPerMonth|seats)$/, 10],
  [/^maxLength$/, 50],
  [/^expectedVersion$/, 1],
  [/^(line|leadTimeDays)$/, 1],
];

const lookup = <T>(table: [RegExp, T | (() => T)][], name: string): T | undefined => {
  const hit = table.find(([pattern]) => pattern.test(name))?.[1];
  return typeof hit === 'function' ? (hit as () => T)() : hit;
};

/** Fields left out of the base: they exclude another field the base already sets. */
const EXCLUSIVE: Record<string, string[]> = {
  DispatchTicketInput: ['teamId'],
  FormAnswerInput: ['values'],
  CompleteTicketInput: ['participants'],
};

/** A valid-looking value of an input type: every field set (ids name nothing, unless `ids` gives one by field name). */
export function baseValue(type: GraphQLInputType, name: string, ids: Record<string, string> = {}, depth = 0): unknown {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) return [baseValue(nullable.ofType, name, ids, depth + 1)];
  const named = nullable as GraphQLNamedInputType;
  if (isInputObjectType(named)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(named.getFields())) {
      if (EXCLUSIVE[named.name]?.includes(field.name)) continue;
      if (depth > 4 && !isNonNullType(field.type)) continue;
      value[field.name] = baseValue(field.type, field.name, ids, depth + 1);
    }
    return value;
  }
  if (isEnumType(named)) return named.getValues()[0].value;
  switch (named.name) {
    case 'ID':
      return ids[name] ?? unknownId(name.length);
    case 'String':
      return lookup(STRINGS, name) ?? '社区志愿服务测试';
    case 'Float':
      return lookup(FLOATS, name) ?? 1.5;
    case 'Int':
      return lookup(INTS, name) ?? 1;
    case 'Boolean':
      // `dryRun: true` checks without writing.
      return true;
    case 'DateTimeISO':
      return `${today}T08:00:00.000Z`;
    default:
      return 'x';
  }
}

const HUGE = 'あ'.repeat(34_000); // about 100 kB as UTF-8

/** Invalid values of a leaf type, each one the product must refuse. */
export function invalidLeaves(named: GraphQLNamedInputType, rng: Rng): unknown[] {
  const common = [null, { nested: 'object' }, [[1]]];
  if (isEnumType(named)) {
    const valid = named.getValues()[0].value as string;
    return [...common, 'NOT_A_VALUE', valid.toLowerCase(), '', 1, `${valid} `, "'; DROP TABLE x; --"];
  }
  switch (named.name) {
    case 'String':
      return [
        ...common,
        '',
        '   ',
        HUGE,
        'x'.repeat(100_000),
        'a\u0000b',
        'bell\u0007',
        '\u001b[31mred',
        'line\u2028sep',
        '\ud800',
        'x\udfffy',
        ' leading',
        42,
        true,
        rng.pick(["' OR '1'='1", "'); DROP TABLE site; --", '" OR 1=1 --', '%_\\', '1; SELECT * FROM sqlite_master']),
        rng.pick(['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '{{7*7}}${7*7}']),
        '\u202egnp.exe',
        '0'.repeat(5000),
      ];
    case 'ID':
      return [
        ...common,
        '',
        unknownId(999),
        'not-an-id',
        "' OR 1=1 --",
        'x'.repeat(100_000),
        '\u0000',
        unknownId(7).toUpperCase(),
        '../../etc/passwd',
        12345,
        true,
      ];
    case 'Int':
      return [...common, -1, -2147483648, 2147483647, 2147483648, -2147483649, 1e21, 1.5, '7', true, ''];
    case 'Float':
      return [...common, -1e308, 1e308, -91, 91, -181, 181, -1, 1e-320, 5e-324, '1.5', true, ''];
    case 'Boolean':
      return [...common, 'true', 1, 0, ''];
    case 'DateTimeISO':
      return [...common, '', 'not a date', '2026-13-45T99:99:99Z', '0000-00-00T00:00:00Z', '9999999-01-01T00:00:00Z', 1e20, -1, 'x'.repeat(100_000)];
    default:
      return [...common, '', 'x'.repeat(100_000), 42];
  }
}

export interface FuzzCase {
  mutation: Mutation;
  variables: Record<string, unknown>;
  /** What was changed, for the report of a failing case. */
  label: string;
}

type Path = (string | number)[];

/** Every path below a value to a leaf, an object or a list, with the input type there. */
function paths(type: GraphQLInputType, value: unknown, at: Path, into: [Path, GraphQLInputType][]): [Path, GraphQLInputType][] {
  into.push([at, type]);
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable) && Array.isArray(value) && value.length) paths(nullable.ofType, value[0], [...at, 0], into);
  if (isInputObjectType(nullable) && value && typeof value === 'object') {
    for (const field of Object.values(nullable.getFields())) {
      if (field.name in (value as Record<string, unknown>)) paths(field.type, (value as Record<string, unknown>)[field.name], [...at, field.name], into);
    }
  }
  return into;
}

function withValue(root: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const copy = structuredClone(root);
  let node: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

const describe = (value: unknown): string => {
  const text = typeof value === 'string' ? JSON.stringify(value.length > 24 ? `${value.slice(0, 12)}…(${value.length})` : value) : JSON.stringify(value);
  return text ?? String(value);
};

/** Invalid values of a type that is not a leaf: lists and input objects. */
function invalidComposites(type: GraphQLInputType, base: unknown): unknown[] {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) {
    const item = Array.isArray(base) ? base[0] : undefined;
    return [null, [], [null], Array.from({ length: 1000 }, () => item), 'not a list'];
  }
  if (isInputObjectType(nullable)) return [null, {}, { ...(base as object), unknownField: 1 }, 'not an object', []];
  return [];
}

/**
 * Cases for one mutation from a base: at every path one invalid value at a time (at most
 * `perPath` of them, picked by the seeded generator), the rest of the base unchanged.
 */
export function mutationCases(mutation: Mutation, base: Record<string, unknown>, rng: Rng, perPath: number, tag: string): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const arg of mutation.args) {
    for (const [path, type] of paths(arg.type, base[arg.name], [arg.name], [])) {
      const named = getNamedType(type) as GraphQLNamedInputType;
      const at = path.slice(0, -1).reduce<unknown>((node, step) => (node as Record<string | number, unknown>)[step], base) as Record<string | number, unknown>;
      const current = at[path[path.length - 1]];
      const values = isLeafType(named) && !isListType(getNullableType(type)) ? invalidLeaves(named, rng) : invalidComposites(type, current);
      // A null where null is allowed is no mistake.
      const candidates = values.filter((value) => value !== null || isNonNullType(type));
      for (const value of rng.sample(candidates, perPath)) {
        cases.push({ mutation, variables: withValue(base, path, value), label: `${tag} ${mutation.name} ${path.join('.')} = ${describe(value)}` });
      }
    }
  }
  return cases;
}

/** The base variables of a mutation: every argument valid-looking. */
export function baseVariables(mutation: Mutation, ids: Record<string, string> = {}): Record<string, unknown> {
  return Object.fromEntries(mutation.args.map((arg) => [arg.name, baseValue(arg.type, arg.name, ids)]));
}

export const isScalarArgument = (arg: GraphQLArgument): boolean => isScalarType(getNamedType(arg.type));
