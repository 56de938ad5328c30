import type { ServerResponse } from 'node:http';
import { sendJson } from './http-server';
import { log } from './log';
import { databaseUnavailableExtensions, isUnavailableFailure } from './service-unavailable';

/**
 * The answer of a plain HTTP route (a download, an upload) to a failure that is not a refusal: the database
 * unreachable is 503 SERVICE_UNAVAILABLE, retryable, as a GraphQL field says it; anything else is a bug, logged
 * with its stack and answered 500 without one.
 */
export function sendRouteFailure(res: ServerResponse, error: unknown, what: string, path: string | undefined): void {
  if (isUnavailableFailure(error)) {
    log.warn({ err: error, path }, `${what}: database unavailable`);
    return sendJson(res, 503, { errors: [databaseUnavailableExtensions()] });
  }
  log.error({ err: error, path }, `${what} failed`);
  sendJson(res, 500, { errors: [{ message: '内部错误 / Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}
