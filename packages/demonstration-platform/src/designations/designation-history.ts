import type { EntityManager } from '@mikro-orm/postgresql';
import { recordTransition, type AuthUser } from '@sme/kernel';
import type { Designation } from './designation.entity';

export const DESIGNATION = 'DemonstrationPlatform';

export const designationSnapshot = (d: Designation) => ({
  institutionId: d.institutionId, applicationId: d.applicationId, ruleSetId: d.ruleSetId, functions: d.functions,
  designatedOn: d.designatedOn, validUntil: d.validUntil, revokedOn: d.revokedOn, revocationGround: d.revocationGround,
  revocationReason: d.revocationReason, applicationBannedUntil: d.applicationBannedUntil, nationalRecommendationYear: d.nationalRecommendationYear,
});

/** A designation's own history: designated, revoked (SPEC §2 Audit trail), in the transaction of the change. */
export function recordDesignationChange(
  em: EntityManager,
  actor: AuthUser,
  designation: Designation,
  change: { from: string | null; to: string; action: string; on: string; reason?: string | null; before: unknown },
): void {
  recordTransition(em, actor, { ...change, recordType: DESIGNATION, recordId: designation.id, after: designationSnapshot(designation) });
}
