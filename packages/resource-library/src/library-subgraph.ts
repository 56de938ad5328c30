import type { SubgraphDefinition } from '@sme/kernel';
import { InstitutionReference } from '@sme/kernel';
import type { LibraryConfig } from './library-config';
import { createLibraryLoaders, type LibraryLoaders } from './loaders';
import { libraryMigrations } from './migrations/library-tables';
import { registryEventHandlers } from './registry-facts/registry-event-handlers';
import { startDailySchedule } from './schedule/daily-schedule';
import { createInstitutionFieldsResolver } from './institution-fields.resolver';
import { createApplicationResolver } from './applications/application.resolver';
import { createMemberResolver } from './members/member.resolver';
import { LIBRARY_ENTITIES } from './library-entities';
import { libraryFeatureResolvers } from './library-features';
import { libraryExportRoutes } from './exports/export-routes';

/**
 * A resource-library subgraph (SPEC §3) from one province's configuration: `shanxi` and `hebei` are this
 * engine with their own `LibraryConfig`, each in its own PostgreSQL schema.
 */
export function defineLibrarySubgraph(config: LibraryConfig): SubgraphDefinition<LibraryLoaders> {
  return {
    name: config.name,
    resolvers: [
      createApplicationResolver(config),
      createMemberResolver(config),
      createInstitutionFieldsResolver(config),
      ...libraryFeatureResolvers(config),
    ],
    orphanedTypes: [InstitutionReference],
    referenceResolvers: {
      // the library holds no institution data of its own to return: the key is enough for its fields
      Institution: { __resolveReference: (reference: { id: string }) => ({ id: reference.id }) },
    },
    entities: LIBRARY_ENTITIES,
    migrations: libraryMigrations(config.name),
    createLoaders: createLibraryLoaders,
    eventHandlers: registryEventHandlers(config),
    background: (orm) => startDailySchedule(orm, config),
    httpRoutes: libraryExportRoutes(config),
  };
}
