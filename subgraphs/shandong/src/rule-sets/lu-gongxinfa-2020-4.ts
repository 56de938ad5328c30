import { FunctionAttestation as A, FunctionMeasure as M, PlatformFunction as F, PriorRecognitionKind, type RuleSet } from '@sme/demonstration-platform';

/**
 * 山东省中小企业公共服务示范平台认定管理办法（鲁工信发〔2020〕4号）, as data. In force 2020-10-07 through 2023-10-06
 * (第二十九条); it replaced 鲁中小企局字〔2018〕14号, which is not modelled, so a submission outside these dates has
 * no rule set to be judged by.
 */
export const luGongxinfa2020No4: RuleSet = {
  id: 'lu-gongxinfa-2020-4',
  jurisdiction: '370000',
  abbreviation: '鲁',
  document: { number: '鲁工信发〔2020〕4号', title: '山东省中小企业公共服务示范平台认定管理办法', issuedOn: '2020-09-07' },
  validity: { kind: 'PERIOD', inForceFrom: '2020-10-07', inForceUntil: '2023-10-06', article: '第二十九条', configurationNote: null },
  // 第二条: 信息、技术、创业、培训、融资、咨询、法律
  functions: [F.INFORMATION, F.TECHNOLOGY, F.STARTUP, F.TRAINING, F.FINANCING, F.CONSULTING, F.LEGAL],

  basicConditions: {
    article: '第十四条',
    independentLegalPerson: { article: '第十四条（一）' },
    operatingYears: { min: 2, article: '第十四条（一）' },
    totalAssets: { min: 200, article: '第十四条（一）' },
    smesServed: { min: 120, article: '第十四条（二）' },
    satisfactionPercent: { min: 90, article: '第十四条（二）' },
    servedGrowth: { years: 2, article: '第十四条（二）' },
    aggregatedAgencies: { min: 5, article: '第十四条（三）' },
    priorRecognition: {
      required: true,
      kinds: [PriorRecognitionKind.CITY_PLATFORM, PriorRecognitionKind.PROVINCIAL_DEPARTMENT, PriorRecognitionKind.INDUSTRY_ASSOCIATION],
      article: '第十四条（四）',
    },
    publicWelfareSharePercent: { min: 20, article: '第十四条（五）' },
    serviceStaff: { min: 15, fullTimeOnly: true, article: '第十四条（六）' },
    qualifiedStaffPercent: { min: 80, article: '第十四条（六）' },
  },

  relaxations: [
    {
      code: 'PUBLIC_BODY',
      article: '第十四条第二款',
      description: {
        zh: '由事业单位、民办非企、社团法人主办，服务业绩突出，示范作用明显的服务平台，（一）中资产总额可放宽至不低于100万元，（六）中从事为中小企业服务的专职人员可放宽至不少于10人',
        en: 'Platforms hosted by a public institution, a private non-enterprise unit or a social organisation: total assets may be relaxed to at least 1 million yuan (1) and full-time SME-service staff to at least 10 (6)',
      },
      appliesTo: { legalForms: ['PUBLIC_INSTITUTION', 'PRIVATE_NON_ENTERPRISE', 'SOCIAL_ORGANIZATION'] },
      conditions: [
        { condition: 'totalAssets', relaxedMin: 100 },
        { condition: 'serviceStaff', relaxedMin: 10 },
      ],
    },
  ],

  functionsArticle: '第十五条',
  functionRequirements: [
    {
      function: F.INFORMATION,
      article: '第十五条（一）',
      alternatives: [{
        label: null,
        attestations: [{ attestation: A.ONLINE_SYSTEM, description: '开放的信息服务系统，具有在线服务、线上线下联动功能' }],
        minima: [
          { measure: M.OFFLINE_ENTERPRISES, min: 120, unit: '家', description: '线下年服务企业' },
          { measure: M.ACTIVITIES, min: 6, unit: '次', description: '年组织开展的相关服务活动' },
        ],
      }],
    },
    {
      function: F.TECHNOLOGY,
      article: '第十五条（二）',
      alternatives: [{
        label: null,
        attestations: [
          { attestation: A.EXPERT_LIBRARY, description: '专家库' },
          { attestation: A.PROJECT_LIBRARY, description: '新产品、新技术项目库' },
        ],
        minima: [{ measure: M.ACTIVITIES, min: 6, unit: '次', description: '年开展技术洽谈、产品检测与质量品牌诊断、技术推广、项目推介和知识产权等服务活动' }],
      }],
    },
    {
      function: F.STARTUP,
      article: '第十五条（三）',
      alternatives: [{
        label: null,
        attestations: [
          { attestation: A.PROJECT_LIBRARY, description: '创业项目库' },
          { attestation: A.GUIDE, description: '《创业指南》' },
          { attestation: A.HOTLINE, description: '创业服务热线' },
        ],
        minima: [{ measure: M.ACTIVITIES, min: 6, unit: '次', description: '年开展创业项目洽谈、推介活动' }],
      }],
    },
    {
      function: F.TRAINING,
      article: '第十五条（四）',
      alternatives: [{
        label: null,
        attestations: [{ attestation: A.TRAINING_QUALIFICATION, description: '具有培训资质或在中小企业主管部门备案' }],
        minima: [{ measure: M.PERSON_TIMES, min: 1200, unit: '人次', description: '年培训' }],
      }],
    },
    {
      // 服务机构: activities and amount financed; or 融资担保机构: new guarantees.
      function: F.FINANCING,
      article: '第十五条（五）',
      alternatives: [
        {
          label: '服务机构',
          attestations: [],
          minima: [
            { measure: M.ACTIVITIES, min: 6, unit: '次', description: '年组织开展投融资对接、企业融资策划、推荐和融资代理等服务活动' },
            { measure: M.AMOUNT_FINANCED, min: 5, unit: '亿元', description: '帮助中小企业融资总额' },
          ],
        },
        {
          label: '融资担保机构',
          attestations: [{ attestation: A.GUARANTEE_INSTITUTION, description: '融资担保机构资质' }],
          minima: [{ measure: M.NEW_GUARANTEES, min: 20, unit: '亿元', description: '向中小企业提供年新增担保额' }],
        },
      ],
    },
    {
      function: F.CONSULTING,
      article: '第十五条（六）',
      alternatives: [{
        label: null,
        attestations: [],
        minima: [{ measure: M.ENTERPRISES_DIAGNOSED, min: 30, unit: '家', description: '年咨询诊断企业' }],
      }],
    },
    {
      function: F.LEGAL,
      article: '第十五条（七）',
      alternatives: [{
        label: null,
        attestations: [
          { attestation: A.GUIDE, description: '《中小企业法律服务指南》' },
          { attestation: A.HOTLINE, description: '法律服务热线' },
        ],
        minima: [
          { measure: M.ENTERPRISES_CHECKED, min: 30, unit: '家', description: '年组织开展法律体检企业' },
          { measure: M.ACTIVITIES, min: 6, unit: '次', description: '年组织法律宣讲活动' },
        ],
      }],
    },
  ],

  designation: {
    validityYears: 3,
    reapplyInExpiryYear: true,
    article: '第二十三条',
    revocationBan: { years: 3, article: '第二十四条' },
  },
};
