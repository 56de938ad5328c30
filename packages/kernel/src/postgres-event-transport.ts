import { Client } from 'pg';
import type { Knex } from '@mikro-orm/knex';
import type { EventTransport, OutgoingEvent, StreamEvent } from './domain-events';

const CHANNEL = 'sme_event_stream';
/** A connect that hangs (no answer at all) gives up after this; the next wait tries again. */
const LISTENER_CONNECT_TIMEOUT_MS = 5000;

/**
 * The event stream in PostgreSQL: one append-only table in its own schema (`event_stream`), owned by the
 * transport, not by any subgraph. Appends take a transaction-level advisory lock, so positions become
 * visible in order and a reader that remembers its last position can never skip a late-committing event.
 */
export class PostgresEventTransport implements EventTransport {
  private listener?: Client;
  private waiters: (() => void)[] = [];
  private closed = false;
  /** The listener's connect-and-LISTEN in progress (settled once listening, or once it failed). */
  private listening: Promise<void> = Promise.resolve();

  constructor(
    private readonly knex: Knex,
    private readonly connectionString: string,
  ) {}

  static async ensureStream(knex: Knex): Promise<void> {
    await knex.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', ['event_stream:ddl']);
      await trx.raw('create schema if not exists event_stream');
      await trx.raw(`create table if not exists event_stream.events (
        position bigserial primary key, id uuid not null unique, source text not null, type text not null,
        aggregate_type text not null, aggregate_id text not null, payload jsonb not null,
        occurred_at timestamptz not null, appended_at timestamptz not null default now())`);
      await trx.raw('create index if not exists events_type_idx on event_stream.events (type, position)');
    });
  }

  async publish(events: OutgoingEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.knex.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', ['event_stream:append']);
      for (const e of events) {
        await trx.raw(
          `insert into event_stream.events (id, source, type, aggregate_type, aggregate_id, payload, occurred_at)
           values (?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (id) do nothing`,
          [e.id, e.source, e.type, e.aggregateType, e.aggregateId, JSON.stringify(e.payload), e.occurredAt],
        );
      }
      await trx.raw(`select pg_notify(?, '')`, [CHANNEL]);
    });
  }

  async read(position: string, limit: number): Promise<StreamEvent[]> {
    const result = await this.knex.raw(
      `select position::text, id, source, type, aggregate_type, aggregate_id, payload, occurred_at
       from event_stream.events where position > ? order by position limit ?`,
      [position, limit],
    );
    return result.rows.map((r: Record<string, any>) => ({
      id: r.id,
      position: r.position,
      source: r.source,
      type: r.type,
      aggregateType: r.aggregate_type,
      aggregateId: r.aggregate_id,
      payload: r.payload,
      occurredAt: new Date(r.occurred_at).toISOString(),
    }));
  }

  async waitForEvents(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // connecting counts against the wait: while PostgreSQL is down, or a connect hangs, a reader still polls
    let connectTimer: NodeJS.Timeout | undefined;
    await Promise.race([this.listen(), new Promise((resolve) => (connectTimer = setTimeout(resolve, timeoutMs)).unref())]);
    clearTimeout(connectTimer);
    const left = deadline - Date.now();
    if (left <= 0 || this.closed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, left);
      timer.unref();
      const self = this;
      function done() {
        clearTimeout(timer);
        self.waiters = self.waiters.filter((w) => w !== done);
        resolve();
      }
      this.waiters.push(done);
    });
  }

  /**
   * LISTEN on a dedicated connection; resolves once listening, or once the attempt failed. If the connection
   * drops (PostgreSQL restarted, the connection was cut), waiting readers are woken and fall back to their
   * polling interval, and the next wait connects and listens again. A notification missed in between costs
   * nothing: a reader reads from its own position after every wait.
   */
  private listen(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.listener) return this.listening;
    const client = new Client({
      connectionString: this.connectionString,
      application_name: 'sme-event-listener',
      connectionTimeoutMillis: LISTENER_CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    this.listener = client;
    client.on('notification', () => this.wakeAll());
    client.on('error', () => this.dropListener(client));
    client.on('end', () => this.dropListener(client));
    this.listening = client
      .connect()
      .then(() => client.query(`listen ${CHANNEL}`))
      .then(
        () => undefined,
        () => this.dropListener(client),
      );
    return this.listening;
  }

  private dropListener(client: Client): void {
    if (this.listener !== client) return;
    this.listener = undefined;
    this.listening = Promise.resolve();
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    this.wakeAll();
  }

  private wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.listener;
    this.listener = undefined;
    this.wakeAll();
    if (client) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  }
}
