import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxEvent } from './outbox-event';

/**
 * Domain events are a published interface like the schema (SPEC §1): versioned types
 * (`<source>.<Name>.v<N>`), consumers read the stream and never the publisher's tables.
 */
export interface StreamEvent {
  /** Unique per event: consumers deduplicate on it. */
  id: string;
  /** Position in the stream; consumers remember the last one they handled. */
  position: string;
  source: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

export type OutgoingEvent = Omit<StreamEvent, 'position'>;

/**
 * The transport behind the stream: PostgreSQL by default; a broker (NATS JetStream, Kafka) can stand in
 * by implementing these four calls when a deployment outgrows one database.
 */
export interface EventTransport {
  /** Idempotent: publishing an event id twice leaves one event in the stream. */
  publish(events: OutgoingEvent[]): Promise<void>;
  /** Events after `position`, in stream order. */
  read(position: string, limit: number): Promise<StreamEvent[]>;
  /** Resolves when new events may be there, or after `timeoutMs`. */
  waitForEvents(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Records an event in the current unit of work: it commits, or is lost, with the change it announces. */
export function publishEvent(
  em: EntityManager,
  event: { type: string; aggregateType: string; aggregateId: string; payload: Record<string, unknown> },
): OutboxEvent {
  const row = em.create(OutboxEvent, { ...event, occurredAt: new Date(), publishedAt: null });
  em.persist(row);
  return row;
}
