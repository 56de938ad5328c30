import { definePlatformSubgraph } from '@sme/demonstration-platform';
import { ningxiaProgramme } from './programme';

/**
 * The `ningxia` subgraph (SPEC §1, §4): the demonstration-platform engine with Ningxia's rule sets and articles.
 * This module only describes it; `index.ts` serves it, so tests can start it in-process on port 0.
 */
export const ningxia = definePlatformSubgraph(ningxiaProgramme);
