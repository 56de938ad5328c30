import { Role } from '@sme/kernel';
import { tokenFor } from '@sme/testing';
import { startSupergraph } from '../../test/support/supergraph';
import { documentHash, readPersistedOperationSources, type PersistedOperationSource } from '../src/persisted-operation-manifest';
import { startGateway } from '../src/server';

/**
 * The dashboards' persisted operations through the real gateway and every subgraph (each its own process), in
 * the three modes: `allow` (the supergraph's own gateway, the default), `require` and `off`.
 */

type Gateway = Awaited<ReturnType<typeof startGateway>>;
let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
let requiring: Gateway;
let off: Gateway;
let analyst: string;
let admin: string;
let applicant: string;
const operations = new Map<string, PersistedOperationSource>();

beforeAll(async () => {
  supergraph = await startSupergraph();
  [requiring, off] = await Promise.all([
    startGateway({ subgraphUrls: supergraph.subgraphUrls, env: { PERSISTED_OPERATIONS: 'require' } }),
    startGateway({ subgraphUrls: supergraph.subgraphUrls, env: { PERSISTED_OPERATIONS: 'off' } }),
  ]);
  for (const source of readPersistedOperationSources()) operations.set(source.operationName, source);
  [analyst, admin, applicant] = await Promise.all([tokenFor(Role.ANALYST), tokenFor(Role.ADMIN), tokenFor(Role.APPLICANT, { institutionId: '00000000-0000-4000-8000-000000000001' })]);
}, 85_000);

afterAll(async () => {
  await Promise.all([requiring?.stop(), off?.stop()]);
  await supergraph?.stop();
});

interface Outcome {
  status: number;
  body: any;
}

async function post(url: string, body: unknown, token?: string): Promise<Outcome> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function get(url: string, params: Record<string, unknown>, token?: string): Promise<Outcome> {
  const search = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  const response = await fetch(`${url}?${search}`, { headers: { 'apollo-require-preflight': 'true', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  return { status: response.status, body: await response.json() };
}

const operation = (name: string) => operations.get(name)!;
const hashOf = (name: string) => documentHash(operation(name).document);
/** Apollo's wire form (Apollo Client's persisted-queries link). */
const apolloForm = (name: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(name) } }, variables: operation(name).variables });
/** GraphQL over HTTP's persisted documents form. */
const documentIdForm = (name: string) => ({ documentId: `sha256:${hashOf(name)}`, variables: operation(name).variables });

function expectRefused(outcome: Outcome, status: number, code: string, reason: string): any {
  expect(outcome.status).toBe(status);
  expect(outcome.body.data).toBeUndefined();
  const [error] = outcome.body.errors;
  expect(error.extensions).toMatchObject({ code, reason });
  expect(error.message).toBe(`${error.extensions.messageZh} / ${error.extensions.messageEn}`);
  return error;
}

function expectData(outcome: Outcome): any {
  expect(outcome.body.errors).toBeUndefined();
  expect(outcome.status).toBe(200);
  return outcome.body.data;
}

describe('allow (the default)', () => {
  test('each dashboard operation runs by its hash, reading all five programme subgraphs', async () => {
    const statistics = expectData(await post(supergraph.gatewayUrl, apolloForm('CrossProvinceStatistics'), analyst));
    expect(statistics.shanxiLibraryStatistics).toMatchObject({ currentMembers: 0, membersByCategory: [] });
    expect(statistics.hebeiLibraryStatistics).toMatchObject({ currentMembers: 0 });
    expect(statistics.shandongPlatformStatistics).toMatchObject({ designated: 0, expiringWithin90Days: 0 });
    expect(statistics.ningxiaPlatformStatistics).toMatchObject({ designated: 0, overdueSummaries: 0 });
    expect(statistics.shanxiProvincialPlatforms.totalCount).toBe(0);
    expect(statistics.taiyuanApplications.totalCount).toBe(0);
    expect(statistics.taiyuanDesignated.totalCount).toBe(0);

    const expiring = expectData(await post(supergraph.gatewayUrl, apolloForm('ExpiringDesignations')));
    expect(Object.keys(expiring)).toEqual(['shandongPlatforms', 'ningxiaPlatforms', 'shanxiProvincialPlatforms']);
    const overdue = expectData(await post(supergraph.gatewayUrl, apolloForm('OverdueDuties'), analyst));
    expect(Object.keys(overdue)).toEqual([
      'shandongPlatformSummaryDuties',
      'ningxiaPlatformSummaryDuties',
      'ningxiaCityPlatformReportDuties',
      'hebeiServiceAppointments',
      'shanxiNotifiedMembers',
      'hebeiNotifiedMembers',
    ]);
    expect([overdue.hebeiServiceAppointments.totalCount, overdue.shanxiNotifiedMembers.totalCount, overdue.hebeiNotifiedMembers.totalCount]).toEqual([0, 0, 0]);
  });

  test('the persisted documents form, and GET with either form, give the same answer', async () => {
    const byApollo = expectData(await post(supergraph.gatewayUrl, apolloForm('CrossProvinceStatistics'), analyst));
    expect(expectData(await post(supergraph.gatewayUrl, documentIdForm('CrossProvinceStatistics'), analyst))).toEqual(byApollo);
    expect(expectData(await get(supergraph.gatewayUrl, documentIdForm('CrossProvinceStatistics'), analyst))).toEqual(byApollo);
    expect(expectData(await get(supergraph.gatewayUrl, apolloForm('CrossProvinceStatistics'), analyst))).toEqual(byApollo);
  });

  test('the three dashboard operations go in one batch, within the batch’s cost', async () => {
    const outcome = await post(supergraph.gatewayUrl, ['CrossProvinceStatistics', 'ExpiringDesignations', 'OverdueDuties'].map(apolloForm), analyst);
    expect(outcome.status).toBe(200);
    expect(outcome.body.map((result: any) => [result.errors, Object.keys(result.data).length])).toEqual([
      [undefined, 7],
      [undefined, 3],
      [undefined, 6],
    ]);
  });

  test('an unknown hash, a malformed one, and a hash that is not the query’s are refused, in both forms', async () => {
    const unknown = 'f'.repeat(64);
    for (const body of [{ extensions: { persistedQuery: { version: 1, sha256Hash: unknown } } }, { documentId: `sha256:${unknown}` }]) {
      const error = expectRefused(await post(supergraph.gatewayUrl, body), 400, 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND');
      expect(error.extensions.hash).toBe(unknown);
    }
    expectRefused(await get(supergraph.gatewayUrl, { documentId: `sha256:${unknown}` }), 400, 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND');
    expectRefused(await post(supergraph.gatewayUrl, { extensions: { persistedQuery: { version: 2, sha256Hash: unknown } } }), 400, 'BAD_USER_INPUT', 'INVALID_PERSISTED_QUERY');
    expectRefused(await post(supergraph.gatewayUrl, { documentId: unknown }), 400, 'BAD_USER_INPUT', 'INVALID_PERSISTED_QUERY');
    expectRefused(
      await post(supergraph.gatewayUrl, { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: hashOf('ExpiringDesignations') } } }),
      400,
      'BAD_USER_INPUT',
      'PERSISTED_QUERY_HASH_MISMATCH',
    );
  });

  test('free-form documents run too', async () => {
    expect(expectData(await post(supergraph.gatewayUrl, { query: '{ region(code: "640000") { name } }' }))).toEqual({ region: { name: '宁夏回族自治区' } });
  });
});

describe('require', () => {
  test('refuses a free-form document from an anonymous caller or another role with 403, and a bad token with 401', async () => {
    expectRefused(await post(requiring.url, { query: '{ __typename }' }), 403, 'FORBIDDEN', 'PERSISTED_OPERATION_REQUIRED');
    expectRefused(await get(requiring.url, { query: '{ __typename }' }), 403, 'FORBIDDEN', 'PERSISTED_OPERATION_REQUIRED');
    expectRefused(await post(requiring.url, { query: '{ __typename }' }, applicant), 403, 'FORBIDDEN', 'PERSISTED_OPERATION_REQUIRED');
    const badToken = await post(requiring.url, { query: '{ __typename }' }, 'not-a-token');
    expect(badToken.status).toBe(401);
    expect(badToken.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  test('runs the manifest’s operations for anyone, by hash or as the very same text', async () => {
    const byHash = expectData(await post(requiring.url, documentIdForm('ExpiringDesignations')));
    const asText = expectData(await post(requiring.url, { query: operation('ExpiringDesignations').document, variables: operation('ExpiringDesignations').variables }));
    expect(asText).toEqual(byHash);
  });

  test('lets an ANALYST or an ADMIN explore with free-form documents', async () => {
    for (const token of [analyst, admin]) expect(expectData(await post(requiring.url, { query: '{ region(code: "370000") { name } }' }, token))).toEqual({ region: { name: '山东省' } });
  });

  test('refuses a whole batch that holds one free-form document, naming it', async () => {
    const outcome = await post(requiring.url, [apolloForm('ExpiringDesignations'), { query: '{ __typename }' }]);
    const error = expectRefused(outcome, 403, 'FORBIDDEN', 'PERSISTED_OPERATION_REQUIRED');
    expect(outcome.body.errors).toHaveLength(1);
    expect(error.extensions.operationIndex).toBe(1);
  });

  test('cannot be bypassed by registering a document under its hash (Apollo’s automatic persisted queries are off)', async () => {
    const query = '{ institutions(first: 1) { totalCount } }';
    const registration = { query, extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(query) } } };
    expect(expectData(await post(requiring.url, registration, admin))).toEqual({ institutions: { totalCount: 0 } });
    expect(expectData(await post(supergraph.gatewayUrl, registration))).toEqual({ institutions: { totalCount: 0 } });
    const replay = { extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(query) } } };
    expectRefused(await post(requiring.url, replay), 400, 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND');
    expectRefused(await post(supergraph.gatewayUrl, replay), 400, 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND');
    expectRefused(await post(requiring.url, registration), 403, 'FORBIDDEN', 'PERSISTED_OPERATION_REQUIRED');
  });
});

describe('off', () => {
  test('refuses hashes, and runs documents (a hash sent with its document is ignored)', async () => {
    expectRefused(await post(off.url, apolloForm('ExpiringDesignations')), 400, 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_SUPPORTED');
    expectRefused(await post(off.url, documentIdForm('ExpiringDesignations')), 400, 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_SUPPORTED');
    const { document, variables } = operation('ExpiringDesignations');
    const expected = expectData(await post(off.url, { query: document, variables }));
    expect(expectData(await post(off.url, { query: document, variables, extensions: { persistedQuery: { version: 1, sha256Hash: hashOf('ExpiringDesignations') } } }))).toEqual(expected);
  });
});

describe('the explorer', () => {
  test('opens the dashboard operations as tabs, from the same files', async () => {
    const page = await (await fetch(new URL('/', supergraph.gatewayUrl))).text();
    for (const source of operations.values()) {
      expect(page).toContain(JSON.stringify(source.title).slice(1, -1));
      expect(page).toContain(JSON.stringify(source.document).slice(1, -1));
    }
  });
});
