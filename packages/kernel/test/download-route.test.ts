import type http from 'node:http';
import { Client } from 'pg';
import { Role, attachmentDisposition, authenticate, badInput, createHttpServer, downloadRoute, forbidden, gatewayExportPath, listen, notFound, signToken, type AuthUser } from '../src';

/**
 * A subgraph's file routes (`SubgraphDefinition.httpRoutes`): the caller is authenticated as for `/graphql`,
 * refusals become HTTP statuses with the GraphQL error shape, the file goes out with its names.
 */
let server: http.Server;
let base: string;
const admin: AuthUser = { id: 'a', name: null, role: Role.ADMIN, region: null, institutionId: null, panel: null };

beforeAll(async () => {
  const route = downloadRoute<{ user: AuthUser | null }>(
    async (query, ctx) => {
      switch (query.get('case')) {
        case 'bad': throw badInput({ zh: '参数错误', en: 'Bad parameter' }, { reason: 'INVALID_FORMAT', field: 'year' });
        case 'missing': throw notFound({ zh: '汇总表', en: 'Summary' }, 'x');
        case 'forbidden': throw forbidden({ zh: '无权', en: 'Not allowed' });
        case 'crash': throw new Error('select * from secret_table failed');
        case 'database-down': {
          // a real connection to a port where nothing listens (1, tcpmux): what a handler meets while the database is down
          const client = new Client({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
          await client.connect();
          return { body: Buffer.from('unreachable'), contentType: 'text/plain', fileName: 'x.txt', asciiFileName: 'x.txt' };
        }
        default: return { body: Buffer.from(`hello ${ctx.user?.role ?? 'anonymous'}`), contentType: 'text/plain; charset=utf-8', fileName: "太原市（综改区）'汇总表'.txt", asciiFileName: 'summary.txt' };
      }
    },
    async (req) => ({ user: await authenticate(req.headers.authorization) }),
  );
  server = createHttpServer({ '/exports/file.txt': route });
  base = `http://127.0.0.1:${await listen(server, 0)}/exports/file.txt`;
});
afterAll(() => new Promise((r) => server.close(r)));

async function errorOf(response: Response) {
  const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
  return { status: response.status, ...body.errors[0].extensions, message: body.errors[0].message };
}

it('sends the file with its type, length, both names and no-store', async () => {
  const response = await fetch(base, { headers: { authorization: `Bearer ${await signToken(admin)}`, 'x-request-id': 'k-1' } });
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('hello ADMIN');
  expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(response.headers.get('content-length')).toBe('11');
  expect(response.headers.get('content-disposition')).toBe(`attachment; filename="summary.txt"; filename*=UTF-8''%E5%A4%AA%E5%8E%9F%E5%B8%82%EF%BC%88%E7%BB%BC%E6%94%B9%E5%8C%BA%EF%BC%89%27%E6%B1%87%E6%80%BB%E8%A1%A8%27.txt`);
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  expect(response.headers.get('x-request-id')).toBe('k-1');
});

it('serves an anonymous caller as anonymous (the handler decides), and refuses a bad token with 401 before the handler runs', async () => {
  expect(await (await fetch(base)).text()).toBe('hello anonymous');
  expect(await errorOf(await fetch(base, { headers: { authorization: 'Bearer forged' } }))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  expect(await errorOf(await fetch(base, { headers: { authorization: 'Basic abc' } }))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
});

it('maps refusals to 400, 403 and 404 with the code and details, never the internal "http" extension', async () => {
  const bad = await errorOf(await fetch(`${base}?case=bad`));
  expect(bad).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', reason: 'INVALID_FORMAT', field: 'year', message: '参数错误 / Bad parameter' });
  expect(await errorOf(await fetch(`${base}?case=forbidden`))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  expect(await errorOf(await fetch(`${base}?case=missing`))).toMatchObject({ status: 404, code: 'NOT_FOUND', key: 'x' });
  const unauthenticated = await errorOf(await fetch(base, { headers: { authorization: 'Bearer forged' } }));
  expect(unauthenticated).not.toHaveProperty('http');
});

it('answers an unexpected failure with 500 and no detail of it', async () => {
  const response = await fetch(`${base}?case=crash`);
  const text = await response.text();
  expect(response.status).toBe(500);
  expect(JSON.parse(text).errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
  expect(text).not.toContain('secret_table');
});

it('answers the database unreachable with 503 SERVICE_UNAVAILABLE (retryable), as a GraphQL field does', async () => {
  expect(await errorOf(await fetch(`${base}?case=database-down`))).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE' });
});

it('serves GET only', async () => {
  const response = await fetch(base, { method: 'POST', body: 'x' });
  expect(response.status).toBe(405);
  expect(response.headers.get('allow')).toBe('GET');
});

describe('names', () => {
  it('percent-encodes the UTF-8 name per RFC 5987 (including \' ( ) *) and keeps the ASCII name printable and unquoted', () => {
    expect(attachmentDisposition('a (1)*.xlsx', 'a "b"\\c.xlsx')).toBe(`attachment; filename="a _b__c.xlsx"; filename*=UTF-8''a%20%281%29%2A.xlsx`);
    expect(attachmentDisposition('表.xlsx', '表.xlsx')).toBe(`attachment; filename="_.xlsx"; filename*=UTF-8''%E8%A1%A8.xlsx`);
  });

  it('gives the gateway-relative path of a subgraph’s file', () => {
    expect(gatewayExportPath('shanxi', 'recommendation-summary.xlsx', { unitCode: '140100', year: 2026 })).toBe('/exports/shanxi/recommendation-summary.xlsx?unitCode=140100&year=2026');
  });
});
