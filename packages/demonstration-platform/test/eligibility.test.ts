import { EligibilityOutcome, ErrorCode } from '@sme/kernel';
import { FunctionMeasure, PlatformFunction, PriorRecognitionKind, judgePlatformEligibility, type PlatformEligibilityInput } from '../src';
import { sampleRuleSet } from './support/sample-rule-set';
import { refusal } from './support/report-helpers';

/**
 * The judge itself, on the sample rule set: input it refuses before judging, how relaxations combine when more
 * than one applies, and that it judges only by a rule set in force on the date judged. The provinces' thresholds
 * are tested at their boundaries in the shandong and ningxia subgraphs.
 */
const AS_OF = '2022-06-01';
const ruleSet = sampleRuleSet();
const { PASS, FAIL, RELAXED_PASS, NEEDS_REVIEW } = EligibilityOutcome;

function input(change: (i: PlatformEligibilityInput) => void = () => {}): PlatformEligibilityInput {
  const i: PlatformEligibilityInput = {
    registry: { legalForm: 'ENTERPRISE', establishedOn: '2019-01-01', regionCode: '370102' },
    declared: {
      totalAssets: 300, servedByYear: [{ year: 2020, smesServed: 150 }, { year: 2021, smesServed: 160 }], satisfactionPercent: 95,
      aggregatedAgencies: 6, publicWelfareSharePercent: 25, serviceStaff: 20, qualifiedServiceStaff: 18,
    },
    priorRecognitions: [{ kind: PriorRecognitionKind.CITY_PLATFORM, issuer: '济南市工业和信息化局', recognisedOn: '2021-01-01' }],
    functions: [{ function: PlatformFunction.FINANCING, figures: { [FunctionMeasure.AMOUNT_FINANCED]: 5 }, attested: [] }],
  };
  change(i);
  return i;
}

const judge = (i: PlatformEligibilityInput, asOf = AS_OF) => judgePlatformEligibility(ruleSet, i, asOf);
const outcome = (i: PlatformEligibilityInput, code: string) => judge(i).criteria.find((c) => c.code === code)?.outcome;

describe('input the judge refuses before judging', () => {
  it('accepts the sample input', () => {
    expect(judge(input()).outcome).toBe(PASS);
  });

  it.each<[string, (i: PlatformEligibilityInput) => void, string]>([
    ['negative assets', (i) => { (i.declared as { totalAssets: number }).totalAssets = -1; }, 'NEGATIVE'],
    ['a satisfaction above 100%', (i) => { (i.declared as { satisfactionPercent: number }).satisfactionPercent = 100.01; }, 'OUT_OF_RANGE'],
    ['a fractional staff count', (i) => { (i.declared as { serviceStaff: number }).serviceStaff = 15.5; }, 'OUT_OF_RANGE'],
    ['more qualified staff than staff', (i) => { (i.declared as { qualifiedServiceStaff: number }).qualifiedServiceStaff = 21; }, 'QUALIFIED_EXCEEDS_STAFF'],
    ['the same year twice', (i) => { (i.declared as { servedByYear: unknown }).servedByYear = [{ year: 2021, smesServed: 1 }, { year: 2021, smesServed: 2 }]; }, 'DUPLICATE_YEAR'],
    ['a function the rule set does not offer', (i) => { i.functions = [{ function: PlatformFunction.LEGAL, figures: {}, attested: [] }]; }, 'FUNCTION_NOT_OFFERED'],
    ['the same function twice', (i) => { i.functions = [...i.functions, ...i.functions]; }, 'DUPLICATE_FUNCTION'],
    ['a negative function figure', (i) => { i.functions = [{ function: PlatformFunction.FINANCING, figures: { [FunctionMeasure.AMOUNT_FINANCED]: -5 }, attested: [] }]; }, 'NEGATIVE'],
    ['a fractional count of enterprises', (i) => { i.functions = [{ function: PlatformFunction.INFORMATION, figures: { [FunctionMeasure.OFFLINE_ENTERPRISES]: 120.5 }, attested: [] }]; }, 'OUT_OF_RANGE'],
    ['an unknown attestation', (i) => { i.functions = [{ function: PlatformFunction.INFORMATION, figures: {}, attested: ['WEBSITE' as never] }]; }, 'UNKNOWN_ATTESTATION'],
    ['a founding date that does not exist', (i) => { i.registry.establishedOn = '2019-02-29'; }, 'INVALID_DATE'],
    ['a recognition without issuer', (i) => { i.priorRecognitions = [{ ...i.priorRecognitions[0], issuer: '  ' }]; }, 'INVALID_TEXT'],
  ])('refuses %s', (_, change, reason) => {
    expect(refusal(() => judge(input(change)))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason });
  });

  it('judges money figures with decimals (4.99亿 is short of 5亿)', () => {
    expect(outcome(input((i) => { i.functions = [{ function: PlatformFunction.FINANCING, figures: { [FunctionMeasure.AMOUNT_FINANCED]: 4.99 }, attested: [] }]; }), 'FINANCING_AMOUNT_FINANCED')).toBe(FAIL);
  });
});

describe('relaxations that apply together', () => {
  const at = (legalForm: string, regionCode: string, totalAssets: number) =>
    outcome(input((i) => { i.registry = { ...i.registry, legalForm, regionCode }; (i.declared as { totalAssets: number }).totalAssets = totalAssets; }), 'TOTAL_ASSETS');

  it('a relaxed number met is RELAXED_PASS even where a discretionary relaxation also applies', () => {
    expect(at('PUBLIC_INSTITUTION', '640402', 100)).toBe(RELAXED_PASS);
  });

  it('below the relaxed number, a discretionary relaxation leaves it to the reviewer', () => {
    expect(at('PUBLIC_INSTITUTION', '640402', 50)).toBe(NEEDS_REVIEW);
    expect(at('ENTERPRISE', '640402', 50)).toBe(NEEDS_REVIEW);
  });

  it('without any relaxation that applies, it fails', () => {
    expect(at('PUBLIC_INSTITUTION', '370102', 50)).toBe(FAIL);
    expect(at('ENTERPRISE', '370102', 199)).toBe(FAIL);
  });

  it('an unknown region is not mountainous', () => {
    expect(at('ENTERPRISE', '999999', 199)).toBe(FAIL);
  });
});

describe('the date judged', () => {
  it('refuses to judge by a rule set not in force that day', () => {
    expect(refusal(() => judge(input(), '2023-10-07'))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'NO_RULE_SET_IN_FORCE' });
  });

  it('counts two years from a founding on 29 February to 28 February', () => {
    const leap = input((i) => { i.registry.establishedOn = '2020-02-29'; });
    expect(judge(leap, '2022-02-28').criteria.find((c) => c.code === 'OPERATING_YEARS')?.outcome).toBe(PASS);
    expect(judge(leap, '2022-02-27').criteria.find((c) => c.code === 'OPERATING_YEARS')?.outcome).toBe(FAIL);
  });
});
