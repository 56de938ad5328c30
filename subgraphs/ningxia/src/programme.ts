import { AssessmentItem, ProvincialCheck, type PlatformProgrammeConfig } from '@sme/demonstration-platform';
import { ningxiaRuleSets } from './rule-sets';

/**
 * 宁夏回族自治区中小企业公共服务示范平台认定管理办法: the workflow and management articles; the criteria and dates are
 * the rule sets (src/rule-sets).
 */
export const ningxiaProgramme: PlatformProgrammeConfig = {
  name: 'ningxia',
  provinceCode: '640000',
  abbreviation: '宁',
  platformTitle: '自治区中小企业公共服务示范平台',
  ruleSets: ningxiaRuleSets,
  workflow: {
    localRecommendationArticle: '第九条',
    recommendationArticle: '第十条',
    // 第十条: 运营情况、服务业绩、满意度等
    assessmentItems: [AssessmentItem.OPERATION, AssessmentItem.PERFORMANCE, AssessmentItem.SATISFACTION],
    reviewArticle: '第十二条',
    // 第十二条: 根据专家评审和实地考察情况，确定拟认定的示范平台名单
    requiredChecks: [ProvincialCheck.EXPERT_REVIEW, ProvincialCheck.ON_SITE_VISIT],
    noticeWorkingDays: 5,
    noticeArticle: '第十二条',
    designationArticle: '第十三条',
  },
  management: {
    revocationArticle: '第十七条',
    // 第十八条: the cities inspect regularly and report; the measures give them no revocation request
    inspection: { article: '第十八条', mayRequestRevocation: false },
    annualSummary: { article: '第十六条', asksForNextYearPlan: false },
    cityReport: { article: '第十八条' },
    performanceAssessment: { article: '第十九条' },
    publicDatabaseArticle: '第十五条',
  },
};
