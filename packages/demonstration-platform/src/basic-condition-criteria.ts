import { EligibilityOutcome, FactSource, addYears, regionPath, type EligibilityCriterion } from '@sme/kernel';
import type { PlatformEligibilityInput } from './eligibility-input';
import {
  LEGAL_FORMS,
  LEGAL_FORM_NAMES,
  PRIOR_RECOGNITION_NAMES,
  citation,
  type LegalForm,
  type Minimum,
  type RelaxableCondition,
  type Relaxation,
  type RuleSet,
} from './rule-set';

const { PASS, FAIL, RELAXED_PASS, NEEDS_REVIEW } = EligibilityOutcome;

/** Legal forms that are 独立法人; OTHER may be one too, which a reviewer decides from the certificate. */
const LEGAL_PERSON_FORMS: ReadonlySet<string> = new Set<LegalForm>(['ENTERPRISE', 'PUBLIC_INSTITUTION', 'PRIVATE_NON_ENTERPRISE', 'SOCIAL_ORGANIZATION']);

const fmt = (value: number | null | undefined): string | null => (value == null ? null : String(value));

type Criterion = Omit<EligibilityCriterion, 'registryValue' | 'note'> & { registryValue?: string | null; note?: string | null };
const criterion = (c: Criterion): EligibilityCriterion => ({ registryValue: null, note: null, ...c });

/** A relaxation that applies to this applicant, with the words that say why (事业单位; 山区市县 原州区). */
interface ApplicableRelaxation {
  relaxation: Relaxation;
  beneficiary: string;
}

function applicableRelaxations(ruleSet: RuleSet, input: PlatformEligibilityInput): ApplicableRelaxation[] {
  const path = regionPath(input.registry.regionCode);
  // 山区市县: the region itself or the city it belongs to is mountainous (固原市 is a 山区市 with all its counties).
  const mountainous = path.find((r) => r.mountainous);
  const own = path[path.length - 1];
  const form = input.registry.legalForm;
  const found: ApplicableRelaxation[] = [];
  for (const relaxation of ruleSet.relaxations) {
    const to = relaxation.appliesTo;
    if ('legalForms' in to) {
      if ((to.legalForms as readonly string[]).includes(form)) found.push({ relaxation, beneficiary: LEGAL_FORM_NAMES[form as LegalForm] });
    } else if (mountainous) {
      found.push({ relaxation, beneficiary: `山区市县（${own?.name ?? input.registry.regionCode}）` });
    }
  }
  return found;
}

/**
 * A basic condition judged against its standard threshold, then against the relaxations that apply to the
 * applicant: a relaxed number met is RELAXED_PASS (鲁 第十四条第二款), a relaxation without a number leaves the
 * unmet condition to the reviewer (宁 第六条第二款 可适当放宽: NEEDS_REVIEW); nothing declared fails whatever applies.
 */
function judged(
  ruleSet: RuleSet,
  relaxations: readonly ApplicableRelaxation[],
  c: {
    code: string;
    condition: RelaxableCondition;
    article: string;
    description: string;
    required: string;
    actual: string | null;
    source: FactSource;
    registryValue?: string | null;
    /** null when there is nothing to judge (not declared). */
    meetsStandard: boolean | null;
    meetsRelaxed?: (relaxedMin: number) => boolean;
    relaxedText?: (relaxedMin: number) => string;
    note?: string | null;
  },
): EligibilityCriterion {
  const applicable = relaxations.flatMap(({ relaxation, beneficiary }) =>
    relaxation.conditions.filter((x) => x.condition === c.condition).map((x) => ({ relaxation, beneficiary, relaxedMin: x.relaxedMin })),
  );
  const where = (r: Relaxation) => citation(ruleSet, r.article);
  const required = [
    c.required,
    ...applicable.map((a) =>
      a.relaxedMin === null || !c.relaxedText
        ? `${a.beneficiary}可适当放宽（${where(a.relaxation)}）`
        : `${a.beneficiary}放宽至 ${c.relaxedText(a.relaxedMin)}（${where(a.relaxation)}）`,
    ),
  ].join('；');
  const base = { code: c.code, article: citation(ruleSet, c.article), description: c.description, required, actual: c.actual, source: c.source, registryValue: c.registryValue ?? null };

  if (c.meetsStandard === null) return criterion({ ...base, outcome: FAIL, note: c.note ?? '未申报' });
  if (c.meetsStandard) return criterion({ ...base, outcome: PASS, note: c.note ?? null });

  const relaxedMet = applicable.find((a) => a.relaxedMin !== null && c.meetsRelaxed?.(a.relaxedMin));
  if (relaxedMet) {
    return criterion({ ...base, outcome: RELAXED_PASS, note: `${where(relaxedMet.relaxation)}：${relaxedMet.relaxation.description.zh}` });
  }
  const discretionary = applicable.find((a) => a.relaxedMin === null);
  if (discretionary) {
    return criterion({ ...base, outcome: NEEDS_REVIEW, note: `${where(discretionary.relaxation)}：${discretionary.beneficiary}的平台此项可适当放宽，文件未定下限，由审核人判断` });
  }
  const missedRelaxed = applicable.find((a) => a.relaxedMin !== null);
  return criterion({ ...base, outcome: FAIL, note: missedRelaxed ? `按${where(missedRelaxed.relaxation)}放宽后仍未达到` : c.note ?? null });
}

/** A "≥ min unit" condition on one declared figure. */
function minimum(
  ruleSet: RuleSet,
  relaxations: readonly ApplicableRelaxation[],
  code: string,
  condition: RelaxableCondition,
  standard: Minimum,
  description: string,
  unit: string,
  value: number | null,
  registryValue: number | null | undefined,
): EligibilityCriterion {
  return judged(ruleSet, relaxations, {
    code, condition, article: standard.article, description, required: `≥ ${standard.min}${unit}`,
    actual: value === null ? null : `${value}${unit}`, source: FactSource.DECLARED, registryValue: fmt(registryValue),
    meetsStandard: value === null ? null : value >= standard.min,
    meetsRelaxed: (min) => value !== null && value >= min,
    relaxedText: (min) => `≥ ${min}${unit}`,
  });
}

/** 鲁 第十四条 / 宁 第六条: every basic condition as a criterion, in the article's order. */
export function basicConditionCriteria(ruleSet: RuleSet, input: PlatformEligibilityInput, asOf: string): EligibilityCriterion[] {
  const b = ruleSet.basicConditions;
  const { registry, declared } = input;
  const figures = input.registryFigures ?? {};
  const relaxations = applicableRelaxations(ruleSet, input);
  const criteria: EligibilityCriterion[] = [];
  const lastYear = Number(asOf.slice(0, 4)) - 1;

  // （一）具有独立法人资格 (第二条: 由法人单位建设和运营). Neither province relaxes this: 可适当放宽 concerns the
  // figures of （一）, and a platform that is not run by a legal person is not a platform of these measures.
  const legalPerson = LEGAL_PERSON_FORMS.has(registry.legalForm);
  criteria.push(criterion({
    code: 'INDEPENDENT_LEGAL_PERSON', article: citation(ruleSet, b.independentLegalPerson.article), description: '具有独立法人资格', required: '独立法人',
    actual: (LEGAL_FORMS as readonly string[]).includes(registry.legalForm) ? LEGAL_FORM_NAMES[registry.legalForm as LegalForm] : registry.legalForm,
    source: FactSource.REGISTRY, outcome: legalPerson ? PASS : NEEDS_REVIEW,
    note: legalPerson ? null : '须审核其是否具有独立法人资格',
  }));

  // 运营两年以上 (以上 includes the number): complete on the anniversary of the founding, counted forward from the
  // founding date (a founding on 29 February completes on 28 February: 民法典 第二百零二条).
  const years = b.operatingYears.min;
  const completedOn = addYears(registry.establishedOn, years);
  criteria.push(judged(ruleSet, relaxations, {
    code: 'OPERATING_YEARS', condition: 'operatingYears', article: b.operatingYears.article, description: `运营${years}年以上`,
    required: `至 ${asOf} 成立满 ${years} 年`, actual: registry.establishedOn, source: FactSource.REGISTRY,
    meetsStandard: completedOn <= asOf,
    meetsRelaxed: (min) => addYears(registry.establishedOn, min) <= asOf,
    relaxedText: (min) => `成立满 ${min} 年`,
    note: `${completedOn} 满 ${years} 年`,
  }));

  criteria.push(minimum(ruleSet, relaxations, 'TOTAL_ASSETS', 'totalAssets', b.totalAssets, '资产总额', ' 万元', declared.totalAssets, figures.totalAssets));

  // （二）年服务中小企业: the last complete year before the date judged.
  const served = (year: number) => declared.servedByYear.find((y) => y.year === year)?.smesServed ?? null;
  const lastServed = served(lastYear);
  criteria.push(judged(ruleSet, relaxations, {
    code: 'SMES_SERVED', condition: 'smesServed', article: b.smesServed.article, description: `${lastYear} 年服务中小企业`,
    required: `≥ ${b.smesServed.min} 家`, actual: lastServed === null ? null : `${lastServed} 家`, source: FactSource.DECLARED,
    registryValue: fmt(figures.smesServed),
    meetsStandard: lastServed === null ? null : lastServed >= b.smesServed.min,
    meetsRelaxed: (min) => lastServed !== null && lastServed >= min,
    relaxedText: (min) => `≥ ${min} 家`,
    note: lastServed === null ? `未申报 ${lastYear} 年服务企业数` : null,
  }));

  criteria.push(minimum(ruleSet, relaxations, 'SATISFACTION', 'satisfactionPercent', b.satisfactionPercent, '用户满意度', '%', declared.satisfactionPercent, figures.satisfactionPercent));

  // 近两年服务企业数量稳步增长: each year's count above the year before's, over the last `years` complete years.
  const growthYears = Array.from({ length: b.servedGrowth.years }, (_, i) => lastYear - b.servedGrowth.years + 1 + i);
  const counts = growthYears.map(served);
  const missing = growthYears.filter((_, i) => counts[i] === null);
  const rising = !missing.length && counts.every((n, i) => i === 0 || (n as number) > (counts[i - 1] as number));
  criteria.push(judged(ruleSet, relaxations, {
    code: 'SERVED_GROWTH', condition: 'servedGrowth', article: b.servedGrowth.article, description: `近${b.servedGrowth.years}年服务企业数量稳步增长`,
    required: `${growthYears.join(' < ')} 年逐年增长`,
    actual: missing.length === growthYears.length ? null : growthYears.map((y, i) => `${y} 年 ${counts[i] ?? '未申报'}`).join('，'),
    source: FactSource.DECLARED,
    meetsStandard: missing.length ? null : rising,
    note: missing.length ? `未申报 ${missing.join('、')} 年服务企业数` : null,
  }));

  criteria.push(minimum(ruleSet, relaxations, 'AGGREGATED_AGENCIES', 'aggregatedAgencies', b.aggregatedAgencies, '集聚服务机构', ' 家', declared.aggregatedAgencies, figures.aggregatedAgencies));

  // 鲁 第十四条（四）: a recognition on record by the date judged; one issued later does not count yet.
  const prior = b.priorRecognition;
  if (prior.required) {
    const accepted = input.priorRecognitions.filter((r) => prior.kinds.includes(r.kind));
    const onRecord = accepted.filter((r) => r.recognisedOn <= asOf);
    const later = accepted.filter((r) => r.recognisedOn > asOf);
    criteria.push(criterion({
      code: 'PRIOR_RECOGNITION', article: citation(ruleSet, prior.article), description: '已获相关认定',
      required: prior.kinds.map((k) => PRIOR_RECOGNITION_NAMES[k]).join('或'),
      actual: onRecord.length ? onRecord.map((r) => `${PRIOR_RECOGNITION_NAMES[r.kind]}（${r.issuer}，${r.recognisedOn}）`).join('；') : '无',
      source: FactSource.PROGRAMME, outcome: onRecord.length ? PASS : FAIL,
      note: later.length ? `${later.map((r) => r.recognisedOn).join('、')} 的认定晚于审查基准日 ${asOf}，不计入` : null,
    }));
  }

  criteria.push(minimum(ruleSet, relaxations, 'PUBLIC_WELFARE_SHARE', 'publicWelfareSharePercent', b.publicWelfareSharePercent, '公益性服务或低收费服务占总服务量', '%', declared.publicWelfareSharePercent, figures.publicWelfareSharePercent));

  const staffWord = b.serviceStaff.fullTimeOnly ? '从事为中小企业服务的专职人员' : '从事为中小企业服务的人员';
  criteria.push(minimum(ruleSet, relaxations, 'SERVICE_STAFF', 'serviceStaff', b.serviceStaff, staffWord, ' 人', declared.serviceStaff, figures.serviceStaff));

  // 其中…比例占 N% 以上: compared in whole numbers (qualified × 100 ≥ N × staff) so 12 of 15 is exactly 80%.
  const staff = declared.serviceStaff;
  const qualified = declared.qualifiedServiceStaff;
  const share = (min: number) => staff !== null && qualified !== null && staff > 0 && qualified * 100 >= min * staff;
  const known = staff !== null && qualified !== null && staff > 0;
  criteria.push(judged(ruleSet, relaxations, {
    code: 'QUALIFIED_STAFF_SHARE', condition: 'qualifiedStaffPercent', article: b.qualifiedStaffPercent.article,
    description: '其中大专及以上学历和中级及以上技术职称专业人员的比例', required: `≥ ${b.qualifiedStaffPercent.min}%`,
    actual: known ? `${qualified}/${staff} 人（${Math.round((qualified! / staff!) * 10000) / 100}%）` : null, source: FactSource.DECLARED,
    registryValue: figures.qualifiedServiceStaff != null && figures.serviceStaff ? `${figures.qualifiedServiceStaff}/${figures.serviceStaff} 人` : null,
    meetsStandard: known ? share(b.qualifiedStaffPercent.min) : null,
    meetsRelaxed: share,
    relaxedText: (min) => `≥ ${min}%`,
    note: known ? null : '未申报服务人员或其中专业人员人数',
  }));

  return criteria;
}
