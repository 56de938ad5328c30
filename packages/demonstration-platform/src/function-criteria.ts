import { EligibilityOutcome, FactSource, type EligibilityCriterion } from '@sme/kernel';
import type { FunctionDeclaration, PlatformEligibilityInput } from './eligibility-input';
import { PLATFORM_FUNCTION_NAMES } from './platform-function';
import { citation, type FunctionAlternative, type FunctionRequirement, type RuleSet } from './rule-set';

const { PASS, FAIL, NEEDS_REVIEW } = EligibilityOutcome;

/**
 * 鲁 第十五条 / 宁 第七条: 应满足以下至少一项功能要求. A function is met when one of its alternatives has no failing
 * requirement (an attested library or hotline is NEEDS_REVIEW: a reviewer checks it). The report states what is
 * met; a function that falls short while another is met is no reason to refuse the platform, so its shortfalls
 * are told in the AT_LEAST_ONE_FUNCTION criterion's note rather than as failing criteria (a FAIL in the report
 * blocks the application: SPEC §2). When no function is met, every declared function's requirements are listed
 * with their outcomes, so the refusal says what each one lacks.
 */

interface AlternativeResult {
  alternative: FunctionAlternative;
  criteria: EligibilityCriterion[];
  /** PASS, NEEDS_REVIEW (met, with attestations to check) or FAIL. */
  outcome: EligibilityOutcome;
}

interface FunctionResult {
  requirement: FunctionRequirement;
  alternatives: AlternativeResult[];
  /** The alternative by which the function is met (PASS before NEEDS_REVIEW), or null. */
  met: AlternativeResult | null;
}

const worst = (outcomes: EligibilityOutcome[]): EligibilityOutcome =>
  outcomes.includes(FAIL) ? FAIL : outcomes.includes(NEEDS_REVIEW) ? NEEDS_REVIEW : PASS;

function judgeAlternative(ruleSet: RuleSet, requirement: FunctionRequirement, alternative: FunctionAlternative, declaration: FunctionDeclaration): AlternativeResult {
  const fn = requirement.function;
  const article = citation(ruleSet, requirement.article);
  const which = requirement.alternatives.length > 1 && alternative.label ? `（${alternative.label}）` : '';
  const criteria: EligibilityCriterion[] = [];
  for (const a of alternative.attestations) {
    const given = declaration.attested.includes(a.attestation);
    criteria.push({
      code: `${fn}_${a.attestation}`, article, description: `${a.description}${which}`, required: '申请人承诺，审核认定',
      actual: given ? '已承诺' : '未承诺', source: FactSource.ATTESTATION, registryValue: null,
      outcome: given ? NEEDS_REVIEW : FAIL, note: null,
    });
  }
  for (const m of alternative.minima) {
    const value = declaration.figures[m.measure];
    criteria.push({
      code: `${fn}_${m.measure}`, article, description: `${m.description}${which}`, required: `≥ ${m.min} ${m.unit}`,
      actual: value === undefined ? null : `${value} ${m.unit}`, source: FactSource.DECLARED, registryValue: null,
      outcome: value !== undefined && value >= m.min ? PASS : FAIL, note: value === undefined ? '未申报' : null,
    });
  }
  return { alternative, criteria, outcome: worst(criteria.map((c) => c.outcome)) };
}

function judgeFunction(ruleSet: RuleSet, requirement: FunctionRequirement, declaration: FunctionDeclaration): FunctionResult {
  const alternatives = requirement.alternatives.map((alt) => judgeAlternative(ruleSet, requirement, alt, declaration));
  const met = alternatives.find((a) => a.outcome === PASS) ?? alternatives.find((a) => a.outcome === NEEDS_REVIEW) ?? null;
  return { requirement, alternatives, met };
}

/** What an alternative asks, in one line: 线下年服务企业 ≥ 120 家、… */
const asks = (alt: FunctionAlternative): string =>
  [...alt.attestations.map((a) => a.description), ...alt.minima.map((m) => `${m.description} ≥ ${m.min} ${m.unit}`)].join('、');

const shortfalls = (result: FunctionResult): string =>
  result.alternatives
    .map((alt) =>
      alt.criteria
        .filter((c) => c.outcome === FAIL)
        .map((c) => (c.source === FactSource.ATTESTATION ? `${c.description}未承诺` : `${c.description} ${c.actual ?? '未申报'}，要求 ${c.required}`))
        .join('、'),
    )
    .join('；或 ');

export function functionCriteria(ruleSet: RuleSet, input: PlatformEligibilityInput): EligibilityCriterion[] {
  const results: FunctionResult[] = [];
  for (const requirement of ruleSet.functionRequirements) {
    const declaration = input.functions.find((f) => f.function === requirement.function);
    if (declaration) results.push(judgeFunction(ruleSet, requirement, declaration));
  }
  // The rule set's order (the document's), whatever order the declaration came in.
  results.sort((a, b) => ruleSet.functions.indexOf(a.requirement.function) - ruleSet.functions.indexOf(b.requirement.function));
  const metResults = results.filter((r) => r.met);
  const anyMet = metResults.length > 0;

  const criteria: EligibilityCriterion[] = [];
  for (const result of results) {
    if (anyMet && !result.met) continue;
    const { requirement, met } = result;
    const name = PLATFORM_FUNCTION_NAMES[requirement.function];
    criteria.push(...(met ? met.criteria : result.alternatives.flatMap((a) => a.criteria)));
    criteria.push({
      code: `FUNCTION_${requirement.function}`, article: citation(ruleSet, requirement.article), description: `${name.zh}功能要求`,
      required: requirement.alternatives.map((alt) => (alt.label && requirement.alternatives.length > 1 ? `${alt.label}：${asks(alt)}` : asks(alt))).join('；或 '),
      actual: met ? (met.alternative.label && requirement.alternatives.length > 1 ? `符合（${met.alternative.label}）` : '符合') : `未达到：${shortfalls(result)}`,
      source: FactSource.DECLARED, registryValue: null,
      outcome: met ? met.outcome : FAIL,
      note: met?.outcome === NEEDS_REVIEW ? '数量要求已达到，承诺事项待审核' : null,
    });
  }

  const unmet = results.filter((r) => !r.met);
  const best = metResults.some((r) => r.met!.outcome === PASS) ? PASS : anyMet ? NEEDS_REVIEW : FAIL;
  criteria.push({
    code: 'AT_LEAST_ONE_FUNCTION', article: citation(ruleSet, ruleSet.functionsArticle), description: '至少满足一项功能要求',
    required: `≥ 1 项（${ruleSet.functions.map((f) => PLATFORM_FUNCTION_NAMES[f].zh).join('、')}）`,
    actual: anyMet ? metResults.map((r) => PLATFORM_FUNCTION_NAMES[r.requirement.function].zh).join('、') : '无',
    source: FactSource.DECLARED, registryValue: null, outcome: best,
    note: !results.length
      ? '未申报任何功能'
      : anyMet && unmet.length
        ? `申报但未达到（已有其他功能符合，不影响本项）：${unmet.map((r) => `${PLATFORM_FUNCTION_NAMES[r.requirement.function].zh}（${shortfalls(r)}）`).join('；')}`
        : null,
  });
  return criteria;
}
