import { AssessmentItem, type PlatformProgrammeConfig } from '@sme/demonstration-platform';
import { shandongRuleSets } from './rule-sets';

/**
 * 山东省中小企业公共服务示范平台认定管理办法（鲁工信发〔2020〕4号）: the workflow and management articles; the criteria
 * and dates are the rule sets (src/rule-sets).
 */
export const shandongProgramme: PlatformProgrammeConfig = {
  name: 'shandong',
  provinceCode: '370000',
  abbreviation: '鲁',
  platformTitle: '山东省中小企业公共服务示范平台',
  ruleSets: shandongRuleSets,
  workflow: {
    localRecommendationArticle: '第十七条',
    recommendationArticle: '第十八条',
    // 第十八条: 运营情况、服务业绩、满意度及完成政府部门委托的任务情况
    assessmentItems: [AssessmentItem.OPERATION, AssessmentItem.PERFORMANCE, AssessmentItem.SATISFACTION, AssessmentItem.GOVERNMENT_TASKS],
    reviewArticle: '第二十条',
    // 第二十条 对申报材料进行评审: the document names no expert review or visit as a precondition
    requiredChecks: [],
    noticeWorkingDays: 5,
    noticeArticle: '第二十条',
    designationArticle: '第二十一条',
  },
  management: {
    revocationArticle: '第二十四条',
    inspection: { article: '第二十五条', mayRequestRevocation: true },
    annualSummary: { article: '第二十六条', asksForNextYearPlan: true },
    cityReport: null,
    performanceAssessment: null,
    publicDatabaseArticle: '第二十一条',
  },
};
