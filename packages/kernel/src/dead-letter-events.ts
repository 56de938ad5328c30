import type { EntityManager } from '@mikro-orm/postgresql';
import type { StreamEvent } from './domain-events';

/**
 * Dead letters: an event whose handler failed on every one of a bounded number of attempts, while the database
 * was reachable, is poison (a payload missing a field, a bug in the handler): retrying it forever would stop
 * the consumer at that event for good, and every later event with it. It is parked in the consumer's schema,
 * whole, with the attempts and the last error, and the consumer moves past it; it is not marked processed, so
 * once the cause is fixed it can be handled again. Failures while the database is unreachable are not attempts.
 */

/** Attempts before an event is parked (EVENT_MAX_ATTEMPTS). */
export const DEFAULT_MAX_HANDLER_ATTEMPTS = Number(process.env.EVENT_MAX_ATTEMPTS ?? 5);

export interface DeadLetter {
  consumer: string;
  eventId: string;
  position: string;
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  attempts: number;
  lastError: string;
  parkedAt: Date;
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);

/** Records the event as parked, in the transaction that moves the consumer past it. */
export async function parkEvent(em: EntityManager, schema: string, consumer: string, event: StreamEvent, attempts: number, error: unknown): Promise<void> {
  await em.execute(
    `insert into "${schema}".dead_letter_events
       (consumer, event_id, position, source, type, aggregate_type, aggregate_id, payload, occurred_at, attempts, last_error)
     values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
     on conflict (consumer, event_id) do update set attempts = excluded.attempts, last_error = excluded.last_error, parked_at = now()`,
    [consumer, event.id, event.position, event.source, event.type, event.aggregateType, event.aggregateId, JSON.stringify(event.payload), event.occurredAt, attempts, describe(error)],
  );
}

/** The events parked in `schema` (one consumer's, or all), oldest first. */
export async function deadLetters(em: EntityManager, schema: string, consumer?: string): Promise<DeadLetter[]> {
  const rows = await em.execute(
    `select consumer, event_id, position::text as position, type, aggregate_id, payload, attempts, last_error, parked_at
     from "${schema}".dead_letter_events ${consumer ? 'where consumer = ?' : ''} order by position`,
    consumer ? [consumer] : [],
  );
  return rows.map((r: Record<string, any>) => ({
    consumer: r.consumer,
    eventId: r.event_id,
    position: r.position,
    type: r.type,
    aggregateId: r.aggregate_id,
    payload: r.payload,
    attempts: r.attempts,
    lastError: r.last_error,
    parkedAt: r.parked_at,
  }));
}
