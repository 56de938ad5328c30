/**
 * PostgreSQL's COPY text format (one row a line, tab between columns, `\N` for null, backslash escapes), which
 * `COPY … FROM STDIN` reads. Objects and plain arrays go to json/jsonb columns as JSON; a `text[]` column takes a
 * `textArray(...)` value, written as an array literal.
 */
const TEXT_ARRAY = Symbol('text[]');

export interface TextArray {
  readonly [TEXT_ARRAY]: readonly string[];
}

export type CopyValue = string | number | boolean | null | TextArray | object;

export const textArray = (items: readonly string[]): TextArray => ({ [TEXT_ARRAY]: items });

const isTextArray = (value: object): value is TextArray => TEXT_ARRAY in value;

/** Backslash, tab, newline and carriage return are the characters COPY's text format escapes. */
function escape(text: string): string {
  if (!/[\\\t\n\r]/.test(text)) return text;
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** `{"a","b \"c\""}`: every element quoted, so commas, braces and spaces need no further thought. */
const arrayLiteral = (items: readonly string[]) => `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  switch (typeof value) {
    case 'string':
      return escape(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`COPY: not a finite number: ${value}`);
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    default:
      return escape(isTextArray(value) ? arrayLiteral(value[TEXT_ARRAY]) : JSON.stringify(value));
  }
}

export const copyLine = (row: readonly CopyValue[]): string => `${row.map(copyField).join('\t')}\n`;
