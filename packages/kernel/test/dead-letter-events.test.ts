import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Migration } from '@mikro-orm/migrations';
import type { Knex } from '@mikro-orm/knex';
import { Client } from 'pg';
import { createTestDatabase } from '@sme/testing';
import { migrate, openDatabase, type MikroORM } from '../src/database';
import type { OutgoingEvent } from '../src/domain-events';
import { EventConsumer, type EventHandler } from '../src/event-consumer';
import { deadLetters } from '../src/dead-letter-events';
import { kernelTablesSql, withKernelMigrations } from '../src/kernel-tables';
import { PostgresEventTransport } from '../src/postgres-event-transport';

/**
 * Poison events and outages, on real PostgreSQL. A handler that always fails (a payload missing a field) gets a
 * bounded number of attempts, then its event is parked in `dead_letter_events` and the consumer moves on. A
 * database that cannot be reached is made for real: the test database stops accepting connections and the
 * consumer's are terminated, as in a restart; no attempt counts then, and nothing is parked.
 */

class SubSchema extends Migration {
  async up(): Promise<void> {
    for (const statement of kernelTablesSql('sub')) this.addSql(statement);
    this.addSql('create table sub.notes (id text primary key, body text not null, n int not null)');
  }
}

const NOTE_ADDED = 'pub.NoteAdded.v1';
const MAX_ATTEMPTS = 3;

let url: string;
let databaseName: string;
let orm: MikroORM;
let transport: PostgresEventTransport;
let admin: Client; // on the server's maintenance database: stays connected while the test database refuses connections

const knexOf = (o: MikroORM): Knex => o.em.getConnection().getKnex();
const rows = async (sql: string, params: unknown[] = []) => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
};
const count = async (sql: string, params: unknown[] = []) => Number((await rows(sql, params))[0].n);

/** The handler under test: the body must be there; one without it is poison. */
const recordNote: EventHandler = async (em, event) => {
  const body = (event.payload as { body: string }).body.trim();
  await em.execute('insert into sub.notes (id, body, n) values (?, ?, 1) on conflict (id) do update set n = sub.notes.n + 1', [event.aggregateId, body]);
};

const consumerFor = (name: string, options: { pollMs?: number; maxBackoffMs?: number } = {}) =>
  new EventConsumer(orm, transport, name, { [NOTE_ADDED]: recordNote }, options.pollMs ?? 1000, { maxAttempts: MAX_ATTEMPTS, maxBackoffMs: options.maxBackoffMs });

const event = (id: string, payload: Record<string, unknown>): OutgoingEvent => ({
  id: randomUUID(),
  source: 'pub',
  type: NOTE_ADDED,
  aggregateType: 'Note',
  aggregateId: id,
  payload,
  occurredAt: new Date().toISOString(),
});

const position = async (name: string) => (await rows('select position::text as p from sub.event_consumers where name = $1', [name]))[0]?.p;
const notes = async () => (await rows('select id, n from sub.notes order by id')).map((r) => `${r.id}:${r.n}`);

/** The database stops accepting connections and the subgraph's are cut: what a consumer sees when PostgreSQL restarts. */
async function takeDatabaseAway(): Promise<void> {
  await admin.query(`alter database "${databaseName}" allow_connections false`);
  await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name like 'sme-%'`, [databaseName]);
}
const bringDatabaseBack = () => admin.query(`alter database "${databaseName}" allow_connections true`);

async function eventually<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined as T);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  url = await createTestDatabase();
  databaseName = new URL(url).pathname.slice(1);
  admin = new Client({ connectionString: process.env.TEST_PG_SERVER_URL });
  await admin.connect();
  orm = await openDatabase({ schema: 'sub', entities: [], migrations: withKernelMigrations('sub', [SubSchema]), url, poolMax: 4 });
  await migrate(orm);
  await PostgresEventTransport.ensureStream(knexOf(orm));
  transport = new PostgresEventTransport(knexOf(orm), url);
});

afterAll(async () => {
  await bringDatabaseBack().catch(() => undefined);
  await transport?.close();
  await orm?.close(true);
  await admin?.end();
});

beforeEach(async () => {
  await rows('truncate event_stream.events, sub.notes, sub.event_consumers, sub.processed_events, sub.dead_letter_events restart identity');
});

describe('a poison event', () => {
  it('is parked after the bounded number of attempts, whole, and the consumer moves on to the next', async () => {
    const poison = event('broken', { id: 'broken' }); // no body
    await transport.publish([event('before', { body: 'first' }), poison, event('after', { body: 'third' })]);
    const consumer = consumerFor('sub');

    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      await expect(consumer.consumeOnce()).rejects.toThrow(TypeError);
      expect(await position('sub')).toBe('1'); // held at the poison, nothing skipped
      expect(await count('select count(*)::int as n from sub.dead_letter_events')).toBe(0);
    }
    expect(await notes()).toEqual(['before:1']);

    expect(await consumer.consumeOnce()).toBe(2); // the last attempt parks it, and the next event is handled
    expect(await position('sub')).toBe('3');
    expect(await notes()).toEqual(['after:1', 'before:1']);
    const parked = await deadLetters(orm.em.fork(), 'sub');
    expect(parked).toEqual([
      expect.objectContaining({ consumer: 'sub', eventId: poison.id, position: '2', type: NOTE_ADDED, aggregateId: 'broken', payload: { id: 'broken' }, attempts: MAX_ATTEMPTS }),
    ]);
    expect(parked[0].lastError).toMatch(/^TypeError: .*trim/);
    // not marked processed: handled again once fixed, it would take effect
    expect(await count('select count(*)::int as n from sub.processed_events where event_id = $1', [poison.id])).toBe(0);
    expect(await count('select count(*)::int as n from sub.processed_events')).toBe(2);

    expect(await consumer.consumeOnce()).toBe(0);
    expect(await count('select count(*)::int as n from sub.dead_letter_events')).toBe(1);
  });

  it('counts attempts per event: one that fails less often than the bound is handled, not parked', async () => {
    let failuresLeft = MAX_ATTEMPTS - 1;
    const flaky: EventHandler = async (em, e) => {
      if (failuresLeft-- > 0) throw new Error('the handler failed this time');
      await recordNote(em, e);
    };
    await transport.publish([event('flaky', { body: 'x' }), event('next', { body: 'y' })]);
    const consumer = new EventConsumer(orm, transport, 'sub', { [NOTE_ADDED]: flaky }, 1000, { maxAttempts: MAX_ATTEMPTS });
    for (let i = 0; i < MAX_ATTEMPTS - 1; i++) await expect(consumer.consumeOnce()).rejects.toThrow('the handler failed this time');
    expect(await consumer.consumeOnce()).toBe(2);
    expect(await notes()).toEqual(['flaky:1', 'next:1']);
    expect(await count('select count(*)::int as n from sub.dead_letter_events')).toBe(0);
  });

  it('is parked by the running consumer, which handles every event after it', async () => {
    await transport.publish([event('p1', { body: 'a' }), event('poison', {}), event('p2', { body: 'b' }), event('p3', { body: 'c' })]);
    const consumer = consumerFor('sub', { pollMs: 10, maxBackoffMs: 20 });
    consumer.start();
    try {
      await eventually('the events after the poison handled', notes, (n) => n.length === 3);
    } finally {
      await consumer.stop();
    }
    expect(await notes()).toEqual(['p1:1', 'p2:1', 'p3:1']);
    expect((await deadLetters(orm.em.fork(), 'sub')).map((d) => [d.aggregateId, d.attempts])).toEqual([['poison', MAX_ATTEMPTS]]);
    expect(await position('sub')).toBe('4');
  });
});

describe('a database that cannot be reached', () => {
  it('never counts as an attempt: an event cut off by an outage is neither parked nor any closer to it', async () => {
    await transport.publish([event('n1', { body: 'kept' })]);
    let outageArmed = true;
    let failuresLeft = MAX_ATTEMPTS - 1;
    const handler: EventHandler = async (em, e) => {
      if (outageArmed) {
        outageArmed = false;
        await takeDatabaseAway(); // cuts this very transaction's connection
      } else if (failuresLeft-- > 0) {
        throw new Error('the handler failed this time');
      }
      await recordNote(em, e);
    };
    const consumer = new EventConsumer(orm, transport, 'sub', { [NOTE_ADDED]: handler }, 1000, { maxAttempts: MAX_ATTEMPTS });
    try {
      await expect(consumer.consumeOnce()).rejects.toThrow(); // the outage, in the middle of handling the event
      for (let i = 0; i < MAX_ATTEMPTS * 2; i++) await expect(consumer.consumeOnce()).rejects.toThrow(); // and while it lasts
    } finally {
      await bringDatabaseBack();
    }
    expect(await count('select count(*)::int as n from sub.dead_letter_events')).toBe(0);
    expect(await position('sub')).toBe('0');
    // had any of those counted, the event would be parked within these failures
    for (let i = 0; i < MAX_ATTEMPTS - 1; i++) await expect(consumer.consumeOnce()).rejects.toThrow('the handler failed this time');
    expect(await consumer.consumeOnce()).toBe(1);
    expect(await notes()).toEqual(['n1:1']);
    expect(await count('select count(*)::int as n from sub.dead_letter_events')).toBe(0);
  });

  it('does not stop the running consumer: it keeps retrying and carries on by itself when the database is back', async () => {
    const consumer = consumerFor('sub', { pollMs: 10, maxBackoffMs: 50 });
    consumer.start();
    try {
      await transport.publish([event('before', { body: 'a' })]);
      await eventually('the first event handled', notes, (n) => n.length === 1);
      await takeDatabaseAway();
      try {
        // the loop fails over and over (more often than an event's attempt bound) and keeps running
        await eventually('the consumer failing repeatedly', async () => consumer.consecutiveFailures, (n) => n > MAX_ATTEMPTS);
      } finally {
        await bringDatabaseBack();
      }
      await transport.publish([event('after', { body: 'b' })]);
      await eventually('the event published after the outage handled', notes, (n) => n.length === 2);
      expect(consumer.consecutiveFailures).toBe(0);
    } finally {
      await consumer.stop();
    }
    expect(await notes()).toEqual(['after:1', 'before:1']);
    expect(await count('select count(*)::int as n from sub.dead_letter_events')).toBe(0);
  });
});

describe('the event listener', () => {
  it('listens again after its connection is cut, and is woken by the next append', async () => {
    const listenerPids = async () =>
      (await admin.query(`select pid from pg_stat_activity where datname = $1 and application_name = 'sme-event-listener' and state = 'idle' and query ilike 'listen%'`, [databaseName])).rows.map((r) => r.pid);
    const others = await listenerPids(); // the other transport's, from the tests before
    const ours = async () => (await listenerPids()).filter((pid) => !others.includes(pid));
    const reader = new PostgresEventTransport(knexOf(orm), url);
    try {
      await reader.waitForEvents(1); // connects and listens
      const [first] = await eventually('the listener connected', ours, (pids) => pids.length === 1);
      await admin.query('select pg_terminate_backend($1)', [first]);
      await eventually('the cut connection gone', ours, (pids) => pids.length === 0);

      // the client may learn of the cut only after the server forgot it: a wait in between returns on the drop,
      // and the next one connects again, as a consumer's loop does
      const [second] = await eventually(
        'the listener connected again',
        async () => (await reader.waitForEvents(1), ours()),
        (pids) => pids.length === 1,
      );
      expect(second).not.toBe(first);
      let woken = 0;
      const waiting = reader.waitForEvents(60_000).then(() => woken++);
      await transport.publish([event('wake', { body: 'w' })]);
      await eventually('the waiting reader woken by the append', async () => woken, (n) => n === 1);
      await waiting;
    } finally {
      await reader.close();
    }
  });
});
