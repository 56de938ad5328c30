import { registerEnumType } from 'type-graphql';

/**
 * 并工信字〔2023〕26号 一.4: the institution applies; its county or development zone surveys its service and
 * recommends; the city has experts review it and designates it (or not).
 */
export enum TaiyuanApplicationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  COUNTY_RECOMMENDED = 'COUNTY_RECOMMENDED',
  COUNTY_REJECTED = 'COUNTY_REJECTED',
  EXPERT_REVIEWED = 'EXPERT_REVIEWED',
  DESIGNATED = 'DESIGNATED',
  REJECTED = 'REJECTED',
}
registerEnumType(TaiyuanApplicationStatus, {
  name: 'TaiyuanApplicationStatus',
  description: '太原市级示范平台申请状态 / Status of a Taiyuan city-platform application',
  valuesConfig: {
    DRAFT: { description: '草稿 / Draft' },
    SUBMITTED: { description: '已报县（市、区）、开发区 / Submitted to the county or zone' },
    RETURNED: { description: '退回修改 / Returned for revision' },
    COUNTY_RECOMMENDED: { description: '县级已测评推荐 / Surveyed and recommended by the county' },
    COUNTY_REJECTED: { description: '县级不予推荐 / Not recommended by the county' },
    EXPERT_REVIEWED: { description: '专家组已评审 / Reviewed by the expert panel' },
    DESIGNATED: { description: '认定为太原市市级中小企业公共服务示范平台 / Designated a city platform' },
    REJECTED: { description: '市级不予认定 / Not designated' },
  },
});

export enum TaiyuanStep {
  COUNTY = 'COUNTY',
  CITY = 'CITY',
}
registerEnumType(TaiyuanStep, {
  name: 'TaiyuanStep',
  description: '审核环节 / Step',
  valuesConfig: { COUNTY: { description: '县（市、区）、开发区推荐 / County or zone' }, CITY: { description: '市工信局认定 / The city' } },
});

/** What may be done in each status: the `allowedActions` of an INVALID_TRANSITION error. */
export function allowedActions(status: TaiyuanApplicationStatus): string[] {
  switch (status) {
    case TaiyuanApplicationStatus.DRAFT:
      return ['UPDATE', 'SUBMIT'];
    case TaiyuanApplicationStatus.RETURNED:
      return ['UPDATE', 'RESUBMIT'];
    case TaiyuanApplicationStatus.SUBMITTED:
      return ['COUNTY_RECOMMEND', 'COUNTY_REJECT', 'COUNTY_RETURN'];
    case TaiyuanApplicationStatus.COUNTY_RECOMMENDED:
      return ['RECORD_EXPERT_REVIEW', 'CITY_RETURN', 'CITY_REJECT'];
    case TaiyuanApplicationStatus.EXPERT_REVIEWED:
      return ['DESIGNATE', 'CITY_REJECT', 'CITY_RETURN'];
    default:
      return [];
  }
}

export const OPEN_STATUSES = [
  TaiyuanApplicationStatus.DRAFT,
  TaiyuanApplicationStatus.SUBMITTED,
  TaiyuanApplicationStatus.RETURNED,
  TaiyuanApplicationStatus.COUNTY_RECOMMENDED,
  TaiyuanApplicationStatus.EXPERT_REVIEWED,
];
