import { GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { checkCreditCode } from './credit-code';
import { DomainError, ErrorCode, badInput } from './errors';
import { parseIsoDate } from './dates';

/** A credit code as the `CreditCode` scalar takes it, refused with the rule it breaks (services and spreadsheet imports check with it too). */
export function parseCreditCode(value: unknown): string {
  if (typeof value !== 'string') {
    throw new DomainError(ErrorCode.INVALID_CREDIT_CODE, { zh: '统一社会信用代码必须是字符串', en: 'A credit code must be a string' }, { reason: 'NOT_A_STRING', rule: 'LENGTH' });
  }
  const check = checkCreditCode(value);
  if (!check.valid) {
    throw new DomainError(ErrorCode.INVALID_CREDIT_CODE, { zh: check.messageZh!, en: check.messageEn! }, { reason: check.rule, rule: check.rule, value });
  }
  return value;
}

/** 统一社会信用代码 (GB 32100-2015, SPEC §2): rejects anything that is not a valid code, naming the rule it breaks. */
export const CreditCodeScalar = new GraphQLScalarType({
  name: 'CreditCode',
  description: '统一社会信用代码（GB 32100-2015，18 位，含校验码）/ Unified social credit code (GB 32100-2015, 18 characters with check character)',
  serialize: (value) => value,
  parseValue: parseCreditCode,
  parseLiteral: (ast: ValueNode) => parseCreditCode(ast.kind === Kind.STRING ? ast.value : undefined),
});

/**
 * The dates the API accepts. Nothing the programmes record lies outside: institutions founded since 1900, rules
 * and duties within this century. A date beyond is a typo (0202-05-01, 9999-12-31 as "open-ended"), refused
 * rather than stored, and every later computation on it (working days, validity) can rely on the range.
 */
export const DATE_RANGE = Object.freeze({ from: '1900-01-01', to: '2099-12-31' });

/** A date as the `Date` scalar takes it (spreadsheet imports read dates with it too). */
export function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !parseIsoDate(value)) {
    const shown = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
    throw badInput(
      { zh: `日期格式应为 YYYY-MM-DD 且真实存在：${shown}`, en: `A date must be a real calendar date in YYYY-MM-DD form: ${shown}` },
      { reason: 'INVALID_DATE', value: shown },
    );
  }
  if (value < DATE_RANGE.from || value > DATE_RANGE.to) {
    throw badInput(
      { zh: `日期超出可接受范围（${DATE_RANGE.from} 至 ${DATE_RANGE.to}）：${value}`, en: `A date must lie from ${DATE_RANGE.from} to ${DATE_RANGE.to}: ${value}` },
      { reason: 'DATE_OUT_OF_RANGE', value, from: DATE_RANGE.from, to: DATE_RANGE.to },
    );
  }
  return value;
}

/** A calendar date (YYYY-MM-DD, China time), never a timestamp: the rules count days, not instants. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: '日期（YYYY-MM-DD，北京时间）/ Calendar date (YYYY-MM-DD, China time)',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast: ValueNode) => parseDate(ast.kind === Kind.STRING ? ast.value : print(ast)),
});
