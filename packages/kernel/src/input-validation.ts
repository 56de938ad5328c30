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

/** Which rule of `text`/`paragraphs` a refused text breaks (`rule` beside `reason: 'INVALID_TEXT'`). */
export type TextRule = 'EMPTY' | 'TOO_LONG' | 'CONTROL_CHARACTER';

/**
 * Characters nobody types into a form, which can hide or disguise what a reviewer reads or break what is
 * printed from it: C0 and C1 controls and DEL; the bidirectional marks, embeddings, overrides and isolates
 * (U+202E shows "fdp.exe" as "exe.pdf"); the byte-order mark; the noncharacters U+FFFE and U+FFFF; and lone
 * surrogates (half a character, which PostgreSQL would silently store as U+FFFD). A single-line text also
 * refuses line and paragraph separators; `paragraphs` keeps line breaks and tabs.
 */
// eslint-disable-next-line no-control-regex, no-misleading-character-class
const FORBIDDEN_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|\p{Cs}/u;
// eslint-disable-next-line no-control-regex, no-misleading-character-class
const FORBIDDEN_IN_PARAGRAPHS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|\p{Cs}/u;

/** The first forbidden character of `value` as `U+XXXX` with its position (1-based), if there is one. */
function forbiddenCharacter(value: string, pattern: RegExp): { character: string; position: number } | undefined {
  const found = pattern.exec(value);
  if (!found) return undefined;
  return { character: `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, position: found.index + 1 };
}

function textRefusal(field: string, max: number, rule: TextRule, text: { zh: string; en: string }, details: Record<string, unknown> = {}) {
  return badInput(text, { reason: 'INVALID_TEXT', rule, field, maxLength: max, ...details });
}

/**
 * The length and character rules a text shares with a written section: at most `max` characters, and none of
 * `forbiddenSet` (`allowedNote` says in the message what is allowed after all, if anything).
 */
function checkedText(field: string, value: string, max: number, forbiddenSet: RegExp, allowedNote?: { zh: string; en: string }): string {
  if (value.length > max) {
    throw textRefusal(field, max, 'TOO_LONG', { zh: `${field} 过长：最多 ${max} 个字符，实际 ${value.length} 个`, en: `${field} is too long: at most ${max} characters, got ${value.length}` }, { length: value.length });
  }
  const forbidden = forbiddenCharacter(value, forbiddenSet);
  if (forbidden) {
    throw textRefusal(
      field, max, 'CONTROL_CHARACTER',
      {
        zh: `${field} 第 ${forbidden.position} 个字符 ${forbidden.character} 是控制字符，${allowedNote ? allowedNote.zh : ''}不允许`,
        en: `${field} contains the control character ${forbidden.character} at position ${forbidden.position}${allowedNote ? ` (${allowedNote.en})` : ''}`,
      },
      forbidden,
    );
  }
  return value;
}

/** A non-empty, trimmed text of at most `max` characters, without control characters. */
export function text(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed) {
    throw textRefusal(field, max, 'EMPTY', { zh: `${field} 不能为空（应为 1 到 ${max} 个字符）`, en: `${field} must not be empty (1 to ${max} characters)` });
  }
  return checkedText(field, trimmed, max, FORBIDDEN_IN_LINE);
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
  return checkedText(field, normalised, max, FORBIDDEN_IN_PARAGRAPHS, { zh: '除换行、制表符外', en: 'only line breaks and tabs are allowed' });
}

/** A required `optionalParagraphs`. */
export function paragraphs(field: string, value: string, max: number): string {
  const checked = optionalParagraphs(field, value, max);
  if (checked === null) {
    throw textRefusal(field, max, 'EMPTY', { zh: `${field} 不能为空`, en: `${field} must not be empty` });
  }
  return checked;
}
