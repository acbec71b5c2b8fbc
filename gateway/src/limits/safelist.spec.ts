import { Safelist, buildSafelist, sha256 } from './safelist';

const SITES = '{ sites { totalCount } }';

describe('Safelist.fromJson', () => {
  it('reads an object of hashes, a list of queries and a persisted query manifest alike', () => {
    const forms = [
      { [sha256(SITES)]: SITES },
      [SITES],
      { format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256(SITES), name: 'Sites', type: 'query', body: SITES }] },
    ];
    for (const form of forms) {
      const safelist = Safelist.fromJson(form);
      expect(safelist.size).toBe(1);
      expect(safelist.queryOf(sha256(SITES))).toBe(SITES);
      expect(safelist.allowsQuery(SITES)).toBe(true);
      expect(safelist.allowsQuery('{ sites { totalCount }}')).toBe(false);
    }
  });

  it.each([
    ['a hash that is not the query’s', { ['a'.repeat(64)]: SITES }, /SHA-256/],
    ['an entry that is not a text', [42], /not a text/],
    ['nothing', {}, /no operation/],
    ['a text', 'query', /must hold/],
  ])('refuses %s', (_, json, message) => {
    expect(() => Safelist.fromJson(json)).toThrow(message);
  });

  it('answers persisted-query lookups under any prefix and registers nothing', async () => {
    const cache = Safelist.fromJson([SITES]).asPersistedQueryCache();
    await expect(cache.get(`apq:${sha256(SITES)}`)).resolves.toBe(SITES);
    await expect(cache.get(`apq:${sha256('{ other }')}`)).resolves.toBeUndefined();
    await cache.set();
    await expect(cache.get(`apq:${sha256('{ other }')}`)).resolves.toBeUndefined();
  });
});

describe('buildSafelist', () => {
  const files = [
    {
      name: 'sites.graphql',
      body: 'query Institutes { sites(filter: { kinds: [INSTITUTE] }) { edges { node { ...SiteName } } } }\nquery Count { sites { totalCount } }',
    },
    { name: 'fragments.graphql', body: 'fragment SiteName on Site { name code }\nfragment Unused on Site { id }' },
  ];

  it('makes one entry per operation, with the fragments it uses from any file', () => {
    const safelist = buildSafelist(files);
    const texts = Object.values(safelist);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('query Institutes');
    expect(texts[0]).toContain('fragment SiteName on Site');
    expect(texts[0]).not.toContain('Unused');
    expect(texts[1]).not.toContain('fragment');
    for (const [hash, text] of Object.entries(safelist)) expect(hash).toBe(sha256(text));
    expect(Safelist.fromJson(safelist).size).toBe(2);
  });

  it.each([
    ['an unknown fragment', [{ name: 'a.graphql', body: '{ sites { edges { node { ...Nope } } } }' }], /fragment Nope is not defined/],
    [
      'the same operation name twice',
      [files[0]!, { name: 'b.graphql', body: 'query Count { sites { totalCount } }' }, files[1]!],
      /also defined in sites.graphql/,
    ],
    ['a syntax error', [{ name: 'c.graphql', body: '{ sites {' }], /c\.graphql: Syntax Error/],
    ['no operation', [files[1]!], /no operation/],
  ])('refuses %s', (_, sources, message) => {
    expect(() => buildSafelist(sources)).toThrow(message);
  });
});
