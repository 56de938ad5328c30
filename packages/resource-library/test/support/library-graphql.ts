import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { Role, sqlStatementCount, subgraphSchema, type AuthUser } from '@sme/kernel';
import { defineLibrarySubgraph } from '../../src/library-subgraph';
import { createLibraryLoaders } from '../../src/loaders';
import type { LibraryFixture } from './library-fixture';

/** The library's subgraph schema, served in-process: resolvers, permissions and loaders as a request meets them. */
export const librarySchema = (lib: LibraryFixture): Promise<GraphQLSchema> => subgraphSchema(defineLibrarySubgraph(lib.config));

/** One request as `user`, on a fresh unit of work with its own loaders; `statements` is the SQL it cost. */
export async function execute(lib: LibraryFixture, schema: GraphQLSchema, user: AuthUser | null, source: string, variableValues?: Record<string, unknown>) {
  const em = lib.em();
  const before = sqlStatementCount();
  const result: ExecutionResult<any> = await graphql({ schema, source, variableValues, contextValue: { requestId: 'test', user, em, loaders: createLibraryLoaders(em), eventsCommitted: () => undefined } });
  return { ...result, statements: sqlStatementCount() - before };
}

/** A signed-in user of a role, scoped to a region or an institution. */
export const userOf = (role: Role, scope: { region?: string; institutionId?: string } = {}): AuthUser => ({
  id: `user-${role}-${scope.region ?? scope.institutionId ?? 'all'}`, name: null, role, region: scope.region ?? null, institutionId: scope.institutionId ?? null, panel: null,
});

export const applicantOf = (institutionId: string): AuthUser => userOf(Role.APPLICANT, { institutionId });
