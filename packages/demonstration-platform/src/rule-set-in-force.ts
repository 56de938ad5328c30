import { badInput, findRegion, parseIsoDate, type DomainError } from '@sme/kernel';
import { RuleSetDataError } from './rule-set-validation';
import { inForceOn, inForcePeriod, ruleSetLabel, type RuleSet } from './rule-set';

/**
 * SPEC §1: an application is judged by the rule set in force on its submission date. Outside every rule set's
 * dates there is nothing to judge by (鲁 第二十九条: the Shandong measures apply from 2020-10-07 through 2023-10-06),
 * and the submission is refused rather than judged by a document that no longer, or not yet, applies.
 */
export function ruleSetInForce(ruleSets: readonly RuleSet[], jurisdiction: string, submittedOn: string): RuleSet {
  if (!parseIsoDate(submittedOn)) {
    throw badInput(
      { zh: `提交日期不是有效日期：${submittedOn}`, en: `The submission date is not a valid date: ${submittedOn}` },
      { reason: 'INVALID_DATE', field: 'submittedOn', value: submittedOn },
    );
  }
  const own = ruleSets.filter((r) => r.jurisdiction === jurisdiction);
  const inForce = own.filter((r) => inForceOn(r, submittedOn));
  if (inForce.length > 1) {
    // loadRuleSets refuses overlapping data; reaching this means the list was not loaded through it.
    throw new RuleSetDataError([`rule sets ${inForce.map((r) => r.id).join(', ')} of ${jurisdiction} are all in force on ${submittedOn}`]);
  }
  if (inForce.length === 0) throw noRuleSetInForce(own, jurisdiction, submittedOn);
  return inForce[0];
}

/** The period as people read it: 2020-10-07 至 2023-10-06, 自印发之日起, 长期有效. */
function periodText(r: RuleSet): { zh: string; en: string } {
  const { from, until } = inForcePeriod(r);
  return {
    zh: `${from ?? '自印发之日起'} 至 ${until ?? '长期有效'}`,
    en: `${from ?? 'from issue'} to ${until ?? 'open-ended'}`,
  };
}

/** BAD_USER_INPUT (reason NO_RULE_SET_IN_FORCE) naming the jurisdiction's documents and their dates. */
export function noRuleSetInForce(own: readonly RuleSet[], jurisdiction: string, submittedOn: string): DomainError {
  const place = findRegion(jurisdiction)?.name ?? jurisdiction;
  const zhList = own.map((r) => `${ruleSetLabel(r)}（${periodText(r).zh}，${r.abbreviation} ${r.validity.article}）`).join('；');
  const enList = own.map((r) => `${ruleSetLabel(r)} (in force ${periodText(r).en}, ${r.abbreviation} ${r.validity.article})`).join('; ');
  return badInput(
    {
      zh: own.length
        ? `${submittedOn} 无有效的${place}示范平台认定规则：${zhList}`
        : `${place}（${jurisdiction}）没有示范平台认定规则`,
      en: own.length
        ? `No ${place} demonstration-platform rule set is in force on ${submittedOn}: ${enList}`
        : `There is no demonstration-platform rule set for ${jurisdiction}`,
    },
    {
      reason: 'NO_RULE_SET_IN_FORCE',
      jurisdiction,
      submittedOn,
      ruleSets: own.map((r) => {
        const { from, until } = inForcePeriod(r);
        return { id: r.id, document: ruleSetLabel(r), inForceFrom: from, inForceUntil: until, article: `${r.abbreviation} ${r.validity.article}` };
      }),
    },
  );
}
