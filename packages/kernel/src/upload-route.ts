import type { IncomingMessage } from 'node:http';
import { DomainError, ErrorCode, findDomainError, type Bilingual } from './errors';
import { readBodyBytes, requestIdOf, sendJson, type Route } from './http-server';
import { requestTrace, sqlStatementsHeaderOn, type RequestTrace } from './request-context';
import { sendRefusal } from './download-route';
import { sendRouteFailure } from './route-failure';

/**
 * Files a subgraph takes in beside `/graphql` (the spreadsheets provinces already keep, imported in bulk). They
 * live under `/imports/` on the subgraph, and the gateway forwards `/imports/<subgraph>/…` to them, as it does
 * the downloads under `/exports/`.
 */
export const IMPORTS_PREFIX = '/imports/';

/** How much one upload may carry; operators set them with IMPORT_MAX_BYTES and IMPORT_MAX_ROWS. */
export interface UploadLimits {
  maxBytes: number;
  /** Data rows in one file (the header and empty rows not counted). */
  maxRows: number;
}

const DEFAULT_LIMITS: UploadLimits = { maxBytes: 5_000_000, maxRows: 5000 };

/** The limits from the environment; a malformed value stops the process at startup, never a guess. */
export function uploadLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): UploadLimits {
  const read = (name: string, fallback: number): number => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    if (!/^[1-9][0-9]*$/.test(value)) throw new Error(`${name} must be a positive whole number, got ${JSON.stringify(value)}`);
    return Number(value);
  };
  return { maxBytes: read('IMPORT_MAX_BYTES', DEFAULT_LIMITS.maxBytes), maxRows: read('IMPORT_MAX_ROWS', DEFAULT_LIMITS.maxRows) };
}

/** A received file: its bytes, the type the client declared, the query string, and the limits it must meet. */
export interface Upload {
  body: Buffer;
  contentType: string | null;
  query: URLSearchParams;
  limits: UploadLimits;
}

/** Takes in a file as the caller the context names, and answers with what it did (sent as `{ data }`). */
export type UploadHandler<Context> = (upload: Upload, context: Context) => Promise<Record<string, unknown>>;

/**
 * A refused file with every problem found in it (each a refusal with its own code: a row's line and column in
 * its details), sent as the GraphQL error list, one error per problem. `status` is 400 when the file as a
 * whole cannot be read as asked (format, columns, size) and 422 when it was read but rows are refused.
 */
export class FileRefusal extends DomainError {
  constructor(
    readonly status: 400 | 422,
    readonly problems: readonly DomainError[],
    text: Bilingual,
    /** Sent as the response's top-level `extensions` (how many rows were read and refused). */
    readonly summary: Record<string, unknown> = {},
  ) {
    super(ErrorCode.BAD_USER_INPUT, text, { reason: status === 400 ? 'INVALID_FILE' : 'INVALID_ROWS', ...summary });
  }
}

const errorJson = (error: DomainError) => {
  const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
  return { message: error.message, extensions };
};

/**
 * A POST route that takes a file as the request body. The body is read up to `limits.maxBytes` (past it: 413,
 * reason REQUEST_TOO_LARGE, and the handler never runs); the caller is authenticated and given an EntityManager
 * fork by `context`, exactly as for `/graphql`; a refusal is answered with its HTTP status and the GraphQL
 * error shape (a FileRefusal with each of its problems); anything unforeseen is logged and answered as an
 * internal error, never with its details.
 */
export function uploadRoute<Context>(handler: UploadHandler<Context>, context: (req: IncomingMessage, trace: RequestTrace) => Promise<Context>, limits: UploadLimits): Route {
  return async (req, res) => {
    const trace: RequestTrace = { requestId: requestIdOf(req), sqlStatements: 0 };
    res.setHeader('x-request-id', trace.requestId);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      sendJson(res, 405, { errors: [{ message: '只支持 POST 请求（请求体为文件）/ Only POST is supported (the file is the request body)', extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'METHOD_NOT_ALLOWED' } }] });
      return;
    }
    const body = await readBodyBytes(req, limits.maxBytes);
    if (body === null) {
      const zh = `文件过大：最多 ${limits.maxBytes} 字节，请拆分后分批导入`;
      const en = `The file is too large: at most ${limits.maxBytes} bytes; split it and import the parts`;
      sendJson(res, 413, { errors: [{ message: `${zh} / ${en}`, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'REQUEST_TOO_LARGE', limitBytes: limits.maxBytes, messageZh: zh, messageEn: en } }] });
      return;
    }
    await requestTrace.run(trace, async () => {
      let data: Record<string, unknown>;
      try {
        const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
        const contentType = typeof req.headers['content-type'] === 'string' ? req.headers['content-type'] : null;
        data = await handler({ body, contentType, query, limits }, await context(req, trace));
      } catch (error) {
        if (error instanceof FileRefusal) {
          return sendJson(res, error.status, { errors: error.problems.map(errorJson), extensions: error.summary });
        }
        const refusal = findDomainError(error);
        if (refusal) return sendRefusal(res, refusal);
        return sendRouteFailure(res, error, 'upload', req.url);
      }
      if (sqlStatementsHeaderOn()) res.setHeader('x-sql-statements', String(trace.sqlStatements));
      sendJson(res, 200, { data });
    });
  };
}
