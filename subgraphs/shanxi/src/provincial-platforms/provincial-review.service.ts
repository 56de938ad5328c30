import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DomainError, ErrorCode, addDays, addWorkingDays, badInput, expectVersion, invalidTransition, isUuid, notFound, notInFuture, optionalText,
  recordAudit, text, writeTransaction, type AuthUser,
} from '@sme/kernel';
import { ProvincialReview } from './provincial-review.entity';
import { ProvincialExpertReview, type PanelMember } from './expert-review.entity';
import { ProvincialDesignation } from './provincial-designation.entity';
import { ProvincialDecision, ProvincialRejectionGround, ProvincialReviewAction, ProvincialReviewStatus as Status, allowedActions } from './provincial-review-status';
import { PROVINCIAL_PLATFORM, recordReviewTransition, reviewSnapshot } from './provincial-review-history';
import { validUntilFor } from './designation-validity';
import { mayDecideProvincialPlatform, mayRecordProvincialExpertReview, requireProvincialPanel } from './provincial-platform-permissions';
import { PROVINCIAL_PLATFORM_RULES } from './provincial-platform-rules';
import type { DecisionInput, ExpertReviewInput, PanelMemberInput, StartNoticeInput } from './provincial-review.inputs';

const REVIEW_TEXT = { zh: '省级示范平台审核', en: 'Provincial platform review' };
const MAX_PANEL = 30;

export async function findReview(em: EntityManager, id: string): Promise<ProvincialReview> {
  const review = isUuid(id) ? await em.findOne(ProvincialReview, { id }) : null;
  if (!review) throw notFound(REVIEW_TEXT, id);
  return review;
}

function requireStatus(review: ProvincialReview, action: string, today: string, ...statuses: Status[]): void {
  if (!statuses.includes(review.status)) throw invalidTransition(review.status, action, allowedActions(review, today));
}

function notBefore(field: string, date: string, earliest: string, what: { zh: string; en: string }): void {
  if (date < earliest) {
    throw badInput(
      { zh: `${field} 不能早于${what.zh} ${earliest}：${date}`, en: `${field} cannot precede ${what.en} on ${earliest}: ${date}` },
      { reason: 'DATE_ORDER', field, value: date, earliest },
    );
  }
}

function checkPanel(panel: PanelMemberInput[]): PanelMember[] {
  if (panel.length < 1 || panel.length > MAX_PANEL) {
    throw badInput({ zh: `专家组应有 1 到 ${MAX_PANEL} 名专家`, en: `The panel must have 1 to ${MAX_PANEL} members` }, { reason: 'OUT_OF_RANGE', field: 'panel' });
  }
  return panel.map((m, i) => ({
    name: text(`panel[${i}].name`, m.name, 100),
    title: text(`panel[${i}].title`, m.title, 100),
    organisation: text(`panel[${i}].organisation`, m.organisation, 200),
  }));
}

/** 专家组评审意见: the panel (姓名、职务/职称、工作单位), its opinion and whether it recommends; RECEIVED → EXPERT_REVIEWED. */
export async function recordExpertReview(em: EntityManager, user: AuthUser | null, input: ExpertReviewInput, today: string): Promise<ProvincialReview> {
  const actor = mayRecordProvincialExpertReview(user);
  const panel = checkPanel(input.panel);
  const opinion = text('opinion', input.opinion, 4000);
  const reviewedOn = input.reviewedOn ?? today;
  notInFuture('reviewedOn', reviewedOn, today);
  return writeTransaction(em, async (tx) => {
    const review = await findReview(tx, input.reviewId);
    requireProvincialPanel(actor, review.campaignYear);
    requireStatus(review, ProvincialReviewAction.RECORD_EXPERT_REVIEW, today, Status.RECEIVED);
    expectVersion(review.version, input.expectedVersion);
    notBefore('reviewedOn', reviewedOn, review.receivedOn, { zh: '省级收到推荐的日期', en: 'the day the province received the recommendation' });
    const before = reviewSnapshot(review);
    tx.persist(tx.create(ProvincialExpertReview, { reviewId: review.id, reviewedOn, panel, opinion, recommended: input.recommended, recordedBy: actor.id }));
    review.status = Status.EXPERT_REVIEWED;
    review.expertReviewedOn = reviewedOn;
    await tx.flush(); // version check: of two reviewers recording at once, the second gets CONFLICT
    recordReviewTransition(tx, actor, review, {
      from: Status.RECEIVED, action: ProvincialReviewAction.RECORD_EXPERT_REVIEW, on: reviewedOn, before,
      reason: `${input.recommended ? '建议认定' : '不建议认定'}：${opinion}`,
    });
    return review;
  });
}

/**
 * 公示五个工作日 (SPEC §4 Workflow): the end is the 5th working day after publication (weekends and holidays
 * skipped, make-up days counted); EXPERT_REVIEWED → IN_PUBLIC_NOTICE.
 */
export async function startProvincialNotice(em: EntityManager, user: AuthUser | null, input: StartNoticeInput, today: string): Promise<ProvincialReview> {
  const actor = mayDecideProvincialPlatform(user);
  const startsOn = input.startsOn ?? today;
  notInFuture('startsOn', startsOn, today);
  const endsOn = addWorkingDays(startsOn, PROVINCIAL_PLATFORM_RULES.noticeWorkingDays);
  return writeTransaction(em, async (tx) => {
    const review = await findReview(tx, input.reviewId);
    requireStatus(review, ProvincialReviewAction.START_PUBLIC_NOTICE, today, Status.EXPERT_REVIEWED);
    expectVersion(review.version, input.expectedVersion);
    notBefore('startsOn', startsOn, review.expertReviewedOn!, { zh: '专家评审日期', en: 'the expert review' });
    const before = reviewSnapshot(review);
    review.status = Status.IN_PUBLIC_NOTICE;
    review.noticeStartsOn = startsOn;
    review.noticeEndsOn = endsOn;
    await tx.flush();
    recordReviewTransition(tx, actor, review, { from: Status.EXPERT_REVIEWED, action: ProvincialReviewAction.START_PUBLIC_NOTICE, on: startsOn, before, reason: `公示至 ${endsOn}` });
    return review;
  });
}

/** DESIGNATE while the notice runs: the state allows it only from the day after the notice's last day. */
function noticeNotEnded(review: ProvincialReview, today: string): DomainError {
  const from = addDays(review.noticeEndsOn!, 1);
  return new DomainError(
    ErrorCode.INVALID_TRANSITION,
    {
      zh: `公示期至 ${review.noticeEndsOn}，期满后（${from} 起）方可认定`,
      en: `The notice runs through ${review.noticeEndsOn}; designation is possible from ${from}`,
    },
    { currentState: review.status, action: ProvincialDecision.DESIGNATE, allowedActions: allowedActions(review, today), reason: 'NOTICE_NOT_ENDED', noticeEndsOn: review.noticeEndsOn },
  );
}

function requiredReason(reason: string | null | undefined): string {
  if (reason == null || reason.trim() === '') {
    throw badInput({ zh: '不予认定须写明理由', en: 'A rejection needs a reason' }, { reason: 'REASON_REQUIRED', field: 'reason' });
  }
  return text('reason', reason, 2000);
}

/**
 * The province's decision, final (no return for revision at this step). DESIGNATE after the notice's last day:
 * designated on the decision date, valid three years counting that day (二.3). REJECT with a reason from any
 * open step.
 */
export async function decideProvincialPlatform(em: EntityManager, user: AuthUser | null, input: DecisionInput, today: string): Promise<ProvincialReview> {
  const actor = mayDecideProvincialPlatform(user);
  const reason = input.decision === ProvincialDecision.REJECT ? requiredReason(input.reason) : optionalText('reason', input.reason, 2000);
  return writeTransaction(em, async (tx) => {
    const review = await findReview(tx, input.reviewId);
    // a decider who names the version it saw and lost a race learns that its view is stale (CONFLICT, with the
    // current version), whichever state the winner left: the answer must not depend on who committed first
    expectVersion(review.version, input.expectedVersion);
    const before = reviewSnapshot(review);
    const from = review.status;
    if (input.decision === ProvincialDecision.DESIGNATE) {
      requireStatus(review, ProvincialReviewAction.DESIGNATE, today, Status.IN_PUBLIC_NOTICE);
      if (today <= review.noticeEndsOn!) throw noticeNotEnded(review, today);
      const designation = tx.create(ProvincialDesignation, {
        reviewId: review.id, institutionId: review.institutionId, recommendationId: review.recommendationId, campaignYear: review.campaignYear,
        designatedOn: today, validUntil: validUntilFor(today),
      });
      tx.persist(designation);
      review.status = Status.DESIGNATED;
      review.decidedOn = today;
      await tx.flush(); // version check first, then the one-designation-per-review key: a second decider gets CONFLICT
      recordAudit(tx, actor, {
        recordType: PROVINCIAL_PLATFORM, recordId: designation.id, action: ProvincialReviewAction.DESIGNATE, before: null,
        after: { reviewId: review.id, institutionId: designation.institutionId, designatedOn: designation.designatedOn, validUntil: designation.validUntil },
        reason,
      });
    } else {
      requireStatus(review, ProvincialReviewAction.REJECT, today, Status.RECEIVED, Status.EXPERT_REVIEWED, Status.IN_PUBLIC_NOTICE);
      review.status = Status.REJECTED;
      review.decidedOn = today;
      review.rejectionGround = ProvincialRejectionGround.PROVINCIAL_DECISION;
      review.rejectionReason = reason;
      await tx.flush();
    }
    recordReviewTransition(tx, actor, review, { from, action: input.decision, on: today, reason, before });
    return review;
  });
}
