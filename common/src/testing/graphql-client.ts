export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

/** A tiny GraphQL-over-HTTP client for tests: real requests to a real server. */
export function graphqlClient(url: string) {
  return async function request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { token?: string; headers?: Record<string, string> } = {},
  ): Promise<GraphQLResult<T>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
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
