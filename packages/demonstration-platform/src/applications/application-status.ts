import { registerEnumType } from 'type-graphql';
import { ReviewAction } from '@sme/kernel';

/**
 * The demonstration-platform workflow (SPEC §4; 鲁 第十七条至第二十一条, 宁 第九条至第十三条) as a state machine:
 * 平台申报 → 市级测评推荐 → 省级评审（宁：专家评审、实地考察）→ 公示五个工作日 → 授予称号, or rejection. The city and
 * the province can approve, reject (驳回, final) or return (退回: the applicant fixes and resubmits to the same step).
 */
export enum PlatformApplicationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  CITY_RECOMMENDED = 'CITY_RECOMMENDED',
  CITY_REJECTED = 'CITY_REJECTED',
  PROVINCE_REJECTED = 'PROVINCE_REJECTED',
  IN_PUBLIC_NOTICE = 'IN_PUBLIC_NOTICE',
  DESIGNATED = 'DESIGNATED',
  NOT_DESIGNATED = 'NOT_DESIGNATED',
}

registerEnumType(PlatformApplicationStatus, {
  name: 'PlatformApplicationStatus',
  description: '示范平台申报状态 / Demonstration-platform application status',
  valuesConfig: {
    DRAFT: { description: '草稿 / Draft' },
    SUBMITTED: { description: '已提交，待市级测评推荐 / Submitted, awaiting the city’s assessment' },
    RETURNED: { description: '退回修改 / Returned for revision' },
    CITY_RECOMMENDED: { description: '市级已推荐，待省级评审 / Recommended by the city, awaiting the provincial review' },
    CITY_REJECTED: { description: '市级驳回 / Rejected by the city' },
    PROVINCE_REJECTED: { description: '省级评审驳回 / Rejected by the provincial review' },
    IN_PUBLIC_NOTICE: { description: '评审合格，公示中（五个工作日）/ Passed the review, in public notice (5 working days)' },
    DESIGNATED: { description: '已授予示范平台称号 / Designated' },
    NOT_DESIGNATED: { description: '公示有异议，不予认定 / Not designated after the notice' },
  },
});

/** The two review steps that approve, reject or return. */
export enum PlatformReviewStep {
  CITY = 'CITY',
  PROVINCE = 'PROVINCE',
}

registerEnumType(PlatformReviewStep, {
  name: 'PlatformReviewStep',
  description: '审核环节 / Review step',
  valuesConfig: {
    CITY: { description: '市级测评推荐 / City assessment and recommendation' },
    PROVINCE: { description: '省级评审 / Provincial review' },
  },
});

/** The decision after the notice (鲁 第二十一条, 宁 第十三条: 公示无异议的授予称号). */
export enum PlatformDecision {
  DESIGNATE = 'DESIGNATE',
  REJECT = 'REJECT',
}

registerEnumType(PlatformDecision, {
  name: 'PlatformDecision',
  description: '公示期满后的决定 / The decision after the notice',
  valuesConfig: {
    DESIGNATE: { description: '授予称号（公示期满后）/ Designate (after the notice has ended)' },
    REJECT: { description: '异议成立，不予认定（须写明理由）/ Objection upheld: not designated (with a reason)' },
  },
});

interface StepRule {
  waiting: PlatformApplicationStatus;
  approved: PlatformApplicationStatus;
  rejected: PlatformApplicationStatus;
}

export const REVIEW_STEPS: Record<PlatformReviewStep, StepRule> = {
  CITY: { waiting: PlatformApplicationStatus.SUBMITTED, approved: PlatformApplicationStatus.CITY_RECOMMENDED, rejected: PlatformApplicationStatus.CITY_REJECTED },
  PROVINCE: { waiting: PlatformApplicationStatus.CITY_RECOMMENDED, approved: PlatformApplicationStatus.IN_PUBLIC_NOTICE, rejected: PlatformApplicationStatus.PROVINCE_REJECTED },
};

export function stepWaitingIn(status: PlatformApplicationStatus): PlatformReviewStep | undefined {
  return (Object.keys(REVIEW_STEPS) as PlatformReviewStep[]).find((step) => REVIEW_STEPS[step].waiting === status);
}

/** Non-review actions, named in INVALID_TRANSITION errors and the status history. */
export const PlatformApplicationAction = {
  CREATE: 'CREATE',
  UPDATE: 'UPDATE',
  SUBMIT: 'SUBMIT',
  RESUBMIT: 'RESUBMIT',
  RECORD_EXPERT_REVIEW: 'RECORD_EXPERT_REVIEW',
  RECORD_ON_SITE_VISIT: 'RECORD_ON_SITE_VISIT',
  DESIGNATE: PlatformDecision.DESIGNATE,
  REJECT_AFTER_NOTICE: 'REJECT_AFTER_NOTICE',
} as const;

/** What may be done in each status: the `allowedActions` of an INVALID_TRANSITION error. */
export function allowedActions(status: PlatformApplicationStatus): string[] {
  const review = (step: PlatformReviewStep) => [ReviewAction.APPROVE, ReviewAction.REJECT, ReviewAction.RETURN].map((a) => `${step}_${a}`);
  switch (status) {
    case PlatformApplicationStatus.DRAFT:
      return [PlatformApplicationAction.UPDATE, PlatformApplicationAction.SUBMIT];
    case PlatformApplicationStatus.RETURNED:
      return [PlatformApplicationAction.UPDATE, PlatformApplicationAction.RESUBMIT];
    case PlatformApplicationStatus.SUBMITTED:
      return review(PlatformReviewStep.CITY);
    case PlatformApplicationStatus.CITY_RECOMMENDED:
      return [...review(PlatformReviewStep.PROVINCE), PlatformApplicationAction.RECORD_EXPERT_REVIEW, PlatformApplicationAction.RECORD_ON_SITE_VISIT];
    case PlatformApplicationStatus.IN_PUBLIC_NOTICE:
      return [PlatformApplicationAction.DESIGNATE, PlatformApplicationAction.REJECT_AFTER_NOTICE];
    default:
      return [];
  }
}

/** Statuses in which an institution's application is still open: it may not start another (a partial unique index says so). */
export const OPEN_STATUSES: readonly PlatformApplicationStatus[] = [
  PlatformApplicationStatus.DRAFT, PlatformApplicationStatus.SUBMITTED, PlatformApplicationStatus.RETURNED,
  PlatformApplicationStatus.CITY_RECOMMENDED, PlatformApplicationStatus.IN_PUBLIC_NOTICE,
];

/** Once in public notice an application is public (公示); before, only those concerned see it. */
export const PUBLIC_STATUSES: readonly PlatformApplicationStatus[] = [
  PlatformApplicationStatus.IN_PUBLIC_NOTICE, PlatformApplicationStatus.DESIGNATED, PlatformApplicationStatus.NOT_DESIGNATED,
];
