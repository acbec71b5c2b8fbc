import { join } from 'node:path';
import { repoRoot } from '@practice/common';
import { parse, validate } from 'graphql';
import { apiSchemaOf } from '../cli/safelist';
import { EXAMPLES } from './examples';

const schema = apiSchemaOf(join(repoRoot(), 'schema', 'supergraph.graphql'));

describe('the explorer’s examples', () => {
  it.each(EXAMPLES.map((example) => [example.title, example.query]))('%s is valid against the supergraph', (_title, query) => {
    expect(validate(schema, parse(query)).map((error) => error.message)).toEqual([]);
  });
});
