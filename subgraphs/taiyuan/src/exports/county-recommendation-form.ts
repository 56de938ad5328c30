import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, KnownInstitution, badInput, findRegion, isUuid, requireUser, type AuthUser } from '@sme/kernel';
import { findApplication } from '../applications/application.service';
import { CountyRecommendation } from '../county-recommendations/county-recommendation.entity';
import { summarise, type SatisfactionSummary, type SurveyEntry, type SurveyMethod } from '../county-recommendations/survey';
import { ExpertReview, type Expert } from '../expert-reviews/expert-review.entity';
import { requireRestricted } from '../permissions';

/** 附件1 专家组评审意见, once the city's panel has reviewed the application. */
export interface FormExpertReview {
  panel: Expert[];
  opinion: string;
  reviewedOn: string;
}

/** Everything 附件1 太原市中小企业公共服务示范平台推荐表 shows of one application, as recorded. */
export interface CountyRecommendationForm {
  applicationId: string;
  campaignYear: number;
  /** 示范平台承担单位名称 */
  institutionName: string;
  /** 推荐单位: the county (市、区) or development zone where the applicant is registered (一.4). */
  recommendingUnit: string;
  /** 推荐单位组织测评情况: the methods ticked, and the sampled enterprises in the order the county recorded them. */
  methods: SurveyMethod[];
  survey: SurveyEntry[];
  satisfaction: SatisfactionSummary;
  /** 对区域中小企业发展的影响和作用 */
  impactStatement: string;
  /** 县（市、区）、开发区中小企业主管部门推荐意见, and its date (also the form's 填报日期). */
  opinion: string;
  recommendedOn: string;
  /** Null until the panel has reviewed: the section is then left for the panel to fill in by hand. */
  expertReview: FormExpertReview | null;
}

/** The unit as a reader outside the county knows it: 小店区 → 太原市小店区; a zone's name already says 太原. */
function unitName(regionCode: string): string {
  const region = findRegion(regionCode);
  if (!region) return regionCode;
  return region.name.startsWith('太原') ? region.name : `太原市${region.name}`;
}

/**
 * The 推荐表 of an application. It names the survey's respondents (SPEC §2: restricted), so it is read by those
 * who may read the survey through GraphQL: the application's county, the city, the province, analysts, admins and
 * the applicant. An application the county has not recommended has no form (NOT_FOUND).
 */
export async function countyRecommendationForm(em: EntityManager, user: AuthUser | null, applicationId: string): Promise<CountyRecommendationForm> {
  if (!isUuid(applicationId)) {
    throw badInput({ zh: `applicationId 应为申请标识（UUID）：${applicationId}`, en: `applicationId must be an application id (UUID): ${applicationId}` }, { reason: 'INVALID_FORMAT', field: 'applicationId' });
  }
  requireUser(user);
  const application = await findApplication(em, applicationId);
  requireRestricted(user, application);
  const recommendation = await em.findOne(CountyRecommendation, { applicationId });
  if (!recommendation) {
    // 一.4: the county surveys and fills in the form when it recommends; before that (or after it declined) there is none
    throw new DomainError(
      ErrorCode.NOT_FOUND,
      { zh: '该申请尚无推荐表（附件1）：县（市、区）、开发区尚未测评推荐', en: 'This application has no recommendation form (Form 1): its county or zone has not surveyed and recommended it' },
      { reason: 'NO_COUNTY_RECOMMENDATION', key: applicationId, applicationStatus: application.status },
    );
  }
  const [institution, review] = await Promise.all([
    em.findOne(KnownInstitution, { id: application.institutionId }),
    em.findOne(ExpertReview, { applicationId }),
  ]);
  return {
    applicationId,
    campaignYear: application.campaignYear,
    institutionName: institution?.name ?? '',
    recommendingUnit: unitName(application.regionCode),
    methods: recommendation.methods,
    survey: recommendation.survey,
    satisfaction: summarise(recommendation.survey),
    impactStatement: recommendation.impactStatement,
    opinion: recommendation.opinion,
    recommendedOn: recommendation.recommendedOn,
    expertReview: review ? { panel: review.panel, opinion: review.opinion, reviewedOn: review.reviewedOn } : null,
  };
}
