import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { EventTransport, StreamEvent } from './domain-events';
import { log } from './log';

export type EventHandler = (em: EntityManager, event: StreamEvent) => Promise<void>;

/**
 * Reads the stream from its last position and handles each event in one transaction with the record that it
 * was handled: delivery is at least once, the effect exactly once. Events of types it has no handler for
 * are passed over. A failing handler stops the consumer at that event and is retried with backoff, so no
 * event is skipped.
 */
export class EventConsumer {
  private running = false;
  private stopped?: Promise<void>;

  constructor(
    private readonly orm: MikroORM,
    private readonly transport: EventTransport,
    private readonly name: string,
    private readonly handlers: Record<string, EventHandler>,
    private readonly pollMs = 1000,
  ) {}

  private get schema() {
    return this.orm.config.get('schema');
  }

  async position(): Promise<string> {
    const em = this.orm.em.fork();
    await em.execute(`insert into "${this.schema}".event_consumers (name) values (?) on conflict (name) do nothing`, [this.name]);
    const rows = await em.execute(`select position::text as position from "${this.schema}".event_consumers where name = ?`, [this.name]);
    return rows[0].position;
  }

  /** Handles what is in the stream now; returns how many events were read. */
  async consumeOnce(batch = 100): Promise<number> {
    const events = await this.transport.read(await this.position(), batch);
    for (const event of events) await this.handle(event);
    return events.length;
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
      await em.execute(
        `update "${this.schema}".event_consumers set position = greatest(position, ?::bigint), updated_at = now() where name = ?`,
        [event.position, this.name],
      );
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = (async () => {
      let failures = 0;
      while (this.running) {
        try {
          const read = await this.consumeOnce();
          failures = 0;
          if (read > 0) continue;
          await this.transport.waitForEvents(this.pollMs);
        } catch (error) {
          failures++;
          log.warn({ err: error, consumer: this.name, failures }, 'event consumer failed; retrying');
          await new Promise((resolve) => setTimeout(resolve, Math.min(this.pollMs * 2 ** failures, 15_000)).unref());
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.stopped;
  }
}
