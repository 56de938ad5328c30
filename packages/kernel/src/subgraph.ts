import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { NonEmptyArray } from 'type-graphql';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Constructor, MigrationObject } from '@mikro-orm/core';
import { assertAuthConfigured, authenticate } from './auth';
import { buildFederatedSchema, type ReferenceResolvers } from './federated-schema';
import { databaseReachable, migrate, openDatabase } from './database';
import { formatErrorWith } from './format-error';
import { createHttpServer, graphqlHandler, listen, sendJson, type Route } from './http-server';
import type { RequestContext, RequestTrace } from './request-context';
import { EXPORTS_PREFIX, downloadRoute, type DownloadHandler } from './download-route';
import { IMPORTS_PREFIX, uploadLimitsFromEnv, uploadRoute, type UploadHandler } from './upload-route';
import { OutboxRelay } from './event-relay';
import { EventConsumer, type EventHandler } from './event-consumer';
import { PostgresEventTransport } from './postgres-event-transport';
import { DomainError, ErrorCode } from './errors';
import { log } from './log';
import { introspectionModeFromEnv, introspectionPolicy } from './introspection-policy';
import { idempotencyKeysPlugin } from './idempotency-keys';
import { withKernelMigrations } from './kernel-tables';
import { operationOutcomePlugin } from './operation-outcome';
import { requestMetrics } from './request-metrics';
import { operationLabelLimitFromEnv } from './operation-label';
import { registerDatabaseMetrics } from './database-metrics';
import { metricsRoute } from './metrics-endpoint';

/** Everything that makes a subgraph; each subgraph's `server.ts` exports one. */
export interface SubgraphDefinition<Loaders> {
  /** Subgraph name in the supergraph, also its event `source` and its PostgreSQL schema. */
  name: string;
  // eslint-disable-next-line @typescript-eslint/ban-types
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/ban-types
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
  entities: Constructor<object>[];
  migrations: (MigrationObject | Constructor<any>)[];
  createLoaders: (em: EntityManager) => Loaders;
  /** Domain events this subgraph reacts to, by versioned type. */
  eventHandlers?: Record<string, EventHandler>;
  /** Work the process does on its own (daily duties); started with the server, stopped before the database closes. */
  background?: (orm: MikroORM) => { stop(): Promise<void> };
  /**
   * Files served by GET beside `/graphql`, by path under `/exports/` (e.g. `/exports/summary.xlsx`), or under
   * `/imports/` for an import's template; the gateway serves them at `/exports/<subgraph>/…` (`/imports/…`).
   * Each handler gets the same context as a resolver: the caller authenticated as for `/graphql` and its own
   * EntityManager fork.
   */
  httpRoutes?: Record<string, DownloadHandler<RequestContext<Loaders>>>;
  /**
   * Files taken in by POST, by path under `/imports/` (e.g. `/imports/institutions`), the file as the request
   * body within IMPORT_MAX_BYTES; the gateway forwards `/imports/<subgraph>/…`. Same context as a resolver.
   */
  uploadRoutes?: Record<string, UploadHandler<RequestContext<Loaders>>>;
}

export interface RunningSubgraph {
  port: number;
  url: string;
  orm: MikroORM;
  http: http.Server;
  relay: OutboxRelay;
  consumer?: EventConsumer;
  stop(): Promise<void>;
}

const schemas = new WeakMap<object, Promise<GraphQLSchema>>();

/**
 * Builds the schema only (no database): `npm run compose` prints SDL from this. Built once per definition: it
 * depends on the code alone, and a process that serves one database after another (the tests' kept processes)
 * need not build it again at each start.
 */
export const subgraphSchema = <Loaders>(definition: SubgraphDefinition<Loaders>): Promise<GraphQLSchema> => {
  let schema = schemas.get(definition);
  if (!schema) {
    schema = buildFederatedSchema({ resolvers: definition.resolvers, orphanedTypes: definition.orphanedTypes }, definition.referenceResolvers);
    schemas.set(definition, schema);
    // a failed build is not kept: the next start tries again
    schema.catch(() => schemas.delete(definition));
  }
  return schema;
};

/** The subgraph's SDL with its federation directives, as composition reads it. */
export const subgraphSdl = async <Loaders>(definition: SubgraphDefinition<Loaders>): Promise<string> => printSubgraphSchema(await subgraphSchema(definition));

/** Opens the database, migrates, and serves the subgraph with `/graphql`, `/healthz`, `/readyz` and its `/exports/` files. */
export async function startSubgraph<Loaders>(
  definition: SubgraphDefinition<Loaders>,
  options: { port?: number; databaseUrl?: string; runMigrations?: boolean; consumeEvents?: boolean; runBackground?: boolean } = {},
): Promise<RunningSubgraph> {
  assertAuthConfigured();
  const schema = await subgraphSchema(definition);
  const orm = await openDatabase({ schema: definition.name, entities: definition.entities, migrations: withKernelMigrations(definition.name, definition.migrations), url: options.databaseUrl });
  const knex = orm.em.getConnection().getKnex();
  if (options.runMigrations ?? true) await migrate(orm);
  await PostgresEventTransport.ensureStream(knex);
  const transport = new PostgresEventTransport(knex, orm.config.getClientUrl());
  const relay = new OutboxRelay(orm, transport, definition.name);
  relay.start();
  let consumer: EventConsumer | undefined;
  if (definition.eventHandlers && (options.consumeEvents ?? true)) {
    consumer = new EventConsumer(orm, transport, definition.name, definition.eventHandlers);
    consumer.start();
  }
  // BACKGROUND_JOBS=off leaves scheduled duties to another replica (or to tests that run them for a chosen date)
  const background = (options.runBackground ?? process.env.BACKGROUND_JOBS !== 'off') ? definition.background?.(orm) : undefined;

  const apollo = new ApolloServer<RequestContext<Loaders>>({
    schema,
    formatError: formatErrorWith({ maskUnexpected: true }),
    includeStacktraceInErrorResponses: false,
    // INTROSPECTION decides who reads the schema (`_service` included), not Apollo's production default
    introspection: true,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), idempotencyKeysPlugin(orm), introspectionPolicy(introspectionModeFromEnv()), operationOutcomePlugin()],
  });
  await apollo.start();

  /** The caller and a fresh unit of work, for `/graphql` and for the file routes alike. */
  const context = async (req: http.IncomingMessage, trace: RequestTrace): Promise<RequestContext<Loaders>> => {
    let user;
    try {
      user = await authenticate(req.headers.authorization);
    } catch (error) {
      // Reported with HTTP 401 from context creation only; resolver refusals stay 200 so the gateway keeps their code.
      if (error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED) error.extensions.http = { status: 401 };
      throw error;
    }
    const em = orm.em.fork();
    return { requestId: trace.requestId, user, em, loaders: definition.createLoaders(em), eventsCommitted: () => relay.kick() };
  };
  const fileRoutes: Record<string, Route> = {};
  for (const [path, handler] of Object.entries(definition.httpRoutes ?? {})) {
    // the gateway forwards only what lies under /exports/, so a route elsewhere could never be reached through it
    if (!path.startsWith(EXPORTS_PREFIX) && !path.startsWith(IMPORTS_PREFIX)) throw new Error(`${definition.name}: HTTP route ${path} must lie under ${EXPORTS_PREFIX} or ${IMPORTS_PREFIX}`);
    fileRoutes[path] = downloadRoute(handler, context);
  }
  const uploadLimits = uploadLimitsFromEnv();
  for (const [path, handler] of Object.entries(definition.uploadRoutes ?? {})) {
    if (!path.startsWith(IMPORTS_PREFIX)) throw new Error(`${definition.name}: upload route ${path} must lie under ${IMPORTS_PREFIX}`);
    fileRoutes[path] = uploadRoute(handler, context, uploadLimits);
  }

  // requests by operation, the connection pool and the event backlog, read at /metrics (metrics-endpoint.ts)
  const metrics = requestMetrics({ limit: operationLabelLimitFromEnv() });
  registerDatabaseMetrics(metrics.registry, orm, { consumer: definition.eventHandlers ? definition.name : undefined });
  const server = createHttpServer({
    ...fileRoutes,
    '/graphql': graphqlHandler(apollo, context),
    '/metrics': metricsRoute([metrics.registry]),
    '/healthz': (_req, res) => sendJson(res, 200, { status: 'ok', subgraph: definition.name }),
    '/readyz': async (_req, res) => {
      const ready = await databaseReachable(orm);
      sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'database unreachable', subgraph: definition.name });
    },
  }, { metrics });
  const port = await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${port}/graphql`;
  log.info({ subgraph: definition.name, url }, 'subgraph listening');

  return {
    port,
    url,
    orm,
    http: server,
    relay,
    consumer,
    async stop() {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await background?.stop();
      await consumer?.stop();
      await relay.stop();
      await transport.close();
      await orm.close(true);
    },
  };
}
