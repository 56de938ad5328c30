import { loadRuleSets } from '@sme/demonstration-platform';
import { NINGXIA_MEASURES_IN_FORCE_FROM, ningxiaMeasures } from './ningxia-measures';

export { NINGXIA_MEASURES_IN_FORCE_FROM, ningxiaMeasures };

/** Ningxia's rule sets, validated when loaded: a data error (overlapping dates, a missing article) stops the subgraph. */
export const ningxiaRuleSets = loadRuleSets([ningxiaMeasures]);
