/**
 * The rules of the provincial platform review as Taiyuan's 2023 notice states them (并工信字〔2023〕26号 二,
 * under 晋企发〔2018〕29号《管理办法》). They are data: a later notice with another re-application cut-off is a new
 * rule set, not new code.
 */
export interface ProvincialPlatformRules {
  /** The document the rules come from, cited in reasons. */
  document: string;
  /** 二.3 省级示范平台每次认定有效期为三年 */
  validityYears: number;
  /** 公示五个工作日 (SPEC §4 Workflow: public notice 5 working days) */
  noticeWorkingDays: number;
  /**
   * 二.3 凡2020年5月前认定的省级示范平台可于今年重新申请认定: a platform whose provincial designation is still valid
   * may be recommended again only when it was designated before this date.
   */
  reapplicationDesignatedBefore: string;
  /** The title of the designation (PlatformDesignation.title). */
  designationTitle: string;
}

export const PROVINCIAL_PLATFORM_RULES: ProvincialPlatformRules = {
  document: '并工信字〔2023〕26号',
  validityYears: 3,
  noticeWorkingDays: 5,
  reapplicationDesignatedBefore: '2020-05-01',
  designationTitle: '山西省中小企业公共服务示范平台',
};

/** The province whose reviewers decide, and the Shanxi subgraph's schema. */
export const SHANXI_PROVINCE = '140000';
