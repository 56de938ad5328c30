import type { EntityManager } from '@mikro-orm/postgresql';
import { designationValidUntil, expectVersion, optionalText, writeTransaction, type AuthUser } from '@sme/kernel';
import type { PlatformProgrammeConfig } from '../programme-config';
import { article } from '../programme-config';
import { mayDecideForProvince } from '../permissions';
import type { PlatformFunction } from '../platform-function';
import { PlatformApplication } from '../applications/application.entity';
import { PlatformApplicationAction as Action, PlatformApplicationStatus as Status, PlatformDecision } from '../applications/application-status';
import { applicationSnapshot, recordTransition } from '../applications/application-history';
import { eligibilityOf, functionsMet, ruleSetOf } from '../applications/application-eligibility';
import { findApplication, noticeNotEnded, requireStatus, requiredReason } from '../applications/application.service';
import { Designation } from './designation.entity';
import { recordDesignationChange } from './designation-history';
import type { DecisionInput } from '../applications/application.inputs';

/**
 * After the notice (鲁 第二十一条, 宁 第十三条: 评审合格、公示无异议的授予称号): DESIGNATE from the day after the notice's
 * last day — the designation counts its validity from that day (鲁 第二十三条, 宁 第十七条) and names the functions
 * the report found met — or REJECT (异议成立) with a reason.
 */
export async function decideAfterNotice(em: EntityManager, config: PlatformProgrammeConfig, user: AuthUser | null, input: DecisionInput, today: string): Promise<PlatformApplication> {
  const actor = mayDecideForProvince(user, config);
  const reason = input.decision === PlatformDecision.REJECT ? requiredReason(input.decision, input.reason) : optionalText('reason', input.reason, 2000);
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, input.applicationId);
    const action = input.decision === PlatformDecision.DESIGNATE ? Action.DESIGNATE : Action.REJECT_AFTER_NOTICE;
    requireStatus(application, action, Status.IN_PUBLIC_NOTICE);
    expectVersion(application.version, input.expectedVersion);
    const before = applicationSnapshot(application);
    if (input.decision === PlatformDecision.DESIGNATE) {
      if (today <= application.noticeEndsOn!) throw noticeNotEnded(application);
      const ruleSet = ruleSetOf(config, application, today);
      const report = await eligibilityOf(tx, config, application, today);
      const designation = tx.create(Designation, {
        institutionId: application.institutionId, applicationId: application.id, ruleSetId: ruleSet.id, campaignYear: application.campaignYear,
        regionCode: application.regionCode, cityCode: application.cityCode, functions: functionsMet(report) as PlatformFunction[],
        designatedOn: today, validUntil: designationValidUntil(today, ruleSet.designation.validityYears),
      });
      tx.persist(designation);
      application.status = Status.DESIGNATED;
      application.designationId = designation.id;
      application.closedOn = today;
      await tx.flush(); // version check; the unique application_id refuses a second designation (CONFLICT)
      recordDesignationChange(tx, actor, designation, {
        from: null, to: 'DESIGNATED', action: Action.DESIGNATE, on: today, before: null,
        reason: reason ?? `${config.platformTitle}（${article(config, config.workflow.designationArticle)}），有效期至 ${designation.validUntil}`,
      });
    } else {
      application.status = Status.NOT_DESIGNATED;
      application.rejectionReason = reason;
      application.closedOn = today;
      await tx.flush();
    }
    recordTransition(tx, actor, application, { from: Status.IN_PUBLIC_NOTICE, action, on: today, reason, before });
    return application;
  });
}
