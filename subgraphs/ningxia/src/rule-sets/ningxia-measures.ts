import { FunctionAttestation as A, FunctionMeasure as M, PlatformFunction as F, type RuleSet } from '@sme/demonstration-platform';

/**
 * 宁夏回族自治区中小企业公共服务示范平台认定管理办法（征求意见稿）, as data: the text the programme implements.
 *
 * Configuration choice (the in-force date): 第二十二条 says 自印发之日起施行 and the draft carries no date of issue.
 * The measures were issued as 宁工信规范发〔2019〕4号, dated 2019-04-04 (announced in the department's 政策解读 of
 * 2019-04-23), so this rule set applies to submissions from that day, open-ended. The document number stays null because the
 * rules here are the draft's text; if the issued text differs, it becomes a new rule set (and this one ends the
 * day before it starts).
 */
export const NINGXIA_MEASURES_IN_FORCE_FROM = '2019-04-04';

export const ningxiaMeasures: RuleSet = {
  id: 'ningxia-measures',
  jurisdiction: '640000',
  abbreviation: '宁',
  document: { number: null, title: '宁夏回族自治区中小企业公共服务示范平台认定管理办法（征求意见稿）', issuedOn: null },
  validity: {
    kind: 'PERIOD',
    inForceFrom: NINGXIA_MEASURES_IN_FORCE_FROM,
    inForceUntil: null,
    article: '第二十二条',
    configurationNote: {
      zh: '第二十二条“自印发之日起施行”未载明日期：按该办法印发日 2019-04-04（宁工信规范发〔2019〕4号）起适用，长期有效',
      en: 'Article 22 takes effect "from the date of issue" without a date: applied from 2019-04-04, the date the measures were issued, open-ended',
    },
  },
  // 第二条、第五条: 信息、技术、创业、培训、融资、咨询、市场
  functions: [F.INFORMATION, F.TECHNOLOGY, F.STARTUP, F.TRAINING, F.FINANCING, F.CONSULTING, F.MARKET],

  basicConditions: {
    article: '第六条',
    independentLegalPerson: { article: '第六条（一）' },
    operatingYears: { min: 2, article: '第六条（一）' },
    totalAssets: { min: 100, article: '第六条（一）' },
    smesServed: { min: 50, article: '第六条（二）' },
    satisfactionPercent: { min: 80, article: '第六条（二）' },
    servedGrowth: { years: 2, article: '第六条（二）' },
    aggregatedAgencies: { min: 2, article: '第六条（三）' },
    // No prior recognition is asked for (the table's "—").
    priorRecognition: { required: false },
    publicWelfareSharePercent: { min: 20, article: '第六条（四）' },
    // 从事为中小企业服务的人员 (not only 专职, unlike 鲁 第十四条（六）)
    serviceStaff: { min: 10, fullTimeOnly: false, article: '第六条（五）' },
    qualifiedStaffPercent: { min: 60, article: '第六条（五）' },
  },

  // 第六条第二款 gives no number for either relaxation (可适当放宽): an unmet condition is left to the reviewer.
  relaxations: [
    {
      code: 'PUBLIC_BODY',
      article: '第六条第二款',
      description: {
        zh: '由事业单位、社团法人主办的平台，（一）的条件可适当放宽',
        en: 'Platforms hosted by a public institution or a social organisation: the conditions of (1) may be relaxed',
      },
      appliesTo: { legalForms: ['PUBLIC_INSTITUTION', 'SOCIAL_ORGANIZATION'] },
      conditions: [
        { condition: 'operatingYears', relaxedMin: null },
        { condition: 'totalAssets', relaxedMin: null },
      ],
    },
    {
      code: 'MOUNTAIN_REGION',
      article: '第六条第二款',
      description: {
        zh: '山区市县的平台，（一）、（二）和（五）的条件可适当放宽',
        en: 'Platforms in mountainous cities and counties: the conditions of (1), (2) and (5) may be relaxed',
      },
      appliesTo: { mountainousRegion: true },
      conditions: [
        { condition: 'operatingYears', relaxedMin: null },
        { condition: 'totalAssets', relaxedMin: null },
        { condition: 'smesServed', relaxedMin: null },
        { condition: 'satisfactionPercent', relaxedMin: null },
        { condition: 'servedGrowth', relaxedMin: null },
        { condition: 'serviceStaff', relaxedMin: null },
        { condition: 'qualifiedStaffPercent', relaxedMin: null },
      ],
    },
  ],

  functionsArticle: '第七条',
  functionRequirements: [
    {
      function: F.INFORMATION,
      article: '第七条（一）',
      alternatives: [{
        label: null,
        attestations: [{ attestation: A.ONLINE_SYSTEM, description: '开放的信息服务系统，具有在线服务、线上线下联动功能' }],
        minima: [
          { measure: M.OFFLINE_ENTERPRISES, min: 50, unit: '家', description: '线下年服务企业数量' },
          { measure: M.ACTIVITIES, min: 4, unit: '次', description: '年组织开展相关服务活动' },
        ],
      }],
    },
    {
      function: F.TECHNOLOGY,
      article: '第七条（二）',
      alternatives: [{
        label: null,
        attestations: [
          { attestation: A.EXPERT_LIBRARY, description: '专家库' },
          { attestation: A.PROJECT_LIBRARY, description: '新产品、新技术项目库' },
        ],
        minima: [{ measure: M.ACTIVITIES, min: 3, unit: '次', description: '年开展技术洽谈、产品检测与质量品牌诊断、技术推广、项目推介和知识产权等服务活动' }],
      }],
    },
    {
      function: F.STARTUP,
      article: '第七条（三）',
      alternatives: [{
        label: null,
        attestations: [
          { attestation: A.PROJECT_LIBRARY, description: '创业项目库' },
          { attestation: A.GUIDE, description: '《创业指南》' },
          { attestation: A.HOTLINE, description: '创业服务热线' },
        ],
        minima: [{ measure: M.ACTIVITIES, min: 4, unit: '次', description: '年开展创业项目洽谈、推介活动' }],
      }],
    },
    {
      function: F.TRAINING,
      article: '第七条（四）',
      alternatives: [{
        label: null,
        attestations: [{ attestation: A.TRAINING_QUALIFICATION, description: '具有培训资质或在中小企业主管部门备案' }],
        minima: [{ measure: M.PERSON_TIMES, min: 500, unit: '人次', description: '年培训' }],
      }],
    },
    {
      function: F.FINANCING,
      article: '第七条（五）',
      alternatives: [
        {
          label: '服务机构',
          attestations: [],
          minima: [
            { measure: M.ACTIVITIES, min: 3, unit: '次', description: '年组织开展投融资对接、企业融资策划、推荐和融资代理等服务活动' },
            { measure: M.AMOUNT_FINANCED, min: 2, unit: '亿元', description: '帮助中小企业融资总额' },
          ],
        },
        {
          label: '融资担保机构',
          attestations: [{ attestation: A.GUARANTEE_INSTITUTION, description: '融资担保机构资质' }],
          minima: [{ measure: M.NEW_GUARANTEES, min: 5, unit: '亿元', description: '向中小企业提供年新增担保额' }],
        },
      ],
    },
    {
      function: F.CONSULTING,
      article: '第七条（六）',
      alternatives: [{
        label: null,
        attestations: [],
        minima: [{ measure: M.ACTIVITIES, min: 3, unit: '次', description: '年组织开展的公益性诊断咨询活动' }],
      }],
    },
    {
      function: F.MARKET,
      article: '第七条（七）',
      alternatives: [{
        label: null,
        attestations: [],
        minima: [{ measure: M.ENTERPRISE_TIMES, min: 50, unit: '家次', description: '年服务企业' }],
      }],
    },
  ],

  // 第十七条: 有效期三年，期满当年可再次申报；撤销后无禁止申报期
  designation: { validityYears: 3, reapplyInExpiryYear: true, article: '第十七条', revocationBan: null },
};
