import type { ClassType } from 'type-graphql';
import type { RequestContext } from '@sme/kernel';
import type { PlatformLoaders } from './provincial-platform-loaders';

/** The request context the provincial review's resolvers read (the subgraph's loaders include these). */
export type PlatformContext = RequestContext<PlatformLoaders>;

/**
 * The registry's `Institution` as this schema knows it: the resource library's key-only class. A schema holds one
 * type of a name, so the provincial fields attach to that same class (see server.ts).
 */
export type InstitutionType = ClassType<{ id: string }>;
