import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { checkCreditCode } from './credit-code';
import { DomainError, ErrorCode, badInput } from './errors';
import { parseIsoDate } from './dates';

function parseCreditCode(value: unknown): string {
  if (typeof value !== 'string') {
    throw new DomainError(ErrorCode.INVALID_CREDIT_CODE, { zh: '统一社会信用代码必须是字符串', en: 'A credit code must be a string' }, { rule: 'LENGTH' });
  }
  const check = checkCreditCode(value);
  if (!check.valid) {
    throw new DomainError(ErrorCode.INVALID_CREDIT_CODE, { zh: check.messageZh!, en: check.messageEn! }, { rule: check.rule, value });
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

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !parseIsoDate(value)) {
    throw badInput(
      { zh: `日期格式应为 YYYY-MM-DD 且真实存在：${String(value)}`, en: `A date must be a real calendar date in YYYY-MM-DD form: ${String(value)}` },
      { reason: 'INVALID_DATE', value: String(value) },
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
  parseLiteral: (ast: ValueNode) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
