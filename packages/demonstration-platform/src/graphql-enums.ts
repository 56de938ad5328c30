import { registerEnumType } from 'type-graphql';
import { FunctionAttestation, FunctionMeasure, PLATFORM_FUNCTION_NAMES, PlatformFunction } from './platform-function';
import { PRIOR_RECOGNITION_NAMES, PriorRecognitionKind } from './rule-set';
import { ASSESSMENT_ITEM_NAMES, AssessmentItem, ProvincialCheck } from './programme-config';

/** The engine's enums as the schema names them (imported once by the declaration types). */
registerEnumType(PlatformFunction, {
  name: 'PlatformFunction',
  description: '示范平台服务功能 / Platform service function',
  valuesConfig: Object.fromEntries(Object.entries(PLATFORM_FUNCTION_NAMES).map(([k, v]) => [k, { description: `${v.zh} / ${v.en}` }])),
});

registerEnumType(FunctionMeasure, {
  name: 'PlatformFunctionMeasure',
  description: '功能指标（年度）/ A function’s yearly measure',
  valuesConfig: {
    OFFLINE_ENTERPRISES: { description: '线下年服务企业（家）/ Enterprises served offline' },
    ACTIVITIES: { description: '年组织服务活动（次）/ Activities organised' },
    PERSON_TIMES: { description: '年培训（人次）/ Person-times trained' },
    AMOUNT_FINANCED: { description: '帮助中小企业融资总额（亿元）/ Financing arranged (100M CNY)' },
    NEW_GUARANTEES: { description: '年新增担保额（亿元）/ New guarantees (100M CNY)' },
    ENTERPRISES_DIAGNOSED: { description: '年咨询诊断企业（家）/ Enterprises diagnosed' },
    ENTERPRISES_CHECKED: { description: '年法律体检企业（家）/ Enterprises given a legal check-up' },
    ENTERPRISE_TIMES: { description: '年服务企业（家次）/ Enterprise-times served' },
  },
});

registerEnumType(FunctionAttestation, {
  name: 'PlatformFunctionAttestation',
  description: '功能承诺项（由评审核验材料）/ What a function requires the platform to have (checked from the papers)',
  valuesConfig: {
    ONLINE_SYSTEM: { description: '开放的信息服务系统 / Open online information system' },
    EXPERT_LIBRARY: { description: '专家库 / Expert library' },
    PROJECT_LIBRARY: { description: '项目库 / Project library' },
    GUIDE: { description: '服务指南 / Service guide' },
    HOTLINE: { description: '服务热线 / Hotline' },
    TRAINING_QUALIFICATION: { description: '培训资质或备案 / Training qualification or filing' },
    GUARANTEE_INSTITUTION: { description: '融资担保机构 / Licensed guarantee institution' },
  },
});

registerEnumType(PriorRecognitionKind, {
  name: 'PlatformPriorRecognitionKind',
  description: '已获认定类型（鲁 第十四条（四））/ Kind of prior recognition',
  valuesConfig: Object.fromEntries(Object.entries(PRIOR_RECOGNITION_NAMES).map(([k, v]) => [k, { description: v }])),
});

registerEnumType(AssessmentItem, {
  name: 'PlatformAssessmentItem',
  description: '市级测评项目 / Item of the city’s assessment',
  valuesConfig: Object.fromEntries(Object.entries(ASSESSMENT_ITEM_NAMES).map(([k, v]) => [k, { description: v }])),
});

registerEnumType(ProvincialCheck, {
  name: 'PlatformProvincialCheck',
  description: '省级评审环节 / Provincial review check',
  valuesConfig: {
    EXPERT_REVIEW: { description: '专家评审 / Expert review' },
    ON_SITE_VISIT: { description: '实地考察 / On-site visit' },
  },
});

export { PlatformFunction, FunctionMeasure, FunctionAttestation, PriorRecognitionKind, AssessmentItem, ProvincialCheck };
