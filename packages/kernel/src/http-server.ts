import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { requestTrace, type RequestTrace } from './request-context';
import { log } from './log';

/** A request larger than this is refused before parsing (document-size abuse). */
export const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 1_000_000);

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** The request id a caller sent (the gateway forwards its own), or a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Bridges Node's http server to Apollo Server (its documented integration API), so the gateway and the
 * subgraphs share one small server with their own extra routes (`/healthz`, `/readyz`, the explorer).
 * Each request runs inside a `RequestTrace` that counts its SQL statements; the count goes back in the
 * `x-sql-statements` header outside production so tests and the benchmark can read it.
 */
export function graphqlHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: (req: IncomingMessage, trace: RequestTrace) => Promise<TContext>,
): Route {
  return async (req, res) => {
    const trace: RequestTrace = { requestId: requestIdOf(req), sqlStatements: 0 };
    await requestTrace.run(trace, async () => {
      const raw = req.method === 'POST' ? await readBody(req) : '';
      if (raw === null) {
        sendJson(res, 413, { errors: [{ message: '请求过大 / Request body too large', extensions: { code: 'BAD_USER_INPUT', reason: 'REQUEST_TOO_LARGE', limitBytes: MAX_BODY_BYTES } }] });
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
      const result = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: () => context(req, trace),
      });
      for (const [key, value] of result.headers) res.setHeader(key, value);
      res.setHeader('x-request-id', trace.requestId);
      if (process.env.NODE_ENV !== 'production') res.setHeader('x-sql-statements', String(trace.sqlStatements));
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

/** The route for a path: its exact route, else the longest `/prefix/*` route it lies under. */
function routeFor(routes: Record<string, Route>, path: string): Route | undefined {
  if (routes[path]) return routes[path];
  const prefixes = Object.keys(routes).filter((key) => key.endsWith('/*') && path.startsWith(key.slice(0, -1)));
  const longest = prefixes.sort((a, b) => b.length - a.length)[0];
  return longest ? routes[longest] : undefined;
}

/**
 * A server with exact-path routes, and `/prefix/*` routes for everything beneath a prefix (the gateway's
 * `/exports/*`); anything else is 404. Errors are logged, never sent as stack traces.
 */
export function createHttpServer(routes: Record<string, Route>): http.Server {
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routeFor(routes, path);
    try {
      if (!route) return sendJson(res, 404, { error: 'not found' });
      await route(req, res);
    } catch (error) {
      log.error({ err: error, path }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: '内部错误 / Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  });
  server.keepAliveTimeout = 65_000; // longer than the gateway's idle sockets, so reused connections are not cut mid-request
  server.headersTimeout = 66_000;
  return server;
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
