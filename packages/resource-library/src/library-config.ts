import type { LibraryCategory } from './categories';

/**
 * The thresholds and periods of a resource-library guideline (SPEC §3). Both provinces' guidelines set the
 * same numbers today; they are data so that a revised guideline is a new configuration, not new code.
 * "N 以上" and "不少于 N" include N (民法典 第一千二百五十九条: 以上、以下、以内、届满 include the number).
 */
export interface LibraryRules {
  /** 第六条（二）成立并运营两年以上 */
  minOperatingYears: number;
  /** 第六条（四）上年度合作的副高级以上或同等水平的专家 */
  minSeniorExperts: number;
  /** 第六条（四）相关专家 */
  minRelatedExperts: number;
  /** 第六条（四）签有合作协议的合作机构 （含） */
  minPartnerAgencies: number;
  /** 第六条（五）服务场所 m² */
  minFloorArea: number;
  /** 第六条（五）总资产 万元 */
  minTotalAssets: number;
  /** 第六条（六）近一年服务中小企业 */
  minSmesServed: number;
  /** 第六条（六）点对点服务企业 */
  minPointToPointServed: number;
  /** 第六条（七）近两年无失信记录 */
  creditCleanYears: number;
  /** 第八条（四）公示五个工作日 */
  noticeWorkingDays: number;
  /** 第十条 quarterly due dates, MM-DD */
  reportDueDates: readonly string[];
  /** 第十条 连续 2 个周期未报送：通报 */
  missedPeriodsForNotice: number;
  /** 第十条 连续 3 个周期未报送：移出 */
  missedPeriodsForRemoval: number;
  /** 第十一条 重大变化 3 个月内报告 */
  majorChangeReportMonths: number;
  /** 第十二条 直接移出后至少 2 年内不得再次入库 */
  reentryBanYears: number;
  /** 河北 第十三条（二）服务预约 5 个工作日内处理; null where the guideline sets no such duty */
  appointmentWorkingDays: number | null;
}

export interface LibraryConfig {
  /** The subgraph's name: its PostgreSQL schema, its event source and the prefix of its root fields. */
  name: string;
  provinceCode: string;
  /** 晋 / 冀: prefixes the article in eligibility reports (e.g. 晋 第六条（五）). */
  abbreviation: string;
  /** The guideline's title, as the eligibility report names its rule set. */
  document: string;
  libraryName: string;
  /** 第七条（一）的申请表名称 */
  applicationForm: string;
  /** 第八条（二）《XX市…推荐汇总表》, `{unit}` replaced by the recommending unit's name */
  summaryTableTitle: string;
  /** 第九条 categories the province accepts */
  categories: readonly LibraryCategory[];
  /** Where members file reports and publish products (河北工业企业服务平台); null where the guideline names none. */
  platform: string | null;
  rules: LibraryRules;
}

/** The numbers both guidelines (山西、河北 资源库管理指南) set. */
export const GUIDELINE_RULES: LibraryRules = {
  minOperatingYears: 2,
  minSeniorExperts: 10,
  minRelatedExperts: 20,
  minPartnerAgencies: 5,
  minFloorArea: 150,
  minTotalAssets: 200,
  minSmesServed: 100,
  minPointToPointServed: 10,
  creditCleanYears: 2,
  noticeWorkingDays: 5,
  reportDueDates: ['03-15', '06-15', '09-15', '12-15'],
  missedPeriodsForNotice: 2,
  missedPeriodsForRemoval: 3,
  majorChangeReportMonths: 3,
  reentryBanYears: 2,
  appointmentWorkingDays: null,
};

/** `shanxiLibrary`, `shanxiLibraryMembers` …: every root field and Institution field a library contributes. */
export const fieldName = (config: LibraryConfig, suffix: string) => `${config.name}${suffix}`;
