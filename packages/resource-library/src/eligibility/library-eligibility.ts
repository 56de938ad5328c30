import { EligibilityOutcome, FactSource, activeBetween, addYears, eligibilityReport, findRegion, type EligibilityCriterion, type EligibilityReport } from '@sme/kernel';
import { KnownCreditRecord, KnownInstitution } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import type { Attestations, DeclaredFigures } from '../applications/declared-figures';

/** What the registry has told this library about the applicant (through its events). */
export interface RegistryFacts {
  institution: KnownInstitution;
  creditRecords: readonly KnownCreditRecord[];
  /** The registry's figures for the declared year, when it has them. */
  annualFigures: Readonly<Record<string, number>> | null;
}

/** Legal forms that are 独立法人 (第六条（二）); OTHER may be one too, which a reviewer decides. */
const LEGAL_PERSON_FORMS = new Set(['ENTERPRISE', 'PUBLIC_INSTITUTION', 'PRIVATE_NON_ENTERPRISE', 'SOCIAL_ORGANIZATION']);

const LEGAL_FORM_NAMES: Record<string, string> = {
  ENTERPRISE: '企业',
  PUBLIC_INSTITUTION: '事业单位',
  PRIVATE_NON_ENTERPRISE: '民办非企业单位',
  SOCIAL_ORGANIZATION: '社会团体',
  OTHER: '其他',
};

const fmt = (value: number | null | undefined) => (value == null ? null : String(value));

/**
 * 第六条: every basic condition as a criterion (SPEC §3 Eligibility). Figures come from the declaration and
 * are shown beside the registry's for the same year; province, legal form, establishment date and credit
 * records come from the registry; what no figure can show is the applicant's attestation, for the reviewer.
 */
export function judgeEligibility(
  config: LibraryConfig,
  application: { declared: DeclaredFigures; attestations: Attestations },
  facts: RegistryFacts,
  asOf: string,
): EligibilityReport {
  const r = config.rules;
  const a = (clause: string) => `${config.abbreviation} 第六条${clause}`;
  const { institution } = facts;
  const declared = application.declared;
  const criteria: EligibilityCriterion[] = [];
  const add = (c: Omit<EligibilityCriterion, 'registryValue' | 'note'> & { registryValue?: string | null; note?: string | null }) =>
    criteria.push({ registryValue: null, note: null, ...c });

  const region = findRegion(institution.regionCode);
  add({
    code: 'REGISTERED_IN_PROVINCE', article: a(''), description: `注册地在${findRegion(config.provinceCode)?.name ?? config.provinceCode}`,
    required: config.provinceCode, actual: region ? `${region.code} ${region.name}` : institution.regionCode, source: FactSource.REGISTRY,
    outcome: region?.provinceCode === config.provinceCode ? EligibilityOutcome.PASS : EligibilityOutcome.FAIL,
  });

  const legalPerson = LEGAL_PERSON_FORMS.has(institution.legalForm);
  add({
    code: 'INDEPENDENT_LEGAL_PERSON', article: a('（二）'), description: '具有独立法人资格', required: '独立法人',
    actual: LEGAL_FORM_NAMES[institution.legalForm] ?? institution.legalForm, source: FactSource.REGISTRY,
    outcome: legalPerson ? EligibilityOutcome.PASS : EligibilityOutcome.NEEDS_REVIEW,
    note: legalPerson ? null : '“其他类型服务机构”须审核其是否具有独立法人资格',
  });

  // 成立并运营两年以上 (以上 includes the number): the years are complete on the anniversary of the founding, counted
  // forward from the founding date; a founding on 29 February has its anniversary on 28 February of a common year
  // (民法典 第二百零二条: 没有对应日的，月末日为期间的最后一日). Counting back from the date judged would move it to 1 March.
  const completedOn = addYears(institution.establishedOn, r.minOperatingYears);
  add({
    code: 'OPERATING_YEARS', article: a('（二）'), description: `成立并运营${r.minOperatingYears}年以上`,
    required: `至 ${asOf} 成立满 ${r.minOperatingYears} 年`, actual: institution.establishedOn, source: FactSource.REGISTRY,
    outcome: completedOn <= asOf ? EligibilityOutcome.PASS : EligibilityOutcome.FAIL, note: `${completedOn} 满 ${r.minOperatingYears} 年`,
  });

  const previousYear = Number(asOf.slice(0, 4)) - 1;
  add({
    code: 'FIGURES_YEAR', article: a('（四）（六）'), description: '申报数据为上年度（近一年）数据', required: String(previousYear),
    actual: fmt(declared.year), source: FactSource.DECLARED,
    outcome: declared.year === previousYear ? EligibilityOutcome.PASS : EligibilityOutcome.FAIL,
  });

  const minimum = (code: string, clause: string, description: string, field: keyof DeclaredFigures, min: number, unit: string, value = declared[field]) => {
    const registry = facts.annualFigures?.[field as string];
    add({
      code, article: a(clause), description, required: `≥ ${min}${unit}`, actual: fmt(value), source: FactSource.DECLARED,
      registryValue: fmt(registry),
      outcome: value != null && value >= min ? EligibilityOutcome.PASS : EligibilityOutcome.FAIL,
      note: value == null ? '未申报' : null,
    });
  };
  minimum('SENIOR_EXPERTS', '（四）', '上年度合作的副高级以上或同等水平专家', 'seniorExperts', r.minSeniorExperts, ' 人');
  minimum('RELATED_EXPERTS', '（四）', '上年度合作的相关专家', 'relatedExperts', r.minRelatedExperts, ' 人');
  minimum('PARTNER_AGENCIES', '（四）', '签有合作协议的专业化、外联型合作机构（含）', 'partnerAgencies', r.minPartnerAgencies, ' 个');
  const area = declared.floorAreaOwned == null && declared.floorAreaRented == null ? null : (declared.floorAreaOwned ?? 0) + (declared.floorAreaRented ?? 0);
  const registryFigures = facts.annualFigures;
  const registryArea = registryFigures == null || (registryFigures.floorAreaOwned == null && registryFigures.floorAreaRented == null)
    ? null
    : (registryFigures.floorAreaOwned ?? 0) + (registryFigures.floorAreaRented ?? 0);
  add({
    code: 'FLOOR_AREA', article: a('（五）'), description: '服务场所面积（自有与租赁合计）', required: `≥ ${r.minFloorArea} m²`,
    actual: fmt(area), source: FactSource.DECLARED, registryValue: fmt(registryArea),
    outcome: area != null && area >= r.minFloorArea ? EligibilityOutcome.PASS : EligibilityOutcome.FAIL, note: area == null ? '未申报' : null,
  });
  minimum('TOTAL_ASSETS', '（五）', '总资产', 'totalAssets', r.minTotalAssets, ' 万元');
  minimum('SMES_SERVED', '（六）', '近一年累计服务中小企业', 'smesServed', r.minSmesServed, ' 家');
  minimum('POINT_TO_POINT', '（六）', '点对点服务企业', 'pointToPointServed', r.minPointToPointServed, ' 家');

  // 近两年未被列入…: no record active on any day of the two years up to the date judged (SPEC §2)
  const from = addYears(asOf, -r.creditCleanYears);
  const active = facts.creditRecords.filter((c) => activeBetween(c, from, asOf));
  add({
    code: 'CREDIT_CLEAN', article: a('（七）'), description: `近${r.creditCleanYears}年无失信、经营异常、税收违法及法定代表人不良记录`,
    required: `${from} 至 ${asOf} 无记录`, actual: active.length ? active.map((c) => `${c.kind} ${c.listedOn}`).join('；') : '无记录',
    source: FactSource.REGISTRY, outcome: active.length ? EligibilityOutcome.FAIL : EligibilityOutcome.PASS,
  });

  const attestation = (code: string, clause: string, description: string, given: boolean) =>
    add({
      code, article: a(clause), description, required: '申请人承诺，审核认定', actual: given ? '已承诺' : '未承诺', source: FactSource.ATTESTATION,
      outcome: given ? EligibilityOutcome.NEEDS_REVIEW : EligibilityOutcome.FAIL,
    });
  attestation('POLITICAL_COMMITMENT', '（一）', '拥护党的领导、诚信守法，履行政治、经济、社会责任', application.attestations.politicalCommitment);
  attestation('SERVICE_CAPABILITY', '（三）', '具备专业服务能力、明确的服务方向与准确的产品定位', application.attestations.serviceCapability);
  attestation('LEGAL_REPRESENTATIVE_PLEDGE', '（七）', '法定代表人诚信、守法、无不良信用记录', application.attestations.legalRepresentativePledge);

  return eligibilityReport(config.document, asOf, criteria);
}
