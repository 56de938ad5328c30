/**
 * Whether this process may have changed the database: every SQL statement passes `countStatement` (database.ts),
 * and the count of those after which something may be committed tells a cache (statistics-cache.ts) that what it
 * holds may be out of date, and the idempotency keys what a request may have committed.
 */

/**
 * A statement after which something may be committed: a COMMIT, or a write outside a transaction. Inside a
 * transaction a write counts when its COMMIT does (a rollback leaves nothing).
 */
export function mayCommit(query: { sql?: string; __knexTxId?: string }): boolean {
  const sql = (query.sql ?? '').trimStart().slice(0, 10).toLowerCase();
  if (sql.startsWith('commit')) return true;
  if (query.__knexTxId) return false;
  return !/^(select|begin|rollback|savepoint|release|set |show )/.test(sql);
}

let committed = 0;

/** Statements so far, in this process, after which something may have been committed. */
export const committedWrites = () => committed;

export function countCommittedWrite(query: { sql?: string; __knexTxId?: string }): void {
  if (mayCommit(query)) committed++;
}
