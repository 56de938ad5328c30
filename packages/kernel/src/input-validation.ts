import { badInput } from './errors';

/**
 * Input checks every subgraph shares; each refusal is BAD_USER_INPUT with a stable `reason` and the field.
 * They run before anything is written, so a refusal changes nothing (SPEC §2 Errors).
 */

/** Ids are UUIDs: anything else matches no row (and must never reach a uuid column, where PostgreSQL refuses it). */
export const isUuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** A date of something that has already happened: not after `today` (China's date of the request). */
export function notInFuture(field: string, date: string, today: string): void {
  if (date > today) {
    throw badInput({ zh: `${field} 不能晚于今天（${today}）：${date}`, en: `${field} cannot be after today (${today}): ${date}` }, { reason: 'FUTURE_DATE', field, value: date });
  }
}

/** A non-empty, trimmed text of at most `max` characters, without control characters. */
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

/** A whole number in [min, max]: counts of people, enterprises, activities. */
export function count(field: string, value: number, max = 10_000_000, min = 0): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(
      { zh: `${field} 应为 ${min} 到 ${max} 之间的整数：${value}`, en: `${field} must be an integer from ${min} to ${max}: ${value}` },
      { reason: value < 0 ? 'NEGATIVE' : 'OUT_OF_RANGE', field, value },
    );
  }
  return value;
}

/** A finite amount in [min, max]: money (万元), areas (m²), percentages. */
export function amount(field: string, value: number, max = 100_000_000, min = 0): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw badInput(
      { zh: `${field} 应为 ${min} 到 ${max} 之间的数：${value}`, en: `${field} must be a number from ${min} to ${max}: ${value}` },
      { reason: Number.isFinite(value) && value < 0 ? 'NEGATIVE' : 'OUT_OF_RANGE', field, value },
    );
  }
  return value;
}

/** Long free text (opinions, statements, narratives): as `text`, but line breaks and tabs belong to a written section. */
export function optionalParagraphs(field: string, value: string | null | undefined, max: number): string | null {
  if (value == null) return null;
  const normalised = value.replace(/\r\n?/g, '\n').trim();
  if (!normalised) return null;
  // eslint-disable-next-line no-control-regex
  if (normalised.length > max || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(normalised)) {
    throw badInput(
      { zh: `${field} 至多 ${max} 个字符，且除换行、制表符外不含控制字符`, en: `${field} must be at most ${max} characters without control characters other than line breaks and tabs` },
      { reason: 'INVALID_TEXT', field, maxLength: max },
    );
  }
  return normalised;
}

/** A required `optionalParagraphs`. */
export function paragraphs(field: string, value: string, max: number): string {
  const checked = optionalParagraphs(field, value, max);
  if (checked === null) {
    throw badInput({ zh: `${field} 不能为空`, en: `${field} must not be empty` }, { reason: 'INVALID_TEXT', field, maxLength: max });
  }
  return checked;
}
