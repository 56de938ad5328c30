import { signToken, type AuthUser, type Role } from '@sme/kernel';

export interface GraphQLResult<T = any> {
  status: number;
  data: T;
  errors?: { message: string; path?: (string | number)[]; extensions: Record<string, any> }[];
  /** SQL statements the request cost (subgraph header, summed by the gateway). */
  sqlStatements: number;
  headers: Headers;
}

/** One function per endpoint: `query(document, variables, token)`. */
export function graphqlClient(url: string) {
  return async function query<T = any>(document: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResult<T>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: document, variables }),
    });
    const body = (await response.json()) as { data: T; errors?: GraphQLResult['errors'] };
    return { status: response.status, data: body.data, errors: body.errors, sqlStatements: Number(response.headers.get('x-sql-statements')), headers: response.headers };
  };
}

/** A signed token for a role (and region or institution), as `npm run tokens` prints them. */
export function tokenFor(role: Role, scope: { region?: string; institutionId?: string; panel?: string; id?: string } = {}, expiresIn: string | number = '1h'): Promise<string> {
  const user: AuthUser = {
    id: scope.id ?? `test-${role.toLowerCase()}-${scope.region ?? scope.institutionId ?? scope.panel ?? 'all'}`,
    name: `测试 ${role}`,
    role,
    region: scope.region ?? null,
    institutionId: scope.institutionId ?? null,
    panel: scope.panel ?? null,
  };
  return signToken(user, expiresIn);
}

/** The first error's code, for terse assertions. */
export const errorCode = (result: GraphQLResult) => result.errors?.[0]?.extensions.code;
