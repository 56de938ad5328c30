import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from './scalars';
import { DomainError, ErrorCode } from './errors';

/**
 * The explainable eligibility check every application exposes (SPEC §2 Eligibility report): each criterion
 * with its article, the required and the actual value and where the actual value comes from. The programme
 * engines compute the criteria from their rule sets; this module only gives them one shape and one verdict.
 */

export enum EligibilityOutcome {
  PASS = 'PASS',
  FAIL = 'FAIL',
  RELAXED_PASS = 'RELAXED_PASS',
  NEEDS_REVIEW = 'NEEDS_REVIEW',
}
registerEnumType(EligibilityOutcome, {
  name: 'EligibilityOutcome',
  description: '审查结论 / Outcome of a criterion',
  valuesConfig: {
    PASS: { description: '符合 / Met' },
    FAIL: { description: '不符合 / Not met' },
    RELAXED_PASS: { description: '按放宽条件符合 / Met under a relaxation the document allows' },
    NEEDS_REVIEW: { description: '需人工审核（承诺、声明或文件留给审核人判断的放宽）/ Left to the reviewer (attestations, discretionary relaxations)' },
  },
});

export enum FactSource {
  DECLARED = 'DECLARED',
  REGISTRY = 'REGISTRY',
  PROGRAMME = 'PROGRAMME',
  ATTESTATION = 'ATTESTATION',
}
registerEnumType(FactSource, {
  name: 'FactSource',
  description: '实际值来源 / Where the actual value comes from',
  valuesConfig: {
    DECLARED: { description: '申报数据 / Declared in the application' },
    REGISTRY: { description: '机构登记库（登记信息、信用记录）/ The registry (registration, credit records)' },
    PROGRAMME: { description: '本项目的记录 / This programme’s own records' },
    ATTESTATION: { description: '申请人承诺，需审核 / The applicant’s attestation, to be reviewed' },
  },
});

@Directive('@shareable')
@ObjectType({ description: '审查项 / One eligibility criterion' })
export class EligibilityCriterion {
  @Field({ description: '审查项代码（稳定）/ Stable criterion code' })
  code: string;

  @Field({ description: '条款（如 “晋 第六条（五）”）/ Article, e.g. 晋 第六条（五）' })
  article: string;

  @Field({ description: '审查项说明 / What is checked' })
  description: string;

  @Field({ description: '要求值 / Required value' })
  required: string;

  @Field(() => String, { nullable: true, description: '实际值（无数据时为空）/ Actual value (null when unknown)' })
  actual: string | null;

  @Field(() => FactSource, { nullable: true, description: '实际值来源 / Source of the actual value' })
  source: FactSource | null;

  @Field(() => String, { nullable: true, description: '登记库中的同一数据（与申报值对照）/ The registry’s figure beside the declared one' })
  registryValue: string | null;

  @Field(() => EligibilityOutcome, { description: '结论 / Outcome' })
  outcome: EligibilityOutcome;

  @Field(() => String, { nullable: true, description: '说明（放宽依据、缺失数据等）/ Note (relaxation applied, missing data …)' })
  note: string | null;
}

@Directive('@shareable')
@ObjectType({ description: '资格审查报告 / Eligibility report' })
export class EligibilityReport {
  @Field(() => EligibilityOutcome, { description: '总体结论：有不符合项为 FAIL，否则有待审项为 NEEDS_REVIEW / Overall: FAIL if any criterion fails, else NEEDS_REVIEW if any needs review' })
  outcome: EligibilityOutcome;

  @Field(() => DateScalar, { description: '审查基准日（提交日，草稿为今天）/ Date judged (submission date; today for a draft)' })
  asOf: string;

  @Field({ description: '适用的规则（文件与文号）/ Rule set applied (document)' })
  ruleSet: string;

  @Field(() => [EligibilityCriterion], { description: '各审查项 / Criteria' })
  criteria: EligibilityCriterion[];
}

const ORDER: EligibilityOutcome[] = [EligibilityOutcome.FAIL, EligibilityOutcome.NEEDS_REVIEW, EligibilityOutcome.RELAXED_PASS, EligibilityOutcome.PASS];

/** The overall outcome is the worst of the criteria's. */
export function eligibilityReport(ruleSet: string, asOf: string, criteria: EligibilityCriterion[]): EligibilityReport {
  const outcome = ORDER.find((o) => criteria.some((c) => c.outcome === o)) ?? EligibilityOutcome.PASS;
  return { ruleSet, asOf, criteria, outcome };
}

/** NOT_ELIGIBLE, naming the failing criteria with their articles (SPEC §2 Errors). */
export function notEligible(report: EligibilityReport): DomainError {
  const failing = report.criteria.filter((c) => c.outcome === EligibilityOutcome.FAIL);
  return new DomainError(
    ErrorCode.NOT_ELIGIBLE,
    {
      zh: `不符合条件：${failing.map((c) => `${c.article} ${c.description}（要求 ${c.required}，实际 ${c.actual ?? '无'}）`).join('；')}`,
      en: `Not eligible: ${failing.map((c) => `${c.code} (${c.article}: required ${c.required}, actual ${c.actual ?? 'none'})`).join('; ')}`,
    },
    { failing: failing.map((c) => ({ code: c.code, article: c.article, required: c.required, actual: c.actual })) },
  );
}
