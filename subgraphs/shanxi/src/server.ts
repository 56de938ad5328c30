import { defineLibrarySubgraph } from '@sme/resource-library';
import { shanxiLibrary } from './library-config';

/**
 * The `shanxi` subgraph (SPEC §1, §3): the resource-library engine with Shanxi's configuration. This module only
 * describes it; `index.ts` serves it, so tests can start it in-process on port 0.
 */
export const shanxi = defineLibrarySubgraph(shanxiLibrary);
