import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentNode, OperationDefinitionNode, getIntrospectionQuery, getNamedType, isInputObjectType, parse, typeFromAST, validate } from 'graphql';
import { repoRoot } from '@practice/common';
import { apiSchemaOf } from '../cli/safelist';
import { loadGatewayConfig } from '../config';
import { operationCost } from './cost';
import { operationShape } from './operation-shape';

const schema = apiSchemaOf(join(repoRoot(), 'schema', 'supergraph.graphql'));
const defaults = loadGatewayConfig({}).limits;

const operationOf = (document: DocumentNode) => document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
const shapeOf = (query: string) => {
  const document = parse(query);
  return operationShape(document, operationOf(document));
};
const costOf = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  return operationCost(schema, document, { operationName: operationOf(document).name?.value, variables }, Infinity);
};

describe('the shape of an operation', () => {
  it('counts levels of fields, fragments expanded where they are spread', () => {
    expect(shapeOf('{ sites { totalCount } }').depth).toBe(2);
    expect(shapeOf('{ sites { edges { node { ...Place } } } } fragment Place on Site { parent { parent { name } } }').depth).toBe(6);
    expect(shapeOf('{ sites { edges { node { ... on Site { parent { name } } } } } }').depth).toBe(5);
  });

  it('counts every alias each time its fragment is spread', () => {
    const query = `{ one: site(id: "a") { ...Names } two: siteByCode(code: "b") { ...Names } }
      fragment Names on Site { a: name b: code c: kind }`;
    expect(shapeOf(query).aliases).toBe(2 + 2 * 3);
  });

  it('tells introspection apart from __typename', () => {
    expect(shapeOf('{ __typename sites { totalCount } }').introspection).toBe(false);
    expect(shapeOf('{ __type(name: "Site") { name } }').introspection).toBe(true);
    expect(shapeOf('{ ...I } fragment I on Query { __schema { queryType { name } } }').introspection).toBe(true);
  });

  it('measures fragments that fan out exponentially in linear time', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join('\n');
    const started = Date.now();
    const shape = shapeOf(`{ ...F${levels} } fragment F0 on Query { __typename } ${fragments}`);
    expect(Date.now() - started).toBeLessThan(100);
    expect(shape.selections).toBeGreaterThan(2 ** levels);
  });
});

describe('the cost of an operation', () => {
  it('weighs a paged field by its first, 20 when not given, 500 at most', () => {
    expect(costOf('{ sites(first: 50) { edges { node { name } } } }')).toBe(1 + 50 * (1 + 1 + 1));
    expect(costOf('{ sites { edges { node { name } } } }')).toBe(1 + 20 * 3);
    expect(costOf('{ sites(first: 100000) { edges { node { name } } } }')).toBe(1 + 500 * 3);
  });

  it('takes first from the variables, and multiplies pages inside pages', () => {
    const query = 'query ($n: Int) { sites(first: $n) { edges { node { volunteers(first: 100) { totalCount } } } } }';
    expect(costOf(query, { n: 2 })).toBe(1 + 2 * (1 + 1 + (1 + 100 * 1)));
    expect(costOf(query, { n: 500 })).toBeGreaterThan(defaults.maxCost);
  });

  it('weighs other lists of objects by 10, introspection lists by 1', () => {
    expect(costOf('{ siteByCode(code: "x") { children { name } } }')).toBe(1 + (1 + 10 * 1));
    expect(costOf('{ siteByCode(code: "x") { children { children { name } } } }')).toBe(1 + (1 + 10 * (1 + 10 * 1)));
    expect(costOf('{ __schema { types { name } } }')).toBe(1 + (1 + 1));
  });

  it('expands fragments', () => {
    expect(costOf('{ sites(first: 10) { edges { node { ...N } } } } fragment N on Site { name code }')).toBe(1 + 10 * (1 + 1 + 2));
  });

  it('answers BAD_USER_INPUT for variables that do not fit', () => {
    expect(() => costOf('query ($n: Int) { sites(first: $n) { totalCount } }', { n: 'many' })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });
});

describe('the default limits', () => {
  const examples = [...readFileSync(join(repoRoot(), 'README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);

  it.each(examples.map((query, index) => [index + 1, query]))('let the README example %i through', (_, query) => {
    const document = parse(query);
    const operation = operationOf(document);
    const shape = operationShape(document, operation);
    expect(shape.depth).toBeLessThanOrEqual(defaults.maxDepth);
    expect(shape.aliases).toBeLessThanOrEqual(defaults.maxAliases);
    const types = (operation.variableDefinitions ?? []).map(
      (definition) => [definition.variable.name.value, getNamedType(typeFromAST(schema, definition.type))] as const,
    );
    // The cost does not depend on an input object, which would need real values to be measured.
    if (types.some(([, type]) => isInputObjectType(type))) return;
    const variables = Object.fromEntries(types.map(([name, type]) => [name, type?.name === 'Int' ? 1 : 'x']));
    expect(operationCost(schema, document, { variables }, defaults.maxCost)).toBeLessThanOrEqual(defaults.maxCost);
  });

  it('let the standard introspection query through, counted', () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    expect(shapeOf(query).depth).toBeLessThanOrEqual(defaults.maxDepth);
    expect(costOf(query)).toBeLessThanOrEqual(defaults.maxCost);
  });

  it('refuse a recursion through lists without first', () => {
    expect(costOf('{ sites(first: 20) { edges { node { parent { children { parent { children { parent { children { name } } } } } } } } } }')).toBeGreaterThan(
      defaults.maxCost,
    );
  });
});
