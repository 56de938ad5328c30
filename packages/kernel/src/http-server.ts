import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { requestTrace, sqlStatementsHeaderOn, type RequestTrace } from './request-context';
import { log } from './log';
import { logRequest } from './access-log';
import type { RequestMetrics } from './request-metrics';

/** A request larger than this is refused before parsing (document-size abuse). */
export const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 1_000_000);

/**
 * The longest request target (path and query string) a GraphQL route accepts: the GET form carries its
 * document in the URL, so this is the GET path's document-size limit. 8 KiB is what common proxies pass, and
 * it lies below Node's own 16 KiB header limit, so the refusal is this clear one rather than the parser's.
 */
export const MAX_URL_BYTES = Number(process.env.MAX_URL_BYTES ?? 8192);

/** The parts of a GraphQL HTTP request that an admission step may rewrite before Apollo runs it. */
export interface GraphQLHttpRequest {
  method: string;
  headers: HeaderMap;
  search: string;
  body: unknown;
}

/** A request refused before anything runs: the HTTP status and the errors, each with its code and reason. */
export interface GraphQLRefusal {
  status: number;
  errors: readonly GraphQLError[];
}

/**
 * Runs after the body is read and parsed and before Apollo sees the request (the gateway's batch, persisted
 * operation and cost checks): it returns the request to run, possibly rewritten, or a refusal, answered at once
 * so that a refused request runs nothing.
 */
export type GraphQLAdmission = (request: GraphQLHttpRequest, req: IncomingMessage) => Promise<GraphQLHttpRequest | GraphQLRefusal>;

/** A refusal as a GraphQL response body (the `http` extension is for Apollo, not for clients). */
function refusalBody(refusal: GraphQLRefusal) {
  const errors = refusal.errors.map((error) => {
    const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
    return { message: error.message, extensions };
  });
  return { errors };
}

function sendGraphQLRefusal(res: ServerResponse, refusal: GraphQLRefusal): void {
  sendJson(res, refusal.status, refusalBody(refusal));
}

/** A request refused for its size, by HTTP status: the body (413), the URL (414), the headers (431). */
function sizeRefusal(status: 413 | 414 | 431, limitBytes?: number): GraphQLRefusal {
  const texts = {
    413: { reason: 'REQUEST_TOO_LARGE', zh: '请求过大', en: 'Request body too large' },
    414: { reason: 'URL_TOO_LONG', zh: '请求地址过长（GET 请求请改用 POST）', en: 'Request URL too long (send the operation by POST)' },
    431: { reason: 'HEADERS_TOO_LARGE', zh: '请求头过大', en: 'Request headers too large' },
  }[status];
  const error = new GraphQLError(`${texts.zh} / ${texts.en}`, {
    extensions: { code: 'BAD_USER_INPUT', reason: texts.reason, ...(limitBytes === undefined ? {} : { limitBytes }), messageZh: texts.zh, messageEn: texts.en },
  });
  return { status, errors: [error] };
}

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * The id of the request being handled (the one `createHttpServer` gave it, so every route and log line of one
 * request agrees), else the id the caller sent (the gateway forwards its own to each subgraph), else a new one.
 */
export function requestIdOf(req: IncomingMessage): string {
  const current = requestTrace.getStore();
  if (current) return current.requestId;
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
}

/**
 * The body's bytes, or null past `limitBytes`. Past the limit the rest of the body is read and dropped, so that a
 * client still sending reads the 413: leaving the loop early destroys the request, and with it the socket, and the
 * client sees a reset connection instead. A body far past the limit (16 times) is not worth draining: the
 * connection is cut there.
 */
export async function readBodyBytes(req: IncomingMessage, limitBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 16 * limitBytes) return null;
    if (size <= limitBytes) chunks.push(chunk);
  }
  return size > limitBytes ? null : Buffer.concat(chunks);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  return (await readBodyBytes(req, MAX_BODY_BYTES))?.toString('utf8') ?? null;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Bridges Node's http server to Apollo Server (its documented integration API), so the gateway and the
 * subgraphs share one small server with their own extra routes (`/healthz`, `/readyz`, the explorer).
 * Each request runs inside a `RequestTrace` that counts its SQL statements; the count goes back in the
 * `x-sql-statements` header (outside production, or SQL_STATEMENTS_HEADER=on) for tests and the benchmark.
 */
export function graphqlHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: (req: IncomingMessage, trace: RequestTrace) => Promise<TContext>,
  admit?: GraphQLAdmission,
): Route {
  return async (req, res) => {
    const trace: RequestTrace = requestTrace.getStore() ?? { requestId: requestIdOf(req), sqlStatements: 0 };
    // a GraphQL request whose operation never resolved (refused before Apollo, unparsable) counts as `other`
    trace.operations ??= [];
    await requestTrace.run(trace, async () => {
      // Node hands the request target over byte for byte (latin1), so its length is its size in bytes.
      if ((req.url ?? '').length > MAX_URL_BYTES) {
        res.setHeader('x-request-id', trace.requestId);
        sendGraphQLRefusal(res, sizeRefusal(414, MAX_URL_BYTES));
        return;
      }
      const raw = req.method === 'POST' ? await readBody(req) : '';
      if (raw === null) {
        res.setHeader('x-request-id', trace.requestId);
        sendGraphQLRefusal(res, sizeRefusal(413, MAX_BODY_BYTES));
        return;
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown = raw;
      if (raw && (headers.get('content-type') ?? '').includes('application/json')) {
        try {
          body = JSON.parse(raw);
        } catch {
          sendJson(res, 400, { errors: [{ message: '请求体不是合法 JSON / The request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_JSON' } }] });
          return;
        }
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      let httpGraphQLRequest: GraphQLHttpRequest = { method: req.method ?? 'GET', headers, search: url.search, body };
      if (admit) {
        const admitted = await admit(httpGraphQLRequest, req);
        if ('errors' in admitted) {
          res.setHeader('x-request-id', trace.requestId);
          sendGraphQLRefusal(res, admitted);
          return;
        }
        httpGraphQLRequest = admitted;
      }
      const result = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: () => context(req, trace),
      });
      for (const [key, value] of result.headers) res.setHeader(key, value);
      res.setHeader('x-request-id', trace.requestId);
      if (sqlStatementsHeaderOn()) res.setHeader('x-sql-statements', String(trace.sqlStatements));
      res.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        res.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    });
  };
}

/** The route for a path, by its key: its exact route, else the longest `/prefix/*` route it lies under. */
function routeKeyFor(routes: Record<string, Route>, path: string): string | undefined {
  if (routes[path]) return path;
  const prefixes = Object.keys(routes).filter((key) => key.endsWith('/*') && path.startsWith(key.slice(0, -1)));
  return prefixes.sort((a, b) => b.length - a.length)[0];
}

/** Routes that monitoring calls every few seconds: logged at debug level and not counted in the request metrics. */
const PROBE_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

export interface HttpServerOptions {
  /** Where each request is counted (served at `/metrics`); none: not counted. */
  metrics?: RequestMetrics;
}

/**
 * A server with exact-path routes, and `/prefix/*` routes for everything beneath a prefix (the gateway's
 * `/exports/*`); anything else is 404. Errors are logged, never sent as stack traces. Each request runs in its
 * `RequestTrace` (request-context.ts) under its request id, which the answer echoes in `x-request-id` and every
 * log line written meanwhile carries (log.ts); when it is done it gets one access-log line and is counted.
 */
export function createHttpServer(routes: Record<string, Route>, options: HttpServerOptions = {}): http.Server {
  const server = http.createServer((req, res) => {
    const started = performance.now();
    const path = (req.url ?? '/').split('?')[0];
    const routeKey = routeKeyFor(routes, path);
    const trace: RequestTrace = { requestId: requestIdOf(req), sqlStatements: 0 };
    res.setHeader('x-request-id', trace.requestId);
    return requestTrace.run(trace, async () => {
      try {
        if (!routeKey) return sendJson(res, 404, { error: 'not found' });
        await routes[routeKey](req, res);
      } catch (error) {
        log.error({ err: error, path }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { errors: [{ message: '内部错误 / Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        else res.end();
      } finally {
        const seconds = (performance.now() - started) / 1000;
        const probe = routeKey !== undefined && PROBE_ROUTES.has(routeKey);
        logRequest(req, path, res.statusCode, seconds, trace, probe);
        if (!probe) options.metrics?.observe(routeKey ?? 'unmatched', trace, res.statusCode, seconds);
      }
    });
  });
  server.keepAliveTimeout = 65_000; // longer than the gateway's idle sockets, so reused connections are not cut mid-request
  server.headersTimeout = 66_000;
  server.on('clientError', answerClientError);
  return server;
}

/**
 * A request Node cannot parse never reaches a route, and Node answers it with a bare status line. A listener
 * replaces that answer for every such error: headers (the URL included) over Node's 16 KiB limit get a
 * GraphQL-shaped 431 like the other size refusals, and everything else gets Node's own answer.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // As Node does: answer only while no response has started on this socket.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      const body = JSON.stringify(refusalBody(sizeRefusal(431)));
      socket.write(
        `HTTP/1.1 431 ${http.STATUS_CODES[431]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    } else {
      const status = error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW' ? 413 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      socket.write(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
    }
  }
  socket.destroy(error);
}

export function listen(server: http.Server, port: number, host = process.env.HOST ?? '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}
