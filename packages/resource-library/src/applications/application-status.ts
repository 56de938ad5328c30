import { registerEnumType } from 'type-graphql';
import { ReviewAction } from '@sme/kernel';

/**
 * 第八条 as a state machine (SPEC §3 Workflow): 机构申请 → 县初审 → 市（或视同市的单位）推荐 → 省级审核
 * （视情况实地抽查）→ 公示五个工作日 → 入库. Each review step can approve, reject (驳回, final) or return
 * (退回: the applicant fixes and resubmits to the same step).
 */
export enum LibraryApplicationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  COUNTY_APPROVED = 'COUNTY_APPROVED',
  COUNTY_REJECTED = 'COUNTY_REJECTED',
  CITY_RECOMMENDED = 'CITY_RECOMMENDED',
  CITY_REJECTED = 'CITY_REJECTED',
  PROVINCE_APPROVED = 'PROVINCE_APPROVED',
  PROVINCE_REJECTED = 'PROVINCE_REJECTED',
  IN_PUBLIC_NOTICE = 'IN_PUBLIC_NOTICE',
  ADMITTED = 'ADMITTED',
  OBJECTION_UPHELD = 'OBJECTION_UPHELD',
}

registerEnumType(LibraryApplicationStatus, {
  name: 'LibraryApplicationStatus',
  description: '入库申请状态（第八条）/ Application status (Art. 8)',
  valuesConfig: {
    DRAFT: { description: '草稿 / Draft' },
    SUBMITTED: { description: '已提交，待县级初审 / Submitted, awaiting county review' },
    RETURNED: { description: '退回修改 / Returned for revision' },
    COUNTY_APPROVED: { description: '县级初审通过，待市级推荐 / County approved, awaiting the city' },
    COUNTY_REJECTED: { description: '县级驳回 / Rejected by the county' },
    CITY_RECOMMENDED: { description: '市级已推荐，待省级审核 / Recommended by the city, awaiting the province' },
    CITY_REJECTED: { description: '市级驳回 / Rejected by the city' },
    PROVINCE_APPROVED: { description: '省级审核通过，待公示 / Approved by the province, awaiting public notice' },
    PROVINCE_REJECTED: { description: '省级驳回 / Rejected by the province' },
    IN_PUBLIC_NOTICE: { description: '公示中（五个工作日）/ In public notice (5 working days)' },
    ADMITTED: { description: '公示无异议，已入库 / Admitted after the notice' },
    OBJECTION_UPHELD: { description: '公示异议成立，不予入库 / Objection upheld, not admitted' },
  },
});

/** The three review steps; a city-acting unit (综改区, 定州, 辛集, 雄安新区) takes the city step. */
export enum ReviewStep {
  COUNTY = 'COUNTY',
  CITY = 'CITY',
  PROVINCE = 'PROVINCE',
}

registerEnumType(ReviewStep, {
  name: 'LibraryReviewStep',
  description: '审核环节（第八条）/ Review step (Art. 8)',
  valuesConfig: {
    COUNTY: { description: '县（市、区）初审 / County review' },
    CITY: { description: '市级（含视同市的单位）初审推荐 / City review and recommendation' },
    PROVINCE: { description: '省级审核 / Provincial review' },
  },
});

interface StepRule {
  /** The status that waits for this step. */
  waiting: LibraryApplicationStatus;
  approved: LibraryApplicationStatus;
  rejected: LibraryApplicationStatus;
  /** 第八条（二）（三） */
  article: string;
}

export const REVIEW_STEPS: Record<ReviewStep, StepRule> = {
  COUNTY: { waiting: LibraryApplicationStatus.SUBMITTED, approved: LibraryApplicationStatus.COUNTY_APPROVED, rejected: LibraryApplicationStatus.COUNTY_REJECTED, article: '第八条（二）' },
  CITY: { waiting: LibraryApplicationStatus.COUNTY_APPROVED, approved: LibraryApplicationStatus.CITY_RECOMMENDED, rejected: LibraryApplicationStatus.CITY_REJECTED, article: '第八条（二）' },
  PROVINCE: { waiting: LibraryApplicationStatus.CITY_RECOMMENDED, approved: LibraryApplicationStatus.PROVINCE_APPROVED, rejected: LibraryApplicationStatus.PROVINCE_REJECTED, article: '第八条（三）' },
};

export function stepWaitingIn(status: LibraryApplicationStatus): ReviewStep | undefined {
  return (Object.keys(REVIEW_STEPS) as ReviewStep[]).find((step) => REVIEW_STEPS[step].waiting === status);
}

/** Non-review actions, named in INVALID_TRANSITION errors and the status history. */
export const ApplicationAction = {
  CREATE: 'CREATE',
  UPDATE: 'UPDATE',
  ATTACH_MATERIAL: 'ATTACH_MATERIAL',
  REMOVE_MATERIAL: 'REMOVE_MATERIAL',
  SUBMIT: 'SUBMIT',
  RESUBMIT: 'RESUBMIT',
  SPOT_CHECK: 'SPOT_CHECK',
  START_PUBLIC_NOTICE: 'START_PUBLIC_NOTICE',
  RECORD_OBJECTION: 'RECORD_OBJECTION',
  UPHOLD_OBJECTION: 'UPHOLD_OBJECTION',
  DISMISS_OBJECTION: 'DISMISS_OBJECTION',
  ADMIT: 'ADMIT',
} as const;

/**
 * What may be done in each status: the `allowedActions` of an INVALID_TRANSITION error. Every action the
 * services accept in a status is listed, so a client can offer exactly these (materials are edited only while
 * the applicant holds the application).
 */
export function allowedActions(status: LibraryApplicationStatus): string[] {
  switch (status) {
    case LibraryApplicationStatus.DRAFT:
      return [ApplicationAction.UPDATE, ApplicationAction.ATTACH_MATERIAL, ApplicationAction.REMOVE_MATERIAL, ApplicationAction.SUBMIT];
    case LibraryApplicationStatus.RETURNED:
      return [ApplicationAction.UPDATE, ApplicationAction.ATTACH_MATERIAL, ApplicationAction.REMOVE_MATERIAL, ApplicationAction.RESUBMIT];
    case LibraryApplicationStatus.SUBMITTED:
    case LibraryApplicationStatus.COUNTY_APPROVED:
      return [ReviewAction.APPROVE, ReviewAction.REJECT, ReviewAction.RETURN];
    case LibraryApplicationStatus.CITY_RECOMMENDED:
      return [ReviewAction.APPROVE, ReviewAction.REJECT, ReviewAction.RETURN, ApplicationAction.SPOT_CHECK];
    case LibraryApplicationStatus.PROVINCE_APPROVED:
      return [ApplicationAction.START_PUBLIC_NOTICE];
    case LibraryApplicationStatus.IN_PUBLIC_NOTICE:
      return [ApplicationAction.RECORD_OBJECTION, ApplicationAction.UPHOLD_OBJECTION, ApplicationAction.DISMISS_OBJECTION, ApplicationAction.ADMIT];
    default:
      return [];
  }
}

/** Statuses in which an institution's application is still open: it may not start another. */
export const OPEN_STATUSES: readonly LibraryApplicationStatus[] = [
  LibraryApplicationStatus.DRAFT,
  LibraryApplicationStatus.SUBMITTED,
  LibraryApplicationStatus.RETURNED,
  LibraryApplicationStatus.COUNTY_APPROVED,
  LibraryApplicationStatus.CITY_RECOMMENDED,
  LibraryApplicationStatus.PROVINCE_APPROVED,
  LibraryApplicationStatus.IN_PUBLIC_NOTICE,
];
