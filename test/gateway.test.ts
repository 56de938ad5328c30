import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { composeCreditCode, Role } from '@sme/kernel';
import { errorCode, graphqlClient, tokenFor } from '@sme/testing';
import { startSupergraph } from './support/supergraph';

/** End to end: the registry subgraph as its own process, the gateway serving the committed supergraph. */
let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
let admin: string;
const ids: string[] = [];

const REGISTER = `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id creditCode } }`;
const code = (division: string, n: number) => composeCreditCode('9', '1', division, `MA0G${String(n).padStart(4, '0')}`);

beforeAll(async () => {
  supergraph = await startSupergraph();
  admin = await tokenFor(Role.ADMIN);
  // 120 institutions, odd ones in Taiyuan's 小店区 and even ones in Jinan's 历下区; every 10th (all in Jinan) is a
  // social organisation and has a credit record.
  for (let batch = 0; batch < 12; batch++) {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const n = batch * 10 + i;
        const division = n % 2 ? '140105' : '370102';
        return supergraph.query(REGISTER, {
          input: { creditCode: code(division, n), name: `端到端测试机构${String(n).padStart(3, '0')}`, legalForm: i === 0 ? 'SOCIAL_ORGANIZATION' : 'ENTERPRISE', regionCode: division, establishedOn: '2015-06-01' },
        }, admin);
      }),
    );
    for (const r of results) {
      expect(r.errors).toBeUndefined();
      ids.push(r.data.registerInstitution.id);
    }
  }
  for (let i = 0; i < ids.length; i += 10) {
    const r = await supergraph.query(`mutation($input: AddCreditRecordInput!) { addCreditRecord(input: $input) { id } }`, {
      input: { institutionId: ids[i], kind: 'ABNORMAL_OPERATION', listedOn: '2025-01-15', source: '国家企业信用信息公示系统' },
    }, admin);
    expect(r.errors).toBeUndefined();
  }
}, 120_000);
afterAll(() => supergraph?.stop());

describe('SPEC §6 registry reads through the gateway', () => {
  it('finds an institution by id and by credit code', async () => {
    const byId = await supergraph.query(`query($id: ID!) { institution(id: $id) { id creditCode name region { code name } } }`, { id: ids[1] });
    const byCode = await supergraph.query(`query($c: CreditCode!) { institution(creditCode: $c) { id name legalForm establishedOn } }`, { c: byId.data.institution.creditCode });
    expect(byCode.data.institution).toMatchObject({ id: ids[1], legalForm: 'ENTERPRISE', establishedOn: '2015-06-01' });
    expect(byId.data.institution.region).toEqual({ code: '140105', name: '小店区' });
  });

  it('filters by region subtree, legal form, name and credit status, and pages with cursors', async () => {
    const q = `query($f: InstitutionFilter, $after: String) { institutions(filter: $f, first: 25, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name region { code } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await supergraph.query(q, { f: { regionCode: '140100' }, after });
      expect(page.data.institutions.totalCount).toBe(60);
      seen.push(...page.data.institutions.edges.map((e: any) => e.node.name));
      after = page.data.institutions.pageInfo.hasNextPage ? page.data.institutions.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(60);
    expect([...seen].sort()).toEqual(seen);
    expect((await supergraph.query(q, { f: { regionCode: '370000', legalForm: 'SOCIAL_ORGANIZATION' } })).data.institutions.totalCount).toBe(12);
    expect((await supergraph.query(q, { f: { regionCode: '140000', legalForm: 'SOCIAL_ORGANIZATION' } })).data.institutions.totalCount).toBe(0);
    expect((await supergraph.query(q, { f: { nameContains: '机构00' } })).data.institutions.totalCount).toBe(10);
    expect((await supergraph.query(q, { f: { creditStatus: 'HAS_RECORD' } })).data.institutions.totalCount).toBe(12);
    expect((await supergraph.query(q, { f: { creditStatus: 'CLEAN' } })).data.institutions.totalCount).toBe(108);
  });

  it('reads regions, including the units that act as a city', async () => {
    const r = await supergraph.query(`{ region(code: "130682") { name level actsAsCity parent { code } } taiyuan: region(code: "140100") { name } }`);
    expect(r.data).toEqual({ region: { name: '定州市', level: 'CITY', actsAsCity: true, parent: { code: '130000' } }, taiyuan: { name: '太原市' } });
  });

  it('costs the same number of SQL statements for a page of 100 institutions with regions and credit records as for a page of 10', async () => {
    const page = (first: number) => supergraph.query(`{ institutions(first: ${first}) { edges { node { id name region { name parent { name } } creditRecords { kind listedOn } creditStatus } } } }`);
    const [ten, hundred] = [await page(10), await page(100)];
    expect(ten.data.institutions.edges).toHaveLength(10);
    expect(hundred.data.institutions.edges).toHaveLength(100);
    expect(ten.sqlStatements).toBeGreaterThan(0);
    expect(hundred.sqlStatements).toBe(ten.sqlStatements);
  });
});

describe('refusals through the gateway', () => {
  it('refuses an invalid credit code, as a literal and as a variable, with INVALID_CREDIT_CODE', async () => {
    const literal = await supergraph.query(`{ institution(creditCode: "91350100M000100Y44") { name } }`);
    expect(errorCode(literal)).toBe('INVALID_CREDIT_CODE');
    expect(literal.errors![0].extensions.rule).toBe('CHECK_CHARACTER');
    const variable = await supergraph.query(`query($c: CreditCode!) { institution(creditCode: $c) { name } }`, { c: '9135' });
    expect(errorCode(variable)).toBe('INVALID_CREDIT_CODE');
    expect(variable.errors![0].extensions.rule).toBe('LENGTH');
  });

  it('answers a forged, expired or malformed token with UNAUTHENTICATED (HTTP 401)', async () => {
    const expired = await tokenFor(Role.ADMIN, {}, -60);
    const forged = `${admin.slice(0, -4)}AAAA`;
    for (const token of [expired, forged, 'not-a-jwt']) {
      const r = await supergraph.query(`{ region(code: "140000") { name } }`, {}, token);
      expect(r.status).toBe(401);
      expect(errorCode(r)).toBe('UNAUTHENTICATED');
    }
  });

  it('enforces the same rules on a subgraph called directly, bypassing the gateway', async () => {
    const direct = graphqlClient(supergraph.subgraphUrls.registry);
    const analyst = await tokenFor(Role.ANALYST);
    const input = { creditCode: code('140105', 9001), name: '绕过网关的机构', legalForm: 'ENTERPRISE', regionCode: '140105', establishedOn: '2015-06-01' };
    expect(errorCode(await direct(REGISTER, { input }, analyst))).toBe('FORBIDDEN');
    expect(errorCode(await direct(REGISTER, { input }))).toBe('UNAUTHENTICATED');
    expect((await direct(`{ region(code: "140000") { name } }`, {}, 'forged')).status).toBe(401);
  });

  it('rejects an abusively deep query with a clear error before it reaches a subgraph', async () => {
    let selection = 'name';
    for (let i = 0; i < 14; i++) selection = `parent { ${selection} }`;
    const r = await supergraph.query(`{ region(code: "140105") { ${selection} } }`);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions.reason).toBe('QUERY_TOO_DEEP');
    expect(r.errors![0].message).toMatch(/查询嵌套过深.* \/ Query depth/);
  });

  it('rejects too many aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: region(code: "140000") { name }`).join(' ');
    const r = await supergraph.query(`{ ${aliases} }`);
    expect(r.errors!.map((e) => e.extensions.reason)).toContain('TOO_MANY_ALIASES');
  });
});

describe('the explorer', () => {
  it('is served at / as one compressed, cacheable page with the example operations and nothing from a CDN', async () => {
    const root = supergraph.gatewayUrl.replace('/graphql', '/');
    // node:http, not fetch: fetch would undo the compression this test checks.
    const response = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http.get(root, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toContain('max-age');
    const etag = response.headers.etag!;
    expect(etag).toBeTruthy();
    const html = gunzipSync(response.body).toString('utf8');
    expect(html).toContain('InstitutionsInTaiyuan');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/i);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/i);
    const again = await fetch(root, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});
