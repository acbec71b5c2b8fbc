import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * The gateway sends a subgraph one representation per entity it met in the previous fetch, however
 * many of them name the same entity: an analyst's pivot of 5,000 groups by township, month and
 * category asks the resources subgraph for a category's name 5,000 times over a few dozen
 * categories. The data source sends each distinct representation once and hands the gateway the
 * answer it expects, one entity (and its errors) per representation it asked for.
 */
export interface DistinctRepresentations {
  distinct: unknown[];
  /** For each representation asked for, the index of its equal among `distinct`. */
  positions: number[];
}

export function distinctRepresentations(representations: readonly unknown[]): DistinctRepresentations {
  const indexOf = new Map<string, number>();
  const distinct: unknown[] = [];
  const positions = representations.map((representation) => {
    // Representations of one fetch come from the same selection set, so equal ones serialize alike.
    const key = JSON.stringify(representation);
    let index = indexOf.get(key);
    if (index === undefined) {
      index = distinct.push(representation) - 1;
      indexOf.set(key, index);
    }
    return index;
  });
  return { distinct, positions };
}

/** The answer to the distinct representations spread back over those asked for. */
export function spreadEntities(response: GatewayGraphQLResponse, positions: readonly number[], distinct: number): GatewayGraphQLResponse {
  const received = response.data?._entities;
  // A subgraph that answers the wrong number of entities is the gateway's to report, as it would.
  if (Array.isArray(received) && received.length !== distinct) return response;
  const askedBy: number[][] = [];
  positions.forEach((position, index) => (askedBy[position] ??= []).push(index));
  const errors = response.errors?.flatMap((error) => {
    const [field, position, ...rest] = error.path ?? [];
    if (field !== '_entities' || typeof position !== 'number' || !askedBy[position]) return [error];
    return askedBy[position].map((index) => ({ ...error, path: ['_entities', index, ...rest] }));
  });
  if (!Array.isArray(received)) return { ...response, ...(errors && { errors }) };
  // Each entity its own object: the gateway merges later fetches into them one by one.
  const seen = new Set<number>();
  const entities = positions.map((position) => {
    const entity: unknown = received[position];
    if (!seen.has(position)) {
      seen.add(position);
      return entity;
    }
    return entity === null || typeof entity !== 'object' ? entity : structuredClone(entity);
  });
  return { ...response, data: { ...response.data, _entities: entities }, ...(errors && { errors }) };
}
