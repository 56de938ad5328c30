import { ErrorCode } from '@sme/kernel';
import { FunctionMeasure, PlatformFunction, RuleSetDataError, loadRuleSets, ruleSetInForce, ruleSetProblems, type RuleSet } from '../src';
import { sampleRuleSet } from './support/sample-rule-set';
import { refusal } from './support/report-helpers';

/** Rule sets are read-only data; the tests break copies of them. */
type Editable<T> = T extends readonly (infer U)[] ? Editable<U>[] : T extends object ? { -readonly [K in keyof T]: Editable<T[K]> } : T;

/** The problems found in one rule set built from the sample with `change` applied to a copy. */
function problemsOf(change: (r: Editable<RuleSet>) => void): string[] {
  const r = structuredClone(sampleRuleSet()) as Editable<RuleSet>;
  change(r);
  return ruleSetProblems([r as RuleSet]);
}

const period = (id: string, inForceFrom: string | null, inForceUntil: string | null, jurisdiction = '370000'): RuleSet =>
  sampleRuleSet({ id, jurisdiction, validity: { kind: 'PERIOD', inForceFrom, inForceUntil, article: '第二十九条', configurationNote: null } });

describe('rule-set data is validated when loaded', () => {
  it('accepts the sample and returns the list frozen', () => {
    expect(ruleSetProblems([sampleRuleSet()])).toEqual([]);
    const loaded = loadRuleSets([sampleRuleSet()]);
    expect(Object.isFrozen(loaded)).toBe(true);
    expect(loaded[0].id).toBe('sample-2020');
  });

  it.each<[string, (r: Editable<RuleSet>) => void, RegExp]>([
    ['a negative threshold', (r) => { (r.basicConditions.totalAssets as { min: number }).min = -1; }, /totalAssets: threshold must be a non-negative number \(-1\)/],
    ['a negative function minimum', (r) => { (r.functionRequirements[0].alternatives[0].minima[0] as { min: number }).min = -0.01; }, /OFFLINE_ENTERPRISES: threshold must be a non-negative number/],
    ['a percentage above 100', (r) => { (r.basicConditions.satisfactionPercent as { min: number }).min = 100.5; }, /satisfactionPercent: a percentage cannot exceed 100/],
    ['a fractional count', (r) => { (r.basicConditions.serviceStaff as { min: number }).min = 14.5; }, /serviceStaff: a count must be a whole number/],
    ['a fractional count of a function', (r) => { (r.functionRequirements[0].alternatives[0].minima[0] as { min: number }).min = 119.5; }, /OFFLINE_ENTERPRISES: a count must be a whole number/],
    ['a missing article of a condition', (r) => { (r.basicConditions.smesServed as { article: string }).article = ''; }, /smesServed: article missing/],
    ['a missing article of a function', (r) => { (r.functionRequirements[1] as { article: string }).article = ' '; }, /function FINANCING: article missing/],
    ['a missing article of a relaxation', (r) => { (r.relaxations[0] as { article: string }).article = ''; }, /relaxation PUBLIC_BODY: article missing/],
    ['a missing article of the validity', (r) => { (r.validity as { article: string }).article = ''; }, /validity: article missing/],
    ['dates out of order', (r) => { r.validity = { kind: 'PERIOD', inForceFrom: '2023-10-07', inForceUntil: '2023-10-06', article: '第二十九条', configurationNote: null }; }, /inForceFrom 2023-10-07 is after inForceUntil 2023-10-06/],
    ['a date that does not exist', (r) => { r.validity = { kind: 'PERIOD', inForceFrom: '2023-02-29', inForceUntil: null, article: '第二十九条', configurationNote: null }; }, /inForceFrom: not a date \(2023-02-29\)/],
    ['a campaign year out of range', (r) => { r.validity = { kind: 'CAMPAIGN', campaignYear: 20024, article: '通知', configurationNote: null }; }, /campaign year 20024 out of range/],
    ['a relaxation above the standard', (r) => { (r.relaxations[0].conditions[0] as { relaxedMin: number }).relaxedMin = 250; }, /totalAssets relaxedMin 250 is above the standard 200/],
    ['a negative relaxation', (r) => { (r.relaxations[0].conditions[0] as { relaxedMin: number }).relaxedMin = -5; }, /totalAssets relaxedMin must be a non-negative number/],
    ['a number for growth', (r) => { (r.relaxations[1].conditions[1] as { relaxedMin: number | null }).relaxedMin = 1; }, /servedGrowth has no number to relax to/],
    ['an unknown legal form', (r) => { r.relaxations[0] = { ...r.relaxations[0], appliesTo: { legalForms: ['COOPERATIVE' as never] } }; }, /unknown legal form COOPERATIVE/],
    ['a relaxation of nothing', (r) => { r.relaxations[0] = { ...r.relaxations[0], conditions: [] }; }, /relaxation PUBLIC_BODY: relaxes no condition/],
    ['a function offered without requirements', (r) => { r.functions = [...r.functions, PlatformFunction.LEGAL]; }, /function LEGAL needs exactly one requirement \(has 0\)/],
    ['requirements for a function not offered', (r) => { r.functions = [PlatformFunction.INFORMATION]; }, /function FINANCING: has requirements but is not offered/],
    ['an alternative that asks nothing', (r) => { r.functionRequirements[0].alternatives[0] = { label: null, attestations: [], minima: [] }; }, /alternative 1: requires nothing/],
    ['alternatives without labels', (r) => { r.functionRequirements[1].alternatives[0] = { ...r.functionRequirements[1].alternatives[0], label: null }; }, /label missing/],
    ['a measure twice in one function', (r) => {
      r.functionRequirements[1].alternatives[1] = { ...r.functionRequirements[1].alternatives[1], minima: [{ measure: FunctionMeasure.AMOUNT_FINANCED, min: 1, unit: '亿元', description: '重复' }] };
    }, /AMOUNT_FINANCED repeats/],
    ['a city code as jurisdiction', (r) => { r.jurisdiction = '370100'; }, /jurisdiction 370100 is not a province code/],
    ['a prior recognition required with no kind accepted', (r) => { r.basicConditions.priorRecognition = { required: true, kinds: [], article: '第十四条（四）' }; }, /priorRecognition: required but no kind accepted/],
    ['growth over fewer than two years', (r) => { r.basicConditions.servedGrowth = { years: 1, article: '第十四条（二）' }; }, /servedGrowth: years must be a whole number of at least 2/],
    ['a designation valid for no years', (r) => { r.designation = { ...r.designation, validityYears: 0 }; }, /designation: validityYears must be a whole number of at least 1/],
  ])('refuses %s', (_, change, expected) => {
    const problems = problemsOf(change);
    expect(problems.join('\n')).toMatch(expected);
  });

  it('names every problem at once, and loading throws them', () => {
    const broken = structuredClone(sampleRuleSet());
    (broken.basicConditions.aggregatedAgencies as { min: number }).min = -1;
    (broken.basicConditions.smesServed as { article: string }).article = '';
    let thrown: unknown;
    try {
      loadRuleSets([broken]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuleSetDataError);
    expect((thrown as RuleSetDataError).problems).toEqual([
      'rule set sample-2020 smesServed: article missing',
      'rule set sample-2020 aggregatedAgencies: threshold must be a non-negative number (-1)',
    ]);
    expect((thrown as Error).message).toContain('smesServed: article missing');
  });

  describe('two rule sets of one jurisdiction may not be in force on the same day', () => {
    it('refuses a successor that starts on the last day of its predecessor', () => {
      const problems = ruleSetProblems([period('a', '2020-10-07', '2023-10-06'), period('b', '2023-10-06', null)]);
      expect(problems).toEqual([expect.stringMatching(/rule sets a \(2020-10-07 – 2023-10-06\) and b \(2023-10-06 – …\) of 370000 are in force on the same days/)]);
      expect(() => loadRuleSets([period('a', '2020-10-07', '2023-10-06'), period('b', '2023-10-06', null)])).toThrow(RuleSetDataError);
    });

    it('accepts a successor that starts the day after', () => {
      expect(ruleSetProblems([period('a', '2020-10-07', '2023-10-06'), period('b', '2023-10-07', null)])).toEqual([]);
    });

    it('refuses an open-ended rule set followed by any other', () => {
      expect(ruleSetProblems([period('a', '2020-10-07', null), period('b', '2030-01-01', '2030-12-31')])).toHaveLength(1);
      expect(ruleSetProblems([period('a', null, '2020-10-06'), period('b', '2019-01-01', '2019-12-31')])).toHaveLength(1);
    });

    it('refuses a campaign inside a period', () => {
      const campaign = sampleRuleSet({ id: 'c', validity: { kind: 'CAMPAIGN', campaignYear: 2023, article: '通知', configurationNote: null } });
      expect(ruleSetProblems([period('a', '2020-10-07', '2023-01-01'), campaign])).toHaveLength(1);
      expect(ruleSetProblems([period('a', '2020-10-07', '2022-12-31'), campaign])).toEqual([]);
    });

    it('lets two jurisdictions have rule sets on the same days', () => {
      expect(ruleSetProblems([period('a', '2020-10-07', null), period('b', '2020-10-07', null, '640000')])).toEqual([]);
    });

    it('refuses the same id twice', () => {
      expect(ruleSetProblems([period('a', '2020-10-07', '2020-12-31'), period('a', '2021-01-01', null, '640000')])).toEqual(['rule set id a repeats']);
    });
  });
});

describe('ruleSetInForce: the rule set in force on the submission date', () => {
  const first = period('first', '2020-10-07', '2023-10-06');
  const ruleSets = loadRuleSets([first]);

  it('judges from the first day through the last day, both included', () => {
    expect(ruleSetInForce(ruleSets, '370000', '2020-10-07').id).toBe('first');
    expect(ruleSetInForce(ruleSets, '370000', '2023-10-06').id).toBe('first');
  });

  it.each(['2020-10-06', '2023-10-07'])('refuses %s with NO_RULE_SET_IN_FORCE, naming the document and its dates in both languages', (day) => {
    const error = refusal(() => ruleSetInForce(ruleSets, '370000', day));
    expect(error).toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      reason: 'NO_RULE_SET_IN_FORCE',
      jurisdiction: '370000',
      submittedOn: day,
      ruleSets: [{ id: 'first', document: '样工信发〔2020〕1号《示范平台认定管理办法（样例）》', inForceFrom: '2020-10-07', inForceUntil: '2023-10-06', article: '样 第二十九条' }],
    });
    expect(error.messageZh).toBe(`${day} 无有效的山东省示范平台认定规则：样工信发〔2020〕1号《示范平台认定管理办法（样例）》（2020-10-07 至 2023-10-06，样 第二十九条）`);
    expect(error.messageEn).toBe(`No 山东省 demonstration-platform rule set is in force on ${day}: 样工信发〔2020〕1号《示范平台认定管理办法（样例）》 (in force 2020-10-07 to 2023-10-06, 样 第二十九条)`);
  });

  it('hands over to a successor on its first day', () => {
    const both = loadRuleSets([first, period('second', '2023-10-07', null)]);
    expect(ruleSetInForce(both, '370000', '2023-10-06').id).toBe('first');
    expect(ruleSetInForce(both, '370000', '2023-10-07').id).toBe('second');
    expect(ruleSetInForce(both, '370000', '2099-12-31').id).toBe('second');
    expect(refusal(() => ruleSetInForce(both, '370000', '2020-10-06')).ruleSets.map((r: { id: string }) => r.id)).toEqual(['first', 'second']);
  });

  it('treats a null start as in force since issue', () => {
    const fromIssue = loadRuleSets([period('open', null, null)]);
    expect(ruleSetInForce(fromIssue, '370000', '1990-01-01').id).toBe('open');
    expect(refusal(() => ruleSetInForce(loadRuleSets([period('until', null, '2020-01-01')]), '370000', '2020-01-02')).messageZh).toContain('自印发之日起 至 2020-01-01');
  });

  it('judges a campaign rule set through its year', () => {
    const campaign = loadRuleSets([sampleRuleSet({ id: 'c2024', validity: { kind: 'CAMPAIGN', campaignYear: 2024, article: '通知', configurationNote: null } })]);
    expect(ruleSetInForce(campaign, '370000', '2024-01-01').id).toBe('c2024');
    expect(ruleSetInForce(campaign, '370000', '2024-12-31').id).toBe('c2024');
    expect(refusal(() => ruleSetInForce(campaign, '370000', '2023-12-31')).reason).toBe('NO_RULE_SET_IN_FORCE');
    expect(refusal(() => ruleSetInForce(campaign, '370000', '2025-01-01')).reason).toBe('NO_RULE_SET_IN_FORCE');
  });

  it('refuses a jurisdiction without rule sets', () => {
    const error = refusal(() => ruleSetInForce(ruleSets, '640000', '2021-01-01'));
    expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'NO_RULE_SET_IN_FORCE', ruleSets: [] });
    expect(error.messageZh).toBe('宁夏回族自治区（640000）没有示范平台认定规则');
  });

  it('refuses a date that is not one', () => {
    expect(refusal(() => ruleSetInForce(ruleSets, '370000', '2021-02-29'))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_DATE' });
  });

  it('treats overlapping data that bypassed loading as a data error', () => {
    expect(() => ruleSetInForce([first, period('copy', '2023-01-01', null)], '370000', '2023-06-01')).toThrow(RuleSetDataError);
  });
});
