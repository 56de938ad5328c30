import { loadRuleSets } from '@sme/demonstration-platform';
import { luGongxinfa2020No4 } from './lu-gongxinfa-2020-4';

export { luGongxinfa2020No4 };

/** Shandong's rule sets, validated when loaded: a data error (overlapping dates, a missing article) stops the subgraph. */
export const shandongRuleSets = loadRuleSets([luGongxinfa2020No4]);
