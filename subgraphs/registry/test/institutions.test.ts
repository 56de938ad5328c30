import { composeCreditCode, Role } from '@sme/kernel';
import { startRegistry, REGISTER } from './start-registry';
import { errorCode, schemaChecksums, tokenFor } from '@sme/testing';

let registry: Awaited<ReturnType<typeof startRegistry>>;
let admin: string;
let taiyuanCity: string;
beforeAll(async () => {
  registry = await startRegistry();
  admin = await tokenFor(Role.ADMIN);
  taiyuanCity = await tokenFor(Role.CITY_REVIEWER, { region: '140100' });
});
afterAll(() => registry.stop());

let serial = 0;
const newCode = (division = '140105') => composeCreditCode('9', '1', division, `MA0T${String(1000 + serial++).padStart(4, '0')}`);
const input = (overrides: Record<string, unknown> = {}) => ({
  creditCode: newCode(),
  name: `太原测试服务有限公司${serial}`,
  legalForm: 'ENTERPRISE',
  regionCode: '140105',
  establishedOn: '2018-04-01',
  contactPhone: '0351-1234567',
  ...overrides,
});

describe('registerInstitution', () => {
  it('registers, audits and publishes the event in the same transaction', async () => {
    const result = await registry.query(REGISTER, { input: input({ name: '  太原市晋阳科技服务有限公司 ' }) }, taiyuanCity);
    expect(result.errors).toBeUndefined();
    const institution = result.data.registerInstitution;
    expect(institution).toMatchObject({ name: '太原市晋阳科技服务有限公司', version: 1, region: { code: '140105', name: '小店区' } });
    const em = registry.orm.em.fork();
    const audit = await em.execute(`select action, actor_role from registry.audit_entries where record_id = ?`, [institution.id]);
    expect(audit).toEqual([{ action: 'REGISTER', actor_role: 'CITY_REVIEWER' }]);
    const events = await em.execute(`select type, payload->>'creditCode' as code from registry.outbox where aggregate_id = ?`, [institution.id]);
    expect(events).toEqual([{ type: 'registry.InstitutionRegistered.v1', code: institution.creditCode }]);
  });

  it.each([
    ['an invalid credit code', { creditCode: '91350100M000100Y44' }, 'INVALID_CREDIT_CODE', undefined],
    ['an unknown region', { regionCode: '149999' }, 'BAD_USER_INPUT', 'UNKNOWN_REGION'],
    ['a province as region', { regionCode: '140000' }, 'BAD_USER_INPUT', 'REGION_TOO_COARSE'],
    ['a future establishment date', { establishedOn: '2099-01-01' }, 'BAD_USER_INPUT', 'FUTURE_DATE'],
    ['an impossible date', { establishedOn: '2023-02-30' }, 'BAD_USER_INPUT', 'INVALID_DATE'],
    ['an unknown legal form', { legalForm: 'COMPANY' }, 'BAD_USER_INPUT', undefined],
    ['an empty name', { name: '   ' }, 'BAD_USER_INPUT', 'INVALID_TEXT'],
    ['a control character in the name', { name: '机构\u0007名称' }, 'BAD_USER_INPUT', 'INVALID_TEXT'],
    ['an over-long name', { name: '长'.repeat(201) }, 'BAD_USER_INPUT', 'INVALID_TEXT'],
  ])('refuses %s with its code and changes nothing', async (_label, overrides, code, reason) => {
    const before = await schemaChecksums(registry.databaseUrl, 'registry');
    const result = await registry.query(REGISTER, { input: input(overrides) }, admin);
    expect(errorCode(result)).toBe(code);
    if (reason) expect(result.errors![0].extensions.reason).toBe(reason);
    expect(result.errors![0].message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(await schemaChecksums(registry.databaseUrl, 'registry')).toEqual(before);
  });

  it('refuses a duplicate credit code with CONFLICT, and of two concurrent registrations exactly one wins', async () => {
    const creditCode = newCode();
    const results = await Promise.all([1, 2, 3].map(() => registry.query(REGISTER, { input: input({ creditCode }) }, admin)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(2);
    const rows = await registry.orm.em.fork().execute(`select count(*)::int as n from registry.outbox where payload->>'creditCode' = ?`, [creditCode]);
    expect(rows[0].n).toBe(1);
  });

  it.each([
    ['anonymous', null, 'UNAUTHENTICATED'],
    ['an analyst', { role: Role.ANALYST }, 'FORBIDDEN'],
    ['an expert', { role: Role.EXPERT }, 'FORBIDDEN'],
    ['a county reviewer of another county', { role: Role.COUNTY_REVIEWER, region: '140106' }, 'FORBIDDEN'],
    ['a Hebei province reviewer', { role: Role.PROVINCE_REVIEWER, region: '130000' }, 'FORBIDDEN'],
  ])('refuses %s', async (_label, who, code) => {
    const token = who ? await tokenFor(who.role, { region: (who as { region?: string }).region }) : null;
    const before = await schemaChecksums(registry.databaseUrl, 'registry');
    expect(errorCode(await registry.query(REGISTER, { input: input() }, token))).toBe(code);
    expect(await schemaChecksums(registry.databaseUrl, 'registry')).toEqual(before);
  });

  it('lets a county reviewer register inside its county and a province reviewer anywhere in its province', async () => {
    const county = await tokenFor(Role.COUNTY_REVIEWER, { region: '140105' });
    expect((await registry.query(REGISTER, { input: input() }, county)).errors).toBeUndefined();
    const province = await tokenFor(Role.PROVINCE_REVIEWER, { region: '140000' });
    expect((await registry.query(REGISTER, { input: input({ regionCode: '140171', creditCode: newCode('140171') }) }, province)).errors).toBeUndefined();
  });
});

describe('updateInstitution', () => {
  const UPDATE = `mutation Update($id: ID!, $input: UpdateInstitutionInput!) { updateInstitution(id: $id, input: $input) { id name version region { code } } }`;
  let id: string;
  beforeAll(async () => {
    id = (await registry.query(REGISTER, { input: input() }, admin)).data.registerInstitution.id;
  });

  it('renames with the expected version and bumps it; a stale version gets CONFLICT and changes nothing', async () => {
    const renamed = await registry.query(UPDATE, { id, input: { expectedVersion: 1, name: '太原更名后服务有限公司' } }, admin);
    expect(renamed.data.updateInstitution).toMatchObject({ name: '太原更名后服务有限公司', version: 2 });
    const before = await schemaChecksums(registry.databaseUrl, 'registry');
    const stale = await registry.query(UPDATE, { id, input: { expectedVersion: 1, name: '另一个名字' } }, admin);
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(await schemaChecksums(registry.databaseUrl, 'registry')).toEqual(before);
  });

  it('of two concurrent updates from the same version, exactly one wins', async () => {
    const current = (await registry.query(`query($id: ID!) { institution(id: $id) { version } }`, { id })).data.institution.version;
    const results = await Promise.all(['甲', '乙'].map((suffix) => registry.query(UPDATE, { id, input: { expectedVersion: current, name: `并发更名${suffix}` } }, admin)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(1);
  });

  it('lets an applicant change its own contacts but not its name, nor another institution', async () => {
    const applicant = await tokenFor(Role.APPLICANT, { institutionId: id });
    expect((await registry.query(UPDATE, { id, input: { contactPhone: '0351-7654321' } }, applicant)).errors).toBeUndefined();
    expect(errorCode(await registry.query(UPDATE, { id, input: { name: '自己改名' } }, applicant))).toBe('FORBIDDEN');
    const other = await tokenFor(Role.APPLICANT, { institutionId: '00000000-0000-4000-8000-000000000000' });
    expect(errorCode(await registry.query(UPDATE, { id, input: { contactPhone: '1' } }, other))).toBe('FORBIDDEN');
  });

  it('needs authority over the new region to relocate', async () => {
    const county = await tokenFor(Role.COUNTY_REVIEWER, { region: '140105' });
    expect(errorCode(await registry.query(UPDATE, { id, input: { regionCode: '140106' } }, county))).toBe('FORBIDDEN');
    const moved = await registry.query(UPDATE, { id, input: { regionCode: '140106' } }, taiyuanCity);
    expect(moved.data.updateInstitution.region.code).toBe('140106');
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    expect(errorCode(await registry.query(UPDATE, { id: '00000000-0000-4000-8000-000000000000', input: { name: 'x' } }, admin))).toBe('NOT_FOUND');
  });
});
