import { EligibilityOutcome, ErrorCode, addDays, addYears, type EligibilityReport } from '@sme/kernel';
import {
  FunctionAttestation as A,
  FunctionMeasure as M,
  PlatformFunction as F,
  judgePlatformEligibility,
  ruleSetInForce,
  type DeclaredPlatformFigures,
  type FunctionDeclaration,
  type PlatformEligibilityInput,
  type RegistryPlatformFacts,
} from '@sme/demonstration-platform';
import { NINGXIA_MEASURES_IN_FORCE_FROM, ningxiaMeasures, ningxiaRuleSets } from '../src/rule-sets';
import { criterion, refusal } from '../../../packages/demonstration-platform/test/support/report-helpers';

/**
 * 宁夏 征求意见稿 第六条 and 第七条, each threshold at its boundary, and the relaxations of 第六条第二款. The date
 * judged is 2024-06-01: the last complete year is 2023, growth compares 2022 with 2023, and the institution must
 * have been founded by 2022-06-01. The passing input is an enterprise in 银川市兴庆区 (640104, not mountainous)
 * that meets every threshold exactly and declares the market function at its minimum, so its report is PASS.
 */
const AS_OF = '2024-06-01';
const { PASS, FAIL, NEEDS_REVIEW } = EligibilityOutcome;

const market = (enterpriseTimes: number): FunctionDeclaration => ({ function: F.MARKET, figures: { [M.ENTERPRISE_TIMES]: enterpriseTimes }, attested: [] });

interface Case {
  registry?: Partial<RegistryPlatformFacts>;
  declared?: Partial<DeclaredPlatformFigures>;
  functions?: FunctionDeclaration[];
  asOf?: string;
}

function input(c: Case = {}): PlatformEligibilityInput {
  const asOf = c.asOf ?? AS_OF;
  const lastYear = Number(asOf.slice(0, 4)) - 1;
  return {
    registry: { legalForm: 'ENTERPRISE', establishedOn: addYears(asOf, -2), regionCode: '640104', ...c.registry },
    declared: {
      totalAssets: 100,
      servedByYear: [{ year: lastYear - 1, smesServed: 49 }, { year: lastYear, smesServed: 50 }],
      satisfactionPercent: 80,
      aggregatedAgencies: 2,
      publicWelfareSharePercent: 20,
      serviceStaff: 10,
      qualifiedServiceStaff: 6,
      ...c.declared,
    },
    priorRecognitions: [],
    functions: c.functions ?? [market(50)],
  };
}

const judge = (c: Case = {}): EligibilityReport => judgePlatformEligibility(ningxiaMeasures, input(c), c.asOf ?? AS_OF);

const outcomeOf = (c: Case, code: string) => criterion(judge(c), code).outcome;


describe('宁 第六条: a platform that meets every basic condition exactly', () => {
  const report = judge();

  it('passes every criterion, without a prior-recognition condition', () => {
    expect(report.criteria.filter((c) => c.outcome !== PASS)).toEqual([]);
    expect(report).toMatchObject({ outcome: PASS, asOf: AS_OF, ruleSet: '《宁夏回族自治区中小企业公共服务示范平台认定管理办法（征求意见稿）》' });
    expect(report.criteria.map((c) => [c.code, c.article])).toEqual([
      ['INDEPENDENT_LEGAL_PERSON', '宁 第六条（一）'],
      ['OPERATING_YEARS', '宁 第六条（一）'],
      ['TOTAL_ASSETS', '宁 第六条（一）'],
      ['SMES_SERVED', '宁 第六条（二）'],
      ['SATISFACTION', '宁 第六条（二）'],
      ['SERVED_GROWTH', '宁 第六条（二）'],
      ['AGGREGATED_AGENCIES', '宁 第六条（三）'],
      ['PUBLIC_WELFARE_SHARE', '宁 第六条（四）'],
      ['SERVICE_STAFF', '宁 第六条（五）'],
      ['QUALIFIED_STAFF_SHARE', '宁 第六条（五）'],
      ['MARKET_ENTERPRISE_TIMES', '宁 第七条（七）'],
      ['FUNCTION_MARKET', '宁 第七条（七）'],
      ['AT_LEAST_ONE_FUNCTION', '宁 第七条'],
    ]);
  });

  it('counts the staff serving SMEs, not only full-time staff (第六条（五）)', () => {
    expect(criterion(report, 'SERVICE_STAFF')).toMatchObject({ description: '从事为中小企业服务的人员', required: '≥ 10 人', actual: '10 人' });
    expect(criterion(report, 'QUALIFIED_STAFF_SHARE')).toMatchObject({ required: '≥ 60%', actual: '6/10 人（60%）' });
  });
});

describe('宁 第六条 thresholds at their boundaries', () => {
  it.each<[string, Case, string, EligibilityOutcome]>([
    ['49 SMEs served', { declared: { servedByYear: [{ year: 2022, smesServed: 40 }, { year: 2023, smesServed: 49 }] } }, 'SMES_SERVED', FAIL],
    ['50 SMEs served', { declared: { servedByYear: [{ year: 2022, smesServed: 40 }, { year: 2023, smesServed: 50 }] } }, 'SMES_SERVED', PASS],
    ['79% satisfaction', { declared: { satisfactionPercent: 79 } }, 'SATISFACTION', FAIL],
    ['79.99% satisfaction', { declared: { satisfactionPercent: 79.99 } }, 'SATISFACTION', FAIL],
    ['80% satisfaction', { declared: { satisfactionPercent: 80 } }, 'SATISFACTION', PASS],
    ['99万 assets', { declared: { totalAssets: 99 } }, 'TOTAL_ASSETS', FAIL],
    ['100万 assets', { declared: { totalAssets: 100 } }, 'TOTAL_ASSETS', PASS],
    ['9 staff', { declared: { serviceStaff: 9, qualifiedServiceStaff: 6 } }, 'SERVICE_STAFF', FAIL],
    ['10 staff', { declared: { serviceStaff: 10, qualifiedServiceStaff: 6 } }, 'SERVICE_STAFF', PASS],
    ['59 of 100 qualified', { declared: { serviceStaff: 100, qualifiedServiceStaff: 59 } }, 'QUALIFIED_STAFF_SHARE', FAIL],
    ['60 of 100 qualified', { declared: { serviceStaff: 100, qualifiedServiceStaff: 60 } }, 'QUALIFIED_STAFF_SHARE', PASS],
    ['5 of 10 qualified', { declared: { qualifiedServiceStaff: 5 } }, 'QUALIFIED_STAFF_SHARE', FAIL],
    ['1 aggregated agency', { declared: { aggregatedAgencies: 1 } }, 'AGGREGATED_AGENCIES', FAIL],
    ['2 aggregated agencies', { declared: { aggregatedAgencies: 2 } }, 'AGGREGATED_AGENCIES', PASS],
    ['19% public-welfare share', { declared: { publicWelfareSharePercent: 19 } }, 'PUBLIC_WELFARE_SHARE', FAIL],
    ['20% public-welfare share', { declared: { publicWelfareSharePercent: 20 } }, 'PUBLIC_WELFARE_SHARE', PASS],
    ['equal counts in 2022 and 2023', { declared: { servedByYear: [{ year: 2022, smesServed: 60 }, { year: 2023, smesServed: 60 }] } }, 'SERVED_GROWTH', FAIL],
    ['one more in 2023 than in 2022', { declared: { servedByYear: [{ year: 2022, smesServed: 60 }, { year: 2023, smesServed: 61 }] } }, 'SERVED_GROWTH', PASS],
    ['founded exactly two years before', { registry: { establishedOn: '2022-06-01' } }, 'OPERATING_YEARS', PASS],
    ['founded one day short of two years', { registry: { establishedOn: '2022-06-02' } }, 'OPERATING_YEARS', FAIL],
  ])('%s', (_, c, code, expected) => {
    expect(outcomeOf(c, code)).toBe(expected);
  });
});

describe('宁 第六条第二款: 事业单位、社团法人 — （一）可适当放宽 (no number: the reviewer judges)', () => {
  it.each(['PUBLIC_INSTITUTION', 'SOCIAL_ORGANIZATION'])('%s: assets below 100万 and less than two years are NEEDS_REVIEW', (legalForm) => {
    const report = judge({ registry: { legalForm, establishedOn: '2022-06-02' }, declared: { totalAssets: 99 } });
    expect(criterion(report, 'TOTAL_ASSETS')).toMatchObject({
      outcome: NEEDS_REVIEW,
      required: expect.stringMatching(/^≥ 100 万元；(事业单位|社团法人)可适当放宽（宁 第六条第二款）$/),
      note: expect.stringContaining('文件未定下限，由审核人判断'),
    });
    expect(criterion(report, 'OPERATING_YEARS').outcome).toBe(NEEDS_REVIEW);
    expect(report.outcome).toBe(NEEDS_REVIEW);
    // Met is still a plain pass.
    expect(outcomeOf({ registry: { legalForm } }, 'TOTAL_ASSETS')).toBe(PASS);
  });

  it('relaxes only （一）: staff (五) and agencies (三) still fail', () => {
    const report = judge({ registry: { legalForm: 'PUBLIC_INSTITUTION' }, declared: { serviceStaff: 9, qualifiedServiceStaff: 6, aggregatedAgencies: 1 } });
    expect(criterion(report, 'SERVICE_STAFF').outcome).toBe(FAIL);
    expect(criterion(report, 'AGGREGATED_AGENCIES').outcome).toBe(FAIL);
  });

  it('民办非企 is not named in Ningxia: 99万 fails', () => {
    expect(outcomeOf({ registry: { legalForm: 'PRIVATE_NON_ENTERPRISE' }, declared: { totalAssets: 99 } }, 'TOTAL_ASSETS')).toBe(FAIL);
    expect(outcomeOf({ declared: { totalAssets: 99 } }, 'TOTAL_ASSETS')).toBe(FAIL);
  });

  it('nothing declared is still a failure', () => {
    expect(outcomeOf({ registry: { legalForm: 'PUBLIC_INSTITUTION' }, declared: { totalAssets: null } }, 'TOTAL_ASSETS')).toBe(FAIL);
  });
});

describe('宁 第六条第二款: platforms in mountainous cities and counties — （一）（二）（五）可适当放宽', () => {
  const short: Case['declared'] = {
    totalAssets: 99,
    servedByYear: [{ year: 2022, smesServed: 49 }, { year: 2023, smesServed: 49 }],
    satisfactionPercent: 79,
    serviceStaff: 9,
    qualifiedServiceStaff: 5,
  };
  const relaxedCodes = ['OPERATING_YEARS', 'TOTAL_ASSETS', 'SMES_SERVED', 'SATISFACTION', 'SERVED_GROWTH', 'SERVICE_STAFF', 'QUALIFIED_STAFF_SHARE'];

  it.each(['640402', '640400', '640422', '640303'])('in %s every short condition of （一）（二）（五） is NEEDS_REVIEW', (regionCode) => {
    const report = judge({ registry: { regionCode, establishedOn: '2022-06-02' }, declared: short });
    for (const code of relaxedCodes) expect([code, criterion(report, code).outcome]).toEqual([code, NEEDS_REVIEW]);
    expect(report.outcome).toBe(NEEDS_REVIEW);
  });

  it('names the county in the requirement and the note', () => {
    const assets = criterion(judge({ registry: { regionCode: '640402' }, declared: short }), 'TOTAL_ASSETS');
    expect(assets.required).toBe('≥ 100 万元；山区市县（原州区）可适当放宽（宁 第六条第二款）');
    expect(assets.note).toBe('宁 第六条第二款：山区市县（原州区）的平台此项可适当放宽，文件未定下限，由审核人判断');
  });

  it('does not relax （三） and （四） in a mountainous county', () => {
    const report = judge({ registry: { regionCode: '640402' }, declared: { aggregatedAgencies: 1, publicWelfareSharePercent: 19 } });
    expect(criterion(report, 'AGGREGATED_AGENCIES').outcome).toBe(FAIL);
    expect(criterion(report, 'PUBLIC_WELFARE_SHARE').outcome).toBe(FAIL);
  });

  it('in a county that is not mountainous (640104) the same figures fail', () => {
    const report = judge({ registry: { regionCode: '640104', establishedOn: '2022-06-02' }, declared: short });
    for (const code of relaxedCodes) expect([code, criterion(report, code).outcome]).toEqual([code, FAIL]);
    expect(report.outcome).toBe(FAIL);
  });
});

describe('宁 第七条: each function at its minima', () => {
  const fn = (f: F, figures: FunctionDeclaration['figures'], attested: A[] = []): FunctionDeclaration => ({ function: f, figures, attested });
  const functionOutcome = (declaration: FunctionDeclaration, code = `FUNCTION_${declaration.function}`) => outcomeOf({ functions: [declaration] }, code);

  it.each<[string, FunctionDeclaration, EligibilityOutcome]>([
    ['信息 at 50 enterprises and 4 activities, online system attested', fn(F.INFORMATION, { [M.OFFLINE_ENTERPRISES]: 50, [M.ACTIVITIES]: 4 }, [A.ONLINE_SYSTEM]), NEEDS_REVIEW],
    ['信息 at 49 enterprises', fn(F.INFORMATION, { [M.OFFLINE_ENTERPRISES]: 49, [M.ACTIVITIES]: 4 }, [A.ONLINE_SYSTEM]), FAIL],
    ['信息 at 3 activities', fn(F.INFORMATION, { [M.OFFLINE_ENTERPRISES]: 50, [M.ACTIVITIES]: 3 }, [A.ONLINE_SYSTEM]), FAIL],
    ['信息 without the online system', fn(F.INFORMATION, { [M.OFFLINE_ENTERPRISES]: 50, [M.ACTIVITIES]: 4 }), FAIL],
    ['技术 at 3 activities with both libraries', fn(F.TECHNOLOGY, { [M.ACTIVITIES]: 3 }, [A.EXPERT_LIBRARY, A.PROJECT_LIBRARY]), NEEDS_REVIEW],
    ['技术 at 2 activities', fn(F.TECHNOLOGY, { [M.ACTIVITIES]: 2 }, [A.EXPERT_LIBRARY, A.PROJECT_LIBRARY]), FAIL],
    ['技术 without the expert library', fn(F.TECHNOLOGY, { [M.ACTIVITIES]: 3 }, [A.PROJECT_LIBRARY]), FAIL],
    ['创业 at 4 activities with library, guide and hotline', fn(F.STARTUP, { [M.ACTIVITIES]: 4 }, [A.PROJECT_LIBRARY, A.GUIDE, A.HOTLINE]), NEEDS_REVIEW],
    ['创业 at 3 activities', fn(F.STARTUP, { [M.ACTIVITIES]: 3 }, [A.PROJECT_LIBRARY, A.GUIDE, A.HOTLINE]), FAIL],
    ['创业 without the guide', fn(F.STARTUP, { [M.ACTIVITIES]: 4 }, [A.PROJECT_LIBRARY, A.HOTLINE]), FAIL],
    ['培训 at 500 person-times, qualified', fn(F.TRAINING, { [M.PERSON_TIMES]: 500 }, [A.TRAINING_QUALIFICATION]), NEEDS_REVIEW],
    ['培训 at 499 person-times', fn(F.TRAINING, { [M.PERSON_TIMES]: 499 }, [A.TRAINING_QUALIFICATION]), FAIL],
    ['培训 without qualification or filing', fn(F.TRAINING, { [M.PERSON_TIMES]: 500 }), FAIL],
    ['融资 at 3 activities and 2亿', fn(F.FINANCING, { [M.ACTIVITIES]: 3, [M.AMOUNT_FINANCED]: 2 }), PASS],
    ['融资 at 3 activities and 1.99亿', fn(F.FINANCING, { [M.ACTIVITIES]: 3, [M.AMOUNT_FINANCED]: 1.99 }), FAIL],
    ['融资 at 2 activities and 2亿', fn(F.FINANCING, { [M.ACTIVITIES]: 2, [M.AMOUNT_FINANCED]: 2 }), FAIL],
    ['融资 as a guarantor with 5亿 new guarantees', fn(F.FINANCING, { [M.NEW_GUARANTEES]: 5 }, [A.GUARANTEE_INSTITUTION]), NEEDS_REVIEW],
    ['融资 as a guarantor with 4.99亿', fn(F.FINANCING, { [M.NEW_GUARANTEES]: 4.99 }, [A.GUARANTEE_INSTITUTION]), FAIL],
    ['咨询 at 3 public-welfare diagnosis activities', fn(F.CONSULTING, { [M.ACTIVITIES]: 3 }), PASS],
    ['咨询 at 2', fn(F.CONSULTING, { [M.ACTIVITIES]: 2 }), FAIL],
    ['市场 at 50 enterprise-times', market(50), PASS],
    ['市场 at 49 enterprise-times', market(49), FAIL],
  ])('%s', (_, declaration, expected) => {
    expect(functionOutcome(declaration)).toBe(expected);
    expect(functionOutcome(declaration, 'AT_LEAST_ONE_FUNCTION')).toBe(expected);
  });

  it('judges each requirement with its article, required and actual values', () => {
    const report = judge({ functions: [fn(F.CONSULTING, { [M.ACTIVITIES]: 2 })] });
    expect(criterion(report, 'CONSULTING_ACTIVITIES')).toMatchObject({ article: '宁 第七条（六）', description: '年组织开展的公益性诊断咨询活动', required: '≥ 3 次', actual: '2 次', outcome: FAIL });
    expect(criterion(judge(), 'MARKET_ENTERPRISE_TIMES')).toMatchObject({ article: '宁 第七条（七）', required: '≥ 50 家次', actual: '50 家次', outcome: PASS });
    const guarantor = judge({ functions: [fn(F.FINANCING, { [M.NEW_GUARANTEES]: 5 }, [A.GUARANTEE_INSTITUTION])] });
    expect(criterion(guarantor, 'FINANCING_NEW_GUARANTEES')).toMatchObject({ article: '宁 第七条（五）', required: '≥ 5 亿元', outcome: PASS });
    expect(criterion(guarantor, 'FUNCTION_FINANCING')).toMatchObject({ actual: '符合（融资担保机构）', outcome: NEEDS_REVIEW });
  });

  it('fails with no function declared', () => {
    const report = judge({ functions: [] });
    expect(criterion(report, 'AT_LEAST_ONE_FUNCTION')).toMatchObject({ article: '宁 第七条', outcome: FAIL, actual: '无' });
    expect(report.outcome).toBe(FAIL);
  });

  it('refuses 法律, which Ningxia does not offer', () => {
    const error = refusal(() => judge({ functions: [fn(F.LEGAL, { [M.ENTERPRISES_CHECKED]: 30, [M.ACTIVITIES]: 6 }, [A.GUIDE, A.HOTLINE])] }));
    expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'FUNCTION_NOT_OFFERED', value: 'LEGAL' });
    expect(error.messageZh).toBe('宁 第七条未设法律服务功能，可申报：信息服务、技术服务、创业服务、培训服务、融资服务、咨询服务、市场服务');
  });
});

describe('宁 第二十二条: in force from the configured date of issue, open-ended', () => {
  it('refuses a submission the day before with NO_RULE_SET_IN_FORCE', () => {
    const dayBefore = addDays(NINGXIA_MEASURES_IN_FORCE_FROM, -1);
    const error = refusal(() => ruleSetInForce(ningxiaRuleSets, '640000', dayBefore));
    expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'NO_RULE_SET_IN_FORCE', ruleSets: [{ id: 'ningxia-measures', inForceFrom: '2019-04-04', inForceUntil: null }] });
    expect(error.messageZh).toBe(`${dayBefore} 无有效的宁夏回族自治区示范平台认定规则：《宁夏回族自治区中小企业公共服务示范平台认定管理办法（征求意见稿）》（2019-04-04 至 长期有效，宁 第二十二条）`);
  });

  it.each([NINGXIA_MEASURES_IN_FORCE_FROM, '2099-12-31'])('judges a submission on %s by the measures', (day) => {
    const ruleSet = ruleSetInForce(ningxiaRuleSets, '640000', day);
    expect(ruleSet).toBe(ningxiaMeasures);
    expect(judgePlatformEligibility(ruleSet, input({ asOf: day }), day).outcome).toBe(PASS);
  });

  it('records why the date was chosen, and the designation rules of 第十七条', () => {
    expect(ningxiaMeasures.validity).toMatchObject({ kind: 'PERIOD', inForceFrom: '2019-04-04', inForceUntil: null, configurationNote: { zh: expect.stringContaining('自印发之日起施行') } });
    expect(ningxiaMeasures.designation).toEqual({ validityYears: 3, reapplyInExpiryYear: true, article: '第十七条', revocationBan: null });
  });
});
