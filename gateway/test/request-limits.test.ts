import { Lexer, Source, TokenKind } from 'graphql';
import { composeCreditCode, Role, startSubgraph, type RunningSubgraph } from '@sme/kernel';
import { createTestDatabase, tokenFor } from '@sme/testing';
import { registry } from '../../subgraphs/registry/src/server';
import { startGateway } from '../src/server';

/**
 * Every request limit at its boundary, through the real HTTP gateway (the committed supergraph, the registry
 * subgraph in this process on a fresh database): the limit passes with data, one more is refused with its code,
 * reason and numbers. The gateway reads an empty environment, so the defaults are what is tested.
 */

let subgraph: RunningSubgraph;
let gateway: Awaited<ReturnType<typeof startGateway>>;
let url: string;
let admin: string;

beforeAll(async () => {
  const databaseUrl = await createTestDatabase();
  subgraph = await startSubgraph(registry, { databaseUrl, port: 0 });
  gateway = await startGateway({ subgraphUrls: { registry: subgraph.url }, env: {} });
  url = gateway.url;
  admin = await tokenFor(Role.ADMIN);
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await subgraph?.stop();
});

interface Response {
  status: number;
  body: any;
}

async function post(body: unknown, token?: string): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: text,
  });
  return { status: response.status, body: await response.json() };
}

const run = (query: string, variables?: Record<string, unknown>, token?: string) => post({ query, variables }, token);

async function get(target: string): Promise<Response> {
  // Apollo's CSRF prevention wants a header a browser form cannot send.
  const response = await fetch(new URL(target, url), { headers: { 'apollo-require-preflight': 'true' } });
  return { status: response.status, body: await response.json() };
}

function expectRefused(response: Response, status: number, reason: string, numbers: Record<string, number>): void {
  expect(response.status).toBe(status);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toHaveLength(1);
  const [error] = response.body.errors;
  expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason, ...numbers });
  expect(error.message).toBe(`${error.extensions.messageZh} / ${error.extensions.messageEn}`);
  expect(error.extensions.messageZh).toMatch(/[\u4e00-\u9fff]/);
}

function expectData(response: Response): void {
  expect(response.body.errors).toBeUndefined();
  expect(response.status).toBe(200);
  expect(response.body.data).toBeTruthy();
}

/** Tokens as graphql-js counts them for its limit (comments are not tokens). */
function tokenCount(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

/** `levels` levels of fields: region, then parent … parent, then the leaf code. */
const depthQuery = (levels: number) => `{ region(code: "140105") { ${'parent { '.repeat(levels - 2)}code${' }'.repeat(levels - 2)} } }`;

const aliasQuery = (aliases: number) => `{ ${Array.from({ length: aliases }, (_, i) => `r${i}: region(code: "140000") { name }`).join(' ')} }`;

const directiveQuery = (directives: number) => `{ ${Array.from({ length: directives }, () => '__typename @include(if: true)').join(' ')} }`;

/** A document of exactly `tokens` tokens: 19 of structure and one per id in the filter. */
const tokenQuery = (tokens: number) => `{ institutions(first: 1, filter: { ids: [${Array.from({ length: tokens - 19 }, (_, i) => i + 1).join(' ')}] }) { totalCount } }`;

/**
 * A query of exactly `cost`: armor prices `institutions(first: 100) { totalCount × k }` at (2 + k) × 100 (an
 * object 2, a leaf 1, times the page size) and each root `__typename` at 1.
 */
function costQuery(cost: number): string {
  const leaves = Math.floor(cost / 100) - 2;
  const extra = cost - (leaves + 2) * 100;
  return `{ institutions(first: 100) { ${'totalCount '.repeat(leaves)}} ${'__typename '.repeat(extra)}}`;
}

const REGISTER = 'mutation Register($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }';
let registered = 0;
/** A registration (cost 3) of a new institution: what a batch did is counted in the registry afterwards. */
function registration() {
  registered += 1;
  const creditCode = composeCreditCode('9', '1', '140105', `MA0L${String(registered).padStart(4, '0')}`);
  return { query: REGISTER, variables: { input: { creditCode, name: `批量测试机构${registered}`, legalForm: 'ENTERPRISE', regionCode: '140105', establishedOn: '2015-06-01' } } };
}

async function institutionCount(): Promise<number> {
  const response = await run('{ institutions(first: 1) { totalCount } }');
  expectData(response);
  return response.body.data.institutions.totalCount;
}

describe('document size', () => {
  /** A POST body of exactly `bytes` bytes: `{ __typename }` after a comment (comments are not tokens). */
  function bodyOf(bytes: number): string {
    const frame = JSON.stringify({ query: '#\n{ __typename }' }).length;
    return JSON.stringify({ query: `#${'x'.repeat(bytes - frame)}\n{ __typename }` });
  }

  test('a body of 1,000,000 bytes runs, one of 1,000,001 is refused with 413 before it is parsed', async () => {
    expect(Buffer.byteLength(bodyOf(1_000_000))).toBe(1_000_000);
    const atLimit = await post(bodyOf(1_000_000));
    expectData(atLimit);
    expect(atLimit.body.data).toEqual({ __typename: 'Query' });
    expectRefused(await post(bodyOf(1_000_001)), 413, 'REQUEST_TOO_LARGE', { limitBytes: 1_000_000 });
  });

  /** A GET target of exactly `bytes` bytes. */
  function targetOf(bytes: number): string {
    const frame = `/graphql?query=${encodeURIComponent('#\n{ __typename }')}`.length;
    return `/graphql?query=${encodeURIComponent(`#${'x'.repeat(bytes - frame)}\n{ __typename }`)}`;
  }

  test('a GET URL of 8192 bytes runs, one of 8193 is refused with 414', async () => {
    expect(targetOf(8192)).toHaveLength(8192);
    const atLimit = await get(targetOf(8192));
    expectData(atLimit);
    expect(atLimit.body.data).toEqual({ __typename: 'Query' });
    expectRefused(await get(targetOf(8193)), 414, 'URL_TOO_LONG', { limitBytes: 8192 });
  });

  test('a URL past Node’s 16 KiB header limit gets a GraphQL-shaped 431, not a bare status line', async () => {
    expectRefused(await get(targetOf(20_000)), 431, 'HEADERS_TOO_LARGE', {});
  });

  test('5000 tokens run, 5001 are refused while parsing', async () => {
    expect(tokenCount(tokenQuery(5000))).toBe(5000);
    const atLimit = await run(tokenQuery(5000));
    expectData(atLimit);
    expect(atLimit.body.data.institutions.totalCount).toBe(0);
    expectRefused(await run(tokenQuery(5001)), 400, 'TOO_MANY_TOKENS', { limit: 5000 });
  });
});

describe('per-operation limits', () => {
  test('depth: 12 levels run, 13 are refused', async () => {
    const atLimit = await run(depthQuery(12));
    expectData(atLimit);
    expect(atLimit.body.data.region.parent.parent.parent).toBeNull(); // 小店区 → 太原市 → 山西省 → none
    expectRefused(await run(depthQuery(13)), 400, 'QUERY_TOO_DEEP', { limit: 12, actual: 13 });
  });

  test('aliases: 15 run, 16 are refused', async () => {
    const atLimit = await run(aliasQuery(15));
    expectData(atLimit);
    expect(Object.keys(atLimit.body.data)).toHaveLength(15);
    expect(atLimit.body.data.r14).toEqual({ name: '山西省' });
    expectRefused(await run(aliasQuery(16)), 400, 'TOO_MANY_ALIASES', { limit: 15, actual: 16 });
  });

  test('cost: 5000 runs, 5001 is refused', async () => {
    expectData(await run(costQuery(5000)));
    expectRefused(await run(costQuery(5001)), 400, 'QUERY_TOO_COSTLY', { limit: 5000, actual: 5001 });
  });

  test('directives: 20 run, 21 are refused', async () => {
    expectData(await run(directiveQuery(20)));
    expectRefused(await run(directiveQuery(21)), 400, 'TOO_MANY_DIRECTIVES', { limit: 20, actual: 21 });
  });
});

describe('batches', () => {
  test('10 operations run, 11 are refused with nothing run', async () => {
    const before = await institutionCount();
    const eleven = Array.from({ length: 11 }, registration);
    expectRefused(await post(eleven, admin), 400, 'TOO_MANY_OPERATIONS', { limit: 10, actual: 11 });
    expect(await institutionCount()).toBe(before);

    const ten = Array.from({ length: 10 }, registration);
    const response = await post(ten, admin);
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(10);
    for (const result of response.body) expect(result.data.registerInstitution.id).toEqual(expect.any(String));
    expect(await institutionCount()).toBe(before + 10);
  });

  test('the summed cost may reach 5000; at 5001 the batch is refused with nothing run', async () => {
    const before = await institutionCount();
    // 4998 + a registration's 3
    expectRefused(await post([{ query: costQuery(4998) }, registration()], admin), 400, 'BATCH_TOO_COSTLY', { limit: 5000, actual: 5001 });
    expect(await institutionCount()).toBe(before);

    const response = await post([{ query: costQuery(4997) }, registration()], admin);
    expect(response.status).toBe(200);
    expect(response.body[0].errors).toBeUndefined();
    expect(response.body[1].data.registerInstitution.id).toEqual(expect.any(String));
    expect(await institutionCount()).toBe(before + 1);
  });

  test('a batch counts the operation each document runs, not the document’s others', async () => {
    const document = `query Cheap { __typename } query Dear ${costQuery(5000)}`;
    const accepted = await post([{ query: document, operationName: 'Cheap' }, { query: costQuery(4999) }]);
    expect(accepted.status).toBe(200);
    expect(accepted.body[0]).toEqual({ data: { __typename: 'Query' } });
    expectRefused(await post([{ query: document, operationName: 'Dear' }, { query: '{ __typename }' }]), 400, 'BATCH_TOO_COSTLY', { limit: 5000, actual: 5001 });
  });

  // An operation over the cost limit puts its batch over the batch's (the same 5000 by default), so the batch
  // check above refuses it first; the other limits are Apollo's, applied to each operation on its own.
  test('each operation of an accepted batch meets every per-operation limit', async () => {
    const response = await post([{ query: depthQuery(12) }, { query: depthQuery(13) }, { query: aliasQuery(16) }, { query: directiveQuery(21) }, { query: tokenQuery(5001) }]);
    expect(response.body).toHaveLength(5);
    expect(response.body[0].data.region.parent.parent).toEqual({ parent: null });
    const reasons = response.body.slice(1).map((result: any) => [result.data, result.errors[0].extensions.code, result.errors[0].extensions.reason]);
    expect(reasons).toEqual([
      [undefined, 'BAD_USER_INPUT', 'QUERY_TOO_DEEP'],
      [undefined, 'BAD_USER_INPUT', 'TOO_MANY_ALIASES'],
      [undefined, 'BAD_USER_INPUT', 'TOO_MANY_DIRECTIVES'],
      [undefined, 'BAD_USER_INPUT', 'TOO_MANY_TOKENS'],
    ]);
  });

  test('a subgraph called directly does not batch', async () => {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST', messageEn: 'Operation batching disabled.' });
  });
});
