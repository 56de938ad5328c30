import { badInput, findRegion, type Region } from '@sme/kernel';

/** The registry's own input check (the shared ones are in the kernel's input-validation). */

export function knownRegion(code: string): Region {
  const region = findRegion(code);
  if (!region) throw badInput({ zh: `未知的行政区划代码：${code}`, en: `Unknown region code: ${code}` }, { reason: 'UNKNOWN_REGION', field: 'regionCode', value: code });
  if (region.level === 'PROVINCE') {
    throw badInput({ zh: `机构应登记在市或县级区划，而不是省：${code}`, en: `An institution is registered in a city or county, not a province: ${code}` }, { reason: 'REGION_TOO_COARSE', field: 'regionCode', value: code });
  }
  return region;
}
