import { EligibilityOutcome, FactSource, type EligibilityReport } from '@sme/kernel';
import { KnownCreditRecord, KnownInstitution } from '@sme/kernel';
import { judgeEligibility, type RegistryFacts } from '../src/eligibility/library-eligibility';
import { Attestations, DeclaredFigures } from '../src/applications/declared-figures';
import { LibraryCategory } from '../src/categories';
import { passingFigures, testConfig } from './support/library-fixture';

/**
 * 第六条 criterion by criterion, each at its boundary ("N 以上", "不少于 N" and "（含）" include N). The date
 * judged is 2024-06-01 unless a test says otherwise: the figures must be for 2023, the institution must have
 * been founded by 2022-06-01, and no credit record may be active from 2022-06-01 to 2024-06-01.
 */
const AS_OF = '2024-06-01';
const shanxi = testConfig();

const PASS = EligibilityOutcome.PASS;
const FAIL = EligibilityOutcome.FAIL;
const NEEDS_REVIEW = EligibilityOutcome.NEEDS_REVIEW;

function institution(values: Partial<KnownInstitution> = {}): KnownInstitution {
  return Object.assign(new KnownInstitution(), {
    id: '00000000-0000-4000-8000-000000000001', creditCode: '91140105MA0XXXXXX1', name: '测试机构', legalForm: 'ENTERPRISE',
    regionCode: '140105', establishedOn: '2015-01-01', legalRepresentative: '张三', registryVersion: 1, ...values,
  });
}

function creditRecord(listedOn: string, removedOn: string | null, kind = 'ABNORMAL_OPERATION'): KnownCreditRecord {
  return Object.assign(new KnownCreditRecord(), { id: `${listedOn}-${removedOn}`, institutionId: institution().id, kind, listedOn, removedOn, source: '信用中国' });
}

const ATTESTED: Attestations = { politicalCommitment: true, serviceCapability: true, legalRepresentativePledge: true };

interface Case {
  declared?: Partial<DeclaredFigures>;
  attestations?: Partial<Attestations>;
  institution?: Partial<KnownInstitution>;
  creditRecords?: KnownCreditRecord[];
  annualFigures?: Record<string, number> | null;
  asOf?: string;
  config?: ReturnType<typeof testConfig>;
}

function judge(c: Case = {}): EligibilityReport {
  const asOf = c.asOf ?? AS_OF;
  const declared: DeclaredFigures = { ...new DeclaredFigures(), ...passingFigures(Number(asOf.slice(0, 4)) - 1), ...c.declared } as DeclaredFigures;
  const facts: RegistryFacts = { institution: institution(c.institution), creditRecords: c.creditRecords ?? [], annualFigures: c.annualFigures ?? null };
  return judgeEligibility(c.config ?? shanxi, { declared, attestations: { ...ATTESTED, ...c.attestations } }, facts, asOf);
}

const criterion = (report: EligibilityReport, code: string) => {
  const found = report.criteria.find((c) => c.code === code);
  if (!found) throw new Error(`no criterion ${code}`);
  return found;
};
const outcomeOf = (c: Case, code: string) => criterion(judge(c), code).outcome;

describe('a declaration that meets every threshold exactly', () => {
  const report = judge();

  it('passes every figure and leaves only the attestations to the reviewer', () => {
    const notPassing = report.criteria.filter((c) => c.outcome !== PASS).map((c) => [c.code, c.outcome]);
    expect(notPassing).toEqual([
      ['POLITICAL_COMMITMENT', NEEDS_REVIEW],
      ['SERVICE_CAPABILITY', NEEDS_REVIEW],
      ['LEGAL_REPRESENTATIVE_PLEDGE', NEEDS_REVIEW],
    ]);
    expect(report.outcome).toBe(NEEDS_REVIEW);
    expect(report).toMatchObject({ asOf: AS_OF, ruleSet: shanxi.document });
  });

  it('judges every criterion of 第六条, each with its article', () => {
    expect(Object.fromEntries(report.criteria.map((c) => [c.code, c.article]))).toEqual({
      REGISTERED_IN_PROVINCE: '晋 第六条',
      INDEPENDENT_LEGAL_PERSON: '晋 第六条（二）',
      OPERATING_YEARS: '晋 第六条（二）',
      FIGURES_YEAR: '晋 第六条（四）（六）',
      SENIOR_EXPERTS: '晋 第六条（四）',
      RELATED_EXPERTS: '晋 第六条（四）',
      PARTNER_AGENCIES: '晋 第六条（四）',
      FLOOR_AREA: '晋 第六条（五）',
      TOTAL_ASSETS: '晋 第六条（五）',
      SMES_SERVED: '晋 第六条（六）',
      POINT_TO_POINT: '晋 第六条（六）',
      CREDIT_CLEAN: '晋 第六条（七）',
      POLITICAL_COMMITMENT: '晋 第六条（一）',
      SERVICE_CAPABILITY: '晋 第六条（三）',
      LEGAL_REPRESENTATIVE_PLEDGE: '晋 第六条（七）',
    });
  });

  it('names the province of the configuration in the article (冀 for Hebei)', () => {
    const hebei = testConfig({ abbreviation: '冀', provinceCode: '130000', categories: Object.values(LibraryCategory).filter((c) => c !== LibraryCategory.COMPLIANCE) });
    const hebeiReport = judge({ config: hebei, institution: { regionCode: '130102' } });
    expect(hebeiReport.criteria.every((c) => c.article.startsWith('冀 第六条'))).toBe(true);
    expect(criterion(hebeiReport, 'REGISTERED_IN_PROVINCE').outcome).toBe(PASS);
  });

  it('tells where each value comes from', () => {
    expect(criterion(report, 'SENIOR_EXPERTS')).toMatchObject({ source: FactSource.DECLARED, required: '≥ 10 人', actual: '10' });
    expect(criterion(report, 'CREDIT_CLEAN')).toMatchObject({ source: FactSource.REGISTRY, required: '2022-06-01 至 2024-06-01 无记录', actual: '无记录' });
    expect(criterion(report, 'OPERATING_YEARS').source).toBe(FactSource.REGISTRY);
    expect(criterion(report, 'POLITICAL_COMMITMENT').source).toBe(FactSource.ATTESTATION);
  });
});

describe('第六条（四）（五）（六） thresholds: the number itself passes, one less fails', () => {
  it.each([
    ['SENIOR_EXPERTS', 'seniorExperts', 9, 10],
    ['RELATED_EXPERTS', 'relatedExperts', 19, 20],
    ['PARTNER_AGENCIES', 'partnerAgencies', 4, 5],
    ['TOTAL_ASSETS', 'totalAssets', 199, 200],
    ['TOTAL_ASSETS', 'totalAssets', 199.99, 200],
    ['SMES_SERVED', 'smesServed', 99, 100],
    ['POINT_TO_POINT', 'pointToPointServed', 9, 10],
  ] as const)('%s: %s %d fails, %d passes', (code, field, below, at) => {
    const failing = judge({ declared: { [field]: below } });
    expect(criterion(failing, code)).toMatchObject({ outcome: FAIL, actual: String(below), note: null });
    expect(failing.outcome).toBe(FAIL);
    expect(criterion(judge({ declared: { [field]: at } }), code).outcome).toBe(PASS);
    expect(criterion(judge({ declared: { [field]: at * 3 } }), code).outcome).toBe(PASS);
  });

  it.each(['seniorExperts', 'relatedExperts', 'partnerAgencies', 'totalAssets', 'smesServed', 'pointToPointServed'] as const)('an undeclared %s fails as 未申报', (field) => {
    const report = judge({ declared: { [field]: null } });
    const failing = report.criteria.filter((c) => c.outcome === FAIL);
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatchObject({ actual: null, note: '未申报' });
  });

  describe('服务场所 150 m²: owned and rented summed', () => {
    it.each([
      [100, 49, FAIL, '149'],
      [100, 50, PASS, '150'],
      [149.5, 0.5, PASS, '150'],
      [0, 149, FAIL, '149'],
      [null, 150, PASS, '150'],
      [150, null, PASS, '150'],
      [null, 149, FAIL, '149'],
      [149, null, FAIL, '149'],
    ])('owned %p + rented %p → %s', (owned, rented, outcome, actual) => {
      expect(criterion(judge({ declared: { floorAreaOwned: owned, floorAreaRented: rented } }), 'FLOOR_AREA')).toMatchObject({ outcome, actual, required: '≥ 150 m²' });
    });

    it('neither declared fails as 未申报', () => {
      expect(criterion(judge({ declared: { floorAreaOwned: null, floorAreaRented: null } }), 'FLOOR_AREA')).toMatchObject({ outcome: FAIL, actual: null, note: '未申报' });
    });
  });
});

describe('第六条（二）成立并运营两年以上', () => {
  it.each([
    ['2022-06-01', AS_OF, PASS],
    ['2022-06-02', AS_OF, FAIL],
    ['2015-01-01', AS_OF, PASS],
    ['2024-06-01', AS_OF, FAIL],
    // judged on 29 February: founded two years before (28 February of a common year) passes, 1 March fails
    ['2022-02-28', '2024-02-29', PASS],
    ['2022-03-01', '2024-02-29', FAIL],
    // founded on 29 February: two years are complete on 28 February of the common year (民法典 第二百零二条)
    ['2020-02-29', '2022-02-28', PASS],
    ['2020-02-29', '2022-02-27', FAIL],
    ['2020-03-01', '2022-02-28', FAIL],
    ['2020-02-29', '2024-02-28', PASS],
    ['2022-02-28', '2024-02-28', PASS],
    ['2022-03-01', '2024-02-28', FAIL],
  ])('founded %s, judged %s → %s', (establishedOn, asOf, outcome) => {
    const report = judge({ institution: { establishedOn }, asOf });
    expect(criterion(report, 'OPERATING_YEARS')).toMatchObject({ outcome, actual: establishedOn, article: '晋 第六条（二）' });
    expect(report.outcome).toBe(outcome === FAIL ? FAIL : NEEDS_REVIEW);
  });

  it('says on which day the two years are complete', () => {
    expect(criterion(judge({ institution: { establishedOn: '2020-02-29' }, asOf: '2022-02-28' }), 'OPERATING_YEARS').note).toBe('2022-02-28 满 2 年');
  });
});

describe('第六条 registered in the province; （二）independent legal person', () => {
  it.each([
    ['130102', FAIL],
    ['370102', FAIL],
    ['140105', PASS],
    ['140171', PASS],
    ['999999', FAIL],
  ])('registered at %s → %s for Shanxi', (regionCode, outcome) => {
    const report = judge({ institution: { regionCode } });
    expect(criterion(report, 'REGISTERED_IN_PROVINCE')).toMatchObject({ outcome, required: '140000', source: FactSource.REGISTRY });
    expect(criterion(report, 'REGISTERED_IN_PROVINCE').actual).toContain(regionCode);
    if (outcome === FAIL) expect(report.outcome).toBe(FAIL);
  });

  it.each(['ENTERPRISE', 'PUBLIC_INSTITUTION', 'PRIVATE_NON_ENTERPRISE', 'SOCIAL_ORGANIZATION'])('%s is an independent legal person', (legalForm) => {
    expect(outcomeOf({ institution: { legalForm } }, 'INDEPENDENT_LEGAL_PERSON')).toBe(PASS);
  });

  it('OTHER is left to the reviewer, and does not fail the application', () => {
    const report = judge({ institution: { legalForm: 'OTHER' } });
    expect(criterion(report, 'INDEPENDENT_LEGAL_PERSON')).toMatchObject({ outcome: NEEDS_REVIEW, actual: '其他' });
    expect(criterion(report, 'INDEPENDENT_LEGAL_PERSON').note).toContain('独立法人');
    expect(report.outcome).toBe(NEEDS_REVIEW);
  });
});

describe('第六条（四）（六）上年度 figures', () => {
  it.each([
    [2023, PASS],
    [2022, FAIL],
    [2024, FAIL],
    [null, FAIL],
  ])('figures for %p judged in 2024 → %s', (year, outcome) => {
    const report = judge({ declared: { year } });
    expect(criterion(report, 'FIGURES_YEAR')).toMatchObject({ outcome, required: '2023' });
    if (outcome === FAIL) expect(report.outcome).toBe(FAIL);
  });
});

describe('第六条（七）近两年无失信记录 (a record is active from listedOn to the day before removedOn)', () => {
  // the window of 2024-06-01 opens on 2022-06-01
  it.each([
    ['active, listed inside the window', '2023-03-01', null, FAIL],
    ['listed long ago and never removed', '2019-05-01', null, FAIL],
    ['listed long ago, removed the day the window opens', '2019-05-01', '2022-06-01', PASS],
    ['listed long ago, removed the day after the window opens', '2019-05-01', '2022-06-02', FAIL],
    ['removed long before the window', '2019-05-01', '2020-01-01', PASS],
    ['listed on the date judged', '2024-06-01', null, FAIL],
    ['listed and removed inside the window', '2023-01-01', '2023-02-01', FAIL],
  ])('%s (%s – %s) → %s', (_label, listedOn, removedOn, outcome) => {
    const report = judge({ creditRecords: [creditRecord(listedOn, removedOn)] });
    expect(criterion(report, 'CREDIT_CLEAN').outcome).toBe(outcome);
    expect(report.outcome).toBe(outcome === FAIL ? FAIL : NEEDS_REVIEW);
  });

  it('a record listed after the date judged is not counted', () => {
    expect(outcomeOf({ creditRecords: [creditRecord('2024-06-02', null)] }, 'CREDIT_CLEAN')).toBe(PASS);
  });

  it('names the active records, and fails for every kind, the legal representative’s own record included', () => {
    for (const kind of ['DISHONEST_JUDGMENT_DEBTOR', 'SERIOUS_DISHONESTY_LIST', 'ABNORMAL_OPERATION', 'MAJOR_TAX_VIOLATION', 'TAX_EVASION', 'LEGAL_REPRESENTATIVE_RECORD']) {
      expect(criterion(judge({ creditRecords: [creditRecord('2023-03-01', null, kind)] }), 'CREDIT_CLEAN')).toMatchObject({ outcome: FAIL, actual: `${kind} 2023-03-01` });
    }
    const two = judge({ creditRecords: [creditRecord('2019-05-01', '2020-01-01'), creditRecord('2023-03-01', null), creditRecord('2023-07-01', '2023-08-01', 'TAX_EVASION')] });
    expect(criterion(two, 'CREDIT_CLEAN').actual).toBe('ABNORMAL_OPERATION 2023-03-01；TAX_EVASION 2023-07-01');
  });

  it('the window of 29 February opens on 28 February two years before', () => {
    expect(criterion(judge({ asOf: '2024-02-29' }), 'CREDIT_CLEAN').required).toBe('2022-02-28 至 2024-02-29 无记录');
    expect(outcomeOf({ asOf: '2024-02-29', creditRecords: [creditRecord('2020-01-01', '2022-02-28')] }, 'CREDIT_CLEAN')).toBe(PASS);
    expect(outcomeOf({ asOf: '2024-02-29', creditRecords: [creditRecord('2020-01-01', '2022-03-01')] }, 'CREDIT_CLEAN')).toBe(FAIL);
  });
});

describe('第六条（一）（三）（七） attestations', () => {
  it.each(['politicalCommitment', 'serviceCapability', 'legalRepresentativePledge'] as const)('%s missing fails; given, it needs review', (key) => {
    const code = { politicalCommitment: 'POLITICAL_COMMITMENT', serviceCapability: 'SERVICE_CAPABILITY', legalRepresentativePledge: 'LEGAL_REPRESENTATIVE_PLEDGE' }[key];
    const missing = judge({ attestations: { [key]: false } });
    expect(criterion(missing, code)).toMatchObject({ outcome: FAIL, actual: '未承诺' });
    expect(missing.outcome).toBe(FAIL);
    expect(criterion(judge(), code)).toMatchObject({ outcome: NEEDS_REVIEW, actual: '已承诺' });
  });
});

describe('the overall outcome is the worst criterion', () => {
  it('one FAIL among NEEDS_REVIEW makes the report FAIL', () => {
    const report = judge({ declared: { pointToPointServed: 9 }, institution: { legalForm: 'OTHER' } });
    expect(report.criteria.filter((c) => c.outcome === FAIL).map((c) => c.code)).toEqual(['POINT_TO_POINT']);
    expect(report.outcome).toBe(FAIL);
  });

  it('several failing criteria are all reported', () => {
    const report = judge({ declared: { seniorExperts: 0, totalAssets: 10 }, institution: { establishedOn: '2023-01-01' } });
    expect(report.criteria.filter((c) => c.outcome === FAIL).map((c) => c.code)).toEqual(['OPERATING_YEARS', 'SENIOR_EXPERTS', 'TOTAL_ASSETS']);
  });
});

describe('registryValue: the registry’s figure for the declared year beside the declared one', () => {
  const registry = {
    seniorExperts: 8, relatedExperts: 25, partnerAgencies: 5, floorAreaOwned: 100, floorAreaRented: 20, totalAssets: 180.5, smesServed: 90, pointToPointServed: 12,
    revenue: 1000,
  };

  it('shows each registry figure, and judges on the declared one', () => {
    const report = judge({ annualFigures: registry });
    expect(criterion(report, 'SENIOR_EXPERTS')).toMatchObject({ actual: '10', registryValue: '8', outcome: PASS });
    expect(criterion(report, 'RELATED_EXPERTS')).toMatchObject({ actual: '20', registryValue: '25' });
    expect(criterion(report, 'FLOOR_AREA')).toMatchObject({ actual: '150', registryValue: '120', outcome: PASS });
    expect(criterion(report, 'TOTAL_ASSETS')).toMatchObject({ actual: '200', registryValue: '180.5' });
    expect(criterion(report, 'SMES_SERVED')).toMatchObject({ actual: '100', registryValue: '90' });
    expect(criterion(report, 'POINT_TO_POINT')).toMatchObject({ actual: '10', registryValue: '12' });
    expect(criterion(report, 'CREDIT_CLEAN').registryValue).toBeNull();
  });

  it('is null when the registry has no figures for the year', () => {
    const report = judge({ annualFigures: null });
    expect(report.criteria.every((c) => c.registryValue === null)).toBe(true);
  });

  it('shows a floor area only when the registry has one', () => {
    expect(criterion(judge({ annualFigures: { seniorExperts: 12 } }), 'FLOOR_AREA').registryValue).toBeNull();
    expect(criterion(judge({ annualFigures: { floorAreaRented: 300 } }), 'FLOOR_AREA').registryValue).toBe('300');
  });
});
