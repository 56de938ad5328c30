import { addDays, addYears, chinaToday, composeCreditCode, Role } from '@sme/kernel';
import { errorCode, schemaChecksums, tokenFor } from '@sme/testing';
import { startRegistry, REGISTER } from './start-registry';

let registry: Awaited<ReturnType<typeof startRegistry>>;
let admin: string;
beforeAll(async () => {
  registry = await startRegistry();
  admin = await tokenFor(Role.ADMIN);
});
afterAll(() => registry.stop());

const ADD = `mutation Add($input: AddCreditRecordInput!) { addCreditRecord(input: $input) { id institutionId kind listedOn removedOn source note } }`;
const CLEAR = `mutation Clear($input: ClearCreditRecordInput!) { clearCreditRecord(input: $input) { id listedOn removedOn } }`;
const STATUS = `query Status($id: ID!, $asOf: Date) { institution(id: $id) { creditStatus(asOf: $asOf) } }`;

let serial = 0;
async function register(regionCode = '140105', name = `信用记录测试服务有限公司${serial}`): Promise<{ id: string; creditCode: string }> {
  const creditCode = composeCreditCode('9', '1', '140105', `MA0T${String(3000 + serial++).padStart(4, '0')}`);
  const result = await registry.query(REGISTER, { input: { creditCode, name, legalForm: 'ENTERPRISE', regionCode, establishedOn: '2010-01-01' } }, admin);
  expect(result.errors).toBeUndefined();
  return { id: result.data.registerInstitution.id, creditCode };
}

async function add(institutionId: string, listedOn: string, kind = 'ABNORMAL_OPERATION'): Promise<string> {
  const result = await registry.query(ADD, { input: { institutionId, kind, listedOn, source: '信用中国' } }, admin);
  expect(result.errors).toBeUndefined();
  return result.data.addCreditRecord.id;
}

async function clear(id: string, removedOn: string): Promise<void> {
  const result = await registry.query(CLEAR, { input: { id, removedOn, reason: '信用修复完成' } }, admin);
  expect(result.errors).toBeUndefined();
}

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

async function expectRefusedUnchanged(document: string, variables: Record<string, unknown>, token: string | null, code: string, reason?: string) {
  await outboxDrained();
  const before = await schemaChecksums(registry.databaseUrl, 'registry');
  const result = await registry.query(document, variables, token);
  expect(errorCode(result)).toBe(code);
  if (reason !== undefined) expect(result.errors![0].extensions.reason).toBe(reason);
  expect(await schemaChecksums(registry.databaseUrl, 'registry')).toEqual(before);
  return result;
}

const today = chinaToday();

describe('addCreditRecord', () => {
  let institution: { id: string; creditCode: string };
  beforeAll(async () => {
    institution = await register();
  });

  it('adds a record, audits it and publishes registry.CreditRecordAdded.v1 with the credit code', async () => {
    const result = await registry.query(ADD, { input: { institutionId: institution.id, kind: 'MAJOR_TAX_VIOLATION', listedOn: '2023-06-01', source: ' 国家税务总局 ', note: '重大税收违法' } }, admin);
    expect(result.errors).toBeUndefined();
    const record = result.data.addCreditRecord;
    expect(record).toMatchObject({ institutionId: institution.id, kind: 'MAJOR_TAX_VIOLATION', listedOn: '2023-06-01', removedOn: null, source: '国家税务总局', note: '重大税收违法' });

    const em = registry.orm.em.fork();
    const events = await em.execute(
      `select type, aggregate_id, payload->>'creditCode' as code, payload->>'kind' as kind, payload->>'listedOn' as listed, payload->>'id' as record
       from registry.outbox where type = 'registry.CreditRecordAdded.v1' and aggregate_id = ?`,
      [institution.id],
    );
    expect(events).toEqual([{ type: 'registry.CreditRecordAdded.v1', aggregate_id: institution.id, code: institution.creditCode, kind: 'MAJOR_TAX_VIOLATION', listed: '2023-06-01', record: record.id }]);
    const audit = await em.execute(`select record_type, action from registry.audit_entries where record_id in (?, ?) and action <> 'REGISTER' order by record_type`, [record.id, institution.id]);
    expect(audit).toEqual([
      { record_type: 'CreditRecord', action: 'ADD' },
      { record_type: 'Institution', action: 'CREDIT_RECORD_ADDED' },
    ]);

    const read = await registry.query(`query($id: ID!) { institution(id: $id) { creditRecords { id kind listedOn removedOn } creditStatus } }`, { id: institution.id });
    expect(read.data.institution).toEqual({ creditRecords: [{ id: record.id, kind: 'MAJOR_TAX_VIOLATION', listedOn: '2023-06-01', removedOn: null }], creditStatus: 'HAS_RECORD' });
  });

  it('accepts a listing dated today', async () => {
    const result = await registry.query(ADD, { input: { institutionId: institution.id, kind: 'ABNORMAL_OPERATION', listedOn: today, source: '信用中国' } }, admin);
    expect(result.errors).toBeUndefined();
  });

  it('lets a province reviewer of the institution’s province add', async () => {
    const province = await tokenFor(Role.PROVINCE_REVIEWER, { region: '140000' });
    const result = await registry.query(ADD, { input: { institutionId: institution.id, kind: 'TAX_EVASION', listedOn: '2022-01-10', source: '税务' } }, province);
    expect(result.errors).toBeUndefined();
    const [{ actor_role }] = await registry.orm.em.fork().execute(`select actor_role from registry.audit_entries where record_id = ?`, [result.data.addCreditRecord.id]);
    expect(actor_role).toBe('PROVINCE_REVIEWER');
  });

  it.each([
    ['anonymous', null, 'UNAUTHENTICATED'],
    ['an analyst', { role: Role.ANALYST }, 'FORBIDDEN'],
    ['the institution’s own applicant', { role: Role.APPLICANT, own: true }, 'FORBIDDEN'],
    ['a county reviewer of the county', { role: Role.COUNTY_REVIEWER, region: '140105' }, 'FORBIDDEN'],
    ['a city reviewer of the city', { role: Role.CITY_REVIEWER, region: '140100' }, 'FORBIDDEN'],
    ['a province reviewer of another province', { role: Role.PROVINCE_REVIEWER, region: '130000' }, 'FORBIDDEN'],
  ])('refuses %s and changes nothing', async (_label, who, code) => {
    const scope = who as { role: Role; region?: string; own?: boolean } | null;
    const token = scope ? await tokenFor(scope.role, { region: scope.region, institutionId: scope.own ? institution.id : undefined }) : null;
    await expectRefusedUnchanged(ADD, { input: { institutionId: institution.id, kind: 'ABNORMAL_OPERATION', listedOn: '2024-01-01', source: '信用中国' } }, token, code);
  });

  it.each([
    ['a future listedOn', { listedOn: addDays(today, 1) }, 'BAD_USER_INPUT', 'FUTURE_DATE'],
    ['an impossible date', { listedOn: '2023-02-30' }, 'BAD_USER_INPUT', 'INVALID_DATE'],
    ['an unknown kind', { kind: 'BAD_MOOD' }, 'BAD_USER_INPUT', undefined],
    ['an empty source', { source: '  ' }, 'BAD_USER_INPUT', 'INVALID_TEXT'],
    ['an unknown institution', { institutionId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', undefined],
    ['a malformed institution id', { institutionId: 'x' }, 'NOT_FOUND', undefined],
  ])('refuses %s and changes nothing', async (_label, overrides, code, reason) => {
    const input = { institutionId: institution.id, kind: 'ABNORMAL_OPERATION', listedOn: '2024-01-01', source: '信用中国', ...overrides };
    await expectRefusedUnchanged(ADD, { input }, admin, code, reason);
  });
});

describe('clearCreditRecord', () => {
  let institution: { id: string; creditCode: string };
  let recordId: string;
  beforeAll(async () => {
    institution = await register();
    recordId = await add(institution.id, '2021-05-10', 'DISHONEST_JUDGMENT_DEBTOR');
  });

  it.each([
    ['a blank reason', { reason: '   ' }, 'BAD_USER_INPUT', 'INVALID_TEXT'],
    ['no reason at all', { reason: undefined }, 'BAD_USER_INPUT', undefined],
    ['a removedOn before listedOn', { removedOn: '2021-05-09' }, 'BAD_USER_INPUT', 'DATE_ORDER'],
    ['a future removedOn', { removedOn: addDays(today, 1) }, 'BAD_USER_INPUT', 'FUTURE_DATE'],
    ['an unknown record', { id: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', undefined],
    ['a malformed record id', { id: 'nope' }, 'NOT_FOUND', undefined],
  ])('refuses %s and changes nothing', async (_label, overrides, code, reason) => {
    const input = { id: recordId, removedOn: '2022-01-01', reason: '已履行', ...overrides };
    await expectRefusedUnchanged(CLEAR, { input }, admin, code, reason);
  });

  it('refuses a city reviewer of the institution’s city', async () => {
    const city = await tokenFor(Role.CITY_REVIEWER, { region: '140100' });
    await expectRefusedUnchanged(CLEAR, { input: { id: recordId, removedOn: '2022-01-01', reason: '已履行' } }, city, 'FORBIDDEN');
  });

  it('sets removedOn, audits the reason and publishes the clearing; a second clear is refused', async () => {
    const result = await registry.query(CLEAR, { input: { id: recordId, removedOn: '2021-05-10', reason: ' 已履行法定义务 ' } }, admin);
    expect(result.errors).toBeUndefined();
    expect(result.data.clearCreditRecord).toEqual({ id: recordId, listedOn: '2021-05-10', removedOn: '2021-05-10' });

    const em = registry.orm.em.fork();
    const [row] = await em.execute(`select to_char(removed_on, 'YYYY-MM-DD') as removed from registry.credit_records where id = ?`, [recordId]);
    expect(row.removed).toBe('2021-05-10');
    const audit = await em.execute(`select action, reason, before->>'removedOn' as before, after->>'removedOn' as after from registry.audit_entries where record_id = ? order by at, id`, [recordId]);
    expect(audit).toEqual([
      { action: 'ADD', reason: null, before: null, after: null },
      { action: 'CLEAR', reason: '已履行法定义务', before: null, after: '2021-05-10' },
    ]);
    const events = await em.execute(`select payload->>'creditCode' as code, payload->>'reason' as reason from registry.outbox where type = 'registry.CreditRecordCleared.v1' and payload->>'id' = ?`, [recordId]);
    expect(events).toEqual([{ code: institution.creditCode, reason: '已履行法定义务' }]);

    await expectRefusedUnchanged(CLEAR, { input: { id: recordId, removedOn: '2022-01-01', reason: '再次移出' } }, admin, 'BAD_USER_INPUT', 'ALREADY_CLEARED');
  });
});

describe('creditStatus(asOf:) and the two-year window', () => {
  let edgeClean: string; // removed on 2022-03-15
  let edgeHas: string; // removed on 2022-03-16
  let never: string;
  beforeAll(async () => {
    edgeClean = (await register()).id;
    await clear(await add(edgeClean, '2019-05-10'), '2022-03-15');
    edgeHas = (await register()).id;
    await clear(await add(edgeHas, '2019-05-10'), '2022-03-16');
    never = (await register()).id;
  });

  const statusOf = async (id: string, asOf: string | null) => {
    const result = await registry.query(STATUS, { id, asOf });
    expect(result.errors).toBeUndefined();
    return result.data.institution.creditStatus;
  };

  it('is CLEAN when the record was removed exactly two years before the date judged, HAS_RECORD one day later', async () => {
    expect(await statusOf(edgeClean, '2024-03-15')).toBe('CLEAN');
    expect(await statusOf(edgeHas, '2024-03-15')).toBe('HAS_RECORD');
    expect(await statusOf(edgeClean, '2024-03-14')).toBe('HAS_RECORD');
    expect(await statusOf(edgeHas, '2024-03-16')).toBe('CLEAN');
  });

  it('counts a record from its listing day on, and not before', async () => {
    expect(await statusOf(edgeClean, '2019-05-09')).toBe('CLEAN');
    expect(await statusOf(edgeClean, '2019-05-10')).toBe('HAS_RECORD');
    expect(await statusOf(edgeClean, '2022-03-15')).toBe('HAS_RECORD');
  });

  it('is CLEAN for an institution without records, on any date and by default', async () => {
    expect(await statusOf(never, '2024-03-15')).toBe('CLEAN');
    expect(await statusOf(never, null)).toBe('CLEAN');
  });

  it('refuses an impossible asOf date', async () => {
    const result = await registry.query(STATUS, { id: never, asOf: '2024-02-30' });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
  });
});

describe('institutions(filter: { creditStatus }) agrees with the field', () => {
  const expected = new Map<string, 'CLEAN' | 'HAS_RECORD'>();
  beforeAll(async () => {
    const windowStart = addYears(today, -2);
    const cases: [string, 'CLEAN' | 'HAS_RECORD', (id: string) => Promise<void>][] = [
      ['无记录', 'CLEAN', async () => undefined],
      ['在列', 'HAS_RECORD', async (id) => void (await add(id, '2020-01-01'))],
      ['今天列入', 'HAS_RECORD', async (id) => void (await add(id, today))],
      ['恰好两年前移出', 'CLEAN', async (id) => clear(await add(id, '2019-01-01'), windowStart)],
      ['两年前次日移出', 'HAS_RECORD', async (id) => clear(await add(id, '2019-01-01'), addDays(windowStart, 1))],
      ['早已移出', 'CLEAN', async (id) => clear(await add(id, '2015-01-01'), '2016-01-01')],
      ['一条移出一条在列', 'HAS_RECORD', async (id) => {
        await clear(await add(id, '2015-01-01'), '2016-01-01');
        await add(id, '2024-01-01', 'LEGAL_REPRESENTATIVE_RECORD');
      }],
    ];
    for (const [label, status, setUp] of cases) {
      const { id } = await register('140106', `信用筛选${label}服务有限公司`);
      await setUp(id);
      expected.set(id, status);
    }
  });

  const LIST = `query List($filter: InstitutionFilter) { institutions(filter: $filter, first: 100) { totalCount edges { node { id creditStatus } } } }`;

  it.each(['CLEAN', 'HAS_RECORD'] as const)('filter %s returns exactly the institutions whose field says so', async (status) => {
    const ids = [...expected.keys()];
    const result = await registry.query(LIST, { filter: { ids, creditStatus: status } });
    expect(result.errors).toBeUndefined();
    const nodes: { id: string; creditStatus: string }[] = result.data.institutions.edges.map((e: { node: unknown }) => e.node);
    const want = ids.filter((id) => expected.get(id) === status).sort();
    expect(nodes.map((n) => n.id).sort()).toEqual(want);
    expect(nodes.every((n) => n.creditStatus === status)).toBe(true);
    expect(result.data.institutions.totalCount).toBe(want.length);
  });

  it('the field today matches the expected standing of each institution, and CLEAN and HAS_RECORD partition the list', async () => {
    const ids = [...expected.keys()];
    const all = await registry.query(LIST, { filter: { ids } });
    const byId = new Map(all.data.institutions.edges.map((e: { node: { id: string; creditStatus: string } }) => [e.node.id, e.node.creditStatus]));
    expect(Object.fromEntries(byId)).toEqual(Object.fromEntries(expected));

    const whole = await registry.query(LIST, {});
    const clean = await registry.query(LIST, { filter: { creditStatus: 'CLEAN' } });
    const has = await registry.query(LIST, { filter: { creditStatus: 'HAS_RECORD' } });
    expect(clean.data.institutions.totalCount + has.data.institutions.totalCount).toBe(whole.data.institutions.totalCount);
    for (const [result, status] of [[clean, 'CLEAN'], [has, 'HAS_RECORD']] as const) {
      expect(result.data.institutions.edges.every((e: { node: { creditStatus: string } }) => e.node.creditStatus === status)).toBe(true);
    }
  });
});
