import { chinaToday, composeCreditCode, Role } from '@sme/kernel';
import { errorCode, schemaChecksums, tokenFor } from '@sme/testing';
import { startRegistry, REGISTER } from './start-registry';

let registry: Awaited<ReturnType<typeof startRegistry>>;
let admin: string;
let institutionId: string;
let otherInstitutionId: string;
beforeAll(async () => {
  registry = await startRegistry();
  admin = await tokenFor(Role.ADMIN);
  institutionId = await register('太原市年度情况测试服务有限公司', '140105');
  otherInstitutionId = await register('大同市年度情况测试服务有限公司', '140214');
});
afterAll(() => registry.stop());

let serial = 0;
async function register(name: string, regionCode: string): Promise<string> {
  const creditCode = composeCreditCode('9', '1', '140105', `MA0T${String(2000 + serial++).padStart(4, '0')}`);
  const result = await registry.query(REGISTER, { input: { creditCode, name, legalForm: 'ENTERPRISE', regionCode, establishedOn: '2018-04-01' } }, admin);
  expect(result.errors).toBeUndefined();
  return result.data.registerInstitution.id;
}

const THIS_YEAR = Number(chinaToday().slice(0, 4));

const RECORD = `mutation Record($input: RecordAnnualFactsInput!) {
  recordAnnualFacts(input: $input) { id year totalAssets revenue serviceRevenue profit smesServed pointToPointServed satisfactionRate staff fullTimeServiceStaff }
}`;
const READ_FACTS = `query Facts($id: ID!, $year: Int) { institution(id: $id) { id annualFacts(year: $year) { year revenue profit } } }`;

const FIGURES = {
  totalAssets: 1200.5,
  revenue: 800,
  serviceRevenue: 600,
  profit: 50,
  tax: 30,
  smesServed: 300,
  pointToPointServed: 120,
  satisfactionRate: 92.5,
  floorAreaOwned: 500,
  floorAreaRented: 300,
  staff: 40,
  fullTimeServiceStaff: 25,
  qualifiedStaff: 30,
  seniorExperts: 5,
  relatedExperts: 10,
  partnerAgencies: 8,
  publicWelfareShare: 35,
};
const facts = (overrides: Record<string, unknown> = {}) => ({ institutionId, year: 2022, ...FIGURES, ...overrides });

/** The relay marks outbox rows published asynchronously: checksums are compared once it has caught up. */
async function outboxDrained(): Promise<void> {
  const em = registry.orm.em.fork();
  for (let attempt = 0; attempt < 250; attempt++) {
    const [{ n }] = await em.execute(`select count(*)::int as n from registry.outbox where published_at is null`);
    if (n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the outbox relay did not catch up');
}

async function expectRefusedUnchanged(variables: Record<string, unknown>, token: string | null, code: string, reason?: string, field?: string) {
  await outboxDrained();
  const before = await schemaChecksums(registry.databaseUrl, 'registry');
  const result = await registry.query(RECORD, variables, token);
  expect(result.data?.recordAnnualFacts ?? null).toBeNull();
  expect(errorCode(result)).toBe(code);
  if (reason !== undefined) expect(result.errors![0].extensions.reason).toBe(reason);
  if (field !== undefined) expect(result.errors![0].extensions.field).toBe(field);
  expect(await schemaChecksums(registry.databaseUrl, 'registry')).toEqual(before);
  return result;
}

describe('recordAnnualFacts', () => {
  it('records a year, then corrects it in place: one row, audited before/after, one event per call', async () => {
    const first = await registry.query(RECORD, { input: facts() }, admin);
    expect(first.errors).toBeUndefined();
    expect(first.data.recordAnnualFacts).toMatchObject({ year: 2022, revenue: 800, profit: 50, satisfactionRate: 92.5 });

    const corrected = await registry.query(RECORD, { input: facts({ revenue: 900, serviceRevenue: 650, profit: -12.5 }) }, admin);
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data.recordAnnualFacts).toMatchObject({ id: first.data.recordAnnualFacts.id, year: 2022, revenue: 900, profit: -12.5 });

    const em = registry.orm.em.fork();
    const rows = await em.execute(`select year, revenue, service_revenue, profit from registry.annual_facts where institution_id = ?`, [institutionId]);
    expect(rows).toEqual([{ year: 2022, revenue: 900, service_revenue: 650, profit: -12.5 }]);

    const audit: { action: string; actor_role: string; before: unknown; after: unknown }[] = await em.execute(
      `select action, actor_role, before, after from registry.audit_entries where record_type = 'Institution' and record_id = ? and action like '%ANNUAL_FACTS' order by at, id`,
      [institutionId],
    );
    expect(audit.map((a) => a.action)).toEqual(['RECORD_ANNUAL_FACTS', 'CORRECT_ANNUAL_FACTS']);
    expect(audit[0].before).toBeNull();
    expect(audit[0].after).toMatchObject({ year: 2022, revenue: 800, serviceRevenue: 600, profit: 50 });
    expect(audit[1].before).toMatchObject({ revenue: 800, serviceRevenue: 600, profit: 50, staff: 40 });
    expect(audit[1].after).toMatchObject({ year: 2022, revenue: 900, serviceRevenue: 650, profit: -12.5, staff: 40 });
    expect(audit[1].actor_role).toBe('ADMIN');

    const events: { type: string; institution: string; year: number; revenue: number; code: string }[] = await em.execute(
      `select type, payload->>'institutionId' as institution, (payload->>'year')::int as year, (payload->>'revenue')::float as revenue, payload->>'creditCode' as code
       from registry.outbox where aggregate_id = ? and type like '%AnnualFacts%' order by seq`,
      [institutionId],
    );
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.type)).toEqual(['registry.AnnualFactsRecorded.v1', 'registry.AnnualFactsRecorded.v1']);
    expect(events.map((e) => e.revenue)).toEqual([800, 900]);
    expect(events.every((e) => e.institution === institutionId && e.year === 2022 && /^[0-9A-Z]{18}$/.test(e.code))).toBe(true);
  });

  it.each([
    ['a negative profit', { year: 2019, profit: -350.75 }],
    ['a satisfaction rate of exactly 100', { year: 2020, satisfactionRate: 100, publicWelfareShare: 100 }],
    ['parts equal to their wholes', { year: 2021, pointToPointServed: 300, fullTimeServiceStaff: 40, qualifiedStaff: 40, serviceRevenue: 800 }],
    ['zeros everywhere', { year: 2023, ...Object.fromEntries(Object.keys(FIGURES).map((k) => [k, 0])) }],
    ['the founding year', { year: 2018 }],
    ['the current year', { year: THIS_YEAR }],
  ])('accepts %s', async (_label, overrides) => {
    const result = await registry.query(RECORD, { input: facts(overrides) }, admin);
    expect(result.errors).toBeUndefined();
    expect(result.data.recordAnnualFacts).toMatchObject({ year: overrides.year });
  });

  it.each([
    ['a negative count', { staff: -1 }, 'NEGATIVE', 'staff'],
    ['a negative amount', { totalAssets: -0.01 }, 'NEGATIVE', 'totalAssets'],
    ['a negative area', { floorAreaRented: -5 }, 'NEGATIVE', 'floorAreaRented'],
    ['a satisfaction rate of 100.1', { satisfactionRate: 100.1 }, 'OUT_OF_RANGE', 'satisfactionRate'],
    ['a public-welfare share over 100', { publicWelfareShare: 150 }, 'OUT_OF_RANGE', 'publicWelfareShare'],
    ['a huge amount', { totalAssets: 1e12 }, 'OUT_OF_RANGE', 'totalAssets'],
    ['a hugely negative profit', { profit: -1e12 }, 'OUT_OF_RANGE', 'profit'],
    ['a huge count', { smesServed: 2_000_000_000, pointToPointServed: 1 }, 'OUT_OF_RANGE', 'smesServed'],
    ['point-to-point above SMEs served', { pointToPointServed: 301 }, 'INCONSISTENT', 'pointToPointServed'],
    ['full-time staff above staff', { fullTimeServiceStaff: 41 }, 'INCONSISTENT', 'fullTimeServiceStaff'],
    ['service revenue above revenue', { serviceRevenue: 800.01 }, 'INCONSISTENT', 'serviceRevenue'],
    ['a year before establishment', { year: 2017 }, 'OUT_OF_RANGE', 'year'],
    ['a future year', { year: THIS_YEAR + 1 }, 'OUT_OF_RANGE', 'year'],
  ])('refuses %s with BAD_USER_INPUT and changes nothing', async (_label, overrides, reason, field) => {
    const result = await expectRefusedUnchanged({ input: facts(overrides) }, admin, 'BAD_USER_INPUT', reason, field);
    expect(result.errors![0].message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  });

  it('refuses a correction that breaks a rule and keeps the recorded figures', async () => {
    await expectRefusedUnchanged({ input: facts({ revenue: -1 }) }, admin, 'BAD_USER_INPUT', 'NEGATIVE', 'revenue');
    const rows = await registry.orm.em.fork().execute(`select revenue from registry.annual_facts where institution_id = ? and year = 2022`, [institutionId]);
    expect(rows).toEqual([{ revenue: 900 }]);
  });

  it('refuses a count beyond GraphQL Int and a missing figure at the schema level', async () => {
    await expectRefusedUnchanged({ input: facts({ smesServed: 3_000_000_000 }) }, admin, 'BAD_USER_INPUT');
    const { tax: _tax, ...withoutTax } = facts();
    await expectRefusedUnchanged({ input: withoutTax }, admin, 'BAD_USER_INPUT');
  });

  it.each([
    ['an unknown institution', '00000000-0000-4000-8000-000000000000'],
    ['a malformed institution id', 'not-a-uuid'],
  ])('answers NOT_FOUND for %s and changes nothing', async (_label, id) => {
    await expectRefusedUnchanged({ input: facts({ institutionId: id }) }, admin, 'NOT_FOUND');
  });

  it.each([
    ['anonymous', null, 'UNAUTHENTICATED'],
    ['an analyst', { role: Role.ANALYST }, 'FORBIDDEN'],
    ['an expert', { role: Role.EXPERT }, 'FORBIDDEN'],
    ['a county reviewer of another county', { role: Role.COUNTY_REVIEWER, region: '140106' }, 'FORBIDDEN'],
    ['a city reviewer of another city', { role: Role.CITY_REVIEWER, region: '140200' }, 'FORBIDDEN'],
    ['a province reviewer of another province', { role: Role.PROVINCE_REVIEWER, region: '130000' }, 'FORBIDDEN'],
  ])('refuses %s and changes nothing', async (_label, who, code) => {
    const token = who ? await tokenFor(who.role, { region: (who as { region?: string }).region }) : null;
    await expectRefusedUnchanged({ input: facts({ year: 2024, revenue: 1000 }) }, token, code);
  });

  it('lets reviewers of the institution’s county, city and province record', async () => {
    for (const [role, region, year] of [[Role.COUNTY_REVIEWER, '140105', 2019], [Role.CITY_REVIEWER, '140100', 2020], [Role.PROVINCE_REVIEWER, '140000', 2021]] as const) {
      const result = await registry.query(RECORD, { input: facts({ year }) }, await tokenFor(role, { region }));
      expect(result.errors).toBeUndefined();
    }
  });
});

describe('Institution.annualFacts (restricted)', () => {
  it('is FORBIDDEN anonymously, to an expert, to a reviewer outside the region and to another applicant', async () => {
    const outsiders = [
      null,
      await tokenFor(Role.EXPERT),
      await tokenFor(Role.CITY_REVIEWER, { region: '140200' }),
      await tokenFor(Role.APPLICANT, { institutionId: otherInstitutionId }),
    ];
    for (const token of outsiders) {
      const result = await registry.query(READ_FACTS, { id: institutionId }, token);
      expect(errorCode(result)).toBe('FORBIDDEN');
      expect(result.data?.institution ?? null).toBeNull();
    }
  });

  it('is readable by a reviewer of the region, the institution’s own applicant and an analyst, newest year first', async () => {
    const readers = [
      await tokenFor(Role.COUNTY_REVIEWER, { region: '140105' }),
      await tokenFor(Role.CITY_REVIEWER, { region: '140100' }),
      await tokenFor(Role.APPLICANT, { institutionId }),
      await tokenFor(Role.ANALYST),
    ];
    for (const token of readers) {
      const result = await registry.query(READ_FACTS, { id: institutionId }, token);
      expect(result.errors).toBeUndefined();
      const years = result.data.institution.annualFacts.map((f: { year: number }) => f.year);
      expect(years).toEqual([...new Set([THIS_YEAR, 2023, 2022, 2021, 2020, 2019, 2018])].sort((a, b) => b - a));
      expect(result.data.institution.annualFacts.find((f: { year: number }) => f.year === 2022)).toEqual({ year: 2022, revenue: 900, profit: -12.5 });
    }
  });

  it('filters by year, and another institution’s facts stay its own', async () => {
    const reviewer = await tokenFor(Role.PROVINCE_REVIEWER, { region: '140000' });
    const one = await registry.query(READ_FACTS, { id: institutionId, year: 2019 }, reviewer);
    expect(one.data.institution.annualFacts).toEqual([{ year: 2019, revenue: 800, profit: 50 }]);
    const other = await registry.query(READ_FACTS, { id: otherInstitutionId }, reviewer);
    expect(other.errors).toBeUndefined();
    expect(other.data.institution.annualFacts).toEqual([]);
  });
});
