import { InstitutionReference, type SubgraphDefinition } from '@sme/kernel';
import { defineLibrarySubgraph } from '@sme/resource-library';
import { shanxiLibrary } from './library-config';
import type { InstitutionType } from './provincial-platforms/context';
import { createPlatformLoaders, provincialPlatformParts, type PlatformLoaders } from './provincial-platforms/provincial-platforms';

/**
 * The `shanxi` subgraph (SPEC §1, §3): the resource-library engine with Shanxi's configuration, and the
 * provincial platform review that receives Taiyuan's recommendations. This module only describes it;
 * `index.ts` serves it, so tests can start it in-process on port 0.
 */
const library = defineLibrarySubgraph(shanxiLibrary);

type LibraryLoaders = ReturnType<typeof library.createLoaders>;

// the provincial fields attach to the library's key-only Institution class: a schema holds one type of a name
const platforms = provincialPlatformParts(InstitutionReference as InstitutionType);

function mergeHandlers<T>(a: Record<string, T> = {}, b: Record<string, T>): Record<string, T> {
  const clash = Object.keys(b).filter((type) => type in a);
  if (clash.length) throw new Error(`shanxi: two handlers for ${clash.join(', ')}`);
  return { ...a, ...b };
}

export const shanxi: SubgraphDefinition<LibraryLoaders & PlatformLoaders> = {
  ...library,
  resolvers: [...library.resolvers, ...platforms.resolvers] as typeof library.resolvers,
  orphanedTypes: [...(library.orphanedTypes ?? []), ...platforms.orphanedTypes],
  // the library's Institution reference resolver stays; the recommendation's is added beside it
  referenceResolvers: { ...library.referenceResolvers, ...platforms.referenceResolvers },
  entities: [...library.entities, ...platforms.entities],
  // after the library's: its migration made the schema and the status_changes table the review writes to
  migrations: [...library.migrations, ...platforms.migrations],
  createLoaders: (em) => ({ ...library.createLoaders(em), ...createPlatformLoaders(em) }),
  eventHandlers: mergeHandlers(library.eventHandlers, platforms.eventHandlers),
};
