import { defineLibrarySubgraph } from '@sme/resource-library';
import { hebeiLibrary } from './library-config';

/**
 * The `hebei` subgraph (SPEC §1, §3): the resource-library engine with Hebei's configuration. This module only
 * describes it; `index.ts` serves it, so tests can start it in-process on port 0.
 */
export const hebei = defineLibrarySubgraph(hebeiLibrary);
