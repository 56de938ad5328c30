import { idempotencyKeysMigration } from './migrations/Migration20261201000000_idempotency_keys';
import { deadLetterEventsMigration } from './migrations/Migration20261202000000_dead_letter_events';

/**
 * The tables every subgraph keeps in its own schema for the shared kernel: audit trail, outbox, and the
 * consumer bookkeeping that makes event handling idempotent. A subgraph's first migration creates them.
 */
export function kernelTablesSql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `create table ${s}.audit_entries (
      id uuid primary key, record_type text not null, record_id text not null, action text not null,
      actor_id text not null, actor_role text not null, actor_name text, at timestamptz not null,
      before jsonb, after jsonb, reason text, request_id text)`,
    `create index audit_entries_record_idx on ${s}.audit_entries (record_type, record_id, at)`,
    `create table ${s}.outbox (
      id uuid primary key, seq bigserial unique not null, type text not null, aggregate_type text not null,
      aggregate_id text not null, payload jsonb not null, occurred_at timestamptz not null, published_at timestamptz)`,
    `create index outbox_unpublished_idx on ${s}.outbox (seq) where published_at is null`,
    `create table ${s}.event_consumers (name text primary key, position bigint not null default 0, updated_at timestamptz not null default now())`,
    `create table ${s}.processed_events (consumer text not null, event_id uuid not null, processed_at timestamptz not null default now(), primary key (consumer, event_id))`,
  ];
}

/**
 * A subgraph's migrations followed by the kernel's later ones (tables added after deployed databases ran the
 * first migration), which every subgraph runs. MikroORM runs `migrationsList` in list order and skips the names
 * a schema already ran, so on a deployed database a kernel migration runs once, after what ran before; on a fresh
 * one, after all of the subgraph's. A kernel migration therefore touches only kernel tables: the order between it
 * and a subgraph's own later migrations must not matter.
 */
export function withKernelMigrations<M>(schema: string, migrations: M[]): (M | ReturnType<typeof idempotencyKeysMigration>)[] {
  return [...migrations, idempotencyKeysMigration(schema), deadLetterEventsMigration(schema)];
}
