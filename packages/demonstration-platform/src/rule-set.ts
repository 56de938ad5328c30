import type { Bilingual } from '@sme/kernel';
import type { FunctionAttestation, FunctionMeasure, PlatformFunction } from './platform-function';

/**
 * A demonstration-platform rule set (SPEC §1: rules are data): one document's criteria with its number, the dates
 * it is in force and its thresholds. A revised document or a new year's notice is a new rule set, and an
 * application is judged by the rule set in force on its submission date (rule-set-in-force.ts). The engine
 * reads only this shape; the provinces' documents are data in their subgraphs (src/rule-sets).
 *
 * Articles are written without the province's prefix (`第十四条（二）`); reports prefix the abbreviation
 * (`鲁 第十四条（二）`).
 */

/** The registry's legal forms (registry LegalForm); the relaxations name the forms they benefit. */
export type LegalForm = 'ENTERPRISE' | 'PUBLIC_INSTITUTION' | 'PRIVATE_NON_ENTERPRISE' | 'SOCIAL_ORGANIZATION' | 'OTHER';
export const LEGAL_FORMS: readonly LegalForm[] = ['ENTERPRISE', 'PUBLIC_INSTITUTION', 'PRIVATE_NON_ENTERPRISE', 'SOCIAL_ORGANIZATION', 'OTHER'];

export const LEGAL_FORM_NAMES: Readonly<Record<LegalForm, string>> = {
  ENTERPRISE: '企业',
  PUBLIC_INSTITUTION: '事业单位',
  PRIVATE_NON_ENTERPRISE: '民办非企业单位',
  SOCIAL_ORGANIZATION: '社团法人',
  OTHER: '其他',
};

/** The document a rule set implements. */
export interface RuleSetDocument {
  /** 文号, e.g. 鲁工信发〔2020〕4号; null for a text that has none (a 征求意见稿). */
  number: string | null;
  /** 文件名称 */
  title: string;
  /** 印发日期, when the text gives one. */
  issuedOn: string | null;
}

/**
 * When a rule set applies, by submission date. PERIOD: from `inForceFrom` through `inForceUntil`, both inclusive;
 * a null bound is open ("自印发之日起" with no date recorded, or no end). CAMPAIGN: a one-year notice (申报通知),
 * in force from 1 January through 31 December of its year.
 */
export type RuleSetValidity =
  | {
      kind: 'PERIOD';
      inForceFrom: string | null;
      inForceUntil: string | null;
      /** The article that sets the dates (鲁 第二十九条, 宁 第二十二条). */
      article: string;
      /** Why a date was chosen where the document gives none (a configuration choice), or null. */
      configurationNote: Bilingual | null;
    }
  | { kind: 'CAMPAIGN'; campaignYear: number; article: string; configurationNote: Bilingual | null };

/** A threshold: the actual value must be at least `min` (以上, 不少于, 不低于 include the number). */
export interface Minimum {
  min: number;
  article: string;
}

/**
 * The basic conditions (鲁 第十四条, 宁 第六条: 应同时具备). Units: operating years in years, total assets in 万元,
 * SMEs served per year in 家, aggregated agencies in 家, staff in 人, satisfaction and shares in %.
 */
export interface BasicConditions {
  /** The article that lists them all (第十四条). */
  article: string;
  /** 具有独立法人资格 */
  independentLegalPerson: { article: string };
  /** 运营两年以上: complete years from the founding date to the date judged. */
  operatingYears: Minimum;
  /** 资产总额不低于 … 万元 */
  totalAssets: Minimum;
  /** 年服务中小企业 … 家以上 (the last complete year) */
  smesServed: Minimum;
  /** 用户满意度在 …% 以上 */
  satisfactionPercent: Minimum;
  /**
   * 近两年服务企业数量稳步增长: the counts of the last `years` complete years rise year on year (two years: the last
   * year's count exceeds the count of the year before; an equal count is not growth).
   */
  servedGrowth: { years: number; article: string };
  /** 集聚服务机构 … 家以上 */
  aggregatedAgencies: Minimum;
  /** 获得市级示范平台认定或省级及以上行政部门、行业协会的相关认定 (鲁 第十四条（四）); Ningxia has none. */
  priorRecognition: { required: true; kinds: readonly PriorRecognitionKind[]; article: string } | { required: false };
  /** 公益性服务或低收费服务不少于总服务量的 …% */
  publicWelfareSharePercent: Minimum;
  /**
   * 从事为中小企业服务的（专职）人员不少于 … 人. Shandong counts full-time staff (专职人员), Ningxia all staff serving
   * SMEs (人员): the applicant declares the count the rule set describes.
   */
  serviceStaff: Minimum & { fullTimeOnly: boolean };
  /** 其中大专及以上学历和中级及以上技术职称专业人员的比例占 …% 以上 (of the staff counted above) */
  qualifiedStaffPercent: Minimum;
}

/** Kinds of prior recognition (鲁 第十四条（四）, 第十九条（七）). */
export enum PriorRecognitionKind {
  /** 市级示范平台认定 */
  CITY_PLATFORM = 'CITY_PLATFORM',
  /** 省级及以上行政部门的相关认定 */
  PROVINCIAL_DEPARTMENT = 'PROVINCIAL_DEPARTMENT',
  /** 省级及以上行业协会的相关认定 */
  INDUSTRY_ASSOCIATION = 'INDUSTRY_ASSOCIATION',
}

export const PRIOR_RECOGNITION_NAMES: Readonly<Record<PriorRecognitionKind, string>> = {
  [PriorRecognitionKind.CITY_PLATFORM]: '市级示范平台认定',
  [PriorRecognitionKind.PROVINCIAL_DEPARTMENT]: '省级及以上行政部门的相关认定',
  [PriorRecognitionKind.INDUSTRY_ASSOCIATION]: '省级及以上行业协会的相关认定',
};

/** The basic conditions with a threshold or a yes/no test that a relaxation can name. */
export type RelaxableCondition =
  | 'operatingYears'
  | 'totalAssets'
  | 'smesServed'
  | 'satisfactionPercent'
  | 'servedGrowth'
  | 'aggregatedAgencies'
  | 'publicWelfareSharePercent'
  | 'serviceStaff'
  | 'qualifiedStaffPercent';

export const RELAXABLE_CONDITIONS: readonly RelaxableCondition[] = [
  'operatingYears', 'totalAssets', 'smesServed', 'satisfactionPercent', 'servedGrowth', 'aggregatedAgencies',
  'publicWelfareSharePercent', 'serviceStaff', 'qualifiedStaffPercent',
];

/**
 * One condition a relaxation lowers. `relaxedMin` is the number the document gives (鲁 第十四条第二款: 100 万元,
 * 10 人), which yields RELAXED_PASS when met; null when the document only says "可适当放宽" (宁 第六条第二款),
 * which leaves an unmet condition to the reviewer (NEEDS_REVIEW).
 */
export interface RelaxedCondition {
  condition: RelaxableCondition;
  relaxedMin: number | null;
}

/** Who a relaxation benefits: platforms of some legal forms (主办单位), or platforms in a mountainous city or county (山区市县). */
export type RelaxationBeneficiary = { legalForms: readonly LegalForm[] } | { mountainousRegion: true };

export interface Relaxation {
  /** Stable code, e.g. PUBLIC_BODY. */
  code: string;
  /** 第十四条第二款 */
  article: string;
  description: Bilingual;
  appliesTo: RelaxationBeneficiary;
  conditions: readonly RelaxedCondition[];
}

/** A numeric minimum of a function (per year). `description` is the document's wording for the measure. */
export interface MeasureMinimum {
  measure: FunctionMeasure;
  min: number;
  /** 家, 次, 人次, 亿元, 家次 */
  unit: string;
  description: string;
}

/** Something the function requires the platform to have (an online system, a library, a guide): attested, then reviewed. */
export interface AttestationRequirement {
  attestation: FunctionAttestation;
  description: string;
}

/**
 * One way of meeting a function (鲁 第十五条（五）融资: a service agency's activities and amount financed, or a
 * guarantee institution's new guarantees). Every requirement of the alternative must be met.
 */
export interface FunctionAlternative {
  /** e.g. 服务机构 / 融资担保机构; null when the function has one way only. */
  label: string | null;
  attestations: readonly AttestationRequirement[];
  minima: readonly MeasureMinimum[];
}

/** A function's requirements (鲁 第十五条（一）…（七）, 宁 第七条（一）…（七）): met when any one alternative is met. */
export interface FunctionRequirement {
  function: PlatformFunction;
  article: string;
  alternatives: readonly FunctionAlternative[];
}

/** 认定有效期 (鲁 第二十三条, 宁 第十七条) and the ban after a revocation (鲁 第二十四条; Ningxia has none). */
export interface DesignationRules {
  validityYears: number;
  /** 在有效期满当年可再次申报 */
  reapplyInExpiryYear: boolean;
  article: string;
  revocationBan: { years: number; article: string } | null;
}

export interface RuleSet {
  /** Stable id, e.g. lu-gongxinfa-2020-4. */
  id: string;
  /** The province's six-digit code (370000, 640000). */
  jurisdiction: string;
  /** The province's one-character abbreviation for article citations (鲁, 宁). */
  abbreviation: string;
  document: RuleSetDocument;
  validity: RuleSetValidity;
  /** The functions the document offers, in its order (鲁 第二条, 宁 第五条). */
  functions: readonly PlatformFunction[];
  basicConditions: BasicConditions;
  relaxations: readonly Relaxation[];
  /** The article that asks for at least one function (鲁 第十五条: 应满足以下至少一项功能要求). */
  functionsArticle: string;
  /** One per function offered. */
  functionRequirements: readonly FunctionRequirement[];
  designation: DesignationRules;
}

/** The bounds of a rule set's validity as dates (null: open). */
export function inForcePeriod(ruleSet: Pick<RuleSet, 'validity'>): { from: string | null; until: string | null } {
  const v = ruleSet.validity;
  if (v.kind === 'CAMPAIGN') return { from: `${v.campaignYear}-01-01`, until: `${v.campaignYear}-12-31` };
  return { from: v.inForceFrom, until: v.inForceUntil };
}

/** True when `date` falls within the rule set's validity (both ends inclusive). */
export function inForceOn(ruleSet: Pick<RuleSet, 'validity'>, date: string): boolean {
  const { from, until } = inForcePeriod(ruleSet);
  return (from === null || from <= date) && (until === null || date <= until);
}

/** How a report names its rule set: 鲁工信发〔2020〕4号《山东省中小企业公共服务示范平台认定管理办法》. */
export function ruleSetLabel(ruleSet: Pick<RuleSet, 'document'>): string {
  return `${ruleSet.document.number ?? ''}《${ruleSet.document.title}》`;
}

/** The article as a report cites it: `鲁 第十四条（二）`. */
export const citation = (ruleSet: Pick<RuleSet, 'abbreviation'>, article: string): string => `${ruleSet.abbreviation} ${article}`;
