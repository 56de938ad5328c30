import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { DomainError, authenticate, type AuthUser, type GraphQLAdmission, type GraphQLHttpRequest } from '@sme/kernel';
import { batchCostRefusal, batchSizeRefusal } from './operation-batches';
import type { PersistedOperationManifest } from './persisted-operation-manifest';
import {
  isPersisted,
  mayExplore,
  persistedOperationRequired,
  resolvePersistedOperation,
  type OperationRequest,
  type PersistedOperationsMode,
} from './persisted-operations';
import type { QueryLimitConfig } from './query-limits';

/**
 * What the gateway checks between reading a request and handing it to Apollo, in this order, so that a refused
 * request runs nothing at all (not one operation of a batch):
 * 1. a batch's size;
 * 2. each operation's persisted form (a hash becomes the manifest's document);
 * 3. `require` mode: free-form documents only from the explorer's users;
 * 4. a batch's summed cost.
 * The per-operation limits (depth, aliases, cost, tokens, directives) and the introspection policy are Apollo
 * validation rules and plugins, so they apply to each operation of a batch as to a single one.
 */
export interface AdmissionOptions {
  limits: QueryLimitConfig;
  persistedOperations: { mode: PersistedOperationsMode; manifest: PersistedOperationManifest };
}

export interface RequestAdmission<TContext extends BaseContext> {
  admit: GraphQLAdmission;
  /** Hands the admission the API schema the gateway serves (the batch cost is measured against it). */
  plugin: ApolloServerPlugin<TContext>;
}

export function requestAdmission<TContext extends BaseContext>(options: AdmissionOptions): RequestAdmission<TContext> {
  let schema: GraphQLSchema | undefined;
  const { limits } = options;
  const { mode, manifest } = options.persistedOperations;

  const plugin: ApolloServerPlugin<TContext> = {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema }) {
          schema = apiSchema;
        },
      };
    },
  };

  const admit: GraphQLAdmission = async (request, req) => {
    const batch = request.method === 'POST' && Array.isArray(request.body) ? (request.body as unknown[]) : undefined;
    if (batch) {
      const tooMany = batchSizeRefusal(batch.length, limits);
      if (tooMany) return tooMany;
    }

    // Operations that are not objects (or a GET's unparsable extensions) go on unchanged for Apollo to refuse.
    const isGet = request.method === 'GET';
    const sent: unknown[] = batch ?? [isGet ? getOperation(request.search) : request.body];
    const operations: unknown[] = [];
    const errors: GraphQLError[] = [];
    let rewritten = false;
    for (const [index, operation] of sent.entries()) {
      if (!isOperation(operation)) {
        operations.push(operation);
        continue;
      }
      const resolved = resolvePersistedOperation(operation, mode, manifest, batch ? { operationIndex: index } : {});
      if ('error' in resolved) errors.push(resolved.error);
      else operations.push(resolved.operation);
      rewritten ||= 'operation' in resolved && resolved.operation !== operation;
    }
    if (errors.length > 0) return { status: 400, errors };

    if (mode === 'require') {
      const freeForm = operations.flatMap((operation, index) =>
        isOperation(operation) && typeof operation.query === 'string' && !isPersisted(operation.query, manifest) ? [index] : [],
      );
      if (freeForm.length > 0) {
        const caller = await callerOf(req);
        if (caller instanceof DomainError) return { status: 401, errors: [caller] };
        if (!mayExplore(caller)) return { status: 403, errors: freeForm.map((index) => persistedOperationRequired(batch ? { operationIndex: index } : {})) };
      }
    }

    if (batch) {
      if (!schema) throw new Error('request admission: the gateway has not loaded its schema');
      const tooCostly = batchCostRefusal(schema, operations.filter(isOperation), limits);
      if (tooCostly) return tooCostly;
      return { ...request, body: operations };
    }
    if (!rewritten) return request;
    if (isGet) return { ...request, search: getSearch(request.search, operations[0]) };
    return { ...request, body: operations[0] };
  };

  return { admit, plugin };
}

const isOperation = (value: unknown): value is OperationRequest => !!value && typeof value === 'object' && !Array.isArray(value);

/** The caller, for `require` mode; a bad token is refused here as it would be when Apollo builds the context. */
async function callerOf(req: IncomingMessage): Promise<AuthUser | null | DomainError> {
  try {
    return await authenticate(req.headers.authorization);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

/** A GET's operation, from its parameters; undefined when its `extensions` is not a JSON object. */
function getOperation(search: string): OperationRequest | undefined {
  const params = new URLSearchParams(search);
  const operation: OperationRequest = {};
  for (const name of ['query', 'operationName', 'documentId']) {
    const value = params.get(name);
    if (value !== null) operation[name] = value;
  }
  const extensions = params.get('extensions');
  if (extensions !== null) {
    try {
      operation.extensions = JSON.parse(extensions);
    } catch {
      return undefined;
    }
    if (!isOperation(operation.extensions)) return undefined;
  }
  return operation;
}

/** The GET parameters with the resolved document in `query` and the persisted-query fields gone. */
function getSearch(search: string, operation: unknown): GraphQLHttpRequest['search'] {
  if (!isOperation(operation)) return search;
  const params = new URLSearchParams(search);
  if (typeof operation.query === 'string') params.set('query', operation.query);
  params.delete('documentId');
  if (isOperation(operation.extensions) && Object.keys(operation.extensions).length > 0) params.set('extensions', JSON.stringify(operation.extensions));
  else params.delete('extensions');
  const rewritten = params.toString();
  return rewritten ? `?${rewritten}` : '';
}
