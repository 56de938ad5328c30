import { AssessmentItem, ProvincialCheck, loadRuleSets, type PlatformProgrammeConfig, type RuleSet } from '../../src';
import { sampleRuleSet } from './sample-rule-set';

/**
 * The sample rule set with no end date (in force from 2020-10-07), so any day the working-day calendar covers can
 * be judged; `designation` changes its validity and re-application rules.
 */
export function openEndedSampleRuleSet(designation: Partial<RuleSet['designation']> = {}): RuleSet {
  const base = sampleRuleSet();
  return sampleRuleSet({
    validity: { kind: 'PERIOD', inForceFrom: '2020-10-07', inForceUntil: null, article: '第二十九条', configurationNote: null },
    designation: { ...base.designation, ...designation },
  });
}

/**
 * A programme on the sample rule set for tests of the engine itself, with every workflow and management feature
 * switched on (expert review and on-site visit required, city revocation requests, the next year's plan, city
 * reports, performance assessments) so each service can be reached. Province 370000, abbreviation 样.
 */
export function sampleProgramme(ruleSet: RuleSet = openEndedSampleRuleSet()): PlatformProgrammeConfig {
  return {
    name: 'sample',
    provinceCode: '370000',
    abbreviation: '样',
    platformTitle: '样例中小企业公共服务示范平台',
    ruleSets: loadRuleSets([ruleSet]),
    workflow: {
    localRecommendationArticle: '第十七条',
      recommendationArticle: '第十八条',
      assessmentItems: [AssessmentItem.OPERATION, AssessmentItem.PERFORMANCE, AssessmentItem.SATISFACTION],
      reviewArticle: '第二十条',
      requiredChecks: [ProvincialCheck.EXPERT_REVIEW, ProvincialCheck.ON_SITE_VISIT],
      noticeWorkingDays: 5,
      noticeArticle: '第二十条',
      designationArticle: '第二十一条',
    },
    management: {
      revocationArticle: '第二十四条',
      inspection: { article: '第二十五条', mayRequestRevocation: true },
      annualSummary: { article: '第二十六条', asksForNextYearPlan: true },
      cityReport: { article: '第二十七条' },
      performanceAssessment: { article: '第二十八条' },
      publicDatabaseArticle: '第二十一条',
    },
  };
}
