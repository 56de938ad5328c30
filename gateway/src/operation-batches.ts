import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { Kind, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { GraphQLRefusal } from '@sme/kernel';
import { QueryLimitError, type QueryLimitConfig } from './query-limits';

/**
 * HTTP batches: a POST whose body is a JSON array of operations, answered with an array of results. Dashboards
 * batch a few reads into one round trip. Apollo runs a batch's operations concurrently, each through the
 * per-operation limits, so what concerns the batch as a whole is checked here, before any of them runs: how
 * many operations it holds, and their summed cost.
 */

/** One operation of a batch, as the client sent it (after a persisted operation's document is filled in). */
export interface BatchedOperation {
  query?: unknown;
  operationName?: unknown;
}

/** Too many operations: refused before anything else is looked at. */
export function batchSizeRefusal(count: number, limits: Pick<QueryLimitConfig, 'maxBatchOperations'>): GraphQLRefusal | null {
  if (count <= limits.maxBatchOperations) return null;
  return { status: 400, errors: [new QueryLimitError('TOO_MANY_OPERATIONS', limits.maxBatchOperations, count)] };
}

/**
 * The cost of the operation a request runs, measured as the per-operation limit measures it (graphql-armor's
 * cost with the same weights). Undefined when the document does not parse (over the token limit included) or
 * names no single operation: Apollo refuses such an operation itself, so it adds nothing to the batch.
 */
export function operationCost(schema: GraphQLSchema, operation: BatchedOperation, limits: QueryLimitConfig): number | undefined {
  if (typeof operation.query !== 'string') return undefined;
  let document: DocumentNode;
  try {
    document = parse(operation.query, { maxTokens: limits.maxTokens, maxLexicalTokens: limits.maxTokens });
  } catch {
    return undefined;
  }
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const index =
    typeof operation.operationName === 'string'
      ? operations.findIndex((definition) => definition.name?.value === operation.operationName)
      : operations.length === 1
        ? 0
        : -1;
  if (index < 0) return undefined;
  // armor measures every operation of the document in order; an infinite limit makes it report, never refuse.
  const costs: number[] = [];
  const rule = costLimitRule({
    maxCost: Number.POSITIVE_INFINITY,
    objectCost: limits.objectCost,
    scalarCost: limits.scalarCost,
    depthCostFactor: limits.depthCostFactor,
    flattenFragments: true,
    propagateOnRejection: false,
    onAccept: [(_context, details) => costs.push(details.n)],
  });
  validate(schema, document, [rule]);
  return costs[index];
}

/** The summed cost of a batch over the limit: refused before any of its operations runs. */
export function batchCostRefusal(schema: GraphQLSchema, operations: readonly BatchedOperation[], limits: QueryLimitConfig): GraphQLRefusal | null {
  const total = operations.reduce((sum, operation) => sum + (operationCost(schema, operation, limits) ?? 0), 0);
  if (total <= limits.maxBatchCost) return null;
  return { status: 400, errors: [new QueryLimitError('BATCH_TOO_COSTLY', limits.maxBatchCost, Math.ceil(total))] };
}
