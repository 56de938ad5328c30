import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { mayCommit } from './committed-writes';
import { badInput, conflict, type DomainError } from './errors';
import { requestTrace, type RequestContext, type RequestTrace } from './request-context';
import { log } from './log';
import { SERVICE_UNAVAILABLE, databaseUnavailableExtensions, isUnavailableFailure } from './service-unavailable';

/**
 * Idempotency keys. A client that may send a mutation twice (a retry after a timeout, a double click) sends an
 * `Idempotency-Key` header with it; the mutation then takes effect once and every repeat gets the first answer.
 *
 * Each subgraph keeps the keys in its own `idempotency_keys` table, per caller (the token's user id; anonymous
 * callers share one scope, the key alone) and per key. The first request claims the key and runs; its response,
 * success or refusal, is stored. A repeat of the same request replays it without running and says so in the
 * `Idempotent-Replayed: true` header; a repeat while the first still runs waits for it, up to a bound; the key
 * with a different request is refused. A response that failed unexpectedly before anything was committed
 * releases the key, so a retry runs again. Keys expire after 24 hours.
 *
 * Through the gateway a client operation may reach several subgraphs, and one subgraph more than once (the
 * gateway runs root mutation fields in order, one fetch per run of fields of one subgraph). Each subgraph keys
 * what it receives: a `part` is the hash of the document and variables of one fetch, and the gateway also sends
 * the fingerprint of the whole client operation, so a key used again with any change anywhere in the operation is
 * refused by every subgraph it reaches, and two fetches of one operation to one subgraph are two parts of one key.
 * A subgraph never sees a key it was not sent: the same key reused for a mutation of another subgraph is not
 * caught there (the gateway keeps no state).
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Gateway → subgraph: the fingerprint of the client's whole operation. */
export const OPERATION_FINGERPRINT_HEADER = 'idempotency-operation';
/** On a response (subgraph and gateway) whose answer, or part of it, is a stored one. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,100}$/;
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 60 * 60;
/** A part started this long ago and never answered belongs to a process that died (statements time out at 30 s). */
const ABANDONED_AFTER_SECONDS = 10 * 60;
/** How long a repeat waits for the first request still running before CONFLICT (IDEMPOTENCY_WAIT_MS). */
const waitBoundMs = () => Number(process.env.IDEMPOTENCY_WAIT_MS ?? 5000);
const POLL_MS = 50;
/** Written into the waiting poll's SQL, so an operator (or a test) sees in pg_stat_activity who waits. */
export const IDEMPOTENCY_WAIT_MARKER = '/* idempotency-key: waiting for the first request */';

const FINGERPRINT_PATTERN = /^[0-9a-f]{64}$/;

/** Error codes after which a claim is released when nothing was committed. */
const RELEASING_CODES = new Set(['INTERNAL_SERVER_ERROR', SERVICE_UNAVAILABLE]);

/** The hash of one GraphQL request: document, operation name and variables (key order does not matter). */
export function requestFingerprint(request: { query?: string; operationName?: string | null; variables?: Record<string, unknown> | null }): string {
  return createHash('sha256')
    .update(stableStringify({ query: request.query ?? '', operationName: request.operationName ?? null, variables: request.variables ?? {} }))
    .digest('hex');
}

// ---- the gateway's side --------------------------------------------------------------------------------------

interface Headers {
  get(name: string): string | null | undefined;
  set(name: string, value: string): unknown;
}
interface IncomingRequest {
  query?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  http?: { headers: { get(name: string): string | null | undefined } };
}

/** The gateway's response headers per request (its context object), to say that a subgraph replayed. */
const replayHeaders = new WeakMap<object, Headers>();
const fingerprints = new WeakMap<object, string>();

/**
 * For the gateway's subgraph data source (`willSendRequest`): forwards the caller's key, with the fingerprint of
 * the whole operation, on every fetch of the request. A subgraph ignores it on a query.
 */
export function forwardIdempotencyKey(fetch: {
  request: { http?: { headers: Headers } };
  context: object;
  incomingRequestContext?: { request: IncomingRequest; response?: { http?: { headers: Headers } } };
}): void {
  const incoming = fetch.incomingRequestContext;
  const key = incoming?.request.http?.headers.get(IDEMPOTENCY_KEY_HEADER);
  if (!incoming || key == null || !fetch.request.http) return;
  let fingerprint = fingerprints.get(incoming.request);
  if (!fingerprint) fingerprints.set(incoming.request, (fingerprint = requestFingerprint(incoming.request)));
  fetch.request.http.headers.set(IDEMPOTENCY_KEY_HEADER, key);
  fetch.request.http.headers.set(OPERATION_FINGERPRINT_HEADER, fingerprint);
  if (incoming.response?.http) replayHeaders.set(fetch.context, incoming.response.http.headers);
}

/** For the gateway's data source (`didReceiveResponse`): a subgraph that replayed makes the response say so. */
export function passOnIdempotentReplay(response: { http?: { headers: { get(name: string): string | null } } }, context: object): void {
  if (response.http?.headers.get(IDEMPOTENT_REPLAYED_HEADER) === 'true') replayHeaders.get(context)?.set(IDEMPOTENT_REPLAYED_HEADER, 'true');
}

// ---- the subgraph's side -------------------------------------------------------------------------------------

interface StoredResponse {
  status?: number;
  body: FormattedExecutionResult;
}
interface Row {
  operation_hash: string;
  part: { response?: StoredResponse; startedAt?: string } | null;
  live: boolean;
}
type Outcome = { kind: 'claimed' } | { kind: 'replay'; stored: StoredResponse } | { kind: 'refused'; error: DomainError };

export function invalidIdempotencyKey(key: string): DomainError {
  return badInput(
    { zh: 'Idempotency-Key 须为 1–100 个字符，只含字母、数字和 _ . : -', en: 'Idempotency-Key must be 1–100 characters of letters, digits and _ . : -' },
    { reason: 'INVALID_IDEMPOTENCY_KEY', field: 'Idempotency-Key', length: key.length },
  );
}

/**
 * Reusing a key for another request is the client's mistake in what it sent, not a concurrent change: the same
 * request will be refused again however often it is retried (BAD_USER_INPUT, as HTTP 422 in the IETF
 * Idempotency-Key draft). A repeat that comes while the first still runs is a concurrent change: retrying later
 * succeeds (CONFLICT, as 409 in the draft).
 */
export function idempotencyKeyReused(): DomainError {
  return badInput(
    { zh: '该 Idempotency-Key 已用于另一个请求，请为新请求使用新的键', en: 'This Idempotency-Key was used for a different request; use a new key for a new request' },
    { reason: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' },
  );
}

export function idempotencyKeyInProgress(waitedMs: number): DomainError {
  return conflict(
    { zh: '使用该 Idempotency-Key 的请求仍在处理中，请稍后重试', en: 'The request with this Idempotency-Key is still being processed; retry shortly' },
    { reason: 'IDEMPOTENCY_KEY_IN_PROGRESS', waitedMs },
  );
}

const single = (singleResult: FormattedExecutionResult, status?: number, headers = new HeaderMap()): GraphQLResponse => ({ http: { status, headers }, body: { kind: 'single', singleResult } });
const refusal = (error: DomainError): GraphQLResponse => single({ errors: [{ message: error.message, extensions: error.extensions }] });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Apollo Server plugin a subgraph runs (subgraph.ts). Without the header it does nothing, at no cost; with
 * it, a mutation costs two SQL statements more: the claim, and the stored response (a replay: the claim and
 * one read).
 */
export function idempotencyKeysPlugin<TContext extends RequestContext<unknown>>(orm: MikroORM): ApolloServerPlugin<TContext> {
  const knex = orm.em.getConnection().getKnex();
  const table = `"${orm.config.get('schema')}".idempotency_keys`;
  // what each request may have committed, counted as its statements pass (see mayCommit)
  const commits = new WeakMap<RequestTrace, number>();
  knex.on('query', (query: { sql?: string; __knexTxId?: string }) => {
    const trace = requestTrace.getStore();
    if (trace && mayCommit(query)) commits.set(trace, (commits.get(trace) ?? 0) + 1);
  });
  const rows = async <T>(sql: string, bindings: readonly (string | number)[]): Promise<T[]> => (await knex.raw(sql, bindings)).rows as T[];

  /**
   * One statement: takes the key for this part if the key is new, expired, released, or already this operation's
   * (another part, or this part abandoned by a dead process). On the way it removes up to 20 other expired keys,
   * skipping any row another claim holds, so the table stays small at no extra statement.
   */
  const claim = async (scope: string, key: string, operation: string, part: string): Promise<boolean> =>
    (await rows(
      `with swept as (
        delete from ${table} where (scope, key) in (
          select scope, key from ${table} where expires_at < now() and (scope, key) <> (?, ?)
          order by expires_at limit 20 for update skip locked))
      insert into ${table} as k (scope, key, operation_hash, parts, expires_at)
      values (?, ?, ?, jsonb_build_object(?::text, jsonb_build_object('startedAt', now())), now() + ?::int * interval '1 second')
      on conflict (scope, key) do update set
        operation_hash = excluded.operation_hash,
        parts = case when k.expires_at <= now() or k.parts = '{}'::jsonb then excluded.parts else k.parts || excluded.parts end,
        expires_at = case when k.expires_at <= now() or k.parts = '{}'::jsonb then excluded.expires_at else k.expires_at end
      where k.expires_at <= now() or k.parts = '{}'::jsonb
        or (k.operation_hash = excluded.operation_hash and ((k.parts -> ?::text) is null
          or ((k.parts -> ?::text -> 'response') is null and (k.parts -> ?::text ->> 'startedAt')::timestamptz < now() - ?::int * interval '1 second')))
      returning 1 as claimed`,
      [scope, key, scope, key, operation, part, IDEMPOTENCY_KEY_TTL_SECONDS, part, part, part, ABANDONED_AFTER_SECONDS],
    )).length === 1;

  const inspect = async (scope: string, key: string, part: string, waiting: boolean): Promise<Row | undefined> =>
    (await rows<Row>(
      `${waiting ? IDEMPOTENCY_WAIT_MARKER : ''} select operation_hash, parts -> ?::text as part, expires_at > now() as live from ${table} where scope = ? and key = ?`,
      [part, scope, key],
    ))[0];

  /** Claims the key, or finds the answer already given, or waits (bounded) for the request that holds it. */
  const acquire = async (scope: string, key: string, operation: string, part: string): Promise<Outcome> => {
    const started = Date.now();
    // a key released or expired between the claim and the read is claimed again; a few rounds at most
    for (let round = 0; round < 5; round++) {
      if (await claim(scope, key, operation, part)) return { kind: 'claimed' };
      let row = await inspect(scope, key, part, false);
      const running = (r: Row | undefined) => r?.live && r.operation_hash === operation && r.part && !r.part.response;
      while (running(row) && Date.now() - started < waitBoundMs()) {
        await sleep(POLL_MS);
        row = await inspect(scope, key, part, true);
      }
      if (!row?.live || (row.operation_hash === operation && !row.part)) continue;
      if (row.operation_hash !== operation) return { kind: 'refused', error: idempotencyKeyReused() };
      if (row.part?.response) return { kind: 'replay', stored: row.part.response };
      break;
    }
    return { kind: 'refused', error: idempotencyKeyInProgress(Date.now() - started) };
  };

  return {
    async requestDidStart({ request }) {
      const key = request.http?.headers.get(IDEMPOTENCY_KEY_HEADER);
      if (key == null) return;
      let held: { scope: string; operation: string; part: string; trace?: RequestTrace; commitsBefore: number } | undefined;
      return {
        async responseForOperation(context) {
          // only mutations change anything: a query with the header runs as if it had none
          if (context.operation.operation !== 'mutation') return null;
          if (!IDEMPOTENCY_KEY_PATTERN.test(key)) return refusal(invalidIdempotencyKey(key));
          const part = requestFingerprint({ query: context.source, operationName: context.request.operationName, variables: context.request.variables });
          const forwarded = request.http?.headers.get(OPERATION_FINGERPRINT_HEADER);
          const operation = forwarded && FINGERPRINT_PATTERN.test(forwarded) ? forwarded : part;
          const scope = context.contextValue.user?.id ?? '';
          let outcome: Outcome;
          try {
            outcome = await acquire(scope, key, operation, part);
          } catch (error) {
            // the database is down: the same retryable answer as any operation gets then (nothing ran, nothing was claimed)
            if (isUnavailableFailure(error)) {
              log.warn({ err: error }, 'idempotency key not claimed: database unavailable');
              return single({ errors: [databaseUnavailableExtensions()] });
            }
            log.error({ err: error }, 'idempotency key not claimed');
            return single({ errors: [{ message: '内部错误 / Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }, 500);
          }
          if (outcome.kind === 'refused') return refusal(outcome.error);
          if (outcome.kind === 'replay') {
            const { body, status } = outcome.stored;
            return single({ ...body, extensions: { ...body.extensions, idempotentReplay: true } }, status, new HeaderMap([[IDEMPOTENT_REPLAYED_HEADER, 'true']]));
          }
          const trace = requestTrace.getStore();
          held = { scope, operation, part, trace, commitsBefore: trace ? (commits.get(trace) ?? 0) : 0 };
          return null;
        },

        async willSendResponse({ response }) {
          if (!held) return;
          const { scope, operation, part, trace, commitsBefore } = held;
          held = undefined;
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          // a bug or an outage (the database unreachable) is not an answer to keep: a retry may run again
          const failed = !result || (result.errors ?? []).some((e) => RELEASING_CODES.has(String(e.extensions?.code)));
          // unknown whether anything was committed without a trace: keep the answer rather than risk running twice
          const committed = !trace || (commits.get(trace) ?? 0) > commitsBefore;
          try {
            if (failed && !committed) {
              await rows(`update ${table} set parts = parts - ?::text where scope = ? and key = ? and operation_hash = ?`, [part, scope, key, operation]);
            } else {
              const stored: StoredResponse = { status: response.http.status, body: result ?? { errors: [{ message: '内部错误 / Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } };
              await rows(
                `update ${table} set parts = parts || jsonb_build_object(?::text, jsonb_build_object('response', ?::jsonb)) where scope = ? and key = ? and operation_hash = ?`,
                [part, JSON.stringify(stored), scope, key, operation],
              );
            }
          } catch (error) {
            // the claim stays unanswered; a repeat waits, then is refused until the claim counts as abandoned
            log.error({ err: error }, 'idempotent response not stored');
          }
        },
      };
    },
  };
}
