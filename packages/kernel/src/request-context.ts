import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from './auth';

/**
 * What every resolver gets: the caller, a fresh unit of work (one MikroORM EntityManager fork per request,
 * so no state leaks between requests) and the request's DataLoaders built on that fork.
 */
export interface RequestContext<Loaders = unknown> {
  requestId: string;
  user: AuthUser | null;
  em: EntityManager;
  loaders: Loaders;
  /** Called after a mutation commits events, so the outbox relay sends them at once. */
  eventsCommitted: () => void;
}

/** Per-request bookkeeping that lower layers (the SQL statement counter) reach without a parameter. */
export interface RequestTrace {
  requestId: string;
  sqlStatements: number;
  /** The operations Apollo resolved for this request (a batch has several; null for an anonymous one), for the access log and metrics. */
  operations?: (string | null)[];
  /** How the operations went, the worst first (operation-outcome.ts); unset when Apollo never answered. */
  outcome?: RequestOutcome;
}

/** A request's result as operators count it: answered, refused for the caller's fault, or failed on ours. */
export type RequestOutcome = 'success' | 'client_error' | 'server_error';

export const requestTrace = new AsyncLocalStorage<RequestTrace>();

/**
 * Whether an answer says how many SQL statements it took (`x-sql-statements`): outside production, where tests
 * read it, and in production only when SQL_STATEMENTS_HEADER=on (the benchmark, which runs production
 * settings and reports statements per operation). The count is kept either way; only the header is withheld.
 */
export function sqlStatementsHeaderOn(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.SQL_STATEMENTS_HEADER) return env.SQL_STATEMENTS_HEADER === 'on';
  return env.NODE_ENV !== 'production';
}
