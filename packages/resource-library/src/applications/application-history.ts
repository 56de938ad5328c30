import type { EntityManager } from '@mikro-orm/postgresql';
import { recordTransition as recordStatusTransition, type AuthUser } from '@sme/kernel';
import type { Application } from './application.entity';

export const APPLICATION = 'LibraryApplication';

/** The public state of an application as audit entries carry it. */
export const applicationSnapshot = (a: Application) => ({
  status: a.status,
  categories: a.categories,
  nature: a.nature,
  declared: a.declared,
  attestations: a.attestations,
  regionCode: a.regionCode,
  unitCode: a.unitCode,
  submittedOn: a.submittedOn,
  returnedStep: a.returnedStep,
  noticeStartsOn: a.noticeStartsOn,
  noticeEndsOn: a.noticeEndsOn,
  closedOn: a.closedOn,
  version: a.version,
});

/**
 * Every change of an application's status goes through here: one status-history row and one audit entry, in
 * the transaction of the change (SPEC §2 Audit trail, Review actions).
 */
export function recordTransition(
  em: EntityManager,
  actor: AuthUser,
  application: Application,
  change: { from: string | null; action: string; on: string; reason?: string | null; before: unknown },
): void {
  recordStatusTransition(em, actor, { ...change, recordType: APPLICATION, recordId: application.id, to: application.status, after: applicationSnapshot(application) });
}
