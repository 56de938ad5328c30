import type { EntityManager } from '@mikro-orm/postgresql';
import { recordTransition as recordStatusTransition, type AuthUser } from '@sme/kernel';
import type { PlatformApplication } from './application.entity';

export const APPLICATION = 'PlatformApplication';

/** The state of an application as audit entries carry it. */
export const applicationSnapshot = (a: PlatformApplication) => ({
  status: a.status,
  ruleSetId: a.ruleSetId,
  campaignYear: a.campaignYear,
  declared: a.declared,
  functions: a.functions,
  priorRecognitions: a.priorRecognitions,
  regionCode: a.regionCode,
  cityCode: a.cityCode,
  submittedOn: a.submittedOn,
  returnedStep: a.returnedStep,
  noticeStartsOn: a.noticeStartsOn,
  noticeEndsOn: a.noticeEndsOn,
  closedOn: a.closedOn,
  designationId: a.designationId,
  version: a.version,
});

/** Every status change of an application: one status-history row and one audit entry, in the transaction of the change. */
export function recordTransition(
  em: EntityManager,
  actor: AuthUser,
  application: PlatformApplication,
  change: { from: string | null; action: string; on: string; reason?: string | null; before: unknown },
): void {
  recordStatusTransition(em, actor, { ...change, recordType: APPLICATION, recordId: application.id, to: application.status, after: applicationSnapshot(application) });
}
