import { allRegions, cityOf, findRegion, isWithin, type Region } from '@sme/kernel';
import type { Prng } from './scale-prng';

/**
 * Where the synthetic institutions are registered: every county, development zone, city-acting unit and city of
 * the registry's region table, weighted. The provinces' shares follow their economies (Shandong largest, Ningxia
 * smallest); Taiyuan, the city whose flow feeds Shanxi's provincial review, holds a third of Shanxi.
 */
export const TAIYUAN_CITY = '140100';

/** Share of all institutions per province; Taiyuan's share is of Shanxi's. */
export const PROVINCE_SHARES: readonly (readonly [string, number])[] = [
  ['140000', 0.28],
  ['130000', 0.28],
  ['370000', 0.32],
  ['640000', 0.12],
];
const TAIYUAN_SHARE_OF_SHANXI = 0.35;

/** Relative weight of one region inside its group: a county registers more institutions than a zone, a city-acting unit more than a county. */
function weightOf(region: Region): number {
  if (region.kind === 'SPECIAL_UNIT') return 2;
  if (region.level === 'CITY') return 0.6; // registered at the city itself (市直)
  if (region.kind === 'DEVELOPMENT_ZONE') return 0.5;
  return 1;
}

export interface RegionPicker {
  /** A registered region for an institution of `provinceCode`. */
  pick(rng: Prng, provinceCode: string): string;
  /** The regions institutions may be registered in, per province (for checks). */
  regions: ReadonlyMap<string, readonly string[]>;
}

type Weighted = (readonly [string, number])[];

export function regionPicker(): RegionPicker {
  const groups = new Map<string, { entries: Weighted; share: number }[]>();
  const regions = new Map<string, string[]>();
  for (const [province] of PROVINCE_SHARES) {
    const candidates = allRegions().filter((r) => r.provinceCode === province && r.level !== 'PROVINCE');
    regions.set(province, candidates.map((r) => r.code));
    const taiyuan: Weighted = [];
    const rest: Weighted = [];
    for (const r of candidates) {
      // the Taiyuan flow takes applicants from Taiyuan's counties and zones (并工信字〔2023〕26号 一.4)
      const inTaiyuan = r.level === 'COUNTY' && isWithin(r.code, TAIYUAN_CITY);
      (inTaiyuan ? taiyuan : rest).push([r.code, weightOf(r)]);
    }
    groups.set(province, taiyuan.length ? [{ entries: taiyuan, share: TAIYUAN_SHARE_OF_SHANXI }, { entries: rest, share: 1 - TAIYUAN_SHARE_OF_SHANXI }] : [{ entries: rest, share: 1 }]);
  }
  return {
    regions,
    pick(rng, provinceCode) {
      const options = groups.get(provinceCode)!;
      const group = options.length === 1 ? options[0] : rng.weighted(options.map((g) => [g, g.share] as const));
      return rng.weighted(group.entries);
    },
  };
}

/** The city, or the unit acting as one, that recommends an institution of this region (its own code for a city). */
export const recommendingUnitOf = (regionCode: string): string => cityOf(regionCode)?.code ?? regionCode;

export const isTaiyuanCounty = (regionCode: string): boolean => {
  const region = findRegion(regionCode);
  return !!region && region.level === 'COUNTY' && isWithin(regionCode, TAIYUAN_CITY);
};
