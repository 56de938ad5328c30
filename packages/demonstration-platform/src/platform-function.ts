/**
 * The service functions (服务功能) a demonstration platform offers. Shandong (鲁 第七条至第十三条) lists 信息, 技术,
 * 创业, 培训, 融资, 咨询, 法律; Ningxia (宁 第五条) the same six with 市场 instead of 法律. One enum holds all eight
 * so that one engine serves both; each rule set lists the functions its document offers.
 */
export enum PlatformFunction {
  INFORMATION = 'INFORMATION',
  TECHNOLOGY = 'TECHNOLOGY',
  STARTUP = 'STARTUP',
  TRAINING = 'TRAINING',
  FINANCING = 'FINANCING',
  CONSULTING = 'CONSULTING',
  LEGAL = 'LEGAL',
  MARKET = 'MARKET',
}

export const PLATFORM_FUNCTION_NAMES: Readonly<Record<PlatformFunction, { zh: string; en: string }>> = {
  [PlatformFunction.INFORMATION]: { zh: '信息服务', en: 'information' },
  [PlatformFunction.TECHNOLOGY]: { zh: '技术服务', en: 'technology' },
  [PlatformFunction.STARTUP]: { zh: '创业服务', en: 'start-up' },
  [PlatformFunction.TRAINING]: { zh: '培训服务', en: 'training' },
  [PlatformFunction.FINANCING]: { zh: '融资服务', en: 'financing' },
  [PlatformFunction.CONSULTING]: { zh: '咨询服务', en: 'consulting' },
  [PlatformFunction.LEGAL]: { zh: '法律服务', en: 'legal' },
  [PlatformFunction.MARKET]: { zh: '市场服务', en: 'market' },
};

/**
 * What a function's minimum counts, per year (第十五条 / 第七条: 年…). Each function's declaration carries its own
 * figures, so ACTIVITIES means the activities the function's article names (information: 相关服务活动; technology:
 * 技术洽谈、产品检测…; financing: 投融资对接…; Ningxia consulting: 公益性诊断咨询活动; Shandong legal: 法律宣讲活动).
 */
export enum FunctionMeasure {
  /** 线下年服务企业（家） */
  OFFLINE_ENTERPRISES = 'OFFLINE_ENTERPRISES',
  /** 年组织开展的服务活动（次） */
  ACTIVITIES = 'ACTIVITIES',
  /** 年培训（人次） */
  PERSON_TIMES = 'PERSON_TIMES',
  /** 帮助中小企业融资总额（亿元） */
  AMOUNT_FINANCED = 'AMOUNT_FINANCED',
  /** 向中小企业提供的年新增担保额（亿元） */
  NEW_GUARANTEES = 'NEW_GUARANTEES',
  /** 年咨询诊断企业（家） */
  ENTERPRISES_DIAGNOSED = 'ENTERPRISES_DIAGNOSED',
  /** 年组织开展法律体检企业（家） */
  ENTERPRISES_CHECKED = 'ENTERPRISES_CHECKED',
  /** 年服务企业（家次） */
  ENTERPRISE_TIMES = 'ENTERPRISE_TIMES',
}

/** Measures in money (亿元, decimals allowed); every other measure is a whole count. */
export const MONEY_MEASURES: ReadonlySet<FunctionMeasure> = new Set([FunctionMeasure.AMOUNT_FINANCED, FunctionMeasure.NEW_GUARANTEES]);

/**
 * What a function requires the platform to have, which no figure shows: the applicant attests it and a reviewer
 * checks the papers (第十九条（十）（十一） / 宁 第十一条（五）（七）). The rule set's text says which library, guide or
 * hotline is meant for the function (a start-up PROJECT_LIBRARY is 创业项目库, a technology one 新产品、新技术项目库).
 */
export enum FunctionAttestation {
  /** 开放的信息服务系统，具有在线服务、线上线下联动功能 */
  ONLINE_SYSTEM = 'ONLINE_SYSTEM',
  /** 专家库 */
  EXPERT_LIBRARY = 'EXPERT_LIBRARY',
  /** 项目库 */
  PROJECT_LIBRARY = 'PROJECT_LIBRARY',
  /** 服务指南（《创业指南》《中小企业法律服务指南》） */
  GUIDE = 'GUIDE',
  /** 服务热线 */
  HOTLINE = 'HOTLINE',
  /** 培训资质或在中小企业主管部门备案 */
  TRAINING_QUALIFICATION = 'TRAINING_QUALIFICATION',
  /** 融资担保机构（持融资担保业务经营许可证） */
  GUARANTEE_INSTITUTION = 'GUARANTEE_INSTITUTION',
}
