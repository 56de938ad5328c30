import { Client } from 'pg';
import { Role, composeCreditCode } from '@sme/kernel';
import { createTestDatabase, sample, tokenFor } from '@sme/testing';
import { startLoggedGateway, startLoggedSubgraph, type LoggedProcess } from './support/logged-processes';

/**
 * What operators read, through the real processes (each from its compiled index.js, as `npm start` runs it, with
 * LOG_LEVEL=info): the gateway's request id on every log line of every subgraph the request reaches, the lines of
 * an unexpected error and of an outage included; one access-log line per request; and `/metrics` on the gateway
 * and on each subgraph counting requests by operation and outcome. Two subgraphs are enough for a request that
 * crosses them. Metrics are compared before and after, so each test counts only its own requests.
 */
let databaseUrl: string;
let registry: LoggedProcess;
let shanxi: LoggedProcess;
let gateway: LoggedProcess;
let creditCode: string;

/** Distinct operation names the gateway labels besides the known ones (METRICS_MAX_OPERATIONS): 3 for this file. */
const LABEL_LIMIT = 3;

async function post(document: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: document, variables }),
  });
  return { status: response.status, requestId: response.headers.get('x-request-id'), body: (await response.json()) as { data?: any; errors?: any[] } };
}

const scrape = async (target: LoggedProcess) => (await fetch(`${target.baseUrl}/metrics`)).text();
/** A counter's value, 0 while its series does not exist yet. */
const count = (text: string, name: string, labels: Record<string, string>) => sample(text, name, labels) ?? 0;
const requests = (text: string, operationName: string, outcome: string) => count(text, 'http_requests_total', { route: '/graphql', operationName, outcome });

const CROSSING = `query ObservedTrace($c: CreditCode!) { institution(creditCode: $c) { name shanxiLibrary { status } } }`;
const requestLine = (requestId: string) => (line: Record<string, any>) => line.msg === 'request' && line.requestId === requestId;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  // side by side (each creates the shared event stream if it is missing, under a lock)
  [registry, shanxi] = await Promise.all([startLoggedSubgraph('registry', databaseUrl), startLoggedSubgraph('shanxi', databaseUrl)]);
  gateway = await startLoggedGateway({ registry: registry.baseUrl, shanxi: shanxi.baseUrl }, { METRICS_MAX_OPERATIONS: String(LABEL_LIMIT) });
  creditCode = composeCreditCode('9', '1', '140105', 'MA0G9001');
  const registered = await post(
    `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`,
    { input: { creditCode, name: '可观测性测试机构', legalForm: 'ENTERPRISE', regionCode: '140105', establishedOn: '2015-06-01' } },
    { authorization: `Bearer ${await tokenFor(Role.ADMIN)}` },
  );
  expect(registered.body.errors).toBeUndefined();
}, 120_000);

afterAll(async () => {
  // every process stops cleanly on SIGTERM, as an operator stops it
  const codes = await Promise.all([gateway, shanxi, registry].map((p) => p?.stop()));
  expect(codes).toEqual([0, 0, 0]);
});

describe('request ids and the access log', () => {
  it("carries the caller's request id from the gateway into each subgraph's lines, and logs each request once", async () => {
    const answer = await post(CROSSING, { c: creditCode }, { 'x-request-id': 'observed-1' });
    expect(answer.body).toEqual({ data: { institution: { name: '可观测性测试机构', shanxiLibrary: null } } });
    expect(answer.requestId).toBe('observed-1');

    const atGateway = await gateway.line(requestLine('observed-1'), 'the request observed-1');
    expect(atGateway).toMatchObject({ level: 30, service: 'gateway', method: 'POST', path: '/graphql', operationName: 'ObservedTrace', status: 200 });
    expect(atGateway.durationMs).toEqual(expect.any(Number));
    // each subgraph got its part of the plan under the gateway's id
    for (const subgraph of [registry, shanxi]) {
      const line = await subgraph.line(requestLine('observed-1'), 'the request observed-1');
      expect(line).toMatchObject({ level: 30, service: subgraph.name, method: 'POST', path: '/graphql', status: 200 });
      expect(line.operationName).toMatch(new RegExp(`^ObservedTrace__${subgraph.name}__\\d+$`));
    }
    for (const one of [gateway, registry, shanxi]) expect(one.lines.filter(requestLine('observed-1'))).toHaveLength(1);
  });

  it("gives a request that came without an id one of its own, and the subgraphs log that one", async () => {
    const answer = await post(CROSSING, { c: creditCode });
    expect(answer.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    for (const one of [gateway, registry, shanxi]) await one.line(requestLine(answer.requestId!), `the request ${answer.requestId}`);
  });

  it("writes a subgraph's unexpected error with the gateway request's id, and counts it as a server error at both", async () => {
    const failing = `query ObservedFailure($c: CreditCode!) { institution(creditCode: $c) { name creditRecords { kind } } }`;
    const [gatewayBefore, registryBefore] = [await scrape(gateway), await scrape(registry)];
    // a fault made for real: the table the field reads is gone
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query('alter table registry.credit_records rename to credit_records_away');
    let answer;
    try {
      answer = await post(failing, { c: creditCode }, { 'x-request-id': 'observed-failure' });
    } finally {
      await db.query('alter table registry.credit_records_away rename to credit_records');
      await db.end();
    }
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const logged = await registry.line((l) => l.msg === 'unexpected error' && l.requestId === 'observed-failure', 'the unexpected error of observed-failure');
    expect(logged.level).toBe(50);
    expect(JSON.stringify(logged.err)).toMatch(/credit_records/);

    const [gatewayAfter, registryAfter] = [await scrape(gateway), await scrape(registry)];
    expect(requests(gatewayAfter, 'ObservedFailure', 'server_error') - requests(gatewayBefore, 'ObservedFailure', 'server_error')).toBe(1);
    expect(requests(registryAfter, 'ObservedFailure', 'server_error') - requests(registryBefore, 'ObservedFailure', 'server_error')).toBe(1);
    expect(requests(gatewayAfter, 'ObservedFailure', 'success')).toBe(0);
  });
});

describe('/metrics', () => {
  it('counts requests and their latency per operation at the gateway and at each subgraph, refusals apart', async () => {
    const counted = `query Counted($c: CreditCode!) { institution(creditCode: $c) { name shanxiLibrary { status } } }`;
    const before = { gateway: await scrape(gateway), registry: await scrape(registry), shanxi: await scrape(shanxi) };
    for (let i = 0; i < 3; i++) expect((await post(counted, { c: creditCode })).body.errors).toBeUndefined();
    // a credit code whose check character is wrong: refused by the registry, passed on by the gateway
    const wrongCheck = creditCode.slice(0, -1) + (creditCode.endsWith('0') ? '1' : '0');
    const refused = await post(counted, { c: wrongCheck });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('INVALID_CREDIT_CODE');
    const after = { gateway: await scrape(gateway), registry: await scrape(registry), shanxi: await scrape(shanxi) };
    const added = (at: keyof typeof before, outcome: string) => requests(after[at], 'Counted', outcome) - requests(before[at], 'Counted', outcome);

    expect([added('gateway', 'success'), added('gateway', 'client_error'), added('gateway', 'server_error')]).toEqual([3, 1, 0]);
    expect(count(after.gateway, 'http_request_duration_seconds_count', { route: '/graphql', operationName: 'Counted' })).toBe(4);
    expect(count(after.gateway, 'http_request_duration_seconds_bucket', { route: '/graphql', operationName: 'Counted', le: '+Inf' })).toBe(4);
    // the subgraphs count the client's operation, not the planner's name for each fetch
    expect([added('registry', 'success'), added('registry', 'client_error')]).toEqual([3, 1]);
    expect(added('shanxi', 'success')).toBe(3); // the refused request never got as far as shanxi
    expect(after.registry).not.toMatch(/operationName="Counted__/);

    // the subgraphs' database: the pool, and no event parked
    for (const text of [after.registry, after.shanxi]) {
      expect(sample(text, 'db_pool_max_connections')).toBeGreaterThan(0);
      expect(sample(text, 'db_pool_connections', { state: 'pending' })).toBe(0);
      expect(sample(text, 'event_backlog', { queue: 'dead_letters' })).toBe(0);
    }
    // shanxi consumes the registry's events, so its unread backlog is reported; the registry consumes none
    expect(sample(after.shanxi, 'event_backlog', { queue: 'stream_unconsumed' })).toEqual(expect.any(Number));
    expect(sample(after.registry, 'event_backlog', { queue: 'stream_unconsumed' })).toBeUndefined();
    // the gateway has no database; every process has the process's own figures
    expect(after.gateway).not.toMatch(/^db_pool/m);
    for (const text of Object.values(after)) expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('keeps the operation label to a bounded set: new names past the limit, and anonymous operations, count as `other`', async () => {
    for (let i = 1; i <= LABEL_LIMIT + 1; i++) expect((await post(`query Flood${i} { __typename }`)).status).toBe(200);
    // by now at least LABEL_LIMIT names have been seen: every further new name, and every anonymous operation, is `other`
    const before = await scrape(gateway);
    await post(`query FloodLast { __typename }`);
    await post(`{ __typename }`);
    // a known operation (the explorer's first example) keeps its label whatever came before it
    await post(`query InstitutionTrace { __typename }`);
    const after = await scrape(gateway);

    expect(requests(after, 'other', 'success') - requests(before, 'other', 'success')).toBe(2);
    expect(after).not.toMatch(/operationName="FloodLast"/);
    expect(requests(after, 'InstitutionTrace', 'success') - requests(before, 'InstitutionTrace', 'success')).toBe(1);
    const known = new Set(['other', 'InstitutionTrace']);
    const labelled = new Set([...after.matchAll(/^http_requests_total\{route="\/graphql",operationName="([^"]*)"/gm)].map((m) => m[1]).filter((name) => !known.has(name)));
    expect(labelled.size).toBe(LABEL_LIMIT);
  });
});

// last: every process recovers from the outage, but nothing after it should depend on how soon
describe('an outage', () => {
  it("writes a subgraph's 'database unavailable' with the gateway request's id", async () => {
    // PostgreSQL made unreachable for real, as in a restart: the database refuses new connections and its open ones are cut
    const admin = new Client({ connectionString: process.env.TEST_PG_SERVER_URL });
    await admin.connect();
    const name = new URL(databaseUrl).pathname.slice(1);
    let answer;
    try {
      await admin.query(`alter database "${name}" allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
      answer = await post(CROSSING, { c: creditCode }, { 'x-request-id': 'observed-outage' });
    } finally {
      await admin.query(`alter database "${name}" allow_connections true`);
      await admin.end();
    }
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE' });
    const logged = await registry.line((l) => l.msg === 'database unavailable' && l.requestId === 'observed-outage', 'the outage of observed-outage');
    expect(logged.level).toBe(40);
  });
});
