import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  DomainError, ErrorCode, assertAuthConfigured, authenticate, createHttpServer, formatErrorWith, forwardIdempotencyKey, graphqlHandler,
  introspectionModeFromEnv, introspectionPolicy, listen, log, passOnIdempotentReplay, sendJson, subgraphUnavailableError,
  metricsAccessFromEnv, metricsRoute, operationLabelLimitFromEnv, operationOutcomePlugin, requestMetrics,
  type AuthUser, type RequestTrace,
} from '@sme/kernel';
import { buildExplorerPage, serveExplorer } from './explorer';
import { buildDashboardPage, serveDashboard } from './dashboard';
import { queryLimits } from './query-limits';
import { requestAdmission } from './request-admission';
import { persistedOperationsModeFromEnv } from './persisted-operations';
import { loadManifest } from './persisted-operation-manifest';
import { operationResolutionPlugin } from './operation-resolution';
import { EXAMPLE_OPERATIONS, dashboardExamples } from './example-operations';
import { exportProxy, importProxy } from './export-proxy';
import { knownOperationNames } from './known-operations';

export interface GatewayContext extends BaseContext {
  user: AuthUser | null;
  authorization: string | null;
  trace: RequestTrace;
}

/** The committed supergraph (composed at build time by `npm run compose`): SUPERGRAPH_PATH, or the repository's. */
export function supergraphPath(): string {
  if (process.env.SUPERGRAPH_PATH) return process.env.SUPERGRAPH_PATH;
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'supergraph.graphql');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('supergraph.graphql not found: run `npm run compose`, or set SUPERGRAPH_PATH');
}

/**
 * Forwards the caller's token and the request id to each subgraph (which verify the token again), and adds up
 * the SQL statements the subgraphs report for the request.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** The subgraph's name in the supergraph, for the error that says which part of an answer is missing. */
  serviceName = '';

  willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const { request, context } = options;
    if (!('trace' in context) || !request.http) return;
    if (context.authorization) request.http.headers.set('authorization', context.authorization);
    request.http.headers.set('x-request-id', context.trace.requestId);
    forwardIdempotencyKey(options); // the caller's Idempotency-Key, for each subgraph to key its part (kernel idempotency-keys.ts)
  }

  /**
   * A subgraph answers a request it refuses before execution (an invalid credit code literal or variable) with
   * HTTP 400 and GraphQL errors in the body; pass those errors on with their codes, not a bare "400".
   */
  async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const body = (await this.parseBody(response).catch(() => null)) as { errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
    const first = body?.errors?.[0];
    if (!first) {
      const code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : 'SUBGRAPH_ERROR';
      return new GraphQLError(`${response.status}: ${response.statusText}`, { extensions: { code, response: { url: response.url, status: response.status } } });
    }
    return new GraphQLError(first.message, { extensions: { ...first.extensions, ...(body!.errors!.length > 1 ? { otherErrors: body!.errors!.slice(1) } : {}) } });
  }

  /**
   * No answer (the subgraph's process is down, refused the connection, or cut it before or while answering):
   * Apollo would pass on the fetch error, with the subgraph's internal URL and no code, and our query-limit hook
   * trips over it. Say instead which subgraph is missing, with SERVICE_UNAVAILABLE (kernel service-unavailable.ts):
   * the gateway still answers every other subgraph's fields, and this subgraph's nullable fields are null (a
   * non-null one nulls its nearest nullable parent, as GraphQL does). Nothing is cached: the next request tries
   * it again, so the answers are complete as soon as it is back, without restarting the gateway. An answer with
   * GraphQL errors (errorFromResponse above) is the subgraph speaking, and is passed on as it is.
   */
  didEncounterError(error: Error): void {
    if (error instanceof GraphQLError) throw error;
    log.warn({ subgraph: this.serviceName, err: error }, 'subgraph unreachable');
    throw subgraphUnavailableError(this.serviceName);
  }

  didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    const statements = Number(response.http?.headers.get('x-sql-statements'));
    if ('trace' in context && Number.isFinite(statements)) context.trace.sqlStatements += statements;
    passOnIdempotentReplay(response, context);
    return response;
  }
}

export interface GatewayOptions {
  supergraphSdl?: string;
  /** Overrides the subgraph URLs written in the supergraph (containers, tests). */
  subgraphUrls?: Record<string, string>;
  port?: number;
  /**
   * Where the request policies read their settings (query limits and batches, INTROSPECTION,
   * PERSISTED_OPERATIONS, NODE_ENV for their defaults): process.env unless given (tests).
   */
  env?: NodeJS.ProcessEnv;
}

export async function startGateway(options: GatewayOptions = {}) {
  assertAuthConfigured();
  const supergraphSdl = options.supergraphSdl ?? fs.readFileSync(supergraphPath(), 'utf8');
  // the URL each subgraph is served at, as the gateway resolves it: its files are downloaded beside it
  const graphqlUrls = new Map<string, string>();
  // Unless told not to, @apollo/gateway probes the cloud metadata addresses (169.254.169.254 …) and sends usage
  // metrics to Apollo's servers from the constructor on: nothing leaves an intranet unasked. Set it to `false`
  // to opt in.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const serviceUrl = options.subgraphUrls?.[name] ?? url;
      if (serviceUrl) graphqlUrls.set(name, serviceUrl);
      return Object.assign(new SubgraphDataSource({ url: serviceUrl }), { serviceName: name });
    },
  });
  const env = options.env ?? process.env;
  const limits = queryLimits<GatewayContext>({}, env);
  const persistedMode = persistedOperationsModeFromEnv(env);
  const manifest = persistedMode === 'off' ? new Map<string, string>() : loadManifest();
  const admission = requestAdmission<GatewayContext>({
    limits: limits.config,
    persistedOperations: { mode: persistedMode, manifest },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatErrorWith({ maskUnexpected: false }),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ...limits.plugins,
      introspectionPolicy<GatewayContext>(introspectionModeFromEnv(env)),
      admission.plugin,
      operationResolutionPlugin<GatewayContext>(),
      operationOutcomePlugin<GatewayContext>(),
    ],
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // the introspection policy (INTROSPECTION) decides who reads the schema, not Apollo's production default
    introspection: true,
    // batches are admitted (their size and summed cost) before Apollo runs any of their operations
    allowBatchedHttpRequests: true,
    // No automatic persisted queries: with them any client registers any document under its hash, so a hash
    // would no longer mean "a document of the committed manifest", which `require` mode relies on. The
    // manifest's hashes are resolved before Apollo sees the request (request-admission.ts).
    persistedQueries: false,
  });
  await apollo.start();

  const explorer = buildExplorerPage({ endpoint: '/graphql', title: '中小企业公共服务 GraphQL / SME public-service supergraph', examples: [...EXAMPLE_OPERATIONS, ...dashboardExamples()] });
  // the dashboard's requests name the manifest's operations by hash (its documents where persisted operations are off)
  const dashboard = buildDashboardPage({ endpoint: '/graphql', mode: persistedMode, manifest });
  const context = async (req: IncomingMessage, trace: RequestTrace): Promise<GatewayContext> => {
    const authorization = req.headers.authorization ?? null;
    try {
      return { user: await authenticate(authorization), authorization, trace };
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED) error.extensions.http = { status: 401 };
      throw error;
    }
  };
  // requests by operation, read at /metrics; the shipped operations keep their own series (kernel operation-label.ts)
  const metrics = requestMetrics({ known: knownOperationNames(manifest, EXAMPLE_OPERATIONS), limit: operationLabelLimitFromEnv(env) });
  const server = createHttpServer({
    '/': (req, res) => serveExplorer(explorer, req, res),
    '/dashboard': (req, res) => serveDashboard(dashboard, req, res),
    '/metrics': metricsRoute([metrics.registry], metricsAccessFromEnv(env)),
    '/graphql': graphqlHandler(apollo, context, admission.admit),
    '/exports/*': exportProxy(graphqlUrls),
    '/imports/*': importProxy(graphqlUrls),
    '/healthz': (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' }),
    '/readyz': (_req, res) => sendJson(res, 200, { status: 'ready', service: 'gateway' }),
  }, { metrics });
  const port = await listen(server, options.port ?? 0);
  log.info({ port }, 'gateway listening');
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}
