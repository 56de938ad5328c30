/**
 * The `operationName` label of the request metrics, kept to a bounded set of values. Operation names are the
 * caller's to choose, and every distinct label value is a time series kept for the life of the process: a client
 * sending a new name with every request would grow the process's memory and the monitoring system's without end.
 * So a name gets a label of its own only if it is known (the gateway's persisted operations) or is one of the
 * first `limit` other names seen (of at most 100 characters); everything else, and every anonymous operation, counts under `other`, and a
 * batch under `batch`. Known names can never be crowded out.
 */
export const OTHER_OPERATIONS = 'other';
export const BATCH_OPERATIONS = 'batch';

/** Distinct names (besides the known ones) that get a label of their own (METRICS_MAX_OPERATIONS). */
export const DEFAULT_OPERATION_LABEL_LIMIT = 100;

/**
 * The gateway's query planner names each subgraph fetch `<operation>__<subgraph>__<n>`: a subgraph counts the
 * client's operation, not each of its fetches.
 */
const PLANNED_FETCH = /^(.+)__[A-Za-z0-9_]+?__\d+$/;

/** A longer name is not a name a client gives an operation it means to be counted by (and would cost its length in every series). */
const MAX_NAME_LENGTH = 100;

export interface OperationLabelOptions {
  known?: Iterable<string>;
  limit?: number;
}

export type OperationLabeller = (operations: readonly (string | null)[] | undefined) => string;

export function operationLabeller(options: OperationLabelOptions = {}): OperationLabeller {
  const known = new Set(options.known ?? []);
  const limit = options.limit ?? DEFAULT_OPERATION_LABEL_LIMIT;
  const admitted = new Set<string>();
  const labelOf = (name: string | null): string => {
    if (!name) return OTHER_OPERATIONS;
    const operation = PLANNED_FETCH.exec(name)?.[1] ?? name;
    if (known.has(operation) || admitted.has(operation)) return operation;
    if (admitted.size >= limit || operation.length > MAX_NAME_LENGTH) return OTHER_OPERATIONS;
    admitted.add(operation);
    return operation;
  };
  return (operations) => {
    if (!operations?.length) return OTHER_OPERATIONS;
    return operations.length === 1 ? labelOf(operations[0]) : BATCH_OPERATIONS;
  };
}

/** METRICS_MAX_OPERATIONS, checked at startup: a malformed value stops the process rather than unbounding the labels. */
export function operationLabelLimitFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.METRICS_MAX_OPERATIONS;
  if (raw === undefined || raw === '') return DEFAULT_OPERATION_LABEL_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 0 || limit > 10_000) throw new Error(`METRICS_MAX_OPERATIONS must be an integer from 0 to 10000, not ${JSON.stringify(raw)}`);
  return limit;
}
