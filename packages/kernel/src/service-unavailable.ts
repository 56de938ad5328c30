import { GraphQLError } from 'graphql';

/**
 * A part of the system that cannot be reached right now: the database, seen from a subgraph, or a subgraph,
 * seen from the gateway. It is not a refusal (SPEC §2 codes are for those: nothing about the request is
 * wrong) and not a bug (INTERNAL_SERVER_ERROR): the same request can succeed once the part is back. Clients
 * switch on this one code to say "temporarily unavailable, retry", and read `reason` and `serviceName` for
 * which part is missing. A write answered this way did not complete: refused before it started, it changed
 * nothing; cut off mid-way, it may have committed, which is what an Idempotency-Key on the retry is for.
 */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

export const UnavailableReason = {
  /** The subgraph's PostgreSQL does not answer (down, restarting, refusing connections). */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  /** The gateway could not reach the subgraph that owns the fields (process down, connection refused or cut). */
  SUBGRAPH_UNREACHABLE: 'SUBGRAPH_UNREACHABLE',
} as const;

/** Socket-level failures: nothing answered, or the connection was cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET']);

/**
 * PostgreSQL's own words for "not now": connection exceptions (class 08), the server shutting down or starting
 * (57P01-57P03), too many connections (53300).
 */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123]|53300)$/;

/** node-postgres and knex say it in a message only. */
const UNAVAILABLE_MESSAGES = /Connection terminated|Connection ended unexpectedly|server closed the connection unexpectedly|Client has encountered a connection error|not queryable|timeout exceeded when trying to connect|Timeout acquiring a connection|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command|is not currently accepting connections/i;

/** The error and what it wraps (MikroORM's `previous`, knex's and fetch's `cause`, GraphQL's `originalError`). */
function* chain(error: unknown): Generator<Record<string, unknown>> {
  let current = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 8; depth++) {
    const e = current as Record<string, unknown>;
    yield e;
    current = e.previous ?? e.cause ?? e.originalError;
  }
}

/** Whether `error` says the database (or a network peer) could not be reached, rather than refusing the request. */
export function isUnavailableFailure(error: unknown): boolean {
  for (const e of chain(error)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_SQLSTATES.test(String(e.sqlState ?? ''))) return true;
    if (e.name === 'KnexTimeoutError' || e.name === 'ConnectionException') return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

const texts = {
  database: { zh: '数据库暂时无法访问，本次操作未完成，请稍后重试', en: 'The database cannot be reached right now; the operation did not complete, try again shortly' },
  subgraph: (serviceName: string) => ({
    zh: `子图 ${serviceName} 暂时无法访问，其字段暂缺（为空），其余数据照常返回，请稍后重试`,
    en: `Subgraph ${serviceName} cannot be reached right now; its fields are missing (null), the rest of the data is complete; try again shortly`,
  }),
};

/** What a subgraph answers for an operation that failed because its database is unreachable. */
export function databaseUnavailableExtensions() {
  return {
    message: `${texts.database.zh} / ${texts.database.en}`,
    extensions: { code: SERVICE_UNAVAILABLE, reason: UnavailableReason.DATABASE_UNAVAILABLE, messageZh: texts.database.zh, messageEn: texts.database.en },
  };
}

/** What the gateway reports for the fields of a subgraph it could not reach (no stack, no internal address). */
export function subgraphUnavailableError(serviceName: string): GraphQLError {
  const text = texts.subgraph(serviceName);
  return new GraphQLError(`${text.zh} / ${text.en}`, {
    extensions: { code: SERVICE_UNAVAILABLE, reason: UnavailableReason.SUBGRAPH_UNREACHABLE, serviceName, messageZh: text.zh, messageEn: text.en },
  });
}
