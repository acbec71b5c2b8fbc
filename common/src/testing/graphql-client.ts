import { SERVICE_AUTHORIZATION_HEADER, ServiceCredential } from '../auth/service-credential';
import { DEVELOPMENT_INTERNAL_SECRET } from '../config/service-config';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

export interface GraphQLRequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Overrides the client's `gatewayCredential` for this request. */
  gatewayCredential?: boolean;
}

/** The credential the test gateway would send, signed with the test services' internal secret. */
export const TEST_GATEWAY_CREDENTIAL = new ServiceCredential(DEVELOPMENT_INTERNAL_SECRET, 'gateway');

/**
 * A tiny GraphQL-over-HTTP client for tests: real requests to a real server. By default a request
 * carries the gateway's service credential, as if it came through the gateway, so that a subgraph
 * answers it also without a token (the gateway itself ignores the header); `gatewayCredential: false`
 * calls as a client that goes around the gateway would.
 */
export function graphqlClient(url: string, clientOptions: { gatewayCredential?: boolean } = {}) {
  return async function request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: GraphQLRequestOptions = {},
  ): Promise<GraphQLResult<T>> {
    const credential = options.gatewayCredential ?? clientOptions.gatewayCredential ?? true;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(credential ? { [SERVICE_AUTHORIZATION_HEADER]: await TEST_GATEWAY_CREDENTIAL.header() } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: GraphQLResult['errors'] };
    return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
  };
}

export type GraphQLRequest = ReturnType<typeof graphqlClient>;

/** The `extensions.code` (and field) of the first error, for compact assertions. */
export function firstError(result: GraphQLResult<unknown>): { code?: unknown; field?: unknown; reason?: unknown; message?: string } {
  const error = result.errors?.[0];
  return { code: error?.extensions?.code, field: error?.extensions?.field, reason: error?.extensions?.reason, message: error?.message };
}
