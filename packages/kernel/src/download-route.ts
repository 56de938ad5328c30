import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, ErrorCode, findDomainError } from './errors';
import { requestIdOf, sendJson, type Route } from './http-server';
import { requestTrace, sqlStatementsHeaderOn, type RequestTrace } from './request-context';
import { sendRouteFailure } from './route-failure';

/**
 * Files a subgraph serves beside `/graphql` (the tables the guidelines ask units to send, as spreadsheets).
 * They live under `/exports/` on the subgraph, and the gateway serves them at `/exports/<subgraph>/…`, so a
 * client needs no subgraph address.
 */
export const EXPORTS_PREFIX = '/exports/';

/** A file to send: its bytes, its type and the name the browser saves it under. */
export interface Download {
  body: Buffer;
  contentType: string;
  /** The name in full (Chinese allowed), sent as the RFC 5987 `filename*`. */
  fileName: string;
  /** An ASCII name for clients that do not read `filename*`. */
  asciiFileName: string;
}

/** Makes the file of a GET request from its query string, as the caller the context names. */
export type DownloadHandler<Context> = (query: URLSearchParams, context: Context) => Promise<Download>;

/** The gateway-relative path of a subgraph's export, as GraphQL types offer it to clients. */
export function gatewayExportPath(subgraph: string, file: string, params: Record<string, string | number>): string {
  const search = new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, String(value)]));
  return `${EXPORTS_PREFIX}${subgraph}/${file}?${search}`;
}

/** RFC 5987 `value-chars`: UTF-8, percent-encoded, where `encodeURIComponent` leaves ' ( ) * as they are. */
const rfc5987 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `attachment` with both names (RFC 6266 §4.3: clients that read `filename*` prefer it). */
export function attachmentDisposition(fileName: string, asciiFileName: string): string {
  const ascii = asciiFileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

/** The HTTP status of a refusal: what a plain HTTP client (a browser download) can act on. */
const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  INVALID_CREDIT_CODE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NOT_ELIGIBLE: 422,
  INVALID_TRANSITION: 422,
  DEADLINE_PASSED: 422,
  REENTRY_BANNED: 422,
};

export const httpStatusOf = (code: ErrorCode): number => STATUS[code];

/** The body of a refused request: the shape GraphQL errors have, so clients read one format. */
export function sendRefusal(res: ServerResponse, error: DomainError): void {
  const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
  sendJson(res, httpStatusOf(error.code), { errors: [{ message: error.message, extensions }] });
}

/**
 * A GET route that answers with a file. The caller is authenticated and given an EntityManager fork by
 * `context`, exactly as for `/graphql`; a refusal anywhere (a bad token, a permission, an input) is answered
 * with its HTTP status and a `{ errors: [{ message, extensions: { code } }] }` body; anything unforeseen is
 * logged and answered as an internal error, never with its details.
 */
export function downloadRoute<Context>(handler: DownloadHandler<Context>, context: (req: IncomingMessage, trace: RequestTrace) => Promise<Context>): Route {
  return async (req, res) => {
    const trace: RequestTrace = requestTrace.getStore() ?? { requestId: requestIdOf(req), sqlStatements: 0 };
    res.setHeader('x-request-id', trace.requestId);
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      sendJson(res, 405, { errors: [{ message: '只支持 GET 请求 / Only GET is supported', extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'METHOD_NOT_ALLOWED' } }] });
      return;
    }
    await requestTrace.run(trace, async () => {
      let file: Download;
      try {
        const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
        file = await handler(query, await context(req, trace));
      } catch (error) {
        const refusal = findDomainError(error);
        if (refusal) return sendRefusal(res, refusal);
        return sendRouteFailure(res, error, 'download', req.url);
      }
      res.writeHead(200, {
        'content-type': file.contentType,
        'content-length': String(file.body.length),
        'content-disposition': attachmentDisposition(file.fileName, file.asciiFileName),
        // restricted data: no shared cache keeps a copy
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        ...(sqlStatementsHeaderOn() ? { 'x-sql-statements': String(trace.sqlStatements) } : {}),
      });
      res.end(file.body);
    });
  };
}
