import { EligibilityOutcome, ErrorCode, FactSource, addYears, notEligible, type EligibilityReport } from '@sme/kernel';
import {
  FunctionAttestation as A,
  FunctionMeasure as M,
  PlatformFunction as F,
  PriorRecognitionKind,
  judgePlatformEligibility,
  ruleSetInForce,
  type DeclaredPlatformFigures,
  type FunctionDeclaration,
  type PlatformEligibilityInput,
  type PriorRecognition,
  type RegistryPlatformFacts,
} from '@sme/demonstration-platform';
import { luGongxinfa2020No4, shandongRuleSets } from '../src/rule-sets';
import { criterion, refusal } from '../../../packages/demonstration-platform/test/support/report-helpers';

/**
 * 鲁工信发〔2020〕4号 第十四条 and 第十五条, each threshold at its boundary (以上, 不低于, 不少于 include the number).
 * The date judged is 2022-06-01 unless a test says otherwise: the last complete year is 2021, growth compares 2020
 * with 2021, and the institution must have been founded by 2020-06-01. The passing input meets every threshold
 * exactly and declares the financing function at its minima (no attestation), so its report is PASS throughout.
 */
const AS_OF = '2022-06-01';
const { PASS, FAIL, RELAXED_PASS, NEEDS_REVIEW } = EligibilityOutcome;

const financing = (activities: number, amountFinanced: number): FunctionDeclaration => ({
  function: F.FINANCING, figures: { [M.ACTIVITIES]: activities, [M.AMOUNT_FINANCED]: amountFinanced }, attested: [],
});

interface Case {
  registry?: Partial<RegistryPlatformFacts>;
  declared?: Partial<DeclaredPlatformFigures>;
  priorRecognitions?: PriorRecognition[];
  functions?: FunctionDeclaration[];
  registryFigures?: PlatformEligibilityInput['registryFigures'];
  asOf?: string;
}

function input(c: Case = {}): PlatformEligibilityInput {
  const asOf = c.asOf ?? AS_OF;
  const lastYear = Number(asOf.slice(0, 4)) - 1;
  return {
    registry: { legalForm: 'ENTERPRISE', establishedOn: addYears(asOf, -2), regionCode: '370102', ...c.registry },
    declared: {
      totalAssets: 200,
      servedByYear: [{ year: lastYear - 1, smesServed: 119 }, { year: lastYear, smesServed: 120 }],
      satisfactionPercent: 90,
      aggregatedAgencies: 5,
      publicWelfareSharePercent: 20,
      serviceStaff: 15,
      qualifiedServiceStaff: 12,
      ...c.declared,
    },
    registryFigures: c.registryFigures ?? null,
    priorRecognitions: c.priorRecognitions ?? [{ kind: PriorRecognitionKind.CITY_PLATFORM, issuer: '济南市工业和信息化局', recognisedOn: addYears(asOf, -1) }],
    functions: c.functions ?? [financing(6, 5)],
  };
}

const judge = (c: Case = {}): EligibilityReport => judgePlatformEligibility(luGongxinfa2020No4, input(c), c.asOf ?? AS_OF);

const outcomeOf = (c: Case, code: string) => criterion(judge(c), code).outcome;


describe('鲁 第十四条: a platform that meets every basic condition exactly', () => {
  const report = judge();

  it('passes every criterion', () => {
    expect(report.criteria.filter((c) => c.outcome !== PASS)).toEqual([]);
    expect(report).toMatchObject({ outcome: PASS, asOf: AS_OF, ruleSet: '鲁工信发〔2020〕4号《山东省中小企业公共服务示范平台认定管理办法》' });
  });

  it('judges every basic condition with its article and source', () => {
    expect(report.criteria.map((c) => [c.code, c.article, c.source])).toEqual([
      ['INDEPENDENT_LEGAL_PERSON', '鲁 第十四条（一）', FactSource.REGISTRY],
      ['OPERATING_YEARS', '鲁 第十四条（一）', FactSource.REGISTRY],
      ['TOTAL_ASSETS', '鲁 第十四条（一）', FactSource.DECLARED],
      ['SMES_SERVED', '鲁 第十四条（二）', FactSource.DECLARED],
      ['SATISFACTION', '鲁 第十四条（二）', FactSource.DECLARED],
      ['SERVED_GROWTH', '鲁 第十四条（二）', FactSource.DECLARED],
      ['AGGREGATED_AGENCIES', '鲁 第十四条（三）', FactSource.DECLARED],
      ['PRIOR_RECOGNITION', '鲁 第十四条（四）', FactSource.PROGRAMME],
      ['PUBLIC_WELFARE_SHARE', '鲁 第十四条（五）', FactSource.DECLARED],
      ['SERVICE_STAFF', '鲁 第十四条（六）', FactSource.DECLARED],
      ['QUALIFIED_STAFF_SHARE', '鲁 第十四条（六）', FactSource.DECLARED],
      ['FINANCING_ACTIVITIES', '鲁 第十五条（五）', FactSource.DECLARED],
      ['FINANCING_AMOUNT_FINANCED', '鲁 第十五条（五）', FactSource.DECLARED],
      ['FUNCTION_FINANCING', '鲁 第十五条（五）', FactSource.DECLARED],
      ['AT_LEAST_ONE_FUNCTION', '鲁 第十五条', FactSource.DECLARED],
    ]);
  });

  it('shows required and actual values', () => {
    expect(criterion(report, 'TOTAL_ASSETS')).toMatchObject({ required: '≥ 200 万元', actual: '200 万元' });
    expect(criterion(report, 'SMES_SERVED')).toMatchObject({ description: '2021 年服务中小企业', required: '≥ 120 家', actual: '120 家' });
    expect(criterion(report, 'SERVED_GROWTH')).toMatchObject({ required: '2020 < 2021 年逐年增长', actual: '2020 年 119，2021 年 120' });
    expect(criterion(report, 'SERVICE_STAFF')).toMatchObject({ description: '从事为中小企业服务的专职人员', required: '≥ 15 人' });
    expect(criterion(report, 'QUALIFIED_STAFF_SHARE')).toMatchObject({ required: '≥ 80%', actual: '12/15 人（80%）' });
    expect(criterion(report, 'OPERATING_YEARS')).toMatchObject({ actual: '2020-06-01', note: '2022-06-01 满 2 年' });
    expect(criterion(report, 'PRIOR_RECOGNITION').actual).toBe('市级示范平台认定（济南市工业和信息化局，2021-06-01）');
  });

  it('puts the registry figure beside the declared one', () => {
    expect(criterion(judge({ registryFigures: { totalAssets: 180, serviceStaff: 16, qualifiedServiceStaff: 13 } }), 'TOTAL_ASSETS')).toMatchObject({ actual: '200 万元', registryValue: '180' });
  });
});

describe('鲁 第十四条 thresholds at their boundaries', () => {
  it.each<[string, Case, string, EligibilityOutcome]>([
    ['119 SMEs served', { declared: { servedByYear: [{ year: 2020, smesServed: 100 }, { year: 2021, smesServed: 119 }] } }, 'SMES_SERVED', FAIL],
    ['120 SMEs served', { declared: { servedByYear: [{ year: 2020, smesServed: 100 }, { year: 2021, smesServed: 120 }] } }, 'SMES_SERVED', PASS],
    ['no count for the last year', { declared: { servedByYear: [{ year: 2020, smesServed: 200 }] } }, 'SMES_SERVED', FAIL],
    ['89% satisfaction', { declared: { satisfactionPercent: 89 } }, 'SATISFACTION', FAIL],
    ['89.99% satisfaction', { declared: { satisfactionPercent: 89.99 } }, 'SATISFACTION', FAIL],
    ['90% satisfaction', { declared: { satisfactionPercent: 90 } }, 'SATISFACTION', PASS],
    ['199万 assets', { declared: { totalAssets: 199 } }, 'TOTAL_ASSETS', FAIL],
    ['200万 assets', { declared: { totalAssets: 200 } }, 'TOTAL_ASSETS', PASS],
    ['assets not declared', { declared: { totalAssets: null } }, 'TOTAL_ASSETS', FAIL],
    ['14 full-time staff', { declared: { serviceStaff: 14, qualifiedServiceStaff: 14 } }, 'SERVICE_STAFF', FAIL],
    ['15 full-time staff', { declared: { serviceStaff: 15, qualifiedServiceStaff: 15 } }, 'SERVICE_STAFF', PASS],
    ['79 of 100 qualified', { declared: { serviceStaff: 100, qualifiedServiceStaff: 79 } }, 'QUALIFIED_STAFF_SHARE', FAIL],
    ['80 of 100 qualified', { declared: { serviceStaff: 100, qualifiedServiceStaff: 80 } }, 'QUALIFIED_STAFF_SHARE', PASS],
    ['11 of 15 qualified', { declared: { qualifiedServiceStaff: 11 } }, 'QUALIFIED_STAFF_SHARE', FAIL],
    ['4 aggregated agencies', { declared: { aggregatedAgencies: 4 } }, 'AGGREGATED_AGENCIES', FAIL],
    ['5 aggregated agencies', { declared: { aggregatedAgencies: 5 } }, 'AGGREGATED_AGENCIES', PASS],
    ['19% public-welfare share', { declared: { publicWelfareSharePercent: 19 } }, 'PUBLIC_WELFARE_SHARE', FAIL],
    ['19.99% public-welfare share', { declared: { publicWelfareSharePercent: 19.99 } }, 'PUBLIC_WELFARE_SHARE', FAIL],
    ['20% public-welfare share', { declared: { publicWelfareSharePercent: 20 } }, 'PUBLIC_WELFARE_SHARE', PASS],
    ['equal counts in 2020 and 2021', { declared: { servedByYear: [{ year: 2020, smesServed: 130 }, { year: 2021, smesServed: 130 }] } }, 'SERVED_GROWTH', FAIL],
    ['one more in 2021 than in 2020', { declared: { servedByYear: [{ year: 2020, smesServed: 130 }, { year: 2021, smesServed: 131 }] } }, 'SERVED_GROWTH', PASS],
    ['fewer in 2021', { declared: { servedByYear: [{ year: 2020, smesServed: 131 }, { year: 2021, smesServed: 130 }] } }, 'SERVED_GROWTH', FAIL],
    ['no count for 2020', { declared: { servedByYear: [{ year: 2021, smesServed: 130 }] } }, 'SERVED_GROWTH', FAIL],
    ['founded exactly two years before', { registry: { establishedOn: '2020-06-01' } }, 'OPERATING_YEARS', PASS],
    ['founded one day short of two years', { registry: { establishedOn: '2020-06-02' } }, 'OPERATING_YEARS', FAIL],
  ])('%s', (_, c, code, expected) => {
    expect(outcomeOf(c, code)).toBe(expected);
  });

  it('a failing condition fails the report and names its article in the refusal', () => {
    const report = judge({ declared: { satisfactionPercent: 89.99 } });
    expect(report.outcome).toBe(FAIL);
    expect(notEligible(report).message).toContain('鲁 第十四条（二） 用户满意度（要求 ≥ 90%，实际 89.99%）');
  });

  it('leaves a legal form that may not be a legal person to the reviewer', () => {
    expect(criterion(judge({ registry: { legalForm: 'OTHER' } }), 'INDEPENDENT_LEGAL_PERSON')).toMatchObject({ outcome: NEEDS_REVIEW, actual: '其他' });
  });
});

describe('鲁 第十四条第二款: 事业单位、民办非企、社团法人 may have 100万 assets and 10 full-time staff', () => {
  const relaxedForms = ['PUBLIC_INSTITUTION', 'PRIVATE_NON_ENTERPRISE', 'SOCIAL_ORGANIZATION'];

  it.each(relaxedForms)('%s: 100万 is a RELAXED_PASS, 99万 fails, 200万 is a plain pass', (legalForm) => {
    const relaxed = criterion(judge({ registry: { legalForm }, declared: { totalAssets: 100 } }), 'TOTAL_ASSETS');
    expect(relaxed.outcome).toBe(RELAXED_PASS);
    expect(relaxed.required).toMatch(/^≥ 200 万元；.+放宽至 ≥ 100 万元（鲁 第十四条第二款）$/);
    expect(relaxed.note).toMatch(/^鲁 第十四条第二款：/);
    const below = criterion(judge({ registry: { legalForm }, declared: { totalAssets: 99 } }), 'TOTAL_ASSETS');
    expect(below).toMatchObject({ outcome: FAIL, note: '按鲁 第十四条第二款放宽后仍未达到' });
    expect(outcomeOf({ registry: { legalForm }, declared: { totalAssets: 200 } }, 'TOTAL_ASSETS')).toBe(PASS);
  });

  it.each(relaxedForms)('%s: 10 full-time staff is a RELAXED_PASS, 9 fails', (legalForm) => {
    expect(outcomeOf({ registry: { legalForm }, declared: { serviceStaff: 10, qualifiedServiceStaff: 8 } }, 'SERVICE_STAFF')).toBe(RELAXED_PASS);
    expect(outcomeOf({ registry: { legalForm }, declared: { serviceStaff: 9, qualifiedServiceStaff: 8 } }, 'SERVICE_STAFF')).toBe(FAIL);
  });

  it('the qualified share is not relaxed (8 of 10 passes, 7 of 10 fails)', () => {
    expect(outcomeOf({ registry: { legalForm: 'PUBLIC_INSTITUTION' }, declared: { serviceStaff: 10, qualifiedServiceStaff: 8 } }, 'QUALIFIED_STAFF_SHARE')).toBe(PASS);
    expect(outcomeOf({ registry: { legalForm: 'PUBLIC_INSTITUTION' }, declared: { serviceStaff: 10, qualifiedServiceStaff: 7 } }, 'QUALIFIED_STAFF_SHARE')).toBe(FAIL);
  });

  it('an ENTERPRISE gets no relaxation: 150万 and 10 staff fail, and the requirement names none', () => {
    const report = judge({ declared: { totalAssets: 150, serviceStaff: 10, qualifiedServiceStaff: 10 } });
    expect(criterion(report, 'TOTAL_ASSETS')).toMatchObject({ outcome: FAIL, required: '≥ 200 万元', note: null });
    expect(criterion(report, 'SERVICE_STAFF').outcome).toBe(FAIL);
    expect(outcomeOf({ registry: { legalForm: 'OTHER' }, declared: { totalAssets: 150 } }, 'TOTAL_ASSETS')).toBe(FAIL);
  });

  it('a relaxed pass keeps the report out of FAIL', () => {
    expect(judge({ registry: { legalForm: 'SOCIAL_ORGANIZATION' }, declared: { totalAssets: 100, serviceStaff: 10, qualifiedServiceStaff: 8 } }).outcome).toBe(RELAXED_PASS);
  });

  it('Shandong has no mountain relaxation: a county flagged mountainous elsewhere changes nothing', () => {
    expect(outcomeOf({ registry: { regionCode: '640402' }, declared: { totalAssets: 199 } }, 'TOTAL_ASSETS')).toBe(FAIL);
  });
});

describe('鲁 第十四条（四）: a prior recognition on record', () => {
  it('fails when none is on record', () => {
    expect(criterion(judge({ priorRecognitions: [] }), 'PRIOR_RECOGNITION')).toMatchObject({ outcome: FAIL, actual: '无' });
  });

  it.each([PriorRecognitionKind.CITY_PLATFORM, PriorRecognitionKind.PROVINCIAL_DEPARTMENT, PriorRecognitionKind.INDUSTRY_ASSOCIATION])('passes with %s', (kind) => {
    expect(outcomeOf({ priorRecognitions: [{ kind, issuer: '山东省某厅', recognisedOn: '2021-01-01' }] }, 'PRIOR_RECOGNITION')).toBe(PASS);
  });

  it('counts a recognition of the date judged, not one of the day after', () => {
    expect(outcomeOf({ priorRecognitions: [{ kind: PriorRecognitionKind.CITY_PLATFORM, issuer: '青岛市', recognisedOn: AS_OF }] }, 'PRIOR_RECOGNITION')).toBe(PASS);
    const later = criterion(judge({ priorRecognitions: [{ kind: PriorRecognitionKind.CITY_PLATFORM, issuer: '青岛市', recognisedOn: '2022-06-02' }] }), 'PRIOR_RECOGNITION');
    expect(later).toMatchObject({ outcome: FAIL, note: '2022-06-02 的认定晚于审查基准日 2022-06-01，不计入' });
  });
});

describe('鲁 第十五条: each function at its minima', () => {
  const fn = (f: F, figures: FunctionDeclaration['figures'], attested: A[] = []): FunctionDeclaration => ({ function: f, figures, attested });
  const functionOutcome = (declaration: FunctionDeclaration, code = `FUNCTION_${declaration.function}`) => outcomeOf({ functions: [declaration] }, code);

  it.each<[string, FunctionDeclaration, EligibilityOutcome]>([
    ['信息 at 120 enterprises and 6 activities, online system attested', fn(F.INFORMATION, { [M.OFFLINE_ENTERPRISES]: 120, [M.ACTIVITIES]: 6 }, [A.ONLINE_SYSTEM]), NEEDS_REVIEW],
    ['信息 at 119 enterprises', fn(F.INFORMATION, { [M.OFFLINE_ENTERPRISES]: 119, [M.ACTIVITIES]: 6 }, [A.ONLINE_SYSTEM]), FAIL],
    ['信息 at 5 activities', fn(F.INFORMATION, { [M.OFFLINE_ENTERPRISES]: 120, [M.ACTIVITIES]: 5 }, [A.ONLINE_SYSTEM]), FAIL],
    ['信息 without the online system', fn(F.INFORMATION, { [M.OFFLINE_ENTERPRISES]: 120, [M.ACTIVITIES]: 6 }), FAIL],
    ['技术 at 6 activities with both libraries', fn(F.TECHNOLOGY, { [M.ACTIVITIES]: 6 }, [A.EXPERT_LIBRARY, A.PROJECT_LIBRARY]), NEEDS_REVIEW],
    ['技术 at 5 activities', fn(F.TECHNOLOGY, { [M.ACTIVITIES]: 5 }, [A.EXPERT_LIBRARY, A.PROJECT_LIBRARY]), FAIL],
    ['技术 without the project library', fn(F.TECHNOLOGY, { [M.ACTIVITIES]: 6 }, [A.EXPERT_LIBRARY]), FAIL],
    ['创业 at 6 activities with library, guide and hotline', fn(F.STARTUP, { [M.ACTIVITIES]: 6 }, [A.PROJECT_LIBRARY, A.GUIDE, A.HOTLINE]), NEEDS_REVIEW],
    ['创业 at 5 activities', fn(F.STARTUP, { [M.ACTIVITIES]: 5 }, [A.PROJECT_LIBRARY, A.GUIDE, A.HOTLINE]), FAIL],
    ['创业 without the hotline', fn(F.STARTUP, { [M.ACTIVITIES]: 6 }, [A.PROJECT_LIBRARY, A.GUIDE]), FAIL],
    ['培训 at 1200 person-times, qualified', fn(F.TRAINING, { [M.PERSON_TIMES]: 1200 }, [A.TRAINING_QUALIFICATION]), NEEDS_REVIEW],
    ['培训 at 1199 person-times', fn(F.TRAINING, { [M.PERSON_TIMES]: 1199 }, [A.TRAINING_QUALIFICATION]), FAIL],
    ['培训 without qualification or filing', fn(F.TRAINING, { [M.PERSON_TIMES]: 1200 }), FAIL],
    ['融资 at 6 activities and 5亿', financing(6, 5), PASS],
    ['融资 at 6 activities and 4.99亿', financing(6, 4.99), FAIL],
    ['融资 at 5 activities and 5亿', financing(5, 5), FAIL],
    ['融资 as a guarantor with 20亿 new guarantees', fn(F.FINANCING, { [M.NEW_GUARANTEES]: 20 }, [A.GUARANTEE_INSTITUTION]), NEEDS_REVIEW],
    ['融资 as a guarantor with 19.99亿', fn(F.FINANCING, { [M.NEW_GUARANTEES]: 19.99 }, [A.GUARANTEE_INSTITUTION]), FAIL],
    ['融资 with 20亿 new guarantees but not a guarantee institution', fn(F.FINANCING, { [M.NEW_GUARANTEES]: 20 }), FAIL],
    ['咨询 at 30 enterprises diagnosed', fn(F.CONSULTING, { [M.ENTERPRISES_DIAGNOSED]: 30 }), PASS],
    ['咨询 at 29', fn(F.CONSULTING, { [M.ENTERPRISES_DIAGNOSED]: 29 }), FAIL],
    ['法律 at 30 check-ups and 6 lectures, guide and hotline', fn(F.LEGAL, { [M.ENTERPRISES_CHECKED]: 30, [M.ACTIVITIES]: 6 }, [A.GUIDE, A.HOTLINE]), NEEDS_REVIEW],
    ['法律 at 29 check-ups', fn(F.LEGAL, { [M.ENTERPRISES_CHECKED]: 29, [M.ACTIVITIES]: 6 }, [A.GUIDE, A.HOTLINE]), FAIL],
    ['法律 at 5 lectures', fn(F.LEGAL, { [M.ENTERPRISES_CHECKED]: 30, [M.ACTIVITIES]: 5 }, [A.GUIDE, A.HOTLINE]), FAIL],
    ['法律 without the guide', fn(F.LEGAL, { [M.ENTERPRISES_CHECKED]: 30, [M.ACTIVITIES]: 6 }, [A.HOTLINE]), FAIL],
  ])('%s', (_, declaration, expected) => {
    expect(functionOutcome(declaration)).toBe(expected);
    expect(functionOutcome(declaration, 'AT_LEAST_ONE_FUNCTION')).toBe(expected);
  });

  it('judges each requirement at its boundary with its article', () => {
    const short = judge({ functions: [financing(5, 4.99)] });
    expect(criterion(short, 'FINANCING_ACTIVITIES')).toMatchObject({ article: '鲁 第十五条（五）', required: '≥ 6 次', actual: '5 次', outcome: FAIL });
    expect(criterion(short, 'FINANCING_AMOUNT_FINANCED')).toMatchObject({ required: '≥ 5 亿元', actual: '4.99 亿元', outcome: FAIL });
    // Neither alternative is met: both are shown, the guarantor's as not declared.
    expect(criterion(short, 'FINANCING_NEW_GUARANTEES')).toMatchObject({ description: '向中小企业提供年新增担保额（融资担保机构）', actual: null, note: '未申报', outcome: FAIL });
    expect(criterion(short, 'FINANCING_GUARANTEE_INSTITUTION')).toMatchObject({ source: FactSource.ATTESTATION, actual: '未承诺', outcome: FAIL });
    const attested = criterion(judge({ functions: [fn(F.INFORMATION, { [M.OFFLINE_ENTERPRISES]: 120, [M.ACTIVITIES]: 6 }, [A.ONLINE_SYSTEM])] }), 'INFORMATION_ONLINE_SYSTEM');
    expect(attested).toMatchObject({ article: '鲁 第十五条（一）', source: FactSource.ATTESTATION, actual: '已承诺', outcome: NEEDS_REVIEW });
  });

  it('a financing platform meeting both alternatives is judged by the one that passes outright', () => {
    const both = judge({ functions: [fn(F.FINANCING, { [M.ACTIVITIES]: 6, [M.AMOUNT_FINANCED]: 5, [M.NEW_GUARANTEES]: 20 }, [A.GUARANTEE_INSTITUTION])] });
    expect(criterion(both, 'FUNCTION_FINANCING')).toMatchObject({ outcome: PASS, actual: '符合（服务机构）' });
    expect(both.criteria.some((c) => c.code === 'FINANCING_NEW_GUARANTEES')).toBe(false);
  });

  it('all seven functions at their minima: every requirement with its article', () => {
    const report = judge({
      functions: [
        fn(F.LEGAL, { [M.ENTERPRISES_CHECKED]: 30, [M.ACTIVITIES]: 6 }, [A.GUIDE, A.HOTLINE]),
        fn(F.INFORMATION, { [M.OFFLINE_ENTERPRISES]: 120, [M.ACTIVITIES]: 6 }, [A.ONLINE_SYSTEM]),
        fn(F.TECHNOLOGY, { [M.ACTIVITIES]: 6 }, [A.EXPERT_LIBRARY, A.PROJECT_LIBRARY]),
        fn(F.STARTUP, { [M.ACTIVITIES]: 6 }, [A.PROJECT_LIBRARY, A.GUIDE, A.HOTLINE]),
        fn(F.TRAINING, { [M.PERSON_TIMES]: 1200 }, [A.TRAINING_QUALIFICATION]),
        financing(6, 5),
        fn(F.CONSULTING, { [M.ENTERPRISES_DIAGNOSED]: 30 }),
      ],
    });
    const functionCriteria = report.criteria.filter((c) => c.article.startsWith('鲁 第十五条')).map((c) => [c.code, c.article, c.outcome]);
    expect(functionCriteria).toEqual([
      ['INFORMATION_ONLINE_SYSTEM', '鲁 第十五条（一）', NEEDS_REVIEW],
      ['INFORMATION_OFFLINE_ENTERPRISES', '鲁 第十五条（一）', PASS],
      ['INFORMATION_ACTIVITIES', '鲁 第十五条（一）', PASS],
      ['FUNCTION_INFORMATION', '鲁 第十五条（一）', NEEDS_REVIEW],
      ['TECHNOLOGY_EXPERT_LIBRARY', '鲁 第十五条（二）', NEEDS_REVIEW],
      ['TECHNOLOGY_PROJECT_LIBRARY', '鲁 第十五条（二）', NEEDS_REVIEW],
      ['TECHNOLOGY_ACTIVITIES', '鲁 第十五条（二）', PASS],
      ['FUNCTION_TECHNOLOGY', '鲁 第十五条（二）', NEEDS_REVIEW],
      ['STARTUP_PROJECT_LIBRARY', '鲁 第十五条（三）', NEEDS_REVIEW],
      ['STARTUP_GUIDE', '鲁 第十五条（三）', NEEDS_REVIEW],
      ['STARTUP_HOTLINE', '鲁 第十五条（三）', NEEDS_REVIEW],
      ['STARTUP_ACTIVITIES', '鲁 第十五条（三）', PASS],
      ['FUNCTION_STARTUP', '鲁 第十五条（三）', NEEDS_REVIEW],
      ['TRAINING_TRAINING_QUALIFICATION', '鲁 第十五条（四）', NEEDS_REVIEW],
      ['TRAINING_PERSON_TIMES', '鲁 第十五条（四）', PASS],
      ['FUNCTION_TRAINING', '鲁 第十五条（四）', NEEDS_REVIEW],
      ['FINANCING_ACTIVITIES', '鲁 第十五条（五）', PASS],
      ['FINANCING_AMOUNT_FINANCED', '鲁 第十五条（五）', PASS],
      ['FUNCTION_FINANCING', '鲁 第十五条（五）', PASS],
      ['CONSULTING_ENTERPRISES_DIAGNOSED', '鲁 第十五条（六）', PASS],
      ['FUNCTION_CONSULTING', '鲁 第十五条（六）', PASS],
      ['LEGAL_GUIDE', '鲁 第十五条（七）', NEEDS_REVIEW],
      ['LEGAL_HOTLINE', '鲁 第十五条（七）', NEEDS_REVIEW],
      ['LEGAL_ENTERPRISES_CHECKED', '鲁 第十五条（七）', PASS],
      ['LEGAL_ACTIVITIES', '鲁 第十五条（七）', PASS],
      ['FUNCTION_LEGAL', '鲁 第十五条（七）', NEEDS_REVIEW],
      ['AT_LEAST_ONE_FUNCTION', '鲁 第十五条', PASS],
    ]);
    expect(criterion(report, 'AT_LEAST_ONE_FUNCTION').actual).toBe('信息服务、技术服务、创业服务、培训服务、融资服务、咨询服务、法律服务');
    expect(report.outcome).toBe(NEEDS_REVIEW);
  });
});

describe('鲁 第十五条: at least one function', () => {
  it('fails with no function declared', () => {
    const report = judge({ functions: [] });
    expect(criterion(report, 'AT_LEAST_ONE_FUNCTION')).toMatchObject({ outcome: FAIL, actual: '无', note: '未申报任何功能' });
    expect(report.outcome).toBe(FAIL);
  });

  it('fails when no declared function is met, listing what each lacks', () => {
    const report = judge({ functions: [financing(5, 5), { function: F.CONSULTING, figures: { [M.ENTERPRISES_DIAGNOSED]: 29 }, attested: [] }] });
    expect(report.outcome).toBe(FAIL);
    const failing = report.criteria.filter((c) => c.outcome === FAIL).map((c) => c.code);
    expect(failing).toEqual([
      'FINANCING_ACTIVITIES', 'FINANCING_GUARANTEE_INSTITUTION', 'FINANCING_NEW_GUARANTEES', 'FUNCTION_FINANCING',
      'CONSULTING_ENTERPRISES_DIAGNOSED', 'FUNCTION_CONSULTING', 'AT_LEAST_ONE_FUNCTION',
    ]);
    expect(notEligible(report).message).toContain('鲁 第十五条（六） 年咨询诊断企业（要求 ≥ 30 家，实际 29 家）');
  });

  it('a function that falls short beside one that is met does not fail the report', () => {
    const report = judge({ functions: [{ function: F.CONSULTING, figures: { [M.ENTERPRISES_DIAGNOSED]: 29 }, attested: [] }, financing(6, 5)] });
    expect(report.outcome).toBe(PASS);
    expect(report.criteria.some((c) => c.code.startsWith('CONSULTING') || c.code === 'FUNCTION_CONSULTING')).toBe(false);
    expect(criterion(report, 'AT_LEAST_ONE_FUNCTION')).toMatchObject({
      outcome: PASS, actual: '融资服务',
      note: '申报但未达到（已有其他功能符合，不影响本项）：咨询服务（年咨询诊断企业 29 家，要求 ≥ 30 家）',
    });
  });

  it('refuses a function the document does not offer (市场 is Ningxia’s)', () => {
    expect(refusal(() => judge({ functions: [{ function: F.MARKET, figures: { [M.ENTERPRISE_TIMES]: 50 }, attested: [] }] }))).toMatchObject({
      code: ErrorCode.BAD_USER_INPUT, reason: 'FUNCTION_NOT_OFFERED', value: 'MARKET',
    });
  });
});

describe('鲁 第二十九条: the rule set applies from 2020-10-07 through 2023-10-06', () => {
  it.each(['2020-10-06', '2023-10-07'])('a submission on %s is refused with NO_RULE_SET_IN_FORCE', (day) => {
    const error = refusal(() => ruleSetInForce(shandongRuleSets, '370000', day));
    expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'NO_RULE_SET_IN_FORCE', ruleSets: [{ id: 'lu-gongxinfa-2020-4', inForceFrom: '2020-10-07', inForceUntil: '2023-10-06' }] });
    expect(error.messageZh).toContain('鲁工信发〔2020〕4号《山东省中小企业公共服务示范平台认定管理办法》（2020-10-07 至 2023-10-06，鲁 第二十九条）');
    // Judging by the Shandong rule set on that day directly is refused the same way.
    expect(refusal(() => judge({ asOf: day })).reason).toBe('NO_RULE_SET_IN_FORCE');
  });

  it.each(['2020-10-07', '2023-10-06'])('a submission on %s is judged by 鲁工信发〔2020〕4号', (day) => {
    const ruleSet = ruleSetInForce(shandongRuleSets, '370000', day);
    expect(ruleSet).toBe(luGongxinfa2020No4);
    const report = judgePlatformEligibility(ruleSet, input({ asOf: day }), day);
    expect(report).toMatchObject({ outcome: PASS, asOf: day, ruleSet: '鲁工信发〔2020〕4号《山东省中小企业公共服务示范平台认定管理办法》' });
  });

  it('the designation rules of 第二十三条 and 第二十四条 are part of the data', () => {
    expect(luGongxinfa2020No4.designation).toEqual({ validityYears: 3, reapplyInExpiryYear: true, article: '第二十三条', revocationBan: { years: 3, article: '第二十四条' } });
  });
});
