import 'reflect-metadata';
import { Migration } from '@mikro-orm/migrations';
import type { Knex } from '@mikro-orm/knex';
import { Client } from 'pg';
import { createTestDatabase } from '@sme/testing';
import { migrate, openDatabase, sqlStatementCount, type MikroORM } from '../src/database';
import { publishEvent, type EventTransport, type OutgoingEvent, type StreamEvent } from '../src/domain-events';
import { EventConsumer, type EventHandler } from '../src/event-consumer';
import { OutboxRelay } from '../src/event-relay';
import { kernelTablesSql } from '../src/kernel-tables';
import { OutboxEvent } from '../src/outbox-event';
import { PostgresEventTransport } from '../src/postgres-event-transport';

/**
 * Two tiny subgraphs on one real PostgreSQL database: `pub` publishes through its outbox, `sub` consumes
 * the stream into a table of its own. No mocks: every assertion reads the database.
 */

class PubSchema extends Migration {
  async up(): Promise<void> {
    for (const statement of kernelTablesSql('pub')) this.addSql(statement);
    this.addSql('create table pub.notes (id text primary key, body text not null)');
  }
}

class SubSchema extends Migration {
  async up(): Promise<void> {
    for (const statement of kernelTablesSql('sub')) this.addSql(statement);
    // n counts how often the effect happened; seq records the order it first happened in
    this.addSql('create table sub.seen (id text primary key, n int not null, seq bigserial not null)');
  }
}

const NOTE_ADDED = 'pub.NoteAdded.v1';
const NOTE_ARCHIVED = 'pub.NoteArchived.v1'; // sub has no handler for it
const NOTE_SEEN = 'sub.NoteSeen.v1'; // sub's own follow-up event

let url: string;
let pub: MikroORM;
let pubReplica: MikroORM; // a second process of the same publisher
let sub: MikroORM;
let pubTransport: PostgresEventTransport;
let subTransport: PostgresEventTransport;
let db: Client;
let applied: string[][];

const knexOf = (orm: MikroORM): Knex => orm.em.getConnection().getKnex();
const rows = async <T = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T[]> => (await db.query(sql, params)).rows;

beforeAll(async () => {
  url = await createTestDatabase({ empty: true }); // these tests migrate schemas themselves, from nothing
  db = new Client({ connectionString: url });
  await db.connect();
  [pub, pubReplica, sub] = await Promise.all([
    openDatabase({ schema: 'pub', entities: [], migrations: [PubSchema], url, poolMax: 4 }),
    openDatabase({ schema: 'pub', entities: [], migrations: [PubSchema], url, poolMax: 4 }),
    openDatabase({ schema: 'sub', entities: [], migrations: [SubSchema], url, poolMax: 4 }),
  ]);
  // both processes of the publisher migrate at once, as replicas starting together do
  applied = await Promise.all([migrate(pub), migrate(pubReplica), migrate(sub)]);
  await Promise.all([PostgresEventTransport.ensureStream(knexOf(pub)), PostgresEventTransport.ensureStream(knexOf(sub))]);
  pubTransport = new PostgresEventTransport(knexOf(pub), url);
  subTransport = new PostgresEventTransport(knexOf(sub), url);
});

afterAll(async () => {
  await Promise.all([pubTransport?.close(), subTransport?.close()]);
  await Promise.all([pub?.close(true), pubReplica?.close(true), sub?.close(true)]);
  await db?.end();
});

beforeEach(async () => {
  await db.query(`truncate event_stream.events, pub.outbox, pub.notes, sub.outbox, sub.seen, sub.event_consumers, sub.processed_events restart identity`);
});

/** A change in `pub` with its events, in one transaction (the way a resolver writes). */
async function addNotes(ids: string[], type = NOTE_ADDED, orm = pub): Promise<OutboxEvent[]> {
  return orm.em.fork().transactional(async (em) => {
    const events: OutboxEvent[] = [];
    for (const id of ids) {
      await em.execute('insert into pub.notes (id, body) values (?, ?) on conflict (id) do nothing', [id, `note ${id}`]);
      events.push(publishEvent(em, { type, aggregateType: 'Note', aggregateId: id, payload: { id, body: `note ${id}`, tags: ['甲', 1] } }));
    }
    return events;
  });
}

const streamIds = async () => (await rows<{ aggregate_id: string }>('select aggregate_id from event_stream.events order by position')).map((r) => r.aggregate_id);
const outboxIds = async () => (await rows<{ aggregate_id: string }>('select aggregate_id from pub.outbox order by seq')).map((r) => r.aggregate_id);
const seen = () => rows<{ id: string; n: number }>('select id, n from sub.seen order by seq');
const seenIds = async () => (await seen()).map((r) => r.id);
const count = async (table: string) => Number((await rows(`select count(*)::int as n from ${table}`))[0].n);
const consumerPosition = async (name: string) => (await rows('select position::text as p from sub.event_consumers where name = $1', [name]))[0]?.p;

/** sub's handler: records the note as seen (counting repeats) and announces it, in the consumer's transaction. */
const recordSeen: EventHandler = async (em, event) => {
  await em.execute('insert into sub.seen (id, n) values (?, 1) on conflict (id) do update set n = sub.seen.n + 1', [event.aggregateId]);
  publishEvent(em, { type: NOTE_SEEN, aggregateType: 'Note', aggregateId: event.aggregateId, payload: { position: event.position } });
};

const newConsumer = (handlers: Record<string, EventHandler> = { [NOTE_ADDED]: recordSeen }, name = 'sub', orm = sub, transport: EventTransport = subTransport, pollMs = 1000) =>
  new EventConsumer(orm, transport, name, handlers, pollMs);

/** Relays (or consumes) in small batches until nothing is left; returns the batch sizes. */
async function drain(step: () => Promise<number>): Promise<number[]> {
  const sizes: number[] = [];
  for (let n = await step(); n > 0; n = await step()) sizes.push(n);
  return sizes;
}

/** Polls until `done` holds, for at most `timeoutMs`; fails with the last value seen. */
async function eventually<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('database and kernel tables', () => {
  it('migrates each schema once, even with two processes migrating at once', async () => {
    expect(applied[0].concat(applied[1]).sort()).toEqual(['PubSchema']);
    expect(applied[2]).toEqual(['SubSchema']);
    await expect(migrate(pub)).resolves.toEqual([]);
    const tables = await rows<{ table_schema: string; table_name: string }>(
      `select table_schema, table_name from information_schema.tables where table_schema in ('pub', 'sub', 'event_stream') order by 1, 2`,
    );
    const names = tables.map((t) => `${t.table_schema}.${t.table_name}`);
    for (const schema of ['pub', 'sub']) {
      for (const table of ['audit_entries', 'outbox', 'event_consumers', 'processed_events', 'schema_migrations']) expect(names).toContain(`${schema}.${table}`);
    }
    expect(names).toContain('pub.notes');
    expect(names).toContain('sub.seen');
    expect(names).not.toContain('pub.seen');
    expect(names).toContain('event_stream.events');
    expect(await rows('select name from pub.schema_migrations')).toEqual([{ name: 'PubSchema' }]);
  });

  it('never fails when several processes migrate a new schema at once', async () => {
    const kernelOnly = (schema: string) =>
      class KernelOnly extends Migration {
        async up(): Promise<void> {
          for (const statement of kernelTablesSql(schema)) this.addSql(statement);
        }
      };
    for (let round = 0; round < 5; round++) {
      const schema = `race_${round}`;
      const orms = await Promise.all([0, 1, 2].map(() => openDatabase({ schema, entities: [], migrations: [kernelOnly(schema)], url, poolMax: 2 })));
      try {
        const results = await Promise.allSettled(orms.map((orm) => migrate(orm)));
        expect(results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason))).flat()).toEqual(['KernelOnly']);
      } finally {
        await Promise.all(orms.map((orm) => orm.close(true)));
      }
    }
  });

  it('counts the SQL statements it sends', async () => {
    const before = sqlStatementCount();
    await pub.em.fork().execute('select 1');
    expect(sqlStatementCount()).toBe(before + 1);
  });
});

describe('transactional outbox and event stream', () => {
  it('relays and consumes an event whose transaction committed', async () => {
    const [event] = await addNotes(['n1']);
    expect(await rows('select id, published_at from pub.outbox')).toEqual([{ id: event.id, published_at: null }]);
    expect(await count('event_stream.events')).toBe(0); // nothing leaves before the relay runs

    const relay = new OutboxRelay(pub, pubTransport, 'pub');
    expect(await relay.relayOnce()).toBe(1);
    expect(await relay.relayOnce()).toBe(0);
    expect((await rows('select published_at from pub.outbox'))[0].published_at).toBeInstanceOf(Date);

    const stream = await subTransport.read('0', 10);
    expect(stream).toEqual<StreamEvent[]>([
      {
        id: event.id,
        position: '1',
        source: 'pub',
        type: NOTE_ADDED,
        aggregateType: 'Note',
        aggregateId: 'n1',
        payload: { id: 'n1', body: 'note n1', tags: ['甲', 1] },
        occurredAt: event.occurredAt.toISOString(),
      },
    ]);
    expect(await subTransport.read('1', 10)).toEqual([]);

    const consumer = newConsumer();
    expect(await consumer.position()).toBe('0');
    expect(await consumer.consumeOnce()).toBe(1);
    expect(await seen()).toEqual([{ id: 'n1', n: 1 }]);
    expect(await consumer.position()).toBe('1');
    expect(await consumerPosition('sub')).toBe('1');
    // the handler's own writes (here a follow-up event) commit with the handling
    expect(await rows('select type, aggregate_id from sub.outbox')).toEqual([{ type: NOTE_SEEN, aggregate_id: 'n1' }]);
    expect(await consumer.consumeOnce()).toBe(0);
    expect(await seen()).toEqual([{ id: 'n1', n: 1 }]);
  });

  it('never lets out an event whose transaction rolled back', async () => {
    await expect(
      pub.em.fork().transactional(async (em) => {
        await em.execute(`insert into pub.notes (id, body) values ('lost', 'x')`);
        publishEvent(em, { type: NOTE_ADDED, aggregateType: 'Note', aggregateId: 'lost', payload: {} });
        await em.flush(); // the outbox row reaches the database inside the transaction...
        expect(Number((await em.execute('select count(*)::int as n from pub.outbox'))[0].n)).toBe(1);
        throw new Error('the change is refused'); // ...and goes away with it
      }),
    ).rejects.toThrow('the change is refused');

    expect(await count('pub.notes')).toBe(0);
    expect(await count('pub.outbox')).toBe(0);
    expect(await new OutboxRelay(pub, pubTransport, 'pub').relayOnce()).toBe(0);
    expect(await count('event_stream.events')).toBe(0);
    expect(await newConsumer().consumeOnce()).toBe(0);
    expect(await count('sub.seen')).toBe(0);

    // a later committed event is not affected by the lost one
    await addNotes(['kept']);
    await new OutboxRelay(pub, pubTransport, 'pub').relayOnce();
    await newConsumer().consumeOnce();
    expect(await seenIds()).toEqual(['kept']);
  });

  it('has the effect once when the same event is delivered twice', async () => {
    await addNotes(['dup']);
    const relay = new OutboxRelay(pub, pubTransport, 'pub');
    await relay.relayOnce();
    const [delivered] = await pubTransport.read('0', 10);
    const { position: _position, ...outgoing } = delivered;

    // the transport drops an event id it already holds
    await pubTransport.publish([outgoing as OutgoingEvent]);
    await pubTransport.publish([outgoing as OutgoingEvent, outgoing as OutgoingEvent]);
    expect(await count('event_stream.events')).toBe(1);

    // the relay crashed after publishing but before marking: it publishes again, still one stream row
    await db.query('update pub.outbox set published_at = null');
    expect(await relay.relayOnce()).toBe(1);
    expect(await count('event_stream.events')).toBe(1);

    const consumer = newConsumer();
    expect(await consumer.consumeOnce()).toBe(1);
    expect(await seen()).toEqual([{ id: 'dup', n: 1 }]);

    // the consumer forgets its position (restored backup, crash before the position was saved): re-reads, no new effect
    await db.query(`update sub.event_consumers set position = 0 where name = 'sub'`);
    expect(await consumer.consumeOnce()).toBe(1);
    expect(await seen()).toEqual([{ id: 'dup', n: 1 }]);
    expect(await count('sub.outbox')).toBe(1);
    expect(await consumer.position()).toBe('1');

    // another consumer is another reader: it handles the event for itself, once
    const other = newConsumer({ [NOTE_ADDED]: recordSeen }, 'sub-audit');
    expect(await other.consumeOnce()).toBe(1);
    expect(await other.consumeOnce()).toBe(0);
    expect(await seen()).toEqual([{ id: 'dup', n: 2 }]);
  });

  it('consumes events in publish order, across transactions and batches', async () => {
    const order = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'];
    await addNotes(['e1']);
    await addNotes(['e2', 'e3', 'e4']); // several events in one transaction keep their order
    await addNotes(['e5']);
    await addNotes(['e6', 'e7']);
    expect(await outboxIds()).toEqual(order);

    const relay = new OutboxRelay(pub, pubTransport, 'pub');
    expect(await drain(() => relay.relayOnce(2))).toEqual([2, 2, 2, 1]);
    expect(await streamIds()).toEqual(order);

    const handled: string[] = [];
    const consumer = newConsumer({
      [NOTE_ADDED]: async (em, event) => {
        handled.push(`${event.position}:${event.aggregateId}`);
        await recordSeen(em, event);
      },
    });
    expect(await drain(() => consumer.consumeOnce(3))).toEqual([3, 3, 1]);
    expect(handled).toEqual(order.map((id, i) => `${i + 1}:${id}`));
    expect(await seenIds()).toEqual(order);
  });

  it('leaves the position where it was when a handler throws, and handles the event on a later try', async () => {
    await addNotes(['ok', 'flaky', 'after']);
    await new OutboxRelay(pub, pubTransport, 'pub').relayOnce();

    let failuresLeft = 2;
    const consumer = newConsumer({
      [NOTE_ADDED]: async (em, event) => {
        await recordSeen(em, event); // written, then rolled back with the failure
        if (event.aggregateId === 'flaky' && failuresLeft-- > 0) throw new Error('downstream unavailable');
      },
    });

    await expect(consumer.consumeOnce()).rejects.toThrow('downstream unavailable');
    expect(await seen()).toEqual([{ id: 'ok', n: 1 }]);
    expect(await consumer.position()).toBe('1');
    expect(await rows('select count(*)::int as n from sub.processed_events')).toEqual([{ n: 1 }]);

    await expect(consumer.consumeOnce()).rejects.toThrow('downstream unavailable');
    expect(await consumer.position()).toBe('1'); // not skipped on the second failure either
    expect(await seenIds()).toEqual(['ok']);

    expect(await consumer.consumeOnce()).toBe(2);
    expect(await seen()).toEqual([
      { id: 'ok', n: 1 },
      { id: 'flaky', n: 1 },
      { id: 'after', n: 1 },
    ]);
    expect(await consumer.position()).toBe('3');
    expect(await count('sub.outbox')).toBe(3);
  });

  it('passes over event types it has no handler for, and moves its position past them', async () => {
    await addNotes(['a1'], NOTE_ARCHIVED);
    await addNotes(['b1']);
    await addNotes(['a2'], NOTE_ARCHIVED);
    await new OutboxRelay(pub, pubTransport, 'pub').relayOnce();

    const consumer = newConsumer();
    expect(await consumer.consumeOnce()).toBe(3);
    expect(await seenIds()).toEqual(['b1']);
    expect(await consumer.position()).toBe('3');
    expect(await consumer.consumeOnce()).toBe(0);

    // a consumer with no handlers at all still advances
    const idle = newConsumer({}, 'sub-idle');
    expect(await idle.consumeOnce()).toBe(3);
    expect(await idle.position()).toBe('3');
    expect(await seenIds()).toEqual(['b1']);
  });

  it('lets one relay run at a time on an outbox (advisory lock)', async () => {
    await addNotes(['l1', 'l2']);
    const relays = [new OutboxRelay(pub, pubTransport, 'pub'), new OutboxRelay(pubReplica, pubTransport, 'pub')];

    // another relay is mid-batch: it holds the publisher's relay lock
    const holder = new Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock(hashtext($1))', ['relay:pub']);
      for (const relay of relays) expect(await relay.relayOnce()).toBe(0);
      expect(await count('event_stream.events')).toBe(0);
      await holder.query('commit');
    } finally {
      await holder.end();
    }
    expect(await relays[1].relayOnce()).toBe(2);
    expect(await streamIds()).toEqual(['l1', 'l2']);
  });

  it('keeps outbox order in the stream with two relays running at once on the same outbox', async () => {
    const relays = [new OutboxRelay(pub, pubTransport, 'pub', 5), new OutboxRelay(pubReplica, pubTransport, 'pub', 5)];
    relays.forEach((r) => r.start());
    const ids = Array.from({ length: 30 }, (_, i) => `r${String(i).padStart(2, '0')}`);
    try {
      // writers on both replicas, while both relays poll and are kicked after each commit
      for (let i = 0; i < ids.length; i += 2) {
        await Promise.all([addNotes([ids[i]], NOTE_ADDED, pub), addNotes([ids[i + 1]], NOTE_ADDED, pubReplica)]);
        relays.forEach((r) => r.kick());
      }
      // and the two relays racing for the same rows in small batches
      await addNotes(Array.from({ length: 10 }, (_, i) => `s${i}`));
      ids.push(...Array.from({ length: 10 }, (_, i) => `s${i}`));
      await Promise.all(relays.flatMap((r) => [r.relayOnce(3), r.relayOnce(3)]));
      await eventually('every outbox row in the stream', () => count('event_stream.events'), (n) => n >= ids.length);
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
    }
    const outbox = await outboxIds();
    expect(outbox.sort()).toEqual([...ids].sort());
    expect(await streamIds()).toEqual(await outboxIds());
    expect(await count('event_stream.events')).toBe(ids.length);
    expect(await rows('select count(*)::int as n from pub.outbox where published_at is null')).toEqual([{ n: 0 }]);
  });

  it('loses nothing across consumer restarts, and handles each event once (start/stop loops)', async () => {
    const relay = new OutboxRelay(pub, pubTransport, 'pub', 20);
    relay.start();
    let restartedOrm: MikroORM | undefined;
    let restartedTransport: PostgresEventTransport | undefined;
    let restarted: EventConsumer | undefined;
    const first = newConsumer(undefined, 'sub', sub, subTransport, 50);
    try {
      first.start();
      for (const id of ['x1', 'x2', 'x3']) {
        await addNotes([id]);
        relay.kick();
      }
      await eventually('the first three handled', seenIds, (ids) => ids.length === 3);
      await first.stop();

      // published while the consumer is down: relayed into the stream, not handled
      await addNotes(['x4', 'x5']);
      await addNotes(['x6']);
      relay.kick();
      await addNotes(['x7'], NOTE_ARCHIVED);
      relay.kick();
      await eventually('all seven in the stream', () => count('event_stream.events'), (n) => n === 7);
      expect(await seenIds()).toEqual(['x1', 'x2', 'x3']);
      expect(await consumerPosition('sub')).toBe('3');

      // a new process: its own ORM, transport and consumer, same consumer name
      restartedOrm = await openDatabase({ schema: 'sub', entities: [], migrations: [SubSchema], url, poolMax: 2 });
      expect(await migrate(restartedOrm)).toEqual([]);
      restartedTransport = new PostgresEventTransport(knexOf(restartedOrm), url);
      restarted = newConsumer(undefined, 'sub', restartedOrm, restartedTransport, 50);
      restarted.start();
      await eventually('the consumer caught up', () => consumerPosition('sub'), (p) => p === '7');
      await addNotes(['x8']); // and it keeps going once caught up
      relay.kick();
      await eventually('x8 handled', seenIds, (ids) => ids.includes('x8'));
    } finally {
      await first.stop();
      await restarted?.stop();
      await relay.stop();
      await restartedTransport?.close();
      await restartedOrm?.close(true);
    }
    expect(await seen()).toEqual(['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x8'].map((id) => ({ id, n: 1 })));
    expect(await consumerPosition('sub')).toBe('8');
  });
});

describe('PostgresEventTransport', () => {
  it('wakes a waiting reader when events are appended, and on close', async () => {
    // listeners that have run their LISTEN and sit idle: a NOTIFY from then on reaches them
    const idleListeners = async (): Promise<number[]> =>
      (await db.query(`select pid from pg_stat_activity where datname = current_database() and application_name = 'sme-event-listener' and state = 'idle' and query ilike 'listen%'`)).rows.map((r) => r.pid);
    const before = await idleListeners();
    const transport = new PostgresEventTransport(knexOf(sub), url);
    try {
      // a short wait starts the listener without waiting for it (connecting counts against the wait): wait until it listens
      await transport.waitForEvents(1);
      await eventually('the listener to listen', idleListeners, (pids) => pids.some((pid) => !before.includes(pid)), 5000);
      let woke = false;
      const waiting = transport.waitForEvents(30_000).then(() => (woke = true));
      await addNotes(['w1']);
      await new OutboxRelay(pub, pubTransport, 'pub').relayOnce(); // another transport's append notifies
      await eventually('the waiter to wake', async () => woke, (w) => w, 5000);
      await waiting;

      let closedWoke = false;
      const closing = transport.waitForEvents(30_000).then(() => (closedWoke = true));
      await new Promise((resolve) => setImmediate(resolve));
      await transport.close();
      await eventually('close to wake the waiter', async () => closedWoke, (w) => w, 5000);
      await closing;
    } finally {
      await transport.close();
    }
  });

  it('reads after a position, at most `limit` events', async () => {
    await addNotes(['p1', 'p2', 'p3', 'p4']);
    await new OutboxRelay(pub, pubTransport, 'pub').relayOnce();
    expect((await subTransport.read('0', 2)).map((e) => [e.position, e.aggregateId])).toEqual([
      ['1', 'p1'],
      ['2', 'p2'],
    ]);
    expect((await subTransport.read('2', 10)).map((e) => e.aggregateId)).toEqual(['p3', 'p4']);
    expect(await subTransport.read('4', 10)).toEqual([]);
    await expect(pubTransport.publish([])).resolves.toBeUndefined();
    expect(await count('event_stream.events')).toBe(4);
  });
});
