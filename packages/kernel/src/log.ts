import pino from 'pino';
import { requestTrace } from './request-context';

/**
 * Structured JSON logs (one object a line) that operators' collectors read as they are. Every line written while
 * a request is handled carries its `requestId` (read from the request's trace, request-context.ts): the gateway
 * sends its id to each subgraph (`x-request-id`), so one id finds a request's lines in every process.
 */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  base: { service: process.env.SERVICE_NAME ?? 'sme' },
  timestamp: pino.stdTimeFunctions.isoTime,
  // a new object each time: pino merges the line's own fields into it
  mixin: () => {
    const trace = requestTrace.getStore();
    return trace ? { requestId: trace.requestId } : {};
  },
});

export type Logger = typeof log;
