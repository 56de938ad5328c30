import type { RuleSet } from './rule-set';

/** One item of the city's assessment (测评, 鲁 第十八条 / 宁 第十条), as the recommendation form asks for it. */
export enum AssessmentItem {
  /** 运营情况 */
  OPERATION = 'OPERATION',
  /** 服务业绩 */
  PERFORMANCE = 'PERFORMANCE',
  /** 满意度 */
  SATISFACTION = 'SATISFACTION',
  /** 完成政府部门委托的任务情况 (鲁 第十八条 only) */
  GOVERNMENT_TASKS = 'GOVERNMENT_TASKS',
}

export const ASSESSMENT_ITEM_NAMES: Readonly<Record<AssessmentItem, string>> = {
  [AssessmentItem.OPERATION]: '运营情况',
  [AssessmentItem.PERFORMANCE]: '服务业绩',
  [AssessmentItem.SATISFACTION]: '满意度',
  [AssessmentItem.GOVERNMENT_TASKS]: '完成政府部门委托的任务情况',
};

/** What the province records before it may approve (宁 第十二条: 专家评审和实地考察). */
export enum ProvincialCheck {
  EXPERT_REVIEW = 'EXPERT_REVIEW',
  ON_SITE_VISIT = 'ON_SITE_VISIT',
}

/**
 * One province's demonstration-platform programme (SPEC §4): its rule sets (the criteria, dates and validity,
 * rule-set.ts) and the articles of its workflow and management. Shandong and Ningxia are this shape with their
 * own data; the engine reads nothing else about a province.
 */
export interface PlatformProgrammeConfig {
  /** The subgraph's name: its PostgreSQL schema, its event source and the prefix of its root fields. */
  name: string;
  /** 370000, 640000 */
  provinceCode: string;
  /** 鲁, 宁: prefixes articles (鲁 第二十四条). */
  abbreviation: string;
  /** The title granted (鲁 第二十一条 山东省中小企业公共服务示范平台). */
  platformTitle: string;
  ruleSets: readonly RuleSet[];
  workflow: {
    /** 市级主管部门负责本地区示范平台的推荐 (鲁 第十七条, 宁 第九条): only the province's own platforms are recommended. */
    localRecommendationArticle: string;
    /** 市级主管部门测评并填写推荐表 (鲁 第十八条, 宁 第十条). */
    recommendationArticle: string;
    /** The items the city's assessment covers, in the form's order. */
    assessmentItems: readonly AssessmentItem[];
    /** 省级评审 (鲁 第二十条, 宁 第十二条). */
    reviewArticle: string;
    /** Checks the province must have recorded before it approves (宁 第十二条: expert review and on-site visit). */
    requiredChecks: readonly ProvincialCheck[];
    /** 公示 5 个工作日 (鲁 第二十条, 宁 第十二条). */
    noticeWorkingDays: number;
    noticeArticle: string;
    /** 授予称号并公布 (鲁 第二十一条, 宁 第十三条). */
    designationArticle: string;
  };
  management: {
    /** 有违法违规等行为，一经查实，予以撤销 (鲁 第二十四条, 宁 第十七条). */
    revocationArticle: string;
    /** City inspections (鲁 第二十五条, 宁 第十八条); `mayRequestRevocation`: a failed inspection can ask the province to revoke (鲁 第二十五条). */
    inspection: { article: string; mayRequestRevocation: boolean };
    /** 每年年底前将本年度工作总结报市级主管部门 (鲁 第二十六条, 宁 第十六条); Shandong adds 下年度工作打算. */
    annualSummary: { article: string; asksForNextYearPlan: boolean };
    /** 各市每年2月底前将上一年度工作总结汇总报告和检查情况报告报自治区 (宁 第十八条); null where the document sets no date. */
    cityReport: { article: string } | null;
    /** 服务绩效考核 (宁 第十九条): excellent → recommended to the national programme, failing → revoked; null where there is none. */
    performanceAssessment: { article: string } | null;
    /** The public database of platforms (宁 第十五条) or the published list (鲁 第二十一条). */
    publicDatabaseArticle: string;
  };
}

/** `shandongPlatforms`, `ningxiaPlatformApplications` …: every root field and Institution field a programme contributes. */
export const fieldName = (config: PlatformProgrammeConfig, suffix: string) => `${config.name}${suffix}`;

export const article = (config: PlatformProgrammeConfig, text: string) => `${config.abbreviation} ${text}`;
