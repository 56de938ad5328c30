import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { EventTransport, StreamEvent } from './domain-events';
import { databaseReachable } from './database';
import { DEFAULT_MAX_HANDLER_ATTEMPTS, parkEvent } from './dead-letter-events';
import { isUnavailableFailure } from './service-unavailable';
import { log } from './log';

export type EventHandler = (em: EntityManager, event: StreamEvent) => Promise<void>;

export interface EventConsumerOptions {
  /** Failed attempts (with the database reachable) before an event is parked in the dead letters. */
  maxAttempts?: number;
  /** Longest pause between retries after failures. */
  maxBackoffMs?: number;
}

/**
 * Reads the stream from its last position and handles each event in one transaction with the record that it
 * was handled: delivery is at least once, the effect exactly once. Events of types it has no handler for
 * are passed over. A failing handler stops the consumer at that event and is retried with backoff, so no
 * event is skipped while the failure may pass: a database that cannot be reached never counts against the
 * event. An event whose handler fails `maxAttempts` times with the database reachable is poison: it is parked
 * in the dead letters (dead-letter-events.ts), logged, and the consumer moves on.
 */
export class EventConsumer {
  private running = false;
  private stopped?: Promise<void>;
  private wakeSleeper?: () => void;
  private failures = 0;
  /** The event that is failing now and how often it failed; only one at a time, since the consumer stops at it. */
  private failing?: { eventId: string; attempts: number };
  private readonly maxAttempts: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly orm: MikroORM,
    private readonly transport: EventTransport,
    private readonly name: string,
    private readonly handlers: Record<string, EventHandler>,
    private readonly pollMs = 1000,
    options: EventConsumerOptions = {},
  ) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_HANDLER_ATTEMPTS);
    this.maxBackoffMs = options.maxBackoffMs ?? 15_000;
  }

  /** Failures of the running loop in a row (0 while it is healthy): what an operator, or a test, watches. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  private get schema() {
    return this.orm.config.get('schema')!;
  }

  async position(): Promise<string> {
    const em = this.orm.em.fork();
    await em.execute(`insert into "${this.schema}".event_consumers (name) values (?) on conflict (name) do nothing`, [this.name]);
    const rows = await em.execute(`select position::text as position from "${this.schema}".event_consumers where name = ?`, [this.name]);
    return rows[0].position;
  }

  /**
   * Handles what is in the stream now; returns how many events were read (a parked one included). A failure
   * that does not park its event is thrown, with the position left before that event.
   */
  async consumeOnce(batch = 100): Promise<number> {
    const events = await this.transport.read(await this.position(), batch);
    for (const event of events) {
      try {
        await this.handle(event);
        if (this.failing?.eventId === event.id) this.failing = undefined;
      } catch (error) {
        if (!(await this.countsAsAttempt(error))) throw error;
        const attempts = this.failing?.eventId === event.id ? this.failing.attempts + 1 : 1;
        this.failing = { eventId: event.id, attempts };
        if (attempts < this.maxAttempts) throw error;
        await this.park(event, attempts, error);
        this.failing = undefined;
      }
    }
    return events.length;
  }

  /** A failure counts against the event only when the database answered: an outage is nobody's poison. */
  private async countsAsAttempt(error: unknown): Promise<boolean> {
    if (isUnavailableFailure(error)) return false;
    return databaseReachable(this.orm);
  }

  private async handle(event: StreamEvent): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      const fresh = await em.execute(
        `insert into "${this.schema}".processed_events (consumer, event_id) values (?, ?) on conflict do nothing returning event_id`,
        [this.name, event.id],
      );
      const handler = this.handlers[event.type];
      if (fresh.length > 0 && handler) {
        await handler(em, event);
        await em.flush();
      }
      await this.advance(em, event);
    });
  }

  private async advance(em: EntityManager, event: StreamEvent): Promise<void> {
    await em.execute(
      `update "${this.schema}".event_consumers set position = greatest(position, ?::bigint), updated_at = now() where name = ?`,
      [event.position, this.name],
    );
  }

  /** Dead letter and new position in one transaction: the event is either parked and passed, or neither. */
  private async park(event: StreamEvent, attempts: number, error: unknown): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      await parkEvent(em, this.schema, this.name, event, attempts, error);
      await this.advance(em, event);
    });
    log.error(
      { err: error, consumer: this.name, eventId: event.id, type: event.type, position: event.position, aggregateId: event.aggregateId, attempts },
      'event parked in the dead letters after failing every attempt; the consumer moves on',
    );
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = (async () => {
      this.failures = 0;
      while (this.running) {
        try {
          const read = await this.consumeOnce();
          this.failures = 0;
          if (read > 0) continue;
          await this.transport.waitForEvents(this.pollMs);
        } catch (error) {
          this.failures++;
          log.warn({ err: error, consumer: this.name, failures: this.failures, attempts: this.failing?.attempts }, 'event consumer failed; retrying');
          await this.sleep(Math.min(this.pollMs * 2 ** this.failures, this.maxBackoffMs));
        }
      }
    })();
  }

  /** A pause that `stop()` cuts short, so stopping never waits out a long backoff. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.wakeSleeper === done) self.wakeSleeper = undefined;
        resolve();
      }
      this.wakeSleeper = done;
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeSleeper?.();
    await this.stopped;
  }
}
