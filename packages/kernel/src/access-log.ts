import type { IncomingMessage } from 'node:http';
import { log } from './log';
import type { RequestTrace } from './request-context';

/**
 * One line per request when it is done: method, path (never the query string: a GET carries its document and
 * variables there), the GraphQL operation's name (several for a batch), the status and how long it took. The
 * request id comes with every line written during the request (log.ts), this one included. Monitoring's calls
 * (`/healthz`, `/readyz`, `/metrics`, every few seconds) are logged at debug level, so they do not drown the rest.
 */
export function logRequest(req: IncomingMessage, path: string, status: number, seconds: number, trace: RequestTrace, probe: boolean): void {
  const level = probe ? 'debug' : 'info';
  if (!log.isLevelEnabled(level)) return;
  const operations = trace.operations;
  const operationName = operations === undefined || operations.length === 0 ? undefined : operations.length === 1 ? operations[0] : operations;
  log[level]({ method: req.method, path, operationName, status, durationMs: Math.round(seconds * 10_000) / 10 }, 'request');
}
