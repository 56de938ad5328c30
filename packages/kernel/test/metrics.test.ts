import 'reflect-metadata';
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Migration } from '@mikro-orm/migrations';
import type { Knex } from '@mikro-orm/knex';
import { createTestDatabase, sample } from '@sme/testing';
import { migrate, openDatabase, type MikroORM } from '../src/database';
import type { OutgoingEvent, StreamEvent } from '../src/domain-events';
import { parkEvent } from '../src/dead-letter-events';
import { kernelTablesSql, withKernelMigrations } from '../src/kernel-tables';
import { PostgresEventTransport } from '../src/postgres-event-transport';
import { createHttpServer, listen, requestIdOf, sendJson } from '../src/http-server';
import { requestMetrics } from '../src/request-metrics';
import { registerDatabaseMetrics } from '../src/database-metrics';
import { metricsAccessFromEnv, metricsRoute } from '../src/metrics-endpoint';

/**
 * `/metrics` on real HTTP and real PostgreSQL: requests counted by route and outcome (monitoring's own calls
 * not), the connection pool, the event backlog counted from the tables at scrape time, and who may read it.
 * Counting by GraphQL operation through the gateway and the subgraphs is test/observability.test.ts.
 */

class ObsSchema extends Migration {
  async up(): Promise<void> {
    for (const statement of kernelTablesSql('obs')) this.addSql(statement);
  }
}

const POOL_MAX = 3;
let orm: MikroORM;
let transport: PostgresEventTransport;
let server: http.Server;
let base: string;
/** What the route saw as its request id, by the path it was called with. */
const seenIds = new Map<string, string>();

const knexOf = (o: MikroORM): Knex => o.em.getConnection().getKnex();
const scrape = async (headers: Record<string, string> = {}) => {
  const response = await fetch(`${base}/metrics`, { headers });
  return { status: response.status, text: await response.text(), response };
};
const event = (n: number): OutgoingEvent => ({
  id: randomUUID(), source: 'other', type: 'other.Thing.v1', aggregateType: 'Thing', aggregateId: `thing-${n}`, payload: { n }, occurredAt: new Date().toISOString(),
});

beforeAll(async () => {
  const url = await createTestDatabase();
  orm = await openDatabase({ schema: 'obs', entities: [], migrations: withKernelMigrations('obs', [ObsSchema]), url, poolMax: POOL_MAX });
  await migrate(orm);
  await PostgresEventTransport.ensureStream(knexOf(orm));
  transport = new PostgresEventTransport(knexOf(orm), url);
  const metrics = requestMetrics();
  registerDatabaseMetrics(metrics.registry, orm, { consumer: 'obs' });
  server = createHttpServer({
    '/hello': (req, res) => {
      seenIds.set(req.url ?? '', requestIdOf(req));
      sendJson(res, 200, { hello: true });
    },
    '/broken': () => {
      throw new Error('a route that fails');
    },
    '/healthz': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    '/metrics': metricsRoute([metrics.registry], metricsAccessFromEnv({ NODE_ENV: 'test' })),
  }, { metrics });
  base = `http://127.0.0.1:${await listen(server, 0)}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await transport?.close();
  await orm?.close(true);
});

describe('request metrics', () => {
  it("counts each request by route and outcome, leaves monitoring's calls out, and answers with the request's id", async () => {
    const answers = [
      await fetch(`${base}/hello?a`, { headers: { 'x-request-id': 'metrics-test-1' } }),
      await fetch(`${base}/hello?b`),
      await fetch(`${base}/nowhere`),
      await fetch(`${base}/broken`),
      await fetch(`${base}/healthz`),
      await fetch(`${base}/healthz`),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 404, 500, 200, 200]);
    // the id the caller sent, or a new one: the same in the answer as in the route
    expect(answers[0].headers.get('x-request-id')).toBe('metrics-test-1');
    expect(seenIds.get('/hello?a')).toBe('metrics-test-1');
    expect(seenIds.get('/hello?b')).toBe(answers[1].headers.get('x-request-id'));
    expect(answers[1].headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    await scrape();
    const { text } = await scrape();
    expect(sample(text, 'http_requests_total', { route: '/hello', operationName: '', outcome: 'success' })).toBe(2);
    expect(sample(text, 'http_requests_total', { route: '/hello', operationName: '', outcome: 'client_error' })).toBe(0);
    expect(sample(text, 'http_request_duration_seconds_count', { route: '/hello', operationName: '' })).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_bucket', { route: '/hello', operationName: '', le: '+Inf' })).toBe(2);
    expect(sample(text, 'http_requests_total', { route: 'unmatched', operationName: '', outcome: 'client_error' })).toBe(1);
    expect(sample(text, 'http_requests_total', { route: '/broken', operationName: '', outcome: 'server_error' })).toBe(1);
    expect(text).not.toMatch(/route="\/healthz"/);
    expect(text).not.toMatch(/route="\/metrics"/);
    // and the process's own figures
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });
});

describe('database metrics', () => {
  it('counts the unrelayed outbox rows, the stream events the consumer has not read and the dead letters', async () => {
    const knex = knexOf(orm);
    // 3 events written and not relayed, 1 relayed
    for (let n = 0; n < 4; n++) {
      await knex.raw(`insert into obs.outbox (id, type, aggregate_type, aggregate_id, payload, occurred_at, published_at) values (?, 'obs.Thing.v1', 'Thing', ?, '{}', now(), ?)`, [
        randomUUID(), `thing-${n}`, n === 3 ? new Date() : null,
      ]);
    }
    // 5 events in the stream: with no position yet, the consumer has read none
    await transport.publish([1, 2, 3, 4, 5].map(event));
    let { text } = await scrape();
    expect(sample(text, 'event_backlog', { queue: 'outbox_unpublished' })).toBe(3);
    expect(sample(text, 'event_backlog', { queue: 'stream_unconsumed' })).toBe(5);
    expect(sample(text, 'event_backlog', { queue: 'dead_letters' })).toBe(0);

    // it has read the first two; the third is parked, then it is past the fourth
    const positions = (await knex.raw('select position::text from event_stream.events order by position')).rows.map((r: { position: string }) => r.position);
    await knex.raw(`insert into obs.event_consumers (name, position) values ('obs', ?)`, [positions[1]]);
    ({ text } = await scrape());
    expect(sample(text, 'event_backlog', { queue: 'stream_unconsumed' })).toBe(3);
    const third: StreamEvent = { ...event(3), position: positions[2] };
    await orm.em.fork().transactional((em) => parkEvent(em, 'obs', 'obs', third, 5, new Error('poison')));
    await knex.raw(`update obs.event_consumers set position = ? where name = 'obs'`, [positions[3]]);
    ({ text } = await scrape());
    expect(sample(text, 'event_backlog', { queue: 'stream_unconsumed' })).toBe(1);
    expect(sample(text, 'event_backlog', { queue: 'dead_letters' })).toBe(1);
    // another subgraph's consumer position does not count for this one
    await knex.raw(`insert into obs.event_consumers (name, position) values ('someone-else', 0)`);
    expect(sample((await scrape()).text, 'event_backlog', { queue: 'stream_unconsumed' })).toBe(1);
  });

  it('shows the connections of the pool in use and free, and its size', async () => {
    const knex = knexOf(orm);
    const held = await knex.client.acquireConnection();
    try {
      const { text } = await scrape();
      expect(sample(text, 'db_pool_connections', { state: 'used' })).toBe(1);
      expect(sample(text, 'db_pool_connections', { state: 'pending' })).toBe(0);
      expect(sample(text, 'db_pool_max_connections')).toBe(POOL_MAX);
    } finally {
      await knex.client.releaseConnection(held);
    }
    const { text } = await scrape();
    expect(sample(text, 'db_pool_connections', { state: 'used' })).toBe(0);
    expect(sample(text, 'db_pool_connections', { state: 'free' })).toBeGreaterThanOrEqual(1);
  });
});

describe('who may read /metrics', () => {
  const serve = async (env: NodeJS.ProcessEnv) => {
    const one = createHttpServer({ '/metrics': metricsRoute([], metricsAccessFromEnv(env)) });
    const port = await listen(one, 0);
    return {
      get: (headers: Record<string, string> = {}) => fetch(`http://127.0.0.1:${port}/metrics`, { headers }),
      close: () => new Promise((resolve) => (one.closeAllConnections(), one.close(resolve))),
    };
  };

  it('with METRICS_TOKEN set, only a caller with that bearer token', async () => {
    const one = await serve({ NODE_ENV: 'production', METRICS_TOKEN: 'scrape-secret' });
    try {
      for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong' }, { authorization: 'scrape-secret' }, { authorization: 'Bearer scrape-secret-and-more' }]) {
        const refused = await one.get(headers);
        expect(refused.status).toBe(401);
        expect(refused.headers.get('www-authenticate')).toBe('Bearer');
        expect(((await refused.json()) as any).errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'METRICS_TOKEN_REQUIRED' });
      }
      const allowed = await one.get({ authorization: 'Bearer scrape-secret' });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    } finally {
      await one.close();
    }
  });

  it('in production without METRICS_TOKEN, nobody (a clear refusal); outside production, anyone', async () => {
    const closed = await serve({ NODE_ENV: 'production' });
    try {
      const refused = await closed.get({ authorization: 'Bearer anything' });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as any).errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'METRICS_TOKEN_NOT_SET' });
    } finally {
      await closed.close();
    }
    const open = await serve({ NODE_ENV: 'development' });
    try {
      expect((await open.get()).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('answers GET only', async () => {
    const response = await fetch(`${base}/metrics`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});
