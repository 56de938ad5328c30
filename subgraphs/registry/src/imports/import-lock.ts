import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * One bulk import at a time, across every replica: the transaction-level advisory lock is taken before a file's
 * rows are compared with the registry and held until they are committed. A second import of overlapping rows
 * waits, then sees the first one's rows as they were committed (already registered, or unchanged), so the same
 * row is never written by both. A single-row mutation running beside an import is kept apart by the database
 * itself: the unique credit code and (institution, year), and the row locks on annual facts.
 */
export async function lockImports(tx: EntityManager): Promise<void> {
  await tx.execute(`select pg_advisory_xact_lock(hashtext('registry:imports'))`);
}

/** What the audit entries of imported rows give as their reason, so the trail tells a bulk import from a form. */
export const IMPORT_REASON = '批量导入 / Bulk import';
