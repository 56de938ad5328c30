import type { EntityManager } from '@mikro-orm/postgresql';
import { recordTransition as recordStatusTransition, type AuthUser } from '@sme/kernel';
import type { TaiyuanApplication } from './application.entity';

export const APPLICATION = 'TaiyuanApplication';

export const applicationSnapshot = (a: TaiyuanApplication) => ({
  status: a.status, campaignYear: a.campaignYear, regionCode: a.regionCode, submittedOn: a.submittedOn,
  returnedStep: a.returnedStep, returnReason: a.returnReason, rejectionReason: a.rejectionReason, closedOn: a.closedOn, version: a.version,
});

/** One status change: a status-history row and an audit entry, in the change's transaction (SPEC §2). */
export function recordTransition(
  em: EntityManager,
  actor: AuthUser,
  application: TaiyuanApplication,
  change: { from: string | null; action: string; on: string; reason?: string | null; before: unknown; after?: unknown },
): void {
  recordStatusTransition(em, actor, { ...change, recordType: APPLICATION, recordId: application.id, to: application.status, after: change.after ?? applicationSnapshot(application) });
}
