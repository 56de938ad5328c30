import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, findDomainError } from './errors';
import { log } from './log';

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));

/** Apollo's own request-shape codes, which clients see as BAD_USER_INPUT with the original as `reason`. */
const REQUEST_SHAPE_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/**
 * Every error leaves with a stable SPEC §2 code and no stack trace. A DomainError anywhere in the chain
 * (a resolver, a scalar rejecting a literal or a variable) gives its code and details. With
 * `maskUnexpected` (subgraphs), anything unforeseen is logged and answered as an internal error, so SQL or
 * internals never reach a client.
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
    // graphql-js words its own refusals (unknown field, wrong enum value) in English only: give them the Chinese half.
    const message = /[\u4e00-\u9fff]/.test(formatted.message) ? formatted.message : `请求不合法 / Invalid request: ${formatted.message}`;
    if (code === ErrorCode.BAD_USER_INPUT) return { ...base, message, extensions };
    if (PUBLIC_CODES.has(code)) return { ...base, extensions };
    if (REQUEST_SHAPE_CODES.has(code)) return { ...base, message, extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT, reason: code } };
    if (!options.maskUnexpected) return { ...base, extensions };
    log.error({ err: unwrapResolverError(error), path: formatted.path }, 'unexpected error');
    return { ...base, message: '内部错误 / Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
