import { badInput, chinaToday, findRegion, type Region } from '@sme/kernel';

/** Shared input checks of the registry; each refusal is BAD_USER_INPUT with a stable `reason`. */

export function knownRegion(code: string): Region {
  const region = findRegion(code);
  if (!region) throw badInput({ zh: `未知的行政区划代码：${code}`, en: `Unknown region code: ${code}` }, { reason: 'UNKNOWN_REGION', field: 'regionCode', value: code });
  if (region.level === 'PROVINCE') {
    throw badInput({ zh: `机构应登记在市或县级区划，而不是省：${code}`, en: `An institution is registered in a city or county, not a province: ${code}` }, { reason: 'REGION_TOO_COARSE', field: 'regionCode', value: code });
  }
  return region;
}

/** Ids are UUIDs: anything else matches no row (and must never reach a uuid column, where PostgreSQL refuses it). */
export const isUuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export function notInFuture(field: string, date: string): void {
  const today = chinaToday();
  if (date > today) {
    throw badInput({ zh: `${field} 不能晚于今天（${today}）：${date}`, en: `${field} cannot be after today (${today}): ${date}` }, { reason: 'FUTURE_DATE', field, value: date });
  }
}

export function text(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  // eslint-disable-next-line no-control-regex
  if (!trimmed || trimmed.length > max || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw badInput(
      { zh: `${field} 应为 1 到 ${max} 个字符，且不含控制字符`, en: `${field} must be 1 to ${max} characters without control characters` },
      { reason: 'INVALID_TEXT', field, maxLength: max },
    );
  }
  return trimmed;
}

export const optionalText = (field: string, value: string | null | undefined, max: number): string | null =>
  value == null || value.trim() === '' ? null : text(field, value, max);
