import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { BREAK, GraphQLError, TokenKind, type ParseOptions, type ValidationRule } from 'graphql';

/**
 * Limits that refuse abusive operations before the gateway plans or executes them.
 *
 * graphql-armor measures depth, aliases, cost and directives as validation rules. Its Apollo defaults
 * report a bare English "Syntax Error: …", and Apollo then labels every validation error
 * GRAPHQL_VALIDATION_FAILED; here each refusal is reported as a `QueryLimitError` (bilingual message,
 * `code: BAD_USER_INPUT`, a stable `reason`) and a plugin restores that code after Apollo's wrapping.
 *
 * Tokens are not counted by armor's Apollo plugin: it throws from `parsingDidStart`, which Apollo
 * treats as an unexpected failure (HTTP 500, and `executeOperation` rejects). Instead the parser itself
 * stops at the limit through `parseOptions` (so an oversized document is never fully parsed or
 * validated), and a validation rule enforces the same limit when a server is built without those
 * parse options.
 */

export interface QueryLimitConfig {
  /** Deepest field nesting; fragments do not add levels of their own. */
  maxDepth: number;
  /** Aliased fields per operation (`__typename` aliases are free). */
  maxAliases: number;
  /** Estimated cost per operation, see the cost fields below. */
  maxCost: number;
  /** Lexical tokens per document (comments excluded). */
  maxTokens: number;
  /** Directive uses per operation. */
  maxDirectives: number;
  /** Operations in one HTTP batch (a JSON array of operations); 1 allows only a batch of one. */
  maxBatchOperations: number;
  /**
   * Summed cost of a batch's operations. By default `maxCost`: a batch saves round trips but can do no more than
   * one operation could, else ten operations at the cost limit would do ten times what the limit allows.
   */
  maxBatchCost: number;
  /** Cost of a field with a selection set: usually a fetch, often from another subgraph. */
  objectCost: number;
  /** Cost of a leaf field. */
  scalarCost: number;
  /**
   * Multiplier per level of nesting. 1 keeps the cost close to the number of values resolved (times
   * `first`/`last` page sizes); depth itself is already capped by `maxDepth`, and armor's default of 1.5
   * would make a 100-row Relay page (edges → node → fields) cost several times what it fetches.
   */
  depthCostFactor: number;
  /** Hides "Did you mean …" hints, which let an outsider map the schema field by field. */
  blockFieldSuggestions: boolean;
}

export type QueryLimitReason =
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'QUERY_TOO_COSTLY'
  | 'TOO_MANY_TOKENS'
  | 'TOO_MANY_DIRECTIVES'
  | 'TOO_MANY_OPERATIONS'
  | 'BATCH_TOO_COSTLY';

/** The defaults; `maxBatchCost` is `maxCost` unless set. */
export const DEFAULT_QUERY_LIMITS: Readonly<Omit<QueryLimitConfig, 'blockFieldSuggestions' | 'maxBatchCost'>> = Object.freeze({
  maxDepth: 12,
  maxAliases: 15,
  maxCost: 5000,
  maxTokens: 5000,
  maxDirectives: 20,
  maxBatchOperations: 10,
  objectCost: 2,
  scalarCost: 1,
  depthCostFactor: 1,
});

/** The environment variables that override the defaults (all read in `queryLimitConfigFromEnv`). */
export const QUERY_LIMIT_ENV = {
  maxDepth: 'QUERY_MAX_DEPTH',
  maxAliases: 'QUERY_MAX_ALIASES',
  maxCost: 'QUERY_MAX_COST',
  maxTokens: 'QUERY_MAX_TOKENS',
  maxDirectives: 'QUERY_MAX_DIRECTIVES',
  maxBatchOperations: 'QUERY_MAX_BATCH',
  maxBatchCost: 'QUERY_MAX_BATCH_COST',
} as const;

/**
 * The only place the limits read the environment. A malformed value stops the gateway at startup rather
 * than silently running with a default the operator did not choose.
 */
export function queryLimitConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<QueryLimitConfig> {
  const config: Partial<QueryLimitConfig> = { blockFieldSuggestions: env.NODE_ENV === 'production' };
  for (const [key, name] of Object.entries(QUERY_LIMIT_ENV) as [keyof typeof QUERY_LIMIT_ENV, string][]) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`${name} must be a positive integer, got "${env[name]}"`);
    config[key] = Number(raw);
  }
  return config;
}

/** Defaults, then the environment, then what the caller passes. */
export function resolveQueryLimitConfig(overrides: Partial<QueryLimitConfig> = {}, env: NodeJS.ProcessEnv = process.env): QueryLimitConfig {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const chosen = { ...DEFAULT_QUERY_LIMITS, blockFieldSuggestions: false, ...queryLimitConfigFromEnv(env), ...defined };
  const config: QueryLimitConfig = { ...chosen, maxBatchCost: chosen.maxBatchCost ?? chosen.maxCost };
  for (const key of Object.keys(QUERY_LIMIT_ENV) as (keyof typeof QUERY_LIMIT_ENV)[]) {
    if (!Number.isInteger(config[key]) || config[key] < 1) throw new Error(`query limits: ${key} must be a positive integer, got ${config[key]}`);
  }
  for (const key of ['objectCost', 'scalarCost', 'depthCostFactor'] as const) {
    if (!Number.isFinite(config[key]) || config[key] <= 0) throw new Error(`query limits: ${key} must be a positive number, got ${config[key]}`);
  }
  return config;
}

const LIMITS: Record<QueryLimitReason, { zh: (limit: number) => string; en: string }> = {
  QUERY_TOO_DEEP: { zh: (limit) => `查询嵌套过深（最多 ${limit} 层）`, en: 'Query depth' },
  TOO_MANY_ALIASES: { zh: (limit) => `查询使用的别名过多（最多 ${limit} 个）`, en: 'Query alias count' },
  QUERY_TOO_COSTLY: { zh: (limit) => `查询开销过大（上限 ${limit}）`, en: 'Query cost' },
  TOO_MANY_TOKENS: { zh: (limit) => `查询文本过长（最多 ${limit} 个词法单元）`, en: 'Query token count' },
  TOO_MANY_DIRECTIVES: { zh: (limit) => `查询使用的指令过多（最多 ${limit} 个）`, en: 'Query directive count' },
  TOO_MANY_OPERATIONS: { zh: (limit) => `批量请求中的操作过多（最多 ${limit} 个）`, en: 'Batch operation count' },
  BATCH_TOO_COSTLY: { zh: (limit) => `批量请求的总开销过大（上限 ${limit}）`, en: 'Batch cost' },
};

/**
 * A refused operation. `actual` is the measured value when it is known (the parser stops counting
 * tokens at the limit, so a parse-time refusal only knows that the limit was passed).
 */
export class QueryLimitError extends GraphQLError {
  readonly reason: QueryLimitReason;

  constructor(reason: QueryLimitReason, limit: number, actual?: number) {
    const { zh: zhOf, en: measure } = LIMITS[reason];
    const zh = zhOf(limit);
    const en = actual === undefined ? `${measure} exceeds the limit of ${limit}` : `${measure} ${actual} exceeds the limit of ${limit}`;
    super(`${zh} / ${en}`, {
      extensions: { code: 'BAD_USER_INPUT', reason, limit, ...(actual === undefined ? {} : { actual }), messageZh: zh, messageEn: en },
    });
    this.reason = reason;
    this.name = 'QueryLimitError';
  }
}

export interface QueryLimits<TContext extends BaseContext = BaseContext> {
  /** The limits in force (defaults, environment, options), for the checks made outside Apollo (batches). */
  config: QueryLimitConfig;
  plugins: ApolloServerPlugin<TContext>[];
  validationRules: ValidationRule[];
  /** Pass to ApolloServer too (`parseOptions`), so that oversized documents are cut off while parsing. */
  parseOptions: ParseOptions;
}

/** Plugins, validation rules and parse options for the ApolloServer that fronts the supergraph. */
export function queryLimits<TContext extends BaseContext = BaseContext>(config: Partial<QueryLimitConfig> = {}, env: NodeJS.ProcessEnv = process.env): QueryLimits<TContext> {
  const limits = resolveQueryLimitConfig(config, env);
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ...rejectAs('QUERY_TOO_DEEP', limits.maxDepth) },
    maxAliases: { n: limits.maxAliases, ...rejectAs('TOO_MANY_ALIASES', limits.maxAliases) },
    costLimit: {
      maxCost: limits.maxCost,
      objectCost: limits.objectCost,
      scalarCost: limits.scalarCost,
      depthCostFactor: limits.depthCostFactor,
      flattenFragments: true,
      ...rejectAs('QUERY_TOO_COSTLY', limits.maxCost),
    },
    maxDirectives: { n: limits.maxDirectives, ...rejectAs('TOO_MANY_DIRECTIVES', limits.maxDirectives) },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
  }).protect();
  return {
    config: limits,
    // armor types its plugins for the base context; they never read the context, so any context fits.
    plugins: [...(armor.plugins as ApolloServerPlugin<TContext>[]), limitErrorPlugin<TContext>(limits.maxTokens)],
    validationRules: [...armor.validationRules, maxTokensRule(limits.maxTokens)],
    // `maxTokens` is what every graphql 16 release reads; 16.15 renamed it `maxLexicalTokens`.
    parseOptions: { maxTokens: limits.maxTokens, maxLexicalTokens: limits.maxTokens },
  };
}

/**
 * Armor options that report a refusal as a QueryLimitError on the validation context. With
 * `propagateOnRejection: false` armor neither throws nor adds its own error, so this is the only one.
 */
function rejectAs(reason: QueryLimitReason, limit: number) {
  const onReject: GraphQLArmorRejectCallback = (context, armorError) => {
    context?.reportError(new QueryLimitError(reason, limit, measuredValue(armorError.message)));
  };
  return { exposeLimits: true, propagateOnRejection: false, onReject: [onReject] };
}

/**
 * Armor only hands over its message ("… limit of 12 exceeded, found 13."), so the measured value is read
 * from it. If a future armor words it differently the error still goes out, without the number.
 */
function measuredValue(armorMessage: string): number | undefined {
  const found = /found (\d+(?:\.\d+)?)/.exec(armorMessage);
  return found ? Math.ceil(Number(found[1])) : undefined;
}

/** Counts the tokens of an already parsed document, the way the parser counts them (no comments). */
function maxTokensRule(limit: number): ValidationRule {
  return (context) => ({
    Document(node) {
      let count = 0;
      // Without locations (`parseOptions.noLocation`) there is no token chain; the parse limit still holds.
      for (let token = node.loc?.startToken.next; token && token.kind !== TokenKind.EOF; token = token.next) {
        if (token.kind !== TokenKind.COMMENT) count++;
      }
      if (count > limit) context.reportError(new QueryLimitError('TOO_MANY_TOKENS', limit, count));
      return BREAK;
    },
  });
}

// graphql 16.15 says "more that", other releases "more than".
const PARSER_TOKEN_LIMIT = /Document contains more th(?:an|at) \d+ tokens/;

/**
 * Apollo wraps validation errors in its own GRAPHQL_VALIDATION_FAILED error, and parse errors in
 * GRAPHQL_PARSE_FAILED, overwriting `extensions.code`. This runs before errors are formatted and puts
 * back BAD_USER_INPUT (the error object is shared with the formatter, so mutating it is the hook's way
 * to change the response; graphql-armor's field-suggestion masking works the same way).
 */
function limitErrorPlugin<TContext extends BaseContext>(maxTokens: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            // A gateway's errors are not all GraphQLErrors: a failed subgraph fetch comes as an Error without extensions.
            const extensions = error.extensions as Record<string, unknown> | undefined;
            if (!extensions) continue;
            const limitError = error instanceof QueryLimitError ? error : error.originalError instanceof QueryLimitError ? error.originalError : undefined;
            if (limitError) {
              extensions.code = 'BAD_USER_INPUT';
            } else if (extensions.code === 'GRAPHQL_PARSE_FAILED' && PARSER_TOKEN_LIMIT.test(error.message)) {
              const rewritten = new QueryLimitError('TOO_MANY_TOKENS', maxTokens);
              error.message = rewritten.message;
              Object.assign(extensions, rewritten.extensions);
            }
          }
        },
      };
    },
  };
}
