import { Migration } from '@mikro-orm/migrations';

/**
 * The kernel's `idempotency_keys` table (see idempotency-keys.ts), one row per caller and key. `parts` holds, per
 * part of the client's operation this subgraph ran (keyed by the hash of the document and variables it received),
 * either the time the part started or its stored response. A subgraph's first migration already ran on deployed
 * databases, so the table comes in a migration of its own, added after each subgraph's list.
 */
export function idempotencyKeysTableSql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `create table ${s}.idempotency_keys (
      scope text not null, key text not null check (key ~ '^[A-Za-z0-9_.:-]{1,100}$'),
      operation_hash text not null, parts jsonb not null default '{}'::jsonb, expires_at timestamptz not null,
      primary key (scope, key))`,
    // the claim removes a few expired rows each time: an index range scan, never a table scan
    `create index idempotency_keys_expiry_idx on ${s}.idempotency_keys (expires_at)`,
  ];
}

export const IDEMPOTENCY_KEYS_MIGRATION = 'Migration20261201000000_idempotency_keys';

/** The migration for one subgraph's schema (the kernel serves every subgraph, so the schema is a parameter). */
export function idempotencyKeysMigration(schema: string): { name: string; class: new (...args: any[]) => Migration } {
  class Migration20261201000000_idempotency_keys extends Migration {
    async up(): Promise<void> {
      for (const statement of idempotencyKeysTableSql(schema)) this.addSql(statement);
    }
  }
  return { name: IDEMPOTENCY_KEYS_MIGRATION, class: Migration20261201000000_idempotency_keys };
}
