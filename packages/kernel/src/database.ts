import { MikroORM, type EntityManager, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Constructor, MigrationObject } from '@mikro-orm/core';
import { countCommittedWrite } from './committed-writes';
import { AuditEntry } from './audit-entry';
import { OutboxEvent } from './outbox-event';
import { StatusChange } from './status-change';
import { requestTrace } from './request-context';
import { log } from './log';

/** Where the database is: `DATABASE_URL`, or the embedded server `npm start` and `npm test` run. */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set: start through `npm start`, or point it at a PostgreSQL server');
  }
  return url;
}

export interface DatabaseOptions {
  /** The subgraph's own PostgreSQL schema: a subgraph never reads another's tables (SPEC §1). */
  schema: string;
  entities: Constructor<object>[];
  migrations: (MigrationObject | Constructor<any>)[];
  url?: string;
  poolMax?: number;
}

let statements = 0;

/**
 * SQL statements sent by this process so far. Tests compare the count per operation, which is stable
 * where timings are not (a page of 100 must cost what a page of 10 costs).
 */
export const sqlStatementCount = () => statements;

export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  const config: Options = {
    clientUrl: options.url ?? databaseUrl(),
    schema: options.schema,
    entities: [...new Set([...options.entities, AuditEntry, OutboxEvent, StatusChange])],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      tableName: 'schema_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    pool: { min: 0, max: options.poolMax ?? 10, idleTimeoutMillis: 10_000 },
    // Each statement is bounded: a wedged query must not hold a request forever. So is reaching the database:
    // while PostgreSQL is down or restarting, a request fails within seconds with a clear error (rather than
    // queueing for knex's default minute), and the pool opens fresh connections once it is back.
    driverOptions: {
      connection: { statement_timeout: 30_000, application_name: `sme-${options.schema}`, connectionTimeoutMillis: 5000, keepAlive: true },
      acquireConnectionTimeout: 10_000,
      // knex would print connection trouble with console.log; it belongs in the structured log.
      log: {
        warn: (message: unknown) => log.warn({ schema: options.schema, detail: String(message) }, 'database warning'),
        error: (message: unknown) => log.error({ schema: options.schema, detail: String(message) }, 'database error'),
        deprecate: () => undefined,
        debug: () => undefined,
      },
    },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: false,
  };
  const orm = await MikroORM.init(config);
  orm.em.getConnection().getKnex().on('query', (query: { sql?: string; __knexTxId?: string }) => {
    statements++;
    countCommittedWrite(query);
    const trace = requestTrace.getStore();
    if (trace) trace.sqlStatements++;
  });
  return orm;
}

/** Applies the subgraph's pending migrations; safe to run from several processes (one wins the lock). */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const knex = orm.em.getConnection().getKnex();
  const schema = orm.config.get('schema')!;
  const connection = await knex.client.acquireConnection();
  try {
    await connection.query('select pg_advisory_lock(hashtext($1))', [`migrate:${schema}`]);
    // Under the lock: concurrent `create schema if not exists` can fail with a duplicate-key error.
    await connection.query(`create schema if not exists "${schema}"`);
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await connection.query('select pg_advisory_unlock(hashtext($1))', [`migrate:${schema}`]);
    await knex.client.releaseConnection(connection);
  }
}

/** Readiness: the database answers within a short time. */
export async function databaseReachable(orm: MikroORM, timeoutMs = 2000): Promise<boolean> {
  const probe = orm.em.getConnection().execute('select 1');
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref());
  try {
    await Promise.race([probe, timeout]);
    return true;
  } catch {
    return false;
  }
}

export type { EntityManager, MikroORM };
