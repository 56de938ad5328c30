import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { EXPORTS_PREFIX, IMPORTS_PREFIX, ErrorCode, log, requestIdOf, sendJson, type Route } from '@sme/kernel';

/** Response headers that describe the file; hop-by-hop and server headers stay behind. */
const PASSED_ON = ['content-type', 'content-length', 'content-disposition', 'cache-control', 'x-content-type-options', 'x-sql-statements', 'x-request-id', 'allow'];

/** How long a subgraph may take to start answering a download (or an import, which it answers once it has committed). */
const UPSTREAM_TIMEOUT_MS = Number(process.env.EXPORT_TIMEOUT_MS ?? 60_000);

/** `<prefix><subgraph>/<file>`: names only, no `.`/`..` segment and no escapes that could become one. */
const filePath = (prefix: string) => new RegExp(`^${prefix}([a-z][a-z0-9-]*)/((?:[A-Za-z0-9_-][A-Za-z0-9._-]*)(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*)$`);

/** Request headers an upload passes on: what the subgraph needs to read the body. */
const UPLOAD_HEADERS = ['content-type', 'content-length', 'transfer-encoding'];

function notFound(res: http.ServerResponse, text: { zh: string; en: string }, details: Record<string, unknown>): void {
  sendJson(res, 404, { errors: [{ message: `${text.zh} / ${text.en}`, extensions: { code: ErrorCode.NOT_FOUND, messageZh: text.zh, messageEn: text.en, ...details } }] });
}

/**
 * Serves the subgraphs' files at `GET /exports/<subgraph>/<file>` (a subgraph's `/exports/<file>`), so a
 * client downloads with the gateway address and token it already uses. The subgraph authenticates the
 * forwarded token and checks permissions as it does for GraphQL; the body streams through unbuffered.
 * `graphqlUrls` is the subgraph name → GraphQL URL map the gateway serves with; a subgraph's files lie
 * beside its `/graphql`.
 */
export const exportProxy = (graphqlUrls: ReadonlyMap<string, string>): Route => subgraphFileProxy(graphqlUrls, EXPORTS_PREFIX, ['GET']);

/**
 * Forwards `/imports/<subgraph>/<path>` to the subgraph's `/imports/<path>`: an upload (POST, the file as the
 * body, streamed through unbuffered; the subgraph enforces its size limit) or a template (GET), with the token.
 */
export const importProxy = (graphqlUrls: ReadonlyMap<string, string>): Route => subgraphFileProxy(graphqlUrls, IMPORTS_PREFIX, ['GET', 'POST']);

function subgraphFileProxy(graphqlUrls: ReadonlyMap<string, string>, prefix: string, methods: readonly ('GET' | 'POST')[]): Route {
  const pathPattern = filePath(prefix);
  return async (req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    const method = methods.find((m) => m === req.method);
    if (!method) {
      res.setHeader('allow', methods.join(', '));
      sendJson(res, 405, { errors: [{ message: `只支持 ${methods.join('、')} 请求 / Only ${methods.join(' and ')} ${methods.length > 1 ? 'are' : 'is'} supported`, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'METHOD_NOT_ALLOWED' } }] });
      return;
    }
    const url = req.url ?? '';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const search = queryAt < 0 ? '' : url.slice(queryAt);
    const match = pathPattern.exec(path);
    if (!match) {
      return prefix === EXPORTS_PREFIX
        ? notFound(res, { zh: `没有这个下载：${path}`, en: `No such download: ${path}` }, { reason: 'UNKNOWN_EXPORT' })
        : notFound(res, { zh: `没有这个导入地址：${path}`, en: `No such import path: ${path}` }, { reason: 'UNKNOWN_IMPORT' });
    }
    const [, subgraph, file] = match;
    const graphqlUrl = graphqlUrls.get(subgraph);
    if (!graphqlUrl) return notFound(res, { zh: `没有这个子图：${subgraph}`, en: `No such subgraph: ${subgraph}` }, { reason: 'UNKNOWN_SUBGRAPH', subgraph });

    const target = new URL(`.${prefix}${file}${search}`, new URL('./', graphqlUrl));
    const headers: http.OutgoingHttpHeaders = { 'x-request-id': requestId, accept: req.headers.accept ?? '*/*' };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    if (method === 'POST') for (const name of UPLOAD_HEADERS) if (req.headers[name] !== undefined) headers[name] = req.headers[name];

    await new Promise<void>((resolve) => {
      const upstream = (target.protocol === 'https:' ? https : http).request(target, { method, headers, timeout: UPSTREAM_TIMEOUT_MS }, (response) => {
        const passed: http.OutgoingHttpHeaders = {};
        for (const name of PASSED_ON) if (response.headers[name] !== undefined) passed[name] = response.headers[name];
        res.writeHead(response.statusCode ?? 502, passed);
        pipeline(response, res)
          .catch((error) => log.warn({ err: error, subgraph, requestId }, 'download stream ended early'))
          .finally(resolve);
      });
      upstream.on('timeout', () => upstream.destroy(new Error('subgraph did not answer in time')));
      upstream.on('error', (error) => {
        if (res.destroyed) return resolve(); // the client left first: nothing to answer
        log.error({ err: error, subgraph, requestId }, 'download failed at the subgraph');
        if (!res.headersSent) {
          sendJson(res, 502, { errors: [{ message: `子图 ${subgraph} 暂不可用 / Subgraph ${subgraph} is unavailable`, extensions: { code: 'SUBGRAPH_ERROR', subgraph } }] });
        } else {
          res.destroy();
        }
        resolve();
      });
      // a client that goes away before the end stops the subgraph's work too
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      if (method === 'POST') {
        // the upload streams through; a client that stops sending ends the subgraph's request too
        pipeline(req, upstream).catch((error) => upstream.destroy(error));
      } else {
        upstream.end();
      }
    });
  };
}
