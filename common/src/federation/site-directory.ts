import { pathOf } from '../auth/site-scope';
import { AppError, ErrorCode, serviceUnavailable, unauthenticated } from '../errors/errors';

/** What another subgraph copies of a site when it refers to one. */
export interface SiteFacts {
  id: string;
  name: string;
  kind: string;
  status: string;
  regionCode: string;
  /** `/rootId/…/parentId/id/`, as the sites subgraph keeps it. */
  path: string;
}

const QUERY = `query SiteFacts($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Site { id name kind status regionCode ancestorIds } }
}`;

interface EntitiesResponse {
  data?: { _entities: ({ id: string; name: string; kind: string; status: string; regionCode: string; ancestorIds: string[] } | null)[] } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Asks the sites subgraph about sites another subgraph is about to refer to, with the caller's own
 * token, so the answer holds only sites the caller may see. Called before a transaction opens,
 * never inside one.
 */
export class SiteDirectory {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 5000,
  ) {}

  /** The facts of each visible site among `ids`; ids of unknown or invisible sites are left out. */
  async lookup(ids: readonly string[], authorization?: string): Promise<Map<string, SiteFacts>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    let body: EntitiesResponse;
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query: QUERY, variables: { representations: unique.map((id) => ({ __typename: 'Site', id })) } }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = (await response.json()) as EntitiesResponse;
    } catch {
      throw serviceUnavailable('The sites subgraph cannot be reached; try again shortly');
    }
    const error = body.errors?.[0];
    if (error?.extensions?.code === ErrorCode.UNAUTHENTICATED) throw unauthenticated(error.message);
    if (error?.extensions?.code === ErrorCode.BAD_USER_INPUT) throw new AppError(ErrorCode.BAD_USER_INPUT, error.message);
    if (error || !body.data) throw serviceUnavailable('The sites subgraph could not answer; try again shortly');
    const facts = new Map<string, SiteFacts>();
    for (const site of body.data._entities) {
      if (!site) continue;
      const { ancestorIds, ...rest } = site;
      facts.set(site.id, { ...rest, path: pathOf(ancestorIds, site.id) });
    }
    return facts;
  }
}
