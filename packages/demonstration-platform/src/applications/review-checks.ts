import { DomainError, ErrorCode, badInput, text } from '@sme/kernel';
import { ASSESSMENT_ITEM_NAMES, ProvincialCheck, article, type PlatformProgrammeConfig } from '../programme-config';
import type { PlatformApplication } from './application.entity';
import type { CityAssessmentInput } from './review-records';
import type { CityAssessment } from './review-records';
import { PlatformApplicationStatus, PlatformReviewStep, allowedActions } from './application-status';

/**
 * 鲁 第十八条, 宁 第十条: the city assesses (测评) the items its form asks for — each one, once — and gives its
 * opinion before it recommends.
 */
export function checkAssessment(config: PlatformProgrammeConfig, input: CityAssessmentInput | null | undefined, today: string): CityAssessment {
  const cite = article(config, config.workflow.recommendationArticle);
  if (!input) {
    throw badInput(
      { zh: `市级推荐须附测评情况（${cite}）`, en: `The city recommends with its assessment (${cite})` },
      { reason: 'ASSESSMENT_REQUIRED', field: 'assessment', items: [...config.workflow.assessmentItems] },
    );
  }
  const seen = new Set<string>();
  const findings = input.findings.map((f, i) => {
    if (!config.workflow.assessmentItems.includes(f.item)) {
      throw badInput({ zh: `${cite}未设测评项目：${f.item}`, en: `${cite} has no assessment item ${f.item}` }, { reason: 'UNKNOWN_ASSESSMENT_ITEM', field: 'assessment.findings', value: f.item });
    }
    if (seen.has(f.item)) throw badInput({ zh: `测评项目重复：${ASSESSMENT_ITEM_NAMES[f.item]}`, en: `Assessment item given twice: ${f.item}` }, { reason: 'DUPLICATE_ASSESSMENT_ITEM', field: 'assessment.findings', value: f.item });
    seen.add(f.item);
    return { item: f.item, finding: text(`assessment.findings[${i}].finding`, f.finding, 2000) };
  });
  const missing = config.workflow.assessmentItems.filter((item) => !seen.has(item));
  if (missing.length) {
    throw badInput(
      { zh: `测评情况不全（${cite}），缺少：${missing.map((m) => ASSESSMENT_ITEM_NAMES[m]).join('、')}`, en: `The assessment is incomplete (${cite}); missing: ${missing.join(', ')}` },
      { reason: 'ASSESSMENT_INCOMPLETE', field: 'assessment.findings', missing },
    );
  }
  return { findings, opinion: text('assessment.opinion', input.opinion, 2000), recommendedOn: today };
}

/** 宁 第十二条 根据专家评审和实地考察情况确定: the checks the province must have recorded before it approves, or null. */
export function checksMissing(config: PlatformProgrammeConfig, application: PlatformApplication): DomainError | null {
  const recorded: Record<ProvincialCheck, boolean> = {
    [ProvincialCheck.EXPERT_REVIEW]: application.expertReview !== null,
    [ProvincialCheck.ON_SITE_VISIT]: application.onSiteVisit !== null,
  };
  const missing = config.workflow.requiredChecks.filter((c) => !recorded[c]);
  if (!missing.length) return null;
  const names: Record<ProvincialCheck, string> = { EXPERT_REVIEW: '专家评审', ON_SITE_VISIT: '实地考察' };
  const cite = article(config, config.workflow.reviewArticle);
  return new DomainError(
    ErrorCode.INVALID_TRANSITION,
    {
      zh: `省级评审通过前须记录${missing.map((m) => names[m]).join('和')}（${cite}）`,
      en: `Record the ${missing.map((m) => m.toLowerCase().replace(/_/g, ' ')).join(' and ')} before approving (${cite})`,
    },
    {
      currentState: PlatformApplicationStatus.CITY_RECOMMENDED, action: `${PlatformReviewStep.PROVINCE}_APPROVE`,
      allowedActions: allowedActions(PlatformApplicationStatus.CITY_RECOMMENDED), reason: 'CHECKS_MISSING', missing, article: cite,
    },
  );
}
