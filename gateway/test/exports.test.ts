import http from 'node:http';
import { Client } from 'pg';
import { Workbook, type Worksheet } from 'exceljs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ReviewAction, Role, composeCreditCode, openDatabase, systemActor } from '@sme/kernel';
import { tokenFor } from '@sme/testing';
import { startSupergraph } from '../../test/support/supergraph';
import { shanxiLibrary } from '../../subgraphs/shanxi/src/library-config';
import { LIBRARY_ENTITIES } from '../../packages/resource-library/src/library-entities';
import { libraryMigrations } from '../../packages/resource-library/src/migrations/library-tables';
import { LibraryCategory, ServiceNature } from '../../packages/resource-library/src/categories';
import { MATERIALS } from '../../packages/resource-library/src/materials';
import { attachMaterial, createApplication, reviewApplication, submitApplication } from '../../packages/resource-library/src/applications/application.service';
import { ReviewStep } from '../../packages/resource-library/src/applications/application-status';

/**
 * End to end: 第八条（二）推荐汇总表 downloaded through the gateway (`GET /exports/shanxi/…`), served by the shanxi
 * subgraph process, with the same token and the same permission checks as the GraphQL field.
 */
let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
let orm: MikroORM;
let gatewayBase: string;
let taiyuanReviewer: string;

const ADMIN = systemActor('exports-test-admin');
const ATTESTED = { politicalCommitment: true, serviceCapability: true, legalRepresentativePledge: true };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TITLE = '太原市优质中小企业公共服务资源库入库机构推荐汇总表';
const PATH_2026 = '/exports/shanxi/recommendation-summary.xlsx?unitCode=140100&year=2026';
const SUMMARY = `query($unit: String!, $year: Int!) { shanxiLibraryRecommendationSummary(unitCode: $unit, year: $year) {
  title unitName year downloadPath rows { serial institutionName creditCode regionName categories nature recommendedOn opinion } } }`;

/** Registers an institution through the gateway as an admin, as the registry's own clients do. */
async function register(admin: string, n: number, regionCode: string, name: string): Promise<string> {
  const creditCode = composeCreditCode('9', '1', regionCode, `MA0X${String(n).padStart(4, '0')}`);
  const result = await supergraph.query(`mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`, {
    input: { creditCode, name, legalForm: 'ENTERPRISE', regionCode, establishedOn: '2015-06-01' },
  }, admin);
  expect(result.errors).toBeUndefined();
  return result.data.registerInstitution.id;
}

/** The shanxi process learns institutions from the registry's events, asynchronously: wait until it knows them all. */
async function waitUntilShanxiKnows(ids: string[]): Promise<void> {
  const client = new Client({ connectionString: supergraph.databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await client.query('select count(*)::int as n from shanxi.known_institutions where id = any($1::uuid[])', [ids]);
      if (rows[0].n === ids.length) return;
      if (Date.now() > deadline) throw new Error(`shanxi knows ${rows[0].n} of ${ids.length} institutions after 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.end();
  }
}

/** Through the engine's services (explicit dates): submitted, passed by the county, recommended by the city on `cityOn`. */
async function recommend(institutionId: string, submittedOn: string, cityOn: string, categories: LibraryCategory[], nature: ServiceNature, opinion?: string): Promise<void> {
  const em = () => orm.em.fork();
  const application = await createApplication(em(), shanxiLibrary, ADMIN, {
    institutionId, categories, nature, attestations: ATTESTED,
    declared: { year: Number(submittedOn.slice(0, 4)) - 1, seniorExperts: 12, relatedExperts: 25, partnerAgencies: 6, floorAreaOwned: 200, floorAreaRented: 0, totalAssets: 300, smesServed: 150, pointToPointServed: 20 },
  }, submittedOn);
  for (const m of MATERIALS.filter((x) => x.required)) {
    await attachMaterial(em(), ADMIN, { applicationId: application.id, item: m.item, fileName: `${m.item}.pdf`, mediaType: 'application/pdf', sizeBytes: 2048, sha256: 'c'.repeat(64) });
  }
  await submitApplication(em(), shanxiLibrary, ADMIN, application.id, submittedOn);
  await reviewApplication(em(), shanxiLibrary, ADMIN, { applicationId: application.id, step: ReviewStep.COUNTY, action: ReviewAction.APPROVE }, submittedOn);
  await reviewApplication(em(), shanxiLibrary, ADMIN, { applicationId: application.id, step: ReviewStep.CITY, action: ReviewAction.APPROVE, opinion }, cityOn);
}

/** A GET exactly as written (no URL normalisation), for paths a browser would tidy up. */
function rawGet(path: string, headers: http.OutgoingHttpHeaders = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(gatewayBase);
  return new Promise((resolve, reject) => {
    http.get({ hostname, port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    }).on('error', reject);
  });
}

const download = (path: string, token?: string | null, headers: Record<string, string> = {}) =>
  fetch(new URL(path, gatewayBase), { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });

async function refusal(response: Response): Promise<{ status: number; code: string; message: string; contentType: string | null }> {
  const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
  return { status: response.status, code: body.errors[0].extensions.code, message: body.errors[0].message, contentType: response.headers.get('content-type') };
}

async function readSheet(response: Response): Promise<Worksheet> {
  const workbook = new Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  return workbook.worksheets[0];
}

beforeAll(async () => {
  supergraph = await startSupergraph();
  gatewayBase = new URL('/', supergraph.gatewayUrl).toString();
  const admin = await tokenFor(Role.ADMIN);
  taiyuanReviewer = await tokenFor(Role.CITY_REVIEWER, { region: '140100' });
  const ids = [
    await register(admin, 1, '140105', '太原小店导出测试服务有限公司'),
    await register(admin, 2, '140106', '太原迎泽导出测试服务中心'),
    await register(admin, 3, '140212', '大同新荣导出测试服务有限公司'),
  ];
  await waitUntilShanxiKnows(ids);
  orm = await openDatabase({ schema: shanxiLibrary.name, entities: LIBRARY_ENTITIES, migrations: libraryMigrations(shanxiLibrary.name), url: supergraph.databaseUrl, poolMax: 2 });
  await recommend(ids[0], '2026-03-02', '2026-03-10', [LibraryCategory.COMPLIANCE], ServiceNature.PUBLIC_WELFARE);
  await recommend(ids[1], '2026-04-01', '2026-04-15', [LibraryCategory.TECHNOLOGY_INNOVATION, LibraryCategory.FINANCING], ServiceNature.COMMERCIAL, '同意推荐');
  // recommended by 大同: not on Taiyuan's table
  await recommend(ids[2], '2026-04-01', '2026-04-15', [LibraryCategory.OTHER], ServiceNature.COMMERCIAL);
}, 180_000);
afterAll(async () => {
  await orm?.close(true);
  await supergraph?.stop();
});

describe('GET /exports/shanxi/recommendation-summary.xlsx through the gateway (第八条（二）)', () => {
  it('gives the GraphQL summary a gateway-relative download path, and the file there is that summary as a workbook', async () => {
    const result = await supergraph.query(SUMMARY, { unit: '140100', year: 2026 }, taiyuanReviewer);
    expect(result.errors).toBeUndefined();
    const summary = result.data.shanxiLibraryRecommendationSummary;
    expect(summary).toMatchObject({ title: TITLE, unitName: '太原市', year: 2026, downloadPath: PATH_2026 });
    expect(summary.rows.map((r: { institutionName: string }) => r.institutionName)).toEqual(['太原小店导出测试服务有限公司', '太原迎泽导出测试服务中心']);

    const response = await download(summary.downloadPath, taiyuanReviewer, { 'x-request-id': 'exports-e2e-1' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="recommendation-summary-140100-2026.xlsx"; filename*=UTF-8''${encodeURIComponent(`${TITLE}.xlsx`)}`,
    );
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    // the request id reached the subgraph: it answers with the id it was given (a new one otherwise), and the gateway passes that on
    expect(response.headers.get('x-request-id')).toBe('exports-e2e-1');

    const sheet = await readSheet(response);
    expect(sheet.getCell('A1').value).toBe(TITLE);
    expect(sheet.getCell('A2').value).toBe('推荐单位（盖章）：太原市');
    expect(sheet.getCell('E2').value).toBe('年度：2026');
    expect(sheet.getRow(3).getCell(2).value).toBe('机构名称');
    summary.rows.forEach((row: Record<string, unknown>, i: number) => {
      const cells = Array.from({ length: 8 }, (_, c) => sheet.getRow(4 + i).getCell(c + 1).value ?? null);
      expect(cells).toEqual([row.serial, row.institutionName, row.creditCode, row.regionName, row.categories, row.nature, row.recommendedOn, row.opinion]);
    });
    expect(sheet.getRow(4).getCell(5).value).toBe('合规管理类');
    expect(sheet.getRow(5).getCell(5).value).toBe('技术创新类、融资促进类');
    expect(sheet.getRow(5).getCell(8).value).toBe('同意推荐');
    expect(sheet.getRow(6).getCell(1).value).toBeNull();
  });

  it('gives a year with no recommendation a workbook with the header and no rows', async () => {
    const response = await download('/exports/shanxi/recommendation-summary.xlsx?unitCode=140100&year=2025', taiyuanReviewer);
    expect(response.status).toBe(200);
    const sheet = await readSheet(response);
    expect(sheet.getRow(3).getCell(1).value).toBe('序号');
    expect(sheet.getRow(4).getCell(1).value).toBeNull();
    expect(sheet.getRow(5).getCell(1).value).toBe('填报人：');
  });

  it('answers 401 UNAUTHENTICATED without a token, and with a token that is not valid', async () => {
    expect(await refusal(await download(PATH_2026))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', contentType: 'application/json; charset=utf-8' });
    expect(await refusal(await download(PATH_2026, 'not.a.token'))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const expired = await tokenFor(Role.CITY_REVIEWER, { region: '140100' }, Math.floor(Date.now() / 1000) - 60); // jose: a number is an absolute `exp`
    expect(await refusal(await download(PATH_2026, expired))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringContaining('过期') });
  });

  it('answers 403 FORBIDDEN to another city’s reviewer and to roles that do not read summaries', async () => {
    const datong = await tokenFor(Role.CITY_REVIEWER, { region: '140200' });
    expect(await refusal(await download(PATH_2026, datong))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const county = await tokenFor(Role.COUNTY_REVIEWER, { region: '140105' });
    expect(await refusal(await download(PATH_2026, county))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    // 大同's own reviewer gets 大同's table
    const own = await download('/exports/shanxi/recommendation-summary.xlsx?unitCode=140200&year=2026', datong);
    expect(own.status).toBe(200);
    expect((await readSheet(own)).getRow(4).getCell(2).value).toBe('大同新荣导出测试服务有限公司');
  });

  it('answers 400 BAD_USER_INPUT for a unit that does not recommend in Shanxi and for a malformed year', async () => {
    for (const unitCode of ['999999', '140105', '130100']) {
      expect(await refusal(await download(`/exports/shanxi/recommendation-summary.xlsx?unitCode=${unitCode}&year=2026`, taiyuanReviewer))).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    }
    expect(await refusal(await download('/exports/shanxi/recommendation-summary.xlsx?unitCode=140100&year=twenty', taiyuanReviewer))).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    expect(await refusal(await download('/exports/shanxi/recommendation-summary.xlsx?year=2026', taiyuanReviewer))).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
  });

  it('lets the analyst and the province read any city’s table', async () => {
    for (const token of [await tokenFor(Role.ANALYST), await tokenFor(Role.PROVINCE_REVIEWER, { region: '140000' })]) {
      const response = await download(PATH_2026, token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(XLSX);
    }
  });
});

describe('the gateway’s /exports/<subgraph>/<file> routing', () => {
  it('answers 404 NOT_FOUND for a subgraph it does not serve, and the subgraph’s 404 for a file it does not have', async () => {
    const unknown = await refusal(await download('/exports/guangdong/recommendation-summary.xlsx?unitCode=440100&year=2026', taiyuanReviewer));
    expect(unknown).toMatchObject({ status: 404, code: 'NOT_FOUND', message: expect.stringContaining('guangdong') });
    expect((await download('/exports/shanxi/no-such-table.xlsx', taiyuanReviewer)).status).toBe(404);
    expect((await download('/exports/shanxi', taiyuanReviewer)).status).toBe(404);
  });

  it('never lets a path climb out of the subgraph’s /exports/ (its /graphql stays behind the gateway’s limits)', async () => {
    for (const path of ['/exports/shanxi/../graphql?query=%7B__typename%7D', '/exports/shanxi/%2e%2e/graphql?query=%7B__typename%7D', '/exports/shanxi/.%2E/healthz', '/exports/registry/..%2Fgraphql']) {
      const response = await rawGet(path, { authorization: `Bearer ${taiyuanReviewer}` });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(JSON.parse(response.body).errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it('serves GET only', async () => {
    const response = await fetch(new URL(PATH_2026, gatewayBase), { method: 'POST', headers: { authorization: `Bearer ${taiyuanReviewer}` }, body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect((await refusal(response)).code).toBe('BAD_USER_INPUT');
  });
});
