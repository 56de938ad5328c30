import type { ScaleInstitution } from './scale-registry';
import type { ScalePlan } from './scale-seed';
import { PROVINCIAL_REVIEW } from './scale-taiyuan';

/** What a benchmark needs to address an institution of the data set. */
export interface SampleInstitution {
  id: string;
  creditCode: string;
  name: string;
  regionCode: string;
}

/**
 * Which institutions to sample: `trace`, those the SPEC §5 trace follows all the way (a Taiyuan application whose
 * platform was recommended to the province); `programme`, any that takes part in a programme; `any`, all.
 */
export type SampleKind = 'trace' | 'programme' | 'any';

const matches: Record<SampleKind, (i: ScaleInstitution) => boolean> = {
  trace: (i) => i.programmes.includes(PROVINCIAL_REVIEW),
  programme: (i) => i.programmes.length > 0,
  any: () => true,
};

/** `count` institutions of the kind, spread evenly over the data set (the same plan gives the same sample). */
export function sampleInstitutions(plan: ScalePlan, count: number, kind: SampleKind = 'trace'): SampleInstitution[] {
  const pool = plan.institutions.filter(matches[kind]);
  const step = pool.length / Math.max(1, Math.min(count, pool.length));
  return Array.from({ length: Math.min(count, pool.length) }, (_, i) => pool[Math.floor(i * step)]).map((i) => ({
    id: i.id, creditCode: i.creditCode, name: i.name, regionCode: i.regionCode,
  }));
}
