import { Gauge, type Registry } from 'prom-client';
import type { MikroORM } from '@mikro-orm/postgresql';
import { log } from './log';

/** The slice of tarn's pool (knex's connection pool) the gauges read. */
interface ConnectionPool {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/**
 * A subgraph's database, read when Prometheus scrapes (nothing is counted per request):
 *
 * - `db_pool_connections{state}`: the connections of its pool in use, idle, and requests waiting for one
 *   (`used`, `free`, `pending`), and `db_pool_max_connections`: waiting requests with every connection in use is
 *   the pool, not PostgreSQL, being the bottleneck.
 * - `event_backlog{queue}`: events written but not yet relayed to the stream (`outbox_unpublished`), events in
 *   the stream this subgraph's consumer has not yet read (`stream_unconsumed`, only for a subgraph that consumes
 *   events), and events parked after failing every attempt (`dead_letters`, dead-letter-events.ts). The first two
 *   should hover near zero; anything in the third needs a person. One statement over the outbox's partial index,
 *   the stream's primary key and two small tables.
 *
 * When the database does not answer, the backlog is left out of the scrape (a stale figure would look healthy)
 * and `/readyz` says why.
 */
export function registerDatabaseMetrics(registry: Registry, orm: MikroORM, options: { consumer?: string } = {}): void {
  const knex = orm.em.getConnection().getKnex();
  const schema = `"${orm.config.get('schema')}"`;
  const pool = (): ConnectionPool | undefined => (knex.client as { pool?: ConnectionPool }).pool;

  new Gauge({
    name: 'db_pool_connections',
    help: 'Database connections of the pool: used, free, and requests waiting for one (pending)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const current = pool();
      if (!current) return this.reset();
      this.set({ state: 'used' }, current.numUsed());
      this.set({ state: 'free' }, current.numFree());
      this.set({ state: 'pending' }, current.numPendingAcquires());
    },
  });
  new Gauge({
    name: 'db_pool_max_connections',
    help: 'The most connections the pool opens',
    registers: [registry],
    collect() {
      const current = pool();
      if (current) this.set(current.max);
      else this.reset();
    },
  });

  const unconsumed = options.consumer
    ? `, (select count(*) from event_stream.events
          where position > coalesce((select position from ${schema}.event_consumers where name = :consumer), 0)) as stream_unconsumed`
    : '';
  const backlogSql = `select (select count(*) from ${schema}.outbox where published_at is null) as outbox_unpublished,
      (select count(*) from ${schema}.dead_letter_events) as dead_letters${unconsumed}`;
  new Gauge({
    name: 'event_backlog',
    help: 'Events waiting: written but not relayed (outbox_unpublished), not yet read by this subgraph (stream_unconsumed), parked (dead_letters)',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      try {
        const result = await knex.raw(backlogSql, options.consumer ? { consumer: options.consumer } : {});
        const row = result.rows[0] as Record<string, string>;
        this.reset();
        for (const [queue, count] of Object.entries(row)) this.set({ queue }, Number(count));
      } catch (error) {
        this.reset();
        log.debug({ err: error }, 'event backlog not read for the metrics');
      }
    },
  });
}
