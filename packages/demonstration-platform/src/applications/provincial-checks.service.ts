import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, count, expectVersion, notInFuture, recordAudit, text, writeTransaction, type AuthUser } from '@sme/kernel';
import type { PlatformProgrammeConfig } from '../programme-config';
import { mayDecideForProvince, mayRecordExpertReview } from '../permissions';
import { PlatformApplicationAction as Action, PlatformApplicationStatus as Status } from './application-status';
import type { PlatformApplication } from './application.entity';
import { APPLICATION } from './application-history';
import { findApplication, requireStatus } from './application.service';
import type { ExpertReviewInput, OnSiteVisitInput } from './application.inputs';

const MAX_PANEL = 30;

function notBeforeRecommendation(field: string, date: string, application: PlatformApplication): void {
  const recommendedOn = application.cityAssessment?.recommendedOn;
  if (recommendedOn && date < recommendedOn) {
    throw badInput({ zh: `${field} 不能早于市级推荐日期 ${recommendedOn}`, en: `${field} cannot precede the city's recommendation on ${recommendedOn}` }, { reason: 'DATE_ORDER', field, value: date });
  }
}

/**
 * 省级评审 组织专家评审 (鲁 第二十条, 宁 第十二条): recorded while the province reviews; a later record replaces an
 * earlier one (after a return and resubmission), the earlier staying in the audit trail.
 */
export async function recordExpertReview(em: EntityManager, config: PlatformProgrammeConfig, user: AuthUser | null, input: ExpertReviewInput, today: string): Promise<PlatformApplication> {
  if (input.panel.length < 1 || input.panel.length > MAX_PANEL) {
    throw badInput({ zh: `专家组应有 1 到 ${MAX_PANEL} 名专家`, en: `The panel must have 1 to ${MAX_PANEL} members` }, { reason: 'OUT_OF_RANGE', field: 'panel' });
  }
  const panel = input.panel.map((m, i) => ({ name: text(`panel[${i}].name`, m.name, 100), title: text(`panel[${i}].title`, m.title, 100), organisation: text(`panel[${i}].organisation`, m.organisation, 200) }));
  const opinion = text('opinion', input.opinion, 4000);
  const score = input.score == null ? null : count('score', input.score, 100);
  const reviewedOn = input.reviewedOn ?? today;
  notInFuture('reviewedOn', reviewedOn, today);
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, input.applicationId);
    const actor = mayRecordExpertReview(user, config, application.campaignYear);
    requireStatus(application, Action.RECORD_EXPERT_REVIEW, Status.CITY_RECOMMENDED);
    expectVersion(application.version, input.expectedVersion);
    notBeforeRecommendation('reviewedOn', reviewedOn, application);
    const before = application.expertReview;
    application.expertReview = { panel, opinion, score, recommended: input.recommended, reviewedOn, recordedBy: actor.id };
    await tx.flush();
    recordAudit(tx, actor, { recordType: APPLICATION, recordId: application.id, action: Action.RECORD_EXPERT_REVIEW, before, after: application.expertReview });
    return application;
  });
}

/** 实地考察 (宁 第十二条): recorded by the province while it reviews; replaces an earlier record. */
export async function recordOnSiteVisit(em: EntityManager, config: PlatformProgrammeConfig, user: AuthUser | null, input: OnSiteVisitInput, today: string): Promise<PlatformApplication> {
  const actor = mayDecideForProvince(user, config);
  const visitedOn = input.visitedOn ?? today;
  notInFuture('visitedOn', visitedOn, today);
  const values = { visitedOn, visitors: text('visitors', input.visitors, 500), findings: text('findings', input.findings, 4000), confirmed: input.confirmed };
  return writeTransaction(em, async (tx) => {
    const application = await findApplication(tx, input.applicationId);
    requireStatus(application, Action.RECORD_ON_SITE_VISIT, Status.CITY_RECOMMENDED);
    expectVersion(application.version, input.expectedVersion);
    notBeforeRecommendation('visitedOn', visitedOn, application);
    const before = application.onSiteVisit;
    application.onSiteVisit = { ...values, recordedBy: actor.id };
    await tx.flush();
    recordAudit(tx, actor, { recordType: APPLICATION, recordId: application.id, action: Action.RECORD_ON_SITE_VISIT, before, after: application.onSiteVisit });
    return application;
  });
}
