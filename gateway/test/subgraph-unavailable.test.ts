import { freePort as closedPort } from '@sme/devtools';
import { graphqlClient, tokenFor } from '@sme/testing';
import { Role, SERVICE_UNAVAILABLE, UnavailableReason } from '@sme/kernel';
import { startGateway } from '../src/server';

/**
 * A subgraph that refuses the connection (its process is down): the gateway answers HTTP 200 with the error
 * that names it, a stable code and a bilingual message, and nothing of the failed fetch (no URL, no stack).
 * Here every subgraph's port is closed; test/faults.test.ts kills one of six running under load and checks the
 * partial data of the others. A port just freed is closed: nothing listens there.
 */
let gateway: Awaited<ReturnType<typeof startGateway>>;
let query: ReturnType<typeof graphqlClient>;
let admin: string;

beforeAll(async () => {
  const names = ['registry', 'shanxi', 'hebei', 'taiyuan', 'shandong', 'ningxia'];
  const subgraphUrls = Object.fromEntries(await Promise.all(names.map(async (name) => [name, `http://127.0.0.1:${await closedPort()}/graphql`])));
  gateway = await startGateway({ subgraphUrls });
  query = graphqlClient(gateway.url);
  admin = await tokenFor(Role.ADMIN);
});

afterAll(async () => {
  await gateway?.stop();
});

const expectUnavailable = (error: any, serviceName: string) => {
  expect(error.extensions).toEqual({
    code: SERVICE_UNAVAILABLE,
    reason: UnavailableReason.SUBGRAPH_UNREACHABLE,
    serviceName,
    messageZh: expect.stringContaining(`子图 ${serviceName} 暂时无法访问`),
    messageEn: expect.stringContaining(`Subgraph ${serviceName} cannot be reached`),
  });
  expect(error.message).toBe(`${error.extensions.messageZh} / ${error.extensions.messageEn}`);
  expect(error.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|https?:|\.js:\d+/);
};

describe('a subgraph that cannot be reached', () => {
  it('is named in the error of a read, with a stable code and no detail of the failed fetch', async () => {
    const result = await query(`{ institutions(first: 1) { edges { node { id name } } } }`, {}, admin);
    expect(result.status).toBe(200);
    expect(result.errors).toHaveLength(1);
    expectUnavailable(result.errors![0], 'registry');
    expect(result.data).toBeNull(); // institutions is non-null: its null reaches the root
  });

  it('is named in the error of a write, which is not acknowledged', async () => {
    const result = await query(
      `mutation($input: AddCreditRecordInput!) { addCreditRecord(input: $input) { id } }`,
      { input: { institutionId: '00000000-0000-4000-8000-000000000000', kind: 'ABNORMAL_OPERATION', listedOn: '2025-06-01', source: 'test' } },
      admin,
    );
    expect(result.status).toBe(200);
    expectUnavailable(result.errors![0], 'registry');
    expect(result.data).toBeNull();
  });

  it('is tried again on the next request: nothing about it is remembered', async () => {
    for (let i = 0; i < 3; i++) {
      const result = await query(`{ region(code: "140000") { code } }`, {}, admin);
      expect(result.errors?.map((e) => e.extensions.code)).toEqual([SERVICE_UNAVAILABLE]);
    }
  });
});
