import { registerEnumType } from 'type-graphql';

/**
 * The provincial review of a Taiyuan recommendation (SPEC §3, §5; 并工信字〔2023〕26号 二) as a state machine:
 * 收到推荐 → 专家评审 → 公示五个工作日 → 认定（有效期三年）, or 不予认定 from any open step. The province's decision
 * is final: there is no return for revision at this step.
 */
export enum ProvincialReviewStatus {
  RECEIVED = 'RECEIVED',
  EXPERT_REVIEWED = 'EXPERT_REVIEWED',
  IN_PUBLIC_NOTICE = 'IN_PUBLIC_NOTICE',
  DESIGNATED = 'DESIGNATED',
  REJECTED = 'REJECTED',
}

registerEnumType(ProvincialReviewStatus, {
  name: 'ShanxiProvincialReviewStatus',
  description: '省级示范平台审核状态 / Provincial platform review status',
  valuesConfig: {
    RECEIVED: { description: '已收到市级推荐，待专家评审 / Recommendation received, awaiting the expert review' },
    EXPERT_REVIEWED: { description: '专家评审完成，待公示 / Expert review recorded, awaiting the public notice' },
    IN_PUBLIC_NOTICE: { description: '公示中（五个工作日）/ In public notice (5 working days)' },
    DESIGNATED: { description: '已认定为省级示范平台 / Designated a provincial platform' },
    REJECTED: { description: '不予认定（终结）/ Rejected (final)' },
  },
});

/** The province's decision (决定): designate or reject. Returning for revision is not part of this step. */
export enum ProvincialDecision {
  DESIGNATE = 'DESIGNATE',
  REJECT = 'REJECT',
}

registerEnumType(ProvincialDecision, {
  name: 'ShanxiProvincialDecision',
  description: '省级认定决定（终局，不设退回）/ The provincial decision (final; no return for revision)',
  valuesConfig: {
    DESIGNATE: { description: '认定（公示期满后）/ Designate (after the notice has ended)' },
    REJECT: { description: '不予认定（须写明理由）/ Reject (with a reason)' },
  },
});

/** Why a review was rejected: at intake by the rules of 二.2 / 二.3, or by the province's decision. */
export enum ProvincialRejectionGround {
  CITY_DESIGNATION_NOT_VALID = 'CITY_DESIGNATION_NOT_VALID',
  PROVINCIAL_DESIGNATION_STILL_VALID = 'PROVINCIAL_DESIGNATION_STILL_VALID',
  ALREADY_UNDER_REVIEW = 'ALREADY_UNDER_REVIEW',
  PROVINCIAL_DECISION = 'PROVINCIAL_DECISION',
}

registerEnumType(ProvincialRejectionGround, {
  name: 'ShanxiProvincialRejectionGround',
  description: '不予认定的依据 / Ground for rejection',
  valuesConfig: {
    CITY_DESIGNATION_NOT_VALID: { description: '推荐日不持有有效的市级示范平台认定（二.2）/ No valid city designation on the recommendation day (II.2)' },
    PROVINCIAL_DESIGNATION_STILL_VALID: { description: '省级认定仍在有效期内且于2020年5月后认定，不得重新申请（二.3）/ Still designated, and designated from May 2020 on (II.3)' },
    ALREADY_UNDER_REVIEW: { description: '同一机构已有审核中的推荐 / The institution already has a review under way' },
    PROVINCIAL_DECISION: { description: '省级审核决定不予认定 / Rejected by the provincial decision' },
  },
});

/** Actions, named in the status history and in INVALID_TRANSITION errors. */
export const ProvincialReviewAction = {
  RECEIVE: 'RECEIVE',
  RECORD_EXPERT_REVIEW: 'RECORD_EXPERT_REVIEW',
  START_PUBLIC_NOTICE: 'START_PUBLIC_NOTICE',
  DESIGNATE: ProvincialDecision.DESIGNATE,
  REJECT: ProvincialDecision.REJECT,
} as const;

/** The statuses in which a review is still open: an institution has at most one such review. */
export const OPEN_REVIEW_STATUSES: readonly ProvincialReviewStatus[] = [
  ProvincialReviewStatus.RECEIVED,
  ProvincialReviewStatus.EXPERT_REVIEWED,
  ProvincialReviewStatus.IN_PUBLIC_NOTICE,
];

/** Once in public notice, a review is public (公示); before, and when rejected, only those concerned see it. */
export const PUBLIC_REVIEW_STATUSES: readonly ProvincialReviewStatus[] = [ProvincialReviewStatus.IN_PUBLIC_NOTICE, ProvincialReviewStatus.DESIGNATED];

/**
 * What may be done with a review on `today`: the `allowedActions` of an INVALID_TRANSITION error. DESIGNATE
 * appears only once the notice's last day has passed.
 */
export function allowedActions(review: { status: ProvincialReviewStatus; noticeEndsOn: string | null }, today: string): string[] {
  switch (review.status) {
    case ProvincialReviewStatus.RECEIVED:
      return [ProvincialReviewAction.RECORD_EXPERT_REVIEW, ProvincialReviewAction.REJECT];
    case ProvincialReviewStatus.EXPERT_REVIEWED:
      return [ProvincialReviewAction.START_PUBLIC_NOTICE, ProvincialReviewAction.REJECT];
    case ProvincialReviewStatus.IN_PUBLIC_NOTICE:
      return today > review.noticeEndsOn! ? [ProvincialReviewAction.DESIGNATE, ProvincialReviewAction.REJECT] : [ProvincialReviewAction.REJECT];
    default:
      return [];
  }
}
