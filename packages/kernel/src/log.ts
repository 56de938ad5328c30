import pino from 'pino';

/** Structured JSON logs (one object a line) that operators' collectors read as they are. */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  base: { service: process.env.SERVICE_NAME ?? 'sme' },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type Logger = typeof log;
