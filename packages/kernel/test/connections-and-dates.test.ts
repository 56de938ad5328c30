import 'reflect-metadata'; // connections.ts declares type-graphql types; the kernel's index imports this first
import { Kind, parseValue as parseGraphQLValue, type ValueNode } from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, decodeCursor, encodeCursor, pageSize, toConnection } from '../src/connections';
import { activeBetween, cleanForTwoYears, twoYearWindowStart, type CreditPeriod } from '../src/credit-history';
import { addDays, addMonths, addYears, chinaToday, parseIsoDate } from '../src/dates';
import { DomainError, ErrorCode } from '../src/errors';
import { CreditCodeScalar, DateScalar } from '../src/scalars';

/** The DomainError a call throws; fails the test when it throws nothing or something else. */
function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, but the call succeeded');
}

describe('connections', () => {
  it('defaults the page size when first is absent', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(20);
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
  });

  it('accepts 1 to 100', () => {
    expect(MAX_PAGE_SIZE).toBe(100);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(37)).toBe(37);
    expect(pageSize(100)).toBe(100);
  });

  it.each([0, 101, -1, 1.5, 99.999, Number.NaN, Number.POSITIVE_INFINITY, 1e9])('refuses first = %p with BAD_USER_INPUT', (first) => {
    const error = refusal(() => pageSize(first));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAGE_SIZE' });
  });

  it('round-trips a cursor, Chinese text and numbers included', () => {
    const key = ['太原市中小企业服务中心', 42, 'b7c1e0a2-0000-4000-8000-000000000001'];
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // opaque and URL-safe
    expect(cursor).not.toContain('太原');
    expect(decodeCursor(cursor, 3)).toEqual(key);
  });

  it('reads no cursor as the first page', () => {
    expect(decodeCursor(null, 2)).toBeNull();
    expect(decodeCursor(undefined, 2)).toBeNull();
  });

  const valid = encodeCursor(['name', 'id-1']);
  it.each([
    ['truncated', valid.slice(0, -3)],
    ['with characters changed', `${valid.slice(0, 4)}AAAA${valid.slice(8)}`],
    ['not base64 JSON at all', 'not-a-cursor'],
    ['empty', ''],
    ['of the wrong arity', encodeCursor(['name'])],
    ['an object instead of a key', Buffer.from(JSON.stringify({ name: 'x', id: 'y' })).toString('base64url')],
    ['holding a nested value', Buffer.from(JSON.stringify(['x', { id: 1 }])).toString('base64url')],
    ['holding null', Buffer.from(JSON.stringify(['x', null])).toString('base64url')],
  ])('refuses a cursor %s with INVALID_CURSOR', (_label, cursor) => {
    const error = refusal(() => decodeCursor(cursor, 2));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.extensions.reason).toBe('INVALID_CURSOR');
  });

  const rows = [
    { id: 'a', name: '甲' },
    { id: 'b', name: '乙' },
    { id: 'c', name: '丙' },
  ];
  const keyOf = (r: { id: string; name: string }) => [r.name, r.id];

  it('toConnection: the extra fetched row only says another page follows', () => {
    const page = toConnection(rows, 2, 17, keyOf);
    expect(page.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(page.totalCount).toBe(17);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.pageInfo.endCursor).toBe(page.edges[1].cursor);
    expect(decodeCursor(page.pageInfo.endCursor, 2)).toEqual(['乙', 'b']);
    expect(page.edges.map((e) => decodeCursor(e.cursor, 2))).toEqual([
      ['甲', 'a'],
      ['乙', 'b'],
    ]);
  });

  it('toConnection: the last page has no next page', () => {
    const page = toConnection(rows, 3, 3, keyOf);
    expect(page.edges).toHaveLength(3);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(decodeCursor(page.pageInfo.endCursor, 2)).toEqual(['丙', 'c']);
  });

  it('toConnection: an empty page has no end cursor', () => {
    expect(toConnection([], 20, 0, keyOf)).toEqual({ edges: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } });
  });
});

describe('dates', () => {
  it('parses real calendar dates', () => {
    expect(parseIsoDate('2023-03-23')).toEqual({ year: 2023, month: 3, day: 23 });
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
  });

  it.each(['2023-02-29', '1900-02-29', '2023-02-30', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00', '2023-3-23', '23-03-23', '2023/03/23', '2023-03-23T00:00:00Z', ' 2023-03-23', ''])(
    'refuses %p',
    (value) => {
      expect(parseIsoDate(value)).toBeUndefined();
    },
  );

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-03-23', 0)).toBe('2023-03-23');
  });

  it('adds months, clamping to the last day of the month', () => {
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-03-31', 1)).toBe('2023-04-30');
    expect(addMonths('2023-03-31', -1)).toBe('2023-02-28');
    expect(addMonths('2023-01-31', 2)).toBe('2023-03-31'); // no clamping carried over from February
    expect(addMonths('2023-11-15', 3)).toBe('2024-02-15');
    expect(addMonths('2023-03-15', -15)).toBe('2021-12-15');
    expect(addMonths('2023-03-23', 0)).toBe('2023-03-23');
  });

  it('adds years, turning 29 February into 28 February outside leap years', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2024-02-29', -2)).toBe('2022-02-28');
    expect(addYears('2023-03-23', 3)).toBe('2026-03-23'); // a 3-year designation
    expect(addYears('2023-02-28', 1)).toBe('2024-02-28');
  });

  it('gives today in China whatever the instant in UTC', () => {
    expect(chinaToday(new Date('2023-03-22T15:59:59.999Z'))).toBe('2023-03-22');
    expect(chinaToday(new Date('2023-03-22T16:00:00.000Z'))).toBe('2023-03-23'); // midnight in Beijing
    expect(chinaToday(new Date('2023-12-31T16:00:00Z'))).toBe('2024-01-01');
    expect(chinaToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(parseIsoDate(chinaToday())).toBeDefined();
  });
});

describe('credit history: clean for the last two years', () => {
  const judged = '2023-03-23';
  const windowStart = '2021-03-23';
  const record = (listedOn: string, removedOn: string | null): CreditPeriod => ({ listedOn, removedOn });

  it('starts the window two years before the judged date', () => {
    expect(twoYearWindowStart(judged)).toBe(windowStart);
    expect(twoYearWindowStart('2024-02-29')).toBe('2022-02-28');
  });

  it('is clean with no records', () => {
    expect(cleanForTwoYears([], judged)).toBe(true);
  });

  it('a record removed exactly on the window start day is clean (its last listed day is before the window)', () => {
    expect(cleanForTwoYears([record('2020-01-10', windowStart)], judged)).toBe(true);
  });

  it('a record removed the day after the window start is not clean (listed on the first day of the window)', () => {
    expect(cleanForTwoYears([record('2020-01-10', '2021-03-24')], judged)).toBe(false);
  });

  it('a record listed on the judged day is not clean', () => {
    expect(cleanForTwoYears([record(judged, null)], judged)).toBe(false);
    expect(cleanForTwoYears([record(judged, '2023-03-24')], judged)).toBe(false);
  });

  it('a record listed the day after the judged day is clean', () => {
    expect(cleanForTwoYears([record('2023-03-24', null)], judged)).toBe(true);
  });

  it('a record still listed from long ago is not clean; one wholly inside the window is not clean', () => {
    expect(cleanForTwoYears([record('2015-06-01', null)], judged)).toBe(false);
    expect(cleanForTwoYears([record('2022-05-01', '2022-06-01')], judged)).toBe(false);
  });

  it('one active record among old ones is enough to fail', () => {
    const old = record('2018-01-01', '2019-01-01');
    expect(cleanForTwoYears([old], judged)).toBe(true);
    expect(cleanForTwoYears([old, record('2022-12-01', '2022-12-02')], judged)).toBe(false);
  });

  it('activeBetween treats removedOn as the first day no longer listed', () => {
    expect(activeBetween(record('2022-01-01', '2022-01-02'), '2022-01-01', '2022-01-01')).toBe(true);
    expect(activeBetween(record('2022-01-01', '2022-01-02'), '2022-01-02', '2022-12-31')).toBe(false);
  });
});

describe('scalars', () => {
  const literal = (source: string): ValueNode => parseGraphQLValue(source);

  it('CreditCode accepts valid codes from values and literals', () => {
    expect(CreditCodeScalar.parseValue('91350100M000100Y43')).toBe('91350100M000100Y43');
    expect(CreditCodeScalar.parseLiteral(literal('"911100001000044477"'), undefined)).toBe('911100001000044477');
    expect(CreditCodeScalar.serialize('911100001000044477')).toBe('911100001000044477');
  });

  it.each([
    ['91350100M000100Y44', 'CHECK_CHARACTER'],
    ['91350100M000100Y4Z', 'CHARSET'], // Z is not in the alphabet at all
    ['91350100M000100Y4', 'LENGTH'],
    ['91350100M000100I43', 'CHARSET'],
    ['91350100m000100y43', 'CHARSET'],
    ['', 'LENGTH'],
  ])('CreditCode refuses %p (rule %s) with INVALID_CREDIT_CODE', (value, rule) => {
    for (const run of [() => CreditCodeScalar.parseValue(value), () => CreditCodeScalar.parseLiteral(literal(JSON.stringify(value)), undefined)]) {
      const error = refusal(run);
      expect(error.code).toBe(ErrorCode.INVALID_CREDIT_CODE);
      expect(error.extensions).toMatchObject({ code: 'INVALID_CREDIT_CODE', rule, value });
      expect(error.message).toContain(' / '); // Chinese and English
    }
  });

  it.each([
    ['a number value', () => CreditCodeScalar.parseValue(913501001234567)],
    ['null', () => CreditCodeScalar.parseValue(null)],
    ['an Int literal', () => CreditCodeScalar.parseLiteral(literal('913501001234567'), undefined)],
    ['an enum literal', () => CreditCodeScalar.parseLiteral({ kind: Kind.ENUM, value: 'X' }, undefined)],
  ])('CreditCode refuses a non-string: %s', (_label, run) => {
    const error = refusal(run);
    expect(error.code).toBe(ErrorCode.INVALID_CREDIT_CODE);
  });

  it('Date accepts real YYYY-MM-DD dates', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(DateScalar.parseLiteral(literal('"2023-03-23"'), undefined)).toBe('2023-03-23');
    expect(DateScalar.serialize('2023-03-23')).toBe('2023-03-23');
  });

  it.each([
    ['an impossible date', () => DateScalar.parseValue('2023-02-29')],
    ['a timestamp', () => DateScalar.parseValue('2023-03-23T00:00:00Z')],
    ['another format', () => DateScalar.parseValue('2023/03/23')],
    ['a number', () => DateScalar.parseValue(20230323)],
    ['a Date object', () => DateScalar.parseValue(new Date('2023-03-23'))],
    ['an impossible date literal', () => DateScalar.parseLiteral(literal('"2023-04-31"'), undefined)],
    ['an Int literal', () => DateScalar.parseLiteral(literal('20230323'), undefined)],
  ])('Date refuses %s with BAD_USER_INPUT', (_label, run) => {
    const error = refusal(run);
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.extensions.reason).toBe('INVALID_DATE');
  });
});
