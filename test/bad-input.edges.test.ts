import { Role, composeCreditCode, startSubgraph } from '@sme/kernel';
import { createTestDatabase, schemaChecksums, tokenFor } from '@sme/testing';
import { registry } from '../subgraphs/registry/src/server';
import { startGateway } from '../gateway/src/server';
import { eventsSettled } from './support/event-quiescence';

/**
 * The edges of bad input (SPEC §2 Errors), where graphql-js, Apollo and the HTTP layer refuse a request before any
 * resolver runs, and where the scalars and the text rule refuse a value: each answer carries a SPEC §2 code with a
 * stable `reason` (Apollo's own code where it refused) and a message in Chinese and English, never HTTP 5xx or a
 * stack trace, and nothing changes. Asked of the gateway and of the registry subgraph directly, both in this
 * process: the registry is the only subgraph the documents reach.
 */

let registryUrl: string;
let gatewayUrl: string;
let databaseUrl: string;
let admin: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  const running = await startSubgraph(registry, { databaseUrl, port: 0 });
  registryUrl = running.url;
  const gateway = await startGateway({ subgraphUrls: { registry: running.url } });
  gatewayUrl = gateway.url;
  admin = await tokenFor(Role.ADMIN);
  stop = async () => {
    await gateway.stop();
    await running.stop();
  };
}, 60_000);
afterAll(() => stop?.());

const REGISTER = 'mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }';
const FACTS = 'mutation($input: RecordAnnualFactsInput!) { recordAnnualFacts(input: $input) { year } }';
const PAGE = 'query($first: Int) { institutions(first: $first) { totalCount } }';
const CODE = composeCreditCode('9', '1', '140105', 'MA0EDGE1');
const valid = { creditCode: CODE, name: '边界测试服务有限公司', legalForm: 'ENTERPRISE', regionCode: '140105', establishedOn: '2015-06-01' };
const inline = (fields: string) => `mutation { registerInstitution(input: {${fields}}) { id } }`;
const INLINE_VALID = `creditCode: "${CODE}", name: "边界测试", legalForm: ENTERPRISE, regionCode: "140105", establishedOn: "2015-06-01"`;
const withInput = (change: Record<string, unknown>) => ({ query: REGISTER, variables: { input: { ...valid, ...change } } });

/** A request as sent over HTTP: a JSON body by default, or exactly what is given. */
interface Edge {
  name: string;
  body?: unknown;
  raw?: { method: string; contentType?: string; body?: string; query?: string; headers?: Record<string, string> };
  code: string;
  reason: string;
  status?: number;
}

const EDGES: Edge[] = [
  { name: 'an unknown enum value inline', body: { query: inline(INLINE_VALID.replace('ENTERPRISE', 'NOPE')) }, code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED', status: 400 },
  { name: 'an unknown enum value as a variable', body: withInput({ legalForm: 'NOPE' }), code: 'BAD_USER_INPUT', reason: 'INVALID_ENUM_VALUE', status: 400 },
  { name: 'a number for a String variable', body: withInput({ name: 12 }), code: 'BAD_USER_INPUT', reason: 'WRONG_TYPE', status: 400 },
  { name: 'a number for an input object', body: { query: REGISTER, variables: { input: 5 } }, code: 'BAD_USER_INPUT', reason: 'WRONG_TYPE', status: 400 },
  { name: 'a missing required variable', body: { query: REGISTER, variables: {} }, code: 'BAD_USER_INPUT', reason: 'REQUIRED_VALUE_MISSING', status: 400 },
  { name: 'null for a required variable', body: { query: REGISTER, variables: { input: null } }, code: 'BAD_USER_INPUT', reason: 'REQUIRED_VALUE_MISSING', status: 400 },
  { name: 'a missing required input field', body: withInput({ name: undefined }), code: 'BAD_USER_INPUT', reason: 'REQUIRED_VALUE_MISSING', status: 400 },
  { name: 'an input field the type does not define', body: withInput({ nickname: 'x' }), code: 'BAD_USER_INPUT', reason: 'UNKNOWN_INPUT_FIELD', status: 400 },
  { name: '2^31 for an Int variable', body: { query: PAGE, variables: { first: 2 ** 31 } }, code: 'BAD_USER_INPUT', reason: 'INT_OUT_OF_RANGE', status: 400 },
  { name: '"NaN" for an Int variable', body: { query: PAGE, variables: { first: 'NaN' } }, code: 'BAD_USER_INPUT', reason: 'WRONG_TYPE', status: 400 },
  { name: '"NaN" for a Float', body: { query: FACTS, variables: { input: { institutionId: '00000000-0000-4000-8000-000000000001', year: 2024, totalAssets: 'NaN' } } }, code: 'BAD_USER_INPUT', reason: 'WRONG_TYPE', status: 400 },
  { name: 'an impossible Date inline (2023-02-30)', body: { query: inline(INLINE_VALID.replace('2015-06-01', '2023-02-30')) }, code: 'BAD_USER_INPUT', reason: 'INVALID_DATE' },
  { name: 'a Date number inline', body: { query: inline(INLINE_VALID.replace('"2015-06-01"', '20150601')) }, code: 'BAD_USER_INPUT', reason: 'INVALID_DATE' },
  ...['2023-02-30', '2023-13-01', '0000-01-01', '2023-1-1', '', '2023-02-29', ' 2023-01-01'].map((date): Edge => (
    { name: `the Date variable "${date}"`, body: withInput({ establishedOn: date }), code: 'BAD_USER_INPUT', reason: 'INVALID_DATE' })),
  { name: 'a Date number variable', body: withInput({ establishedOn: 20150601 }), code: 'BAD_USER_INPUT', reason: 'INVALID_DATE' },
  ...['9999-12-31', '1899-12-31', '2100-01-01'].map((date): Edge => (
    { name: `the out-of-range Date "${date}"`, body: withInput({ establishedOn: date }), code: 'BAD_USER_INPUT', reason: 'DATE_OUT_OF_RANGE' })),
  { name: 'a credit code with a wrong check character inline', body: { query: inline(INLINE_VALID.replace(CODE, `${CODE.slice(0, 17)}${CODE[17] === '0' ? '1' : '0'}`)) }, code: 'INVALID_CREDIT_CODE', reason: 'CHECK_CHARACTER' },
  { name: 'a credit code with a wrong check character', body: withInput({ creditCode: `${CODE.slice(0, 17)}${CODE[17] === '0' ? '1' : '0'}` }), code: 'INVALID_CREDIT_CODE', reason: 'CHECK_CHARACTER' },
  { name: 'a credit code of 17 characters', body: withInput({ creditCode: CODE.slice(0, 17) }), code: 'INVALID_CREDIT_CODE', reason: 'LENGTH' },
  { name: 'a credit code in lower case', body: withInput({ creditCode: '91350100m000100y43' }), code: 'INVALID_CREDIT_CODE', reason: 'CHARSET' },
  ...['I', 'O', 'Z', 'S', 'V'].map((letter): Edge => (
    { name: `a credit code with the letter ${letter}`, body: withInput({ creditCode: `${CODE.slice(0, 8)}${letter}${CODE.slice(9)}` }), code: 'INVALID_CREDIT_CODE', reason: 'CHARSET' })),
  { name: 'a credit code that is a number', body: withInput({ creditCode: 913501001 }), code: 'INVALID_CREDIT_CODE', reason: 'NOT_A_STRING' },
  ...Object.entries({ NUL: '\u0000', BEL: '\u0007', 'C1 NEL': '\u0085', RLO: '\u202e', LRI: '\u2066', 'line separator': '\u2028', BOM: '\ufeff', 'lone surrogate': '\ud800' })
    .map(([label, ch]): Edge => ({ name: `a name with ${label}`, body: withInput({ name: `边界${ch}测试` }), code: 'BAD_USER_INPUT', reason: 'INVALID_TEXT' })),
  { name: 'a name of 201 characters', body: withInput({ name: '长'.repeat(201) }), code: 'BAD_USER_INPUT', reason: 'INVALID_TEXT' },
  { name: 'a blank name', body: withInput({ name: '   ' }), code: 'BAD_USER_INPUT', reason: 'INVALID_TEXT' },
  { name: 'an unknown field', body: { query: 'mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { nope } }', variables: { input: valid } }, code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED', status: 400 },
  { name: 'a syntax error', body: { query: 'mutation { registerInstitution(' }, code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED', status: 400 },
  { name: 'no query', body: { variables: {} }, code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST', status: 400 },
  { name: 'variables as a string', body: { query: REGISTER, variables: '{}' }, code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST', status: 400 },
  { name: 'an unknown operation name', body: { query: REGISTER, operationName: 'Nope', variables: { input: valid } }, code: 'BAD_USER_INPUT', reason: 'OPERATION_RESOLUTION_FAILURE', status: 400 },
  { name: 'two operations and no name', body: { query: 'query A { __typename } query B { __typename }' }, code: 'BAD_USER_INPUT', reason: 'OPERATION_RESOLUTION_FAILURE', status: 400 },
  { name: 'an unknown persisted query', body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }, code: 'BAD_USER_INPUT', reason: 'PERSISTED_QUERY_NOT_FOUND' },
  { name: 'a body that is not JSON', raw: { method: 'POST', contentType: 'application/json', body: '{"query": ' }, code: 'BAD_USER_INPUT', reason: 'INVALID_JSON', status: 400 },
  { name: 'a text/plain body (CSRF guard)', raw: { method: 'POST', contentType: 'text/plain', body: JSON.stringify(withInput({})) }, code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST', status: 400 },
  {
    name: 'a mutation sent by GET', raw: { method: 'GET', query: `?query=${encodeURIComponent(inline(INLINE_VALID))}`, headers: { 'apollo-require-preflight': 'true' } },
    code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST', status: 405,
  },
  { name: 'a body over the size limit', raw: { method: 'POST', contentType: 'application/json', body: JSON.stringify(withInput({ address: 'x'.repeat(1_100_000) })) }, code: 'BAD_USER_INPUT', reason: 'REQUEST_TOO_LARGE', status: 413 },
];

async function send(url: string, edge: Edge) {
  const raw = edge.raw ?? { method: 'POST', contentType: 'application/json', body: JSON.stringify(edge.body) };
  const response = await fetch(`${url}${raw.query ?? ''}`, {
    method: raw.method,
    headers: { authorization: `Bearer ${admin}`, ...(raw.contentType ? { 'content-type': raw.contentType } : {}), ...raw.headers },
    body: raw.body,
  });
  const text = await response.text();
  let body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null = null;
  try {
    body = JSON.parse(text);
  } catch {
    // reported by the test
  }
  return { status: response.status, body, text };
}

describe.each([['gateway', () => gatewayUrl], ['registry subgraph', () => registryUrl]] as const)('via the %s', (_, url) => {
  it('accepts the valid registration the edges start from (so each refusal is the edge’s own)', async () => {
    const result = await send(url(), { name: 'valid', body: withInput({ creditCode: composeCreditCode('9', '1', '140105', `MA0E${_ === 'gateway' ? 'GW01' : 'RG01'}`) }), code: '', reason: '' });
    expect(result.body?.errors).toBeUndefined();
  });

  it.each(EDGES.map((edge) => [edge.name, edge] as const))('refuses %s with its code and reason, bilingually, changing nothing', async (_name, edge) => {
    // the valid registration's event may still be on its way out of the outbox: that is not the edge's doing
    await eventsSettled(databaseUrl);
    const before = await schemaChecksums(databaseUrl, 'registry');
    const { status, body, text } = await send(url(), edge);
    expect(body).not.toBeNull();
    expect(status).toBeLessThan(500);
    if (edge.status) expect(status).toBe(edge.status);
    const errors = body!.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    // every error of the answer is a SPEC §2 refusal; the edge's own is among them (the gateway may add its cost limit's)
    for (const error of errors) {
      expect(['BAD_USER_INPUT', 'INVALID_CREDIT_CODE']).toContain(error.extensions?.code);
      expect(typeof error.extensions?.reason).toBe('string');
      expect(error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(error.message).toMatch(/[A-Za-z]/);
      expect(error.extensions).not.toHaveProperty('stacktrace');
      expect(error.message).not.toContain('    at ');
    }
    expect(errors.map((e) => [e.extensions?.code, e.extensions?.reason])).toContainEqual([edge.code, edge.reason]);
    expect(text).not.toContain('    at ');
    expect(await schemaChecksums(databaseUrl, 'registry')).toEqual(before);
  });
});
