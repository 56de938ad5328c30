import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry } from './audit-entry';
import type { AuthUser } from './auth';
import { requestTrace } from './request-context';

/** The actor of changes no person makes (demo data, event handlers reacting to another subgraph). */
export const systemActor = (id: string): AuthUser => ({ id, name: null, role: 'ADMIN', region: null, institutionId: null, panel: null });

/** Adds an audit entry to the current unit of work: it commits together with the change it records. */
export function recordAudit(
  em: EntityManager,
  actor: AuthUser,
  entry: { recordType: string; recordId: string; action: string; before?: unknown; after?: unknown; reason?: string | null },
): AuditEntry {
  const row = em.create(AuditEntry, {
    recordType: entry.recordType,
    recordId: entry.recordId,
    action: entry.action,
    actorId: actor.id,
    actorRole: actor.role,
    actorName: actor.name,
    at: new Date(),
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
    requestId: requestTrace.getStore()?.requestId ?? null,
  });
  em.persist(row);
  return row;
}

/** The audit trail of one record, oldest first. */
export function auditTrail(em: EntityManager, recordType: string, recordId: string): Promise<AuditEntry[]> {
  return em.find(AuditEntry, { recordType, recordId }, { orderBy: { at: 'asc', id: 'asc' } });
}
