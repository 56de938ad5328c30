import { FunctionAttestation, FunctionMeasure, PlatformFunction, PriorRecognitionKind, type RuleSet } from '../../src';

/**
 * A small rule set shaped like the provinces' (thresholds, one relaxation with numbers and one without, a function
 * with two alternatives), for tests of the engine itself. The provinces' own data is tested in their subgraphs.
 */
export function sampleRuleSet(overrides: Partial<RuleSet> = {}): RuleSet {
  return {
    id: 'sample-2020',
    jurisdiction: '370000',
    abbreviation: '样',
    document: { number: '样工信发〔2020〕1号', title: '示范平台认定管理办法（样例）', issuedOn: '2020-09-07' },
    validity: { kind: 'PERIOD', inForceFrom: '2020-10-07', inForceUntil: '2023-10-06', article: '第二十九条', configurationNote: null },
    functions: [PlatformFunction.INFORMATION, PlatformFunction.FINANCING],
    basicConditions: {
      article: '第十四条',
      independentLegalPerson: { article: '第十四条（一）' },
      operatingYears: { min: 2, article: '第十四条（一）' },
      totalAssets: { min: 200, article: '第十四条（一）' },
      smesServed: { min: 120, article: '第十四条（二）' },
      satisfactionPercent: { min: 90, article: '第十四条（二）' },
      servedGrowth: { years: 2, article: '第十四条（二）' },
      aggregatedAgencies: { min: 5, article: '第十四条（三）' },
      priorRecognition: { required: true, kinds: [PriorRecognitionKind.CITY_PLATFORM], article: '第十四条（四）' },
      publicWelfareSharePercent: { min: 20, article: '第十四条（五）' },
      serviceStaff: { min: 15, fullTimeOnly: true, article: '第十四条（六）' },
      qualifiedStaffPercent: { min: 80, article: '第十四条（六）' },
    },
    relaxations: [
      {
        code: 'PUBLIC_BODY', article: '第十四条第二款', description: { zh: '事业单位资产可放宽至100万元', en: 'Public institutions: assets relaxed to 1 million yuan' },
        appliesTo: { legalForms: ['PUBLIC_INSTITUTION'] }, conditions: [{ condition: 'totalAssets', relaxedMin: 100 }],
      },
      {
        code: 'MOUNTAIN_REGION', article: '第十四条第三款', description: { zh: '山区市县可适当放宽', en: 'Mountainous regions may be relaxed' },
        appliesTo: { mountainousRegion: true }, conditions: [{ condition: 'totalAssets', relaxedMin: null }, { condition: 'servedGrowth', relaxedMin: null }],
      },
    ],
    functionsArticle: '第十五条',
    functionRequirements: [
      {
        function: PlatformFunction.INFORMATION, article: '第十五条（一）',
        alternatives: [{
          label: null,
          attestations: [{ attestation: FunctionAttestation.ONLINE_SYSTEM, description: '开放的信息服务系统' }],
          minima: [{ measure: FunctionMeasure.OFFLINE_ENTERPRISES, min: 120, unit: '家', description: '线下年服务企业' }],
        }],
      },
      {
        function: PlatformFunction.FINANCING, article: '第十五条（五）',
        alternatives: [
          { label: '服务机构', attestations: [], minima: [{ measure: FunctionMeasure.AMOUNT_FINANCED, min: 5, unit: '亿元', description: '帮助中小企业融资总额' }] },
          {
            label: '融资担保机构', attestations: [{ attestation: FunctionAttestation.GUARANTEE_INSTITUTION, description: '融资担保机构' }],
            minima: [{ measure: FunctionMeasure.NEW_GUARANTEES, min: 20, unit: '亿元', description: '年新增担保额' }],
          },
        ],
      },
    ],
    designation: { validityYears: 3, reapplyInExpiryYear: true, article: '第二十三条', revocationBan: { years: 3, article: '第二十四条' } },
    ...overrides,
  };
}
