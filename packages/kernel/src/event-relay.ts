import type { MikroORM } from '@mikro-orm/postgresql';
import type { EventTransport, OutgoingEvent } from './domain-events';
import { log } from './log';

/**
 * Moves committed outbox rows to the transport, in outbox order, at least once (a crash between publish and
 * marking re-publishes; the transport drops the duplicate by event id). One relay per publisher runs at a
 * time (advisory lock), so replicas cannot reorder a publisher's events.
 */
export class OutboxRelay {
  private running = false;
  private wake?: () => void;
  private stopped?: Promise<void>;

  constructor(
    private readonly orm: MikroORM,
    private readonly transport: EventTransport,
    private readonly source: string,
    private readonly idleMs = 1000,
  ) {}

  /** Publishes what is pending now; returns how many events went out. */
  async relayOnce(batch = 100): Promise<number> {
    const schema = this.orm.config.get('schema');
    const knex = this.orm.em.getConnection().getKnex();
    return knex.transaction(async (trx) => {
      const lock = await trx.raw('select pg_try_advisory_xact_lock(hashtext(?)) as ok', [`relay:${schema}`]);
      if (!lock.rows[0].ok) return 0;
      const rows = await trx.raw(
        `select id, type, aggregate_type, aggregate_id, payload, occurred_at from "${schema}".outbox
         where published_at is null order by seq limit ?`,
        [batch],
      );
      if (rows.rows.length === 0) return 0;
      const events: OutgoingEvent[] = rows.rows.map((r: Record<string, any>) => ({
        id: r.id,
        source: this.source,
        type: r.type,
        aggregateType: r.aggregate_type,
        aggregateId: r.aggregate_id,
        payload: r.payload,
        occurredAt: new Date(r.occurred_at).toISOString(),
      }));
      await this.transport.publish(events);
      await trx.raw(`update "${schema}".outbox set published_at = now() where id = any(?::uuid[])`, [events.map((e) => e.id)]);
      return events.length;
    });
  }

  /** Called after a commit that wrote events, so they leave now rather than at the next poll. */
  kick(): void {
    this.wake?.();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = (async () => {
      let failures = 0;
      while (this.running) {
        try {
          const sent = await this.relayOnce();
          failures = 0;
          if (sent > 0) continue;
        } catch (error) {
          failures++;
          log.warn({ err: error, source: this.source, failures }, 'outbox relay failed; retrying');
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, failures ? Math.min(this.idleMs * 2 ** failures, 15_000) : this.idleMs);
          timer.unref();
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.stopped;
  }
}
