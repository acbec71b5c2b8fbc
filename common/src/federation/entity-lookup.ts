import { SERVICE_AUTHORIZATION_HEADER, ServiceCredential, ambientServiceCredential } from '../auth/service-credential';
import { AppError, ErrorCode, serviceUnavailable, unauthenticated } from '../errors/errors';

export interface EntityLookup {
  /** GraphQL endpoint of the subgraph that owns the entity. */
  url: string;
  /** The subgraph's name, for error messages. */
  subgraph: string;
  typeName: string;
  /** The fields to read, e.g. `id name status`. */
  selection: string;
  ids: readonly string[];
  /** The caller's own `authorization` header, so the answer holds only what the caller may see. */
  authorization?: string;
  /** The asking service's credential; by default that of the subgraph whose request this is. */
  credential?: ServiceCredential;
  timeoutMs?: number;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * One GraphQL request to another subgraph with the caller's token and the asking service's
 * credential (without it a subgraph refuses a caller without a token). An unreachable or failing
 * subgraph is SERVICE_UNAVAILABLE; its UNAUTHENTICATED and BAD_USER_INPUT answers pass through.
 */
export async function querySubgraph<T>(
  target: { url: string; subgraph: string; authorization?: string; credential?: ServiceCredential; timeoutMs?: number },
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const credential = target.credential ?? ambientServiceCredential();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.authorization) headers.authorization = target.authorization;
  if (credential) headers[SERVICE_AUTHORIZATION_HEADER] = await credential.header();
  let body: GraphQLResponse<T>;
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(target.timeoutMs ?? 5000),
    });
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw serviceUnavailable(`The ${target.subgraph} subgraph cannot be reached; try again shortly`);
  }
  const error = body.errors?.[0];
  if (error?.extensions?.code === ErrorCode.UNAUTHENTICATED) throw unauthenticated(error.message);
  if (error?.extensions?.code === ErrorCode.BAD_USER_INPUT) throw new AppError(ErrorCode.BAD_USER_INPUT, error.message);
  if (error || !body.data) throw serviceUnavailable(`The ${target.subgraph} subgraph could not answer; try again shortly`);
  return body.data;
}

/**
 * Asks the subgraph that owns an entity about some of them through `_entities`, the way the gateway
 * would. Called before a transaction opens, never inside one. Unknown ids, and ids the caller may not
 * see, are left out of the answer.
 */
export async function lookupEntities<T extends { id: string }>(lookup: EntityLookup): Promise<Map<string, T>> {
  const unique = [...new Set(lookup.ids)];
  if (!unique.length) return new Map();
  const query = `query Lookup($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${lookup.typeName} { ${lookup.selection} } } }`;
  const data = await querySubgraph<{ _entities: (T | null)[] }>(lookup, query, { representations: unique.map((id) => ({ __typename: lookup.typeName, id })) });
  const found = new Map<string, T>();
  for (const entity of data._entities) if (entity) found.set(entity.id, entity);
  return found;
}
