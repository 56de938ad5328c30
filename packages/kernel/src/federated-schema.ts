import 'reflect-metadata';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { gql } from 'graphql-tag';
import type { GraphQLSchema } from 'graphql';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])`;

/** `__resolveReference` per entity type, batched through the request's loaders by each subgraph. */
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any, info: any) => unknown }>;

/**
 * type-graphql classes → a Federation 2 subgraph schema. The SDL is printed with its directives (@key …)
 * and the reference resolvers go into `buildSubgraphSchema` itself: added afterwards they would be lost.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'validate'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    ...options,
    validate: false,
    skipCheck: true,
  });
  const resolvers = createResolversMap(schema) as Record<string, any>;
  for (const [typeName, resolver] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...resolver };
  }
  return buildSubgraphSchema({ typeDefs: gql`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`, resolvers });
}
