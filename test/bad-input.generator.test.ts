import { isDeepStrictEqual } from 'node:util';
import { badVariants, supergraphSchema } from './support/bad-values';

/**
 * The bad-value generator itself (test/support/bad-values.ts), on the supergraph's own types: each variant changes
 * exactly one leaf or drops exactly one required input, and each leaf type gets the bad values SPEC §2 names.
 */
const schema = supergraphSchema();

/** The paths at which two JSON values differ (a missing key counts as a difference at that key). */
function differences(a: unknown, b: unknown, at = ''): string[] {
  if (isDeepStrictEqual(a, b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b) && !Array.isArray(a)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as any)[k], (b as any)[k], at ? `${at}.${k}` : k));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((x, i) => differences(x, b[i], `${at}[${i}]`));
  return [at];
}

const REGISTER = 'mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }';
const valid = { input: { creditCode: '91350100M000100Y43', name: '机构', legalForm: 'ENTERPRISE', regionCode: '140105', establishedOn: '2015-06-01' } };

it('changes exactly one leaf per variant, or drops one required input', () => {
  const variants = badVariants(schema, REGISTER, valid);
  expect(variants.length).toBeGreaterThan(20);
  for (const v of variants) {
    const changed = differences({ $input: valid.input }, { $input: v.variables.input });
    expect({ kind: v.kind, changed: changed.length }).toEqual({ kind: v.kind, changed: 1 });
    expect(changed[0]).toBe(v.path.startsWith('$') ? v.path : `$${v.path}`);
  }
});

it('gives each leaf type its bad values', () => {
  const kinds = (path: string) => badVariants(schema, REGISTER, valid).filter((v) => v.path === path).map((v) => v.kind).sort();
  expect(kinds('input.creditCode')).toEqual([
    'CREDIT_CODE_17_CHARACTERS', 'CREDIT_CODE_LETTER_I', 'CREDIT_CODE_LETTER_O', 'CREDIT_CODE_LETTER_S', 'CREDIT_CODE_LETTER_V', 'CREDIT_CODE_LETTER_Z',
    'CREDIT_CODE_LOWER_CASE', 'CREDIT_CODE_WRONG_CHECK_CHARACTER', 'REQUIRED_FIELD_MISSING',
  ]);
  expect(kinds('input.legalForm')).toEqual(['ENUM_UNKNOWN_VALUE', 'REQUIRED_FIELD_MISSING']);
  expect(kinds('input.establishedOn')).toEqual(['DATE_IMPOSSIBLE_2023-02-30', 'DATE_OUT_OF_RANGE_9999-12-31', 'REQUIRED_FIELD_MISSING']);
  // a required text: over-long, a control character, blank; an optional one is not given a blank (blank means none)
  expect(kinds('input.name')).toEqual(['REQUIRED_FIELD_MISSING', 'STRING_50000_CHARACTERS', 'STRING_CONTROL_NUL', 'STRING_EMPTY']);
  expect(kinds('input.address')).toEqual(['STRING_50000_CHARACTERS', 'STRING_CONTROL_RLO']);
  expect(kinds('$input')).toEqual(['REQUIRED_VARIABLE_MISSING']);
});

it('gives numbers negative and huge values, percentages more than 100, and lists empty and 10 000 items', () => {
  const facts = 'mutation($input: RecordAnnualFactsInput!) { recordAnnualFacts(input: $input) { year } }';
  const variants = badVariants(schema, facts, { input: { institutionId: 'x', year: 2024, totalAssets: 1, satisfactionRate: 90, profit: -3 } });
  const kinds = (path: string) => variants.filter((v) => v.path === path).map((v) => v.kind).sort();
  expect(kinds('input.year')).toEqual(['INT_HUGE_2147483647', 'INT_NEGATIVE', 'REQUIRED_FIELD_MISSING']);
  expect(kinds('input.satisfactionRate').filter((k) => k !== 'REQUIRED_FIELD_MISSING')).toEqual(['FLOAT_1E308', 'FLOAT_NEGATIVE', 'FLOAT_OVER_100_PERCENT']);
  expect(kinds('input.profit').filter((k) => k !== 'REQUIRED_FIELD_MISSING')).toEqual(['FLOAT_1E308']); // a loss is a negative profit
  const notice = 'mutation($input: StartLibraryPublicNoticeInput!) { shanxiStartLibraryPublicNotice(input: $input) { id } }';
  const lists = badVariants(schema, notice, { input: { applicationIds: ['a'] } }).filter((v) => v.path === 'input.applicationIds' && v.kind.startsWith('LIST_'));
  expect(lists.map((v) => [v.kind, (v.variables.input as { applicationIds: unknown[] }).applicationIds.length])).toEqual([['LIST_EMPTY', 0], ['LIST_10000_ITEMS', 10_000]]);
});

it('adds a variable for each argument the document leaves out, so it gets bad values too', () => {
  const variants = badVariants(schema, 'mutation { shanxiRunLibrarySchedule { asOf } }', {});
  expect(variants.map((v) => v.kind)).toEqual(['DATE_IMPOSSIBLE_2023-02-30', 'DATE_OUT_OF_RANGE_9999-12-31']);
  expect(variants[0].document).toContain('shanxiRunLibrarySchedule(asOf: $asOf)');
  expect(variants[0].document).toContain('mutation ($asOf: Date)');
});
