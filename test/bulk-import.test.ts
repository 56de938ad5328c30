import { Client } from 'pg';
import iconv from 'iconv-lite';
import { Workbook } from 'exceljs';
import { Role, composeCreditCode, uploadLimitsFromEnv } from '@sme/kernel';
import { schemaChecksums, tokenFor } from '@sme/testing';
import { startSupergraph } from './support/supergraph';
import { eventsSettled } from './support/event-quiescence';

/**
 * Bulk import of institutions and annual facts (the registry's `/imports/…`), end to end through the gateway
 * (`/imports/registry/…`) with each subgraph as its own process: the template, a filled-in .xlsx, CSV in UTF-8
 * and in GBK, read back through GraphQL; files with bad rows answered with exactly those rows and nothing
 * written; re-imports; the permissions of the single mutations row by row; the row and byte limits at their
 * boundaries; two imports of the same rows at once. The limits are the subgraphs' own (this environment's, as
 * they read it): a file at a limit is read in full (here refused by its last row, so nothing is written), one
 * past it is refused before it is read.
 */
const { maxRows: MAX_ROWS, maxBytes: MAX_BYTES } = uploadLimitsFromEnv();

let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
let gatewayBase: string;
let admin: string;
let shanxiProvince: string;
let taiyuanCity: string;
let analyst: string;

beforeAll(async () => {
  supergraph = await startSupergraph();
  gatewayBase = new URL('/', supergraph.gatewayUrl).toString();
  [admin, shanxiProvince, taiyuanCity, analyst] = await Promise.all([
    tokenFor(Role.ADMIN),
    tokenFor(Role.PROVINCE_REVIEWER, { region: '140000' }),
    tokenFor(Role.CITY_REVIEWER, { region: '140100' }),
    tokenFor(Role.ANALYST),
  ]);
}, 180_000);
afterAll(() => supergraph?.stop());

let serial = 0;
const newCode = (division = '140105') => composeCreditCode('9', '1', division, `MA${String(serial++).padStart(6, '0')}`);
/** A valid code with its check character replaced. */
const badCheckCharacter = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Answer {
  status: number;
  body: { data?: Record<string, any>; errors?: { message: string; extensions: Record<string, any> }[]; extensions?: Record<string, unknown> };
}

async function upload(kind: 'institutions' | 'annual-facts', body: Buffer | string, token: string | null, contentType = 'text/csv'): Promise<Answer> {
  const response = await fetch(new URL(`/imports/registry/${kind}`, gatewayBase), {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const csv = (rows: (string | number)[][]) => rows.map((row) => row.join(',')).join('\r\n') + '\r\n';
const INSTITUTION_HEADERS = ['统一社会信用代码', '机构名称', '单位性质', '所在地区', '注册日期', '法人代表', '联系电话'];
const institutionRow = (code: string, name: string, region = '140105'): string[] => [code, name, '企业法人', region, '2018/4/1', '张三', '0351-1234567'];

/** The annual figures under the headers of 太原 附件2 (运营管理情况, 申请表) where it has them. */
const FIGURES: [string, number][] = [
  ['上年末总资产（万元）', 1200.5], ['营业收入', 800], ['其中：服务收入', 600], ['利润总额', -20], ['上缴税金', 30],
  ['服务中小企业户数', 300], ['点对点服务企业数', 120], ['用户满意度（%）', 92.5], ['自有服务场地面积（平方米）', 500],
  ['租用服务场地面积', 300], ['从业人数', 40], ['专职服务人员', 25], ['大专及以上学历和中级及以上技术职称的专业人员', 30],
  ['合作副高级以上专家', 12], ['相关领域专家', 25], ['签约合作机构', 8], ['公益性或低收费服务占比（%）', 35],
];
const factsFile = (rows: { code: string; year: number | string; change?: Record<string, number> }[]) => csv([
  ['序号', '统一社会信用代码', '机构名称', '年度', ...FIGURES.map(([header]) => header)],
  ...rows.map((row, i) => [i + 1, row.code, '（核对用）', row.year, ...FIGURES.map(([header, value]) => row.change?.[header] ?? value)]),
]);

async function sql<T = Record<string, any>>(statement: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: supergraph.databaseUrl });
  await client.connect();
  try {
    return (await client.query(statement, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const READ_BACK = `query($code: CreditCode) { institution(creditCode: $code) {
  name legalForm establishedOn legalRepresentative contactPhone region { code }
  annualFacts { year totalAssets revenue serviceRevenue profit smesServed satisfactionRate qualifiedStaff publicWelfareShare }
} }`;

/** The registry's tables, once every event is at rest: what a refused import must leave as it was. */
async function registryState() {
  await eventsSettled(supergraph.databaseUrl);
  return schemaChecksums(supergraph.databaseUrl, 'registry');
}

const problems = (answer: Answer) => answer.body.errors!.map((e) => [e.extensions.line, e.extensions.column, e.extensions.code, e.extensions.reason]);

describe('a good file', () => {
  const codes = [newCode('140105'), newCode('140106'), newCode('140212')];

  it('downloads the template, filled in as an .xlsx: registered with audit entries and events, read back through GraphQL', async () => {
    const template = await fetch(new URL('/imports/registry/templates/institutions.xlsx', gatewayBase));
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toBe(XLSX);
    const workbook = new Workbook();
    await workbook.xlsx.load(Buffer.from(await template.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['统一社会信用代码', '机构名称', '法人类型', '所在地区（行政区划代码）', '成立日期', '注册地址', '法定代表人', '联系人', '联系电话']);
    // typed into the rows under the header, as a person fills in the template
    sheet.getRow(2).values = [codes[0], '太原小店导入测试服务有限公司', '企业法人', '140105', new Date(Date.UTC(2018, 3, 1)), '太原市小店区长风街 1 号', '李四', '王五', '0351-7654321'];
    sheet.getRow(3).values = [codes[1], '太原迎泽导入测试服务中心', '事业单位', '太原市迎泽区', new Date(Date.UTC(2016, 0, 15))];
    sheet.getRow(4).values = [codes[2], '大同新荣导入测试服务有限公司', '民办非企业单位', '140212', '2015年6月1日'];

    const answer = await upload('institutions', Buffer.from(await workbook.xlsx.writeBuffer()), shanxiProvince, XLSX);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({ file: { format: 'xlsx', rows: 3 }, registered: 3, unchanged: 0 });
    expect(answer.body.data!.institutions.map((r: any) => [r.line, r.creditCode, r.outcome])).toEqual([[2, codes[0], 'REGISTERED'], [3, codes[1], 'REGISTERED'], [4, codes[2], 'REGISTERED']]);

    const read = await supergraph.query(READ_BACK, { code: codes[1] }, shanxiProvince);
    expect(read.data.institution).toMatchObject({ name: '太原迎泽导入测试服务中心', legalForm: 'PUBLIC_INSTITUTION', establishedOn: '2016-01-15', region: { code: '140106' }, contactPhone: null, annualFacts: [] });
    expect((await supergraph.query(READ_BACK, { code: codes[0] }, shanxiProvince)).data.institution).toMatchObject({ legalRepresentative: '李四', contactPhone: '0351-7654321' });
    const ids = answer.body.data!.institutions.map((r: any) => r.id);
    expect(await sql(`select action, reason, actor_role from registry.audit_entries where record_id = any($1::text[]) order by 1`, [ids])).toEqual(
      Array(3).fill({ action: 'REGISTER', reason: '批量导入 / Bulk import', actor_role: 'PROVINCE_REVIEWER' }),
    );
    expect(await sql(`select type, count(*)::int as n from registry.outbox where aggregate_id = any($1::text[]) group by 1`, [ids])).toEqual([{ type: 'registry.InstitutionRegistered.v1', n: 3 }]);
  });

  it('imports the same file again as UNCHANGED, writing nothing; a row that differs from what is registered is refused', async () => {
    const file = csv([INSTITUTION_HEADERS, institutionRow(codes[2], '大同新荣导入测试服务有限公司', '140212').map((v, i) => (i === 2 ? '民办非企' : i === 4 ? '2015-06-01' : i >= 5 ? '' : v))]);
    const before = await registryState();
    const again = await upload('institutions', file, shanxiProvince);
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ registered: 0, unchanged: 1, institutions: [{ line: 2, creditCode: codes[2], outcome: 'UNCHANGED' }] });
    const renamed = await upload('institutions', file.replace('大同新荣导入测试服务有限公司', '大同新荣导入测试服务（更名）有限公司'), shanxiProvince);
    expect(renamed.status).toBe(422);
    expect(problems(renamed)).toEqual([[2, '统一社会信用代码', 'CONFLICT', 'ALREADY_REGISTERED']]);
    expect(renamed.body.errors![0].extensions.differs).toEqual(['机构名称']);
    expect(await registryState()).toEqual(before);
  });

  it('imports CSV in GBK (as Excel in China saves it) and annual facts in UTF-8 with its mark; the same facts again change nothing, a changed figure is a correction', async () => {
    const gbkCodes = [newCode('140107'), newCode('140107')];
    const gbk = iconv.encode(csv([INSTITUTION_HEADERS, institutionRow(gbkCodes[0], '太原杏花岭（GBK）导入测试有限公司', '140107'), institutionRow(gbkCodes[1], '太原杏花岭导入测试服务中心', '杏花岭区')]), 'gbk');
    const imported = await upload('institutions', gbk, taiyuanCity);
    expect(imported.status).toBe(200);
    expect(imported.body.data).toMatchObject({ file: { format: 'csv', encoding: 'GB18030' }, registered: 2 });
    expect((await supergraph.query(READ_BACK, { code: gbkCodes[0] }, taiyuanCity)).data.institution).toMatchObject({ name: '太原杏花岭（GBK）导入测试有限公司', establishedOn: '2018-04-01', region: { code: '140107' } });

    const facts = factsFile([{ code: gbkCodes[0], year: '2024年' }, { code: gbkCodes[0], year: 2025 }, { code: gbkCodes[1], year: 2025 }]);
    const withMark = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(facts, 'utf8')]);
    const recorded = await upload('annual-facts', withMark, taiyuanCity);
    expect(recorded.status).toBe(200);
    expect(recorded.body.data).toMatchObject({ file: { encoding: 'UTF-8', rows: 3 }, recorded: 3, corrected: 0, unchanged: 0 });
    const read = await supergraph.query(READ_BACK, { code: gbkCodes[0] }, taiyuanCity);
    expect(read.data.institution.annualFacts).toEqual([
      { year: 2025, totalAssets: 1200.5, revenue: 800, serviceRevenue: 600, profit: -20, smesServed: 300, satisfactionRate: 92.5, qualifiedStaff: 30, publicWelfareShare: 35 },
      { year: 2024, totalAssets: 1200.5, revenue: 800, serviceRevenue: 600, profit: -20, smesServed: 300, satisfactionRate: 92.5, qualifiedStaff: 30, publicWelfareShare: 35 },
    ]);

    const before = await registryState();
    const again = await upload('annual-facts', withMark, taiyuanCity);
    expect(again.body.data).toMatchObject({ recorded: 0, corrected: 0, unchanged: 3 });
    expect(await registryState()).toEqual(before);

    const corrected = await upload('annual-facts', factsFile([{ code: gbkCodes[1], year: 2025, change: { 营业收入: 900 } }]), taiyuanCity);
    expect(corrected.body.data).toMatchObject({ recorded: 0, corrected: 1, unchanged: 0 });
    const [institutionId] = imported.body.data!.institutions.filter((r: any) => r.creditCode === gbkCodes[1]).map((r: any) => r.id);
    expect(await sql(`select action, before->>'revenue' as before, after->>'revenue' as after from registry.audit_entries where record_id = $1 and action like '%ANNUAL%' order by at`, [institutionId])).toEqual([
      { action: 'RECORD_ANNUAL_FACTS', before: null, after: '800' },
      { action: 'CORRECT_ANNUAL_FACTS', before: '800', after: '900' },
    ]);
    expect(await sql(`select count(*)::int as n from registry.outbox where aggregate_id = $1 and type = 'registry.AnnualFactsRecorded.v1'`, [institutionId])).toEqual([{ n: 2 }]);
  });
});

describe('a file with bad rows', () => {
  it('lists exactly the bad rows with their lines, columns and reasons, and writes nothing', async () => {
    const good = newCode();
    const duplicate = newCode();
    const file = csv([
      INSTITUTION_HEADERS,
      institutionRow(good, '太原良好导入测试有限公司'), // line 2
      institutionRow(badCheckCharacter(newCode()), '校验码错误测试有限公司'), // line 3
      institutionRow(newCode(), '未知地区测试有限公司', '149999'), // line 4
      institutionRow(duplicate, '重复代码测试有限公司'), // line 5
      institutionRow(duplicate, '重复代码测试有限公司（第二行）'), // line 6
      institutionRow(newCode(), '地区名称不唯一测试有限公司', '城区'), // line 7
    ]);
    const before = await registryState();
    const answer = await upload('institutions', file, admin);
    expect(answer.status).toBe(422);
    expect(problems(answer)).toEqual([
      [3, '统一社会信用代码', 'INVALID_CREDIT_CODE', 'CHECK_CHARACTER'],
      [4, '所在地区', 'BAD_USER_INPUT', 'UNKNOWN_REGION'],
      [6, '统一社会信用代码', 'BAD_USER_INPUT', 'DUPLICATE_IN_FILE'],
      [7, '所在地区', 'BAD_USER_INPUT', 'AMBIGUOUS_REGION'],
    ]);
    expect(answer.body.errors![0].message).toMatch(/^第 3 行「统一社会信用代码」：校验码错误.* \/ Line 3, column 统一社会信用代码: Check character mismatch/);
    expect(answer.body.errors![2].extensions.firstLine).toBe(5);
    expect(answer.body.extensions).toEqual({ rowsRead: 6, rowsRefused: 4 });
    expect(await registryState()).toEqual(before);
    expect(await sql(`select count(*)::int as n from registry.institutions where credit_code = any($1)`, [[good, duplicate]])).toEqual([{ n: 0 }]);
  });

  it('refuses a negative figure, a part larger than its whole and an unregistered institution in annual facts, each on its line', async () => {
    const registered = await upload('institutions', csv([INSTITUTION_HEADERS, institutionRow(newCode(), '年度情况坏行测试有限公司')]), admin);
    const code = registered.body.data!.institutions[0].creditCode;
    const before = await registryState();
    const answer = await upload('annual-facts', factsFile([
      { code, year: 2023 },
      { code, year: 2024, change: { 上缴税金: -5 } },
      { code, year: 2025, change: { 点对点服务企业数: 301 } },
      { code: newCode(), year: 2025 },
      { code, year: 2017 },
    ]), admin);
    expect(answer.status).toBe(422);
    expect(problems(answer)).toEqual([
      [3, '上缴税金', 'BAD_USER_INPUT', 'NEGATIVE'],
      [4, '点对点服务企业数', 'BAD_USER_INPUT', 'INCONSISTENT'],
      [5, '统一社会信用代码', 'NOT_FOUND', undefined],
      [6, '年度', 'BAD_USER_INPUT', 'OUT_OF_RANGE'],
    ]);
    expect(await registryState()).toEqual(before);
  });

  it('refuses a file without a required column as a whole (400), naming the column', async () => {
    const before = await registryState();
    const answer = await upload('institutions', csv([INSTITUTION_HEADERS.filter((h) => h !== '注册日期'), institutionRow(newCode(), '缺列测试有限公司').filter((_, i) => i !== 4)]), admin);
    expect(answer.status).toBe(400);
    expect(answer.body.errors!.map((e) => [e.extensions.reason, e.extensions.column])).toEqual([['MISSING_COLUMN', '成立日期']]);
    expect(await registryState()).toEqual(before);
  });
});

describe('permissions, as the single mutations have them', () => {
  it('refuses the rows outside the caller’s region (and only them), an analyst, and an anonymous caller', async () => {
    const before = await registryState();
    const taiyuanFile = csv([INSTITUTION_HEADERS, institutionRow(newCode(), '太原辖区内测试有限公司'), institutionRow(newCode('140212'), '大同辖区外测试有限公司', '140212')]);
    const city = await upload('institutions', taiyuanFile, taiyuanCity);
    expect(city.status).toBe(422);
    expect(problems(city)).toEqual([[3, '所在地区', 'FORBIDDEN', undefined]]);
    const province = await upload('institutions', csv([INSTITUTION_HEADERS, institutionRow(newCode('130102'), '河北长安测试有限公司', '130102')]), shanxiProvince);
    expect(problems(province)).toEqual([[2, '所在地区', 'FORBIDDEN', undefined]]);
    const byAnalyst = await upload('institutions', taiyuanFile, analyst);
    expect([byAnalyst.status, byAnalyst.body.errors![0].extensions.code]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await upload('institutions', taiyuanFile, null);
    expect([anonymous.status, anonymous.body.errors![0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(await registryState()).toEqual(before);
  });

  it('refuses annual facts of an institution outside the caller’s region', async () => {
    const hebei = await upload('institutions', csv([INSTITUTION_HEADERS, institutionRow(newCode('130102'), '河北年度情况权限测试有限公司', '130102')]), admin);
    const before = await registryState();
    const answer = await upload('annual-facts', factsFile([{ code: hebei.body.data!.institutions[0].creditCode, year: 2025 }]), shanxiProvince);
    expect(problems(answer)).toEqual([[2, '统一社会信用代码', 'FORBIDDEN', undefined]]);
    expect(await registryState()).toEqual(before);
  });
});

it('is reached at /imports/<subgraph>/… only, by POST (an upload) or GET (a template)', async () => {
  const at = (path: string, method: string) => fetch(new URL(path, gatewayBase), { method }).then(async (r) => [r.status, r.headers.get('allow'), ((await r.json()) as any).errors[0].extensions.reason]);
  expect(await at('/imports/registry/institutions', 'PUT')).toEqual([405, 'GET, POST', 'METHOD_NOT_ALLOWED']);
  expect(await at('/imports/registry/institutions', 'GET')).toEqual([405, 'POST', 'METHOD_NOT_ALLOWED']);
  expect(await at('/imports/registry/templates/institutions.xlsx', 'POST')).toEqual([405, 'GET', 'METHOD_NOT_ALLOWED']);
  expect(await at('/imports/nowhere/institutions', 'POST')).toEqual([404, null, 'UNKNOWN_SUBGRAPH']);
  expect(await at('/imports/registry/%2e%2e/graphql', 'POST')).toEqual([404, null, 'UNKNOWN_IMPORT']);
});

describe('limits, at their boundaries', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => institutionRow(newCode(), `行数上限测试有限公司${i}`));

  it(`reads a file of ${MAX_ROWS} rows to its last row, and refuses ${MAX_ROWS + 1} rows as a whole`, async () => {
    const before = await registryState();
    const atLimit = rows(MAX_ROWS);
    atLimit[MAX_ROWS - 1][0] = badCheckCharacter(atLimit[MAX_ROWS - 1][0]);
    const read = await upload('institutions', csv([INSTITUTION_HEADERS, ...atLimit]), admin);
    expect(read.status).toBe(422);
    expect(problems(read)).toEqual([[MAX_ROWS + 1, '统一社会信用代码', 'INVALID_CREDIT_CODE', 'CHECK_CHARACTER']]);
    const over = await upload('institutions', csv([INSTITUTION_HEADERS, ...rows(MAX_ROWS + 1)]), admin);
    expect(over.status).toBe(400);
    expect(over.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_ROWS', limit: MAX_ROWS, rows: MAX_ROWS + 1 });
    expect(await registryState()).toEqual(before);
  });

  it(`reads a file of ${MAX_BYTES} bytes, and refuses one byte more with 413`, async () => {
    const before = await registryState();
    const row = institutionRow(newCode(), '字节上限测试有限公司');
    const file = (bytes: number) => {
      const short = csv([[...INSTITUTION_HEADERS, '注册地址'], [...row, '']]);
      return csv([[...INSTITUTION_HEADERS, '注册地址'], [...row, 'x'.repeat(bytes - Buffer.byteLength(short))]]);
    };
    expect(Buffer.byteLength(file(MAX_BYTES))).toBe(MAX_BYTES);
    const atLimit = await upload('institutions', file(MAX_BYTES), admin);
    expect(atLimit.status).toBe(422);
    expect(problems(atLimit)).toEqual([[2, '注册地址', 'BAD_USER_INPUT', 'INVALID_TEXT']]);
    const over = await upload('institutions', file(MAX_BYTES + 1), admin);
    expect(over.status).toBe(413);
    expect(over.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REQUEST_TOO_LARGE', limitBytes: MAX_BYTES });
    expect(await registryState()).toEqual(before);
  });
});

it('of two imports of the same rows at once, one registers them and the other finds them registered', async () => {
  const codes = [newCode(), newCode(), newCode()];
  const file = csv([INSTITUTION_HEADERS, ...codes.map((code, i) => institutionRow(code, `并发导入测试有限公司${i}`))]);
  // Both imports are let in together: the test holds the imports' lock until both wait for it, so both have
  // read the file and neither has looked at the registry yet; then they go on one after the other.
  const holder = new Client({ connectionString: supergraph.databaseUrl });
  await holder.connect();
  try {
    await holder.query(`begin; select pg_advisory_xact_lock(hashtext('registry:imports'))`);
    const answers = Promise.all([upload('institutions', file, admin), upload('institutions', file, shanxiProvince)]);
    const waiting = `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted
      and objid::bigint = (hashtext('registry:imports')::bigint & 4294967295) and database = (select oid from pg_database where datname = current_database())`;
    for (const deadline = Date.now() + 30_000; (await holder.query(waiting)).rows[0].n < 2; await new Promise((r) => setTimeout(r, 10))) {
      if (Date.now() > deadline) throw new Error('the two imports never both waited for the imports’ lock');
    }
    await holder.query('commit');
    const [first, second] = await answers;
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first, second].map((a) => [a.body.data!.registered, a.body.data!.unchanged]).sort()).toEqual([[0, 3], [3, 0]]);
  } finally {
    await holder.end();
  }
  expect(await sql(`select count(*)::int as n from registry.institutions where credit_code = any($1)`, [codes])).toEqual([{ n: 3 }]);
  expect(await sql(`select count(*)::int as n from registry.outbox where payload->>'creditCode' = any($1)`, [codes])).toEqual([{ n: 3 }]);
});
