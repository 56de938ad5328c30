import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, findDomainError } from './errors';
import { log } from './log';
import { databaseUnavailableExtensions, isUnavailableFailure } from './service-unavailable';

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * Apollo's own request-shape codes (and the federation gateway's INVALID_GRAPHQL), which clients see as
 * BAD_USER_INPUT with the original as `reason`; each with the Chinese half of its message.
 */
const REQUEST_SHAPE_CODES: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: '请求文档有语法错误',
  GRAPHQL_VALIDATION_FAILED: '请求文档与接口定义不符',
  BAD_REQUEST: '请求格式不正确',
  OPERATION_RESOLUTION_FAILURE: '找不到要执行的操作',
  PERSISTED_QUERY_NOT_FOUND: '持久化查询不存在',
  PERSISTED_QUERY_NOT_SUPPORTED: '不支持持久化查询',
  INVALID_GRAPHQL: '请求文档不合法',
};

/**
 * graphql-js refuses a variable that does not fit its declared type (Apollo codes it BAD_USER_INPUT, with no
 * reason): the stable reason is read from graphql-js's wording, first match wins. A refusal that none of these
 * describe is INVALID_VARIABLE.
 */
const VARIABLE_REFUSALS: readonly { reason: string; pattern: RegExp; zh: string }[] = [
  { reason: 'INVALID_ENUM_VALUE', pattern: /does not exist in ".+" enum|Enum ".+" cannot represent/, zh: '枚举值不存在' },
  { reason: 'INT_OUT_OF_RANGE', pattern: /Int cannot represent non 32-bit signed integer value/, zh: '整数超出 32 位有符号整数范围' },
  { reason: 'REQUIRED_VALUE_MISSING', pattern: /of required type ".+" was not provided|of non-null type ".+" must not be null|Expected non-nullable type ".+" not to be null/, zh: '缺少必填值' },
  { reason: 'UNKNOWN_INPUT_FIELD', pattern: /Field ".+" is not defined by type/, zh: '输入中含有未定义的字段' },
  { reason: 'WRONG_TYPE', pattern: /cannot represent|Expected type ".+" to be an object/, zh: '值的类型不正确' },
];

const INVALID_VARIABLE_ZH = '变量值不合法';

function variableRefusal(message: string): { reason: string; zh: string } {
  const found = VARIABLE_REFUSALS.find((r) => r.pattern.test(message));
  return found ? { reason: found.reason, zh: found.zh } : { reason: 'INVALID_VARIABLE', zh: INVALID_VARIABLE_ZH };
}

/** graphql-js and Apollo word their refusals in English only: the Chinese half goes in front. */
const bilingualOf = (zh: string, en: string) => ({ message: `请求不合法：${zh} / Invalid request: ${en}`, messageZh: `请求不合法：${zh}`, messageEn: en });

/**
 * Every error leaves with a stable SPEC §2 code and no stack trace. A DomainError anywhere in the chain
 * (a resolver, a scalar rejecting a literal or a variable) gives its code and details. Apollo's and graphql-js's
 * refusals of the request itself (syntax, validation, variables, HTTP shape) become BAD_USER_INPUT with a
 * stable `reason` and a message in both languages. With `maskUnexpected` (subgraphs), anything unforeseen is
 * logged and answered as an internal error, so SQL or internals never reach a client.
 */
export function formatErrorWith(options: { maskUnexpected: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    const domain = findDomainError(unwrapResolverError(error)) ?? findDomainError(error);
    if (domain) {
      const { http: _http, ...extensions } = domain.extensions as Record<string, unknown>;
      return { ...base, extensions };
    }
    const { stacktrace: _stack, exception: _exception, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    const code = String(extensions.code ?? '');
    // Already bilingual (a gateway limit, a subgraph's refusal passed on): as it is.
    const chinese = /[\u4e00-\u9fff]/.test(formatted.message);
    if (code === ErrorCode.BAD_USER_INPUT) {
      if (chinese && extensions.reason) return { ...base, extensions };
      const refusal = extensions.reason ? { reason: String(extensions.reason), zh: INVALID_VARIABLE_ZH } : variableRefusal(formatted.message);
      const { message, ...texts } = bilingualOf(refusal.zh, formatted.message);
      return { ...base, message: chinese ? formatted.message : message, extensions: { ...extensions, reason: refusal.reason, ...texts } };
    }
    if (PUBLIC_CODES.has(code)) return { ...base, extensions };
    if (code in REQUEST_SHAPE_CODES) {
      const { message, ...texts } = bilingualOf(REQUEST_SHAPE_CODES[code], formatted.message);
      return { ...base, message, extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT, reason: code, ...texts } };
    }
    // the database is down or restarting: a clear, retryable answer rather than a masked internal error
    if (options.maskUnexpected && isUnavailableFailure(unwrapResolverError(error))) {
      log.warn({ err: unwrapResolverError(error), path: formatted.path }, 'database unavailable');
      return { ...base, ...databaseUnavailableExtensions() };
    }
    if (!options.maskUnexpected) return { ...base, extensions };
    log.error({ err: unwrapResolverError(error), path: formatted.path }, 'unexpected error');
    return { ...base, message: '内部错误 / Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
