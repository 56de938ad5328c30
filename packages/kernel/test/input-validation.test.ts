import 'reflect-metadata'; // the kernel's type-graphql declarations expect it first
import { Kind, type ValueNode } from 'graphql';
import { DomainError } from '../src/errors';
import { optionalParagraphs, optionalText, paragraphs, text } from '../src/input-validation';
import { CreditCodeScalar, DATE_RANGE, DateScalar } from '../src/scalars';

/** The extensions of the DomainError a call throws; fails the test when it throws nothing or something else. */
function refusal(run: () => unknown): Record<string, unknown> {
  try {
    run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, ...error.extensions };
  }
  throw new Error('expected a DomainError, but the call succeeded');
}

/** Characters no text may hold, by what they are; each refused with its code point. */
const FORBIDDEN: Record<string, string> = {
  NUL: '\u0000', BEL: '\u0007', ESC: '\u001b', DEL: '\u007f', 'C1 NEL': '\u0085', 'C1 CSI': '\u009b', ALM: '\u061c', LRM: '\u200e', RLM: '\u200f',
  LRE: '\u202a', RLO: '\u202e', LRI: '\u2066', PDI: '\u2069', BOM: '\ufeff', 'noncharacter FFFF': '\uffff', 'lone high surrogate': '\ud800', 'lone low surrogate': '\udc00',
};

describe('text: one line, 1 to max characters, no control characters', () => {
  it.each(Object.entries(FORBIDDEN))('refuses %s inside a text, naming it and where it is', (_, ch) => {
    const point = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    expect(refusal(() => text('name', `机构${ch}名称`, 50))).toMatchObject({
      code: 'BAD_USER_INPUT', reason: 'INVALID_TEXT', rule: 'CONTROL_CHARACTER', field: 'name', character: point, position: 3,
    });
  });

  it('refuses line breaks and tabs in one line, and the line and paragraph separators', () => {
    for (const ch of ['\n', '\r', '\t', '\u2028', '\u2029']) expect(refusal(() => text('name', `机构${ch}名称`, 50))).toMatchObject({ rule: 'CONTROL_CHARACTER' });
  });

  it('refuses empty and blank texts and texts over the maximum, and says which rule failed', () => {
    expect(refusal(() => text('name', '', 10))).toMatchObject({ reason: 'INVALID_TEXT', rule: 'EMPTY', maxLength: 10 });
    expect(refusal(() => text('name', ' \t ', 10))).toMatchObject({ rule: 'EMPTY' });
    expect(refusal(() => text('name', '长'.repeat(11), 10))).toMatchObject({ rule: 'TOO_LONG', length: 11, maxLength: 10 });
    expect(refusal(() => text('name', '长'.repeat(10_000), 200)).messageZh).toContain('最多 200 个字符');
  });

  it('accepts a text at the maximum, trimmed, with emoji (a surrogate pair is no lone surrogate) and ideographic space', () => {
    expect(text('name', `  ${'长'.repeat(10)}  `, 10)).toBe('长'.repeat(10));
    expect(text('name', '服务🙂中心　二部', 50)).toBe('服务🙂中心　二部');
  });

  it('optionalText takes blank as none, and refuses the rest as text does', () => {
    expect(optionalText('note', '   ', 10)).toBeNull();
    expect(optionalText('note', null, 10)).toBeNull();
    expect(refusal(() => optionalText('note', '备\u202e注', 10))).toMatchObject({ rule: 'CONTROL_CHARACTER' });
  });
});

describe('paragraphs: line breaks and tabs belong to a written section', () => {
  it('keeps line breaks (CRLF as LF) and tabs, refuses every other control character', () => {
    expect(paragraphs('opinion', '第一段\r\n\t第二段', 100)).toBe('第一段\n\t第二段');
    for (const [label, ch] of Object.entries(FORBIDDEN)) {
      expect({ label, ...refusal(() => paragraphs('opinion', `意见${ch}正文`, 100)) }).toMatchObject({ label, rule: 'CONTROL_CHARACTER', reason: 'INVALID_TEXT' });
    }
  });

  it('refuses over-long and (when required) blank ones', () => {
    expect(refusal(() => paragraphs('opinion', '长'.repeat(101), 100))).toMatchObject({ rule: 'TOO_LONG' });
    expect(refusal(() => paragraphs('opinion', ' \n ', 100))).toMatchObject({ rule: 'EMPTY' });
    expect(optionalParagraphs('opinion', ' \n ', 100)).toBeNull();
  });
});

describe('the Date scalar', () => {
  const literal = (value: string): ValueNode => ({ kind: Kind.STRING, value });

  it.each(['2023-02-30', '2023-02-29', '2023-13-01', '2023-00-10', '0000-01-01', '2023-1-1', '', '2023-01-01T00:00:00Z', ' 2023-01-01'])(
    'refuses the impossible or malformed date "%s", as a variable and inline',
    (value) => {
      expect(refusal(() => DateScalar.parseValue(value))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_DATE', value });
      expect(refusal(() => DateScalar.parseLiteral(literal(value)))).toMatchObject({ reason: 'INVALID_DATE' });
    },
  );

  it('refuses a date outside 1900-01-01 to 2099-12-31 with DATE_OUT_OF_RANGE, and accepts both ends', () => {
    for (const value of ['9999-12-31', '1899-12-31', '2100-01-01', '1000-06-15']) {
      expect(refusal(() => DateScalar.parseValue(value))).toMatchObject({ reason: 'DATE_OUT_OF_RANGE', from: DATE_RANGE.from, to: DATE_RANGE.to });
    }
    expect(DateScalar.parseValue(DATE_RANGE.from)).toBe(DATE_RANGE.from);
    expect(DateScalar.parseValue(DATE_RANGE.to)).toBe(DATE_RANGE.to);
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
  });

  it('refuses a value that is not a string, showing what was sent', () => {
    expect(refusal(() => DateScalar.parseValue(20230101))).toMatchObject({ reason: 'INVALID_DATE', value: '20230101' });
    expect(refusal(() => DateScalar.parseLiteral({ kind: Kind.INT, value: '20230101' }))).toMatchObject({ reason: 'INVALID_DATE', value: '20230101' });
  });
});

describe('the CreditCode scalar', () => {
  it('names the rule that failed as the reason', () => {
    expect(refusal(() => CreditCodeScalar.parseValue('91350100M000100Y4Z'))).toMatchObject({ code: 'INVALID_CREDIT_CODE', reason: 'CHARSET', rule: 'CHARSET' });
    expect(refusal(() => CreditCodeScalar.parseValue('91350100M000100Y44'))).toMatchObject({ reason: 'CHECK_CHARACTER' });
    expect(refusal(() => CreditCodeScalar.parseValue('91350100M000100Y4'))).toMatchObject({ reason: 'LENGTH' });
    expect(refusal(() => CreditCodeScalar.parseValue('91350100m000100y43'))).toMatchObject({ reason: 'CHARSET' });
    expect(refusal(() => CreditCodeScalar.parseValue(913501))).toMatchObject({ reason: 'NOT_A_STRING' });
    expect(CreditCodeScalar.parseValue('91350100M000100Y43')).toBe('91350100M000100Y43');
  });
});
