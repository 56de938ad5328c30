import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { Role, type AuthUser } from './auth';
import { DomainError, ErrorCode } from './errors';

/**
 * Who may read the schema itself: `on` everyone, `authenticated` an ANALYST or ADMIN token (the explorer's
 * users paste one into its headers), `off` no one.
 */
export type IntrospectionMode = 'off' | 'authenticated' | 'on';

export const INTROSPECTION_MODES: readonly IntrospectionMode[] = ['off', 'authenticated', 'on'];

/**
 * The explorer's users: the roles that may introspect in `authenticated` mode (and, at the gateway, send
 * free-form documents when persisted operations are required).
 */
export const EXPLORER_ROLES: readonly Role[] = [Role.ANALYST, Role.ADMIN];

/**
 * The fields that hand out the schema: graphql-js's `__schema` and `__type`, and the federation subgraph's
 * `_service { sdl }` (the subgraph's whole SDL, federation directives included). `__typename` is not among them:
 * it names one object's type and clients (Apollo Client's cache) add it to every selection.
 */
export const SCHEMA_FIELDS: readonly string[] = ['__schema', '__type', '_service'];

/**
 * INTROSPECTION, or by default `on` outside production and `authenticated` in production. A value that is not a
 * mode stops the process at startup rather than silently choosing one.
 */
export function introspectionModeFromEnv(env: NodeJS.ProcessEnv = process.env): IntrospectionMode {
  const raw = env.INTROSPECTION?.trim();
  if (!raw) return env.NODE_ENV === 'production' ? 'authenticated' : 'on';
  if (!(INTROSPECTION_MODES as readonly string[]).includes(raw)) throw new Error(`INTROSPECTION must be one of ${INTROSPECTION_MODES.join(', ')}, got "${raw}"`);
  return raw as IntrospectionMode;
}

/** Whether the operation (with the fragments it spreads) selects a schema field anywhere. */
export function readsSchema(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const seen = new Set<string>();
  const visit = (selectionSet: SelectionSetNode): boolean =>
    selectionSet.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return SCHEMA_FIELDS.includes(selection.name.value) || (!!selection.selectionSet && visit(selection.selectionSet));
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
      if (seen.has(selection.name.value)) return false;
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      return !!fragment && visit(fragment.selectionSet);
    });
  return visit(operation.selectionSet);
}

/** The refusal for a caller the mode does not let read the schema, or null when it may. */
export function introspectionRefusal(mode: IntrospectionMode, user: AuthUser | null): DomainError | null {
  if (mode === 'on') return null;
  if (mode === 'authenticated' && user && EXPLORER_ROLES.includes(user.role)) return null;
  const details = { reason: 'INTROSPECTION_DISABLED', mode, http: { status: mode === 'authenticated' && !user ? 401 : 403 } };
  if (mode === 'off') {
    return new DomainError(ErrorCode.FORBIDDEN, { zh: '本服务已关闭 schema 内省查询', en: 'Schema introspection is turned off on this server' }, details);
  }
  const text = {
    zh: '查询 schema（内省）需要分析人员或管理员的身份令牌',
    en: 'Schema introspection needs an ANALYST or ADMIN token',
  };
  return new DomainError(user ? ErrorCode.FORBIDDEN : ErrorCode.UNAUTHENTICATED, text, details);
}

/**
 * Refuses an operation that reads the schema when the mode does not allow its caller. It runs once the
 * operation is parsed and validated, when the caller is known; the ApolloServer it is given to must set
 * `introspection: true`, so that this policy, not Apollo's production default, decides.
 */
export function introspectionPolicy<TContext extends BaseContext & { user: AuthUser | null }>(mode: IntrospectionMode): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      if (mode === 'on') return;
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          if (!operation || !readsSchema(document, operation)) return;
          const refusal = introspectionRefusal(mode, contextValue.user);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
