import { distinctRepresentations, spreadEntities } from './entity-representations';

const category = (code: string) => ({ __typename: 'Category', code });

describe('distinct entity representations', () => {
  it('sends each representation once and remembers who asked for which', () => {
    const { distinct, positions } = distinctRepresentations([category('a'), category('b'), category('a'), category('a'), category('c')]);
    expect(distinct).toEqual([category('a'), category('b'), category('c')]);
    expect(positions).toEqual([0, 1, 0, 0, 2]);
  });

  it('gives every representation asked for its own copy of the answer, nulls included', () => {
    const response = spreadEntities({ data: { _entities: [{ name: 'A', parent: { code: 'p' } }, null] } }, [0, 1, 0], 2);
    const entities = response.data?._entities as Array<{ name: string; parent: { code: string } } | null>;
    expect(entities).toEqual([{ name: 'A', parent: { code: 'p' } }, null, { name: 'A', parent: { code: 'p' } }]);
    // The gateway merges later fetches into each entity in place: they must not share objects.
    expect(entities[2]).not.toBe(entities[0]);
    expect(entities[2]?.parent).not.toBe(entities[0]?.parent);
  });

  it('repeats an error of an entity for every representation that asked for it, and leaves the others', () => {
    const response = spreadEntities(
      {
        data: { _entities: [{ name: 'A' }, null] },
        errors: [{ message: 'denied', path: ['_entities', 1, 'name'] }, { message: 'elsewhere', path: ['other'] }, { message: 'no path' }],
      },
      [1, 0, 1],
      2,
    );
    expect(response.data?._entities).toEqual([null, { name: 'A' }, null]);
    expect(response.errors).toEqual([
      { message: 'denied', path: ['_entities', 0, 'name'] },
      { message: 'denied', path: ['_entities', 2, 'name'] },
      { message: 'elsewhere', path: ['other'] },
      { message: 'no path' },
    ]);
  });

  it('passes on an answer without entities, with its errors spread', () => {
    const response = spreadEntities({ data: null, errors: [{ message: 'down', path: ['_entities', 0] }] }, [0, 0], 1);
    expect(response.data).toBeNull();
    expect(response.errors?.map((error) => error.path)).toEqual([
      ['_entities', 0],
      ['_entities', 1],
    ]);
  });

  it('leaves an answer with the wrong number of entities as it came, for the gateway to refuse', () => {
    const wrong = { data: { _entities: [{ name: 'A' }] } };
    expect(spreadEntities(wrong, [0, 1, 0], 2)).toBe(wrong);
  });
});
