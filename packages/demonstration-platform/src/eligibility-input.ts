import { amount, badInput, count, parseIsoDate, text } from '@sme/kernel';
import { FunctionAttestation, FunctionMeasure, MONEY_MEASURES, PLATFORM_FUNCTION_NAMES, PlatformFunction } from './platform-function';
import { PriorRecognitionKind, type RuleSet } from './rule-set';

/**
 * What the eligibility judge reads: the registry's facts about the institution, the figures the application
 * declares, the prior recognitions on record and the functions the platform declares with their figures.
 */

/** From the registry (through its events): never typed in by the applicant. */
export interface RegistryPlatformFacts {
  /** The registry's LegalForm (ENTERPRISE, PUBLIC_INSTITUTION, …). */
  legalForm: string;
  establishedOn: string;
  /** The registered region (GB/T 2260); a mountainous region (宁 第六条第二款) is flagged in the region table. */
  regionCode: string;
}

/** The SMEs served in one complete year. */
export interface ServedInYear {
  year: number;
  smesServed: number;
}

/** The basic figures an application declares (null: not declared yet, which fails its condition). */
export interface DeclaredPlatformFigures {
  /** 资产总额, 万元 (at the end of the last complete year). */
  totalAssets: number | null;
  /** SMEs served per complete year: the last year's count tests the minimum, the last years' counts the growth. */
  servedByYear: readonly ServedInYear[];
  /** 用户满意度, %. */
  satisfactionPercent: number | null;
  /** 集聚服务机构, 家. */
  aggregatedAgencies: number | null;
  /** 公益性服务或低收费服务占总服务量的比例, %. */
  publicWelfareSharePercent: number | null;
  /** 从事为中小企业服务的人员 as the rule set counts them (Shandong: 专职 only). */
  serviceStaff: number | null;
  /** Of those, 大专及以上学历和中级及以上技术职称专业人员. */
  qualifiedServiceStaff: number | null;
}

/** The registry's annual facts for the same year, shown beside the declared figures (SPEC §2 Annual facts). */
export type RegistryAnnualFigures = Partial<Record<'totalAssets' | 'smesServed' | 'satisfactionPercent' | 'aggregatedAgencies' | 'publicWelfareSharePercent' | 'serviceStaff' | 'qualifiedServiceStaff', number | null>>;

/** A recognition on record (鲁 第十四条（四）, 第十九条（七）): who recognised the platform, and when. */
export interface PriorRecognition {
  kind: PriorRecognitionKind;
  issuer: string;
  recognisedOn: string;
}

/** One function the platform declares: its figures for the last complete year and what it attests to have. */
export interface FunctionDeclaration {
  function: PlatformFunction;
  figures: Partial<Record<FunctionMeasure, number>>;
  attested: readonly FunctionAttestation[];
}

export interface PlatformEligibilityInput {
  registry: RegistryPlatformFacts;
  declared: DeclaredPlatformFigures;
  registryFigures?: RegistryAnnualFigures | null;
  priorRecognitions: readonly PriorRecognition[];
  functions: readonly FunctionDeclaration[];
}

const MAX_YEAR = 2100;

function date(field: string, value: string): void {
  if (!parseIsoDate(value)) {
    throw badInput({ zh: `${field} 不是有效日期：${value}`, en: `${field} is not a valid date: ${value}` }, { reason: 'INVALID_DATE', field, value });
  }
}

const percent = (field: string, value: number | null) => value === null || amount(field, value, 100);
const optionalCount = (field: string, value: number | null) => value === null || count(field, value);

/**
 * Refuses input no rule could judge (negative counts, percentages above 100, a function the document does not
 * offer, the same function or year twice) before anything is judged, so a refusal changes nothing.
 */
export function validateEligibilityInput(ruleSet: RuleSet, input: PlatformEligibilityInput, asOf: string): void {
  date('asOf', asOf);
  date('establishedOn', input.registry.establishedOn);

  const d = input.declared;
  if (d.totalAssets !== null) amount('totalAssets', d.totalAssets);
  percent('satisfactionPercent', d.satisfactionPercent);
  percent('publicWelfareSharePercent', d.publicWelfareSharePercent);
  optionalCount('aggregatedAgencies', d.aggregatedAgencies);
  optionalCount('serviceStaff', d.serviceStaff);
  optionalCount('qualifiedServiceStaff', d.qualifiedServiceStaff);
  if (d.serviceStaff !== null && d.qualifiedServiceStaff !== null && d.qualifiedServiceStaff > d.serviceStaff) {
    throw badInput(
      { zh: `具有大专及以上学历和中级及以上职称的人员（${d.qualifiedServiceStaff}）不能多于服务人员（${d.serviceStaff}）`, en: `Qualified staff (${d.qualifiedServiceStaff}) cannot exceed the service staff (${d.serviceStaff})` },
      { reason: 'QUALIFIED_EXCEEDS_STAFF', field: 'qualifiedServiceStaff' },
    );
  }
  const years = new Set<number>();
  for (const y of d.servedByYear) {
    count('servedByYear.year', y.year, MAX_YEAR, 1949);
    count('servedByYear.smesServed', y.smesServed);
    if (years.has(y.year)) {
      throw badInput({ zh: `${y.year} 年的服务企业数重复申报`, en: `SMEs served in ${y.year} are declared twice` }, { reason: 'DUPLICATE_YEAR', field: 'servedByYear', value: y.year });
    }
    years.add(y.year);
  }

  for (const r of input.priorRecognitions) {
    if (!Object.values(PriorRecognitionKind).includes(r.kind)) {
      throw badInput({ zh: `未知的认定类型：${r.kind}`, en: `Unknown kind of recognition: ${r.kind}` }, { reason: 'UNKNOWN_RECOGNITION_KIND', field: 'priorRecognitions.kind', value: r.kind });
    }
    text('priorRecognitions.issuer', r.issuer, 200);
    date('priorRecognitions.recognisedOn', r.recognisedOn);
  }

  const declared = new Set<PlatformFunction>();
  for (const f of input.functions) {
    if (!ruleSet.functions.includes(f.function)) {
      const name = PLATFORM_FUNCTION_NAMES[f.function] ?? { zh: String(f.function), en: String(f.function) };
      throw badInput(
        {
          zh: `${ruleSet.abbreviation} ${ruleSet.functionsArticle}未设${name.zh}功能，可申报：${ruleSet.functions.map((x) => PLATFORM_FUNCTION_NAMES[x].zh).join('、')}`,
          en: `${ruleSet.abbreviation} ${ruleSet.functionsArticle} has no ${name.en} function; it offers ${ruleSet.functions.map((x) => PLATFORM_FUNCTION_NAMES[x].en).join(', ')}`,
        },
        { reason: 'FUNCTION_NOT_OFFERED', field: 'functions', value: f.function, offered: [...ruleSet.functions] },
      );
    }
    if (declared.has(f.function)) {
      throw badInput(
        { zh: `${PLATFORM_FUNCTION_NAMES[f.function].zh}功能重复申报`, en: `The ${PLATFORM_FUNCTION_NAMES[f.function].en} function is declared twice` },
        { reason: 'DUPLICATE_FUNCTION', field: 'functions', value: f.function },
      );
    }
    declared.add(f.function);
    for (const [measure, value] of Object.entries(f.figures) as [FunctionMeasure, number | undefined][]) {
      if (!Object.values(FunctionMeasure).includes(measure)) {
        throw badInput({ zh: `未知的功能指标：${measure}`, en: `Unknown function measure: ${measure}` }, { reason: 'UNKNOWN_MEASURE', field: 'functions.figures', value: measure });
      }
      if (value === undefined) continue;
      if (MONEY_MEASURES.has(measure)) amount(`functions.${f.function}.${measure}`, value);
      else count(`functions.${f.function}.${measure}`, value);
    }
    for (const a of f.attested) {
      if (!Object.values(FunctionAttestation).includes(a)) {
        throw badInput({ zh: `未知的功能承诺项：${a}`, en: `Unknown function attestation: ${a}` }, { reason: 'UNKNOWN_ATTESTATION', field: 'functions.attested', value: a });
      }
    }
  }
}
