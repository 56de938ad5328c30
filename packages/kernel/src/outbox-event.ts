import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * The transactional outbox (SPEC §1): a domain event is written in the same transaction as the change it
 * announces, so an acknowledged write always has its event; the relay then hands it to the event transport.
 */
@Entity({ tableName: 'outbox' })
export class OutboxEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Versioned event type, e.g. `registry.CreditRecordAdded.v1`. */
  @Property({ type: 'text' })
  type: string;

  @Property({ type: 'text' })
  aggregateType: string;

  @Property({ type: 'text' })
  aggregateId: string;

  @Property({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  occurredAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;
}
