import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors';
import { requestTrace, type RequestOutcome } from './request-context';

const REFUSAL_CODES = new Set<string>(Object.values(ErrorCode));
const RANK: Record<RequestOutcome, number> = { success: 0, client_error: 1, server_error: 2 };

/** The worse of two outcomes (a batch, or an HTTP status beside GraphQL errors, is as bad as its worst part). */
export const worseOutcome = (a: RequestOutcome | undefined, b: RequestOutcome): RequestOutcome => (a && RANK[a] > RANK[b] ? a : b);

/** What an HTTP status says on its own: 5xx is ours, 4xx the caller's. */
export const outcomeOfStatus = (status: number): RequestOutcome => (status >= 500 ? 'server_error' : status >= 400 ? 'client_error' : 'success');

/**
 * What a GraphQL answer's errors say. A SPEC §2 code is a refusal (the caller's input, token or timing); anything
 * else — INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE (a subgraph or the database out of reach), a code nobody
 * foresaw — is a failure on our side, which is what operators are woken for.
 */
export function outcomeOfErrors(errors: readonly GraphQLFormattedError[] | undefined): RequestOutcome {
  if (!errors?.length) return 'success';
  return errors.every((error) => REFUSAL_CODES.has(String(error.extensions?.code ?? ''))) ? 'client_error' : 'server_error';
}

/**
 * Writes into the request's trace (request-context.ts) the name of each operation Apollo resolves and how its
 * answer went, for the access log and the request metrics. Nothing is computed per request beyond reading what
 * Apollo already has.
 */
export function operationOutcomePlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const trace = requestTrace.getStore();
      if (!trace) return;
      return {
        async willSendResponse({ operationName, response }) {
          (trace.operations ??= []).push(operationName ?? null);
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          trace.outcome = worseOutcome(trace.outcome, outcomeOfErrors(errors));
        },
      };
    },
  };
}
