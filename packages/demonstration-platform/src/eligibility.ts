import { eligibilityReport, type EligibilityReport } from '@sme/kernel';
import { basicConditionCriteria } from './basic-condition-criteria';
import { validateEligibilityInput, type PlatformEligibilityInput } from './eligibility-input';
import { functionCriteria } from './function-criteria';
import { noRuleSetInForce } from './rule-set-in-force';
import { inForceOn, ruleSetLabel, type RuleSet } from './rule-set';

/**
 * The eligibility report of a demonstration-platform application (SPEC §2, §4): every basic condition (鲁 第十四条,
 * 宁 第六条) and the function requirements (鲁 第十五条, 宁 第七条) as criteria with their articles, judged by
 * `ruleSet` on `asOf` (the submission date; today for a draft). The rule set must be the one in force that day
 * (ruleSetInForce): judging by another is refused with NO_RULE_SET_IN_FORCE rather than done silently.
 */
export function judgePlatformEligibility(ruleSet: RuleSet, input: PlatformEligibilityInput, asOf: string): EligibilityReport {
  validateEligibilityInput(ruleSet, input, asOf);
  if (!inForceOn(ruleSet, asOf)) throw noRuleSetInForce([ruleSet], ruleSet.jurisdiction, asOf);
  const criteria = [...basicConditionCriteria(ruleSet, input, asOf), ...functionCriteria(ruleSet, input)];
  return eligibilityReport(ruleSetLabel(ruleSet), asOf, criteria);
}
