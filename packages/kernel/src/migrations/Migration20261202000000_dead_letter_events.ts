import { Migration } from '@mikro-orm/migrations';

/**
 * The kernel's `dead_letter_events` table (see dead-letter-events.ts): an event a consumer's handler refused
 * every time it was tried is parked here, whole, with the attempts and the last error, and the consumer moves
 * on. One row per consumer and event. Deployed databases ran each subgraph's first migration already, so the
 * table comes in a migration of its own, added after each subgraph's list.
 */
export function deadLetterEventsTableSql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `create table ${s}.dead_letter_events (
      consumer text not null, event_id uuid not null, position bigint not null, source text not null, type text not null,
      aggregate_type text not null, aggregate_id text not null, payload jsonb not null, occurred_at timestamptz not null,
      attempts integer not null, last_error text not null, parked_at timestamptz not null default now(),
      primary key (consumer, event_id))`,
  ];
}

export const DEAD_LETTER_EVENTS_MIGRATION = 'Migration20261202000000_dead_letter_events';

/** The migration for one subgraph's schema (the kernel serves every subgraph, so the schema is a parameter). */
export function deadLetterEventsMigration(schema: string): { name: string; class: new (...args: any[]) => Migration } {
  class Migration20261202000000_dead_letter_events extends Migration {
    async up(): Promise<void> {
      for (const statement of deadLetterEventsTableSql(schema)) this.addSql(statement);
    }
  }
  return { name: DEAD_LETTER_EVENTS_MIGRATION, class: Migration20261202000000_dead_letter_events };
}
