import { getIntrospectionQuery } from 'graphql';
import { introspectionModeFromEnv, Role, startSubgraph, type RunningSubgraph } from '@sme/kernel';
import { createTestDatabase, tokenFor } from '@sme/testing';
import { registry } from '../../subgraphs/registry/src/server';
import { startGateway } from '../src/server';

/**
 * Who may read the schema, through the real HTTP gateway in each mode, and on a subgraph called directly. The
 * gateway answers introspection from its own schema, so its cases need no subgraph; the registry subgraph runs
 * in this process in the production mode (`authenticated`).
 */

type Gateway = Awaited<ReturnType<typeof startGateway>>;
let development: Gateway;
let production: Gateway;
let off: Gateway;
let subgraph: RunningSubgraph;
const tokens: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  [development, production, off] = await Promise.all([
    startGateway({ env: {} }),
    startGateway({ env: { NODE_ENV: 'production' } }),
    startGateway({ env: { INTROSPECTION: 'off' } }),
  ]);
  const saved = process.env.INTROSPECTION;
  process.env.INTROSPECTION = 'authenticated'; // read once, when the subgraph starts
  try {
    subgraph = await startSubgraph(registry, { databaseUrl: await createTestDatabase(), port: 0 });
  } finally {
    if (saved === undefined) delete process.env.INTROSPECTION;
    else process.env.INTROSPECTION = saved;
  }
  for (const role of [Role.ANALYST, Role.ADMIN, Role.APPLICANT]) tokens[role] = await tokenFor(role, role === Role.APPLICANT ? { institutionId: '00000000-0000-4000-8000-000000000001' } : {});
}, 60_000);

afterAll(async () => {
  await Promise.all([development, production, off].map((gateway) => gateway?.stop()));
  await subgraph?.stop();
});

async function run(url: string, query: string, role?: Role) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

/** What GraphiQL sends when it opens: the full introspection query. */
const EXPLORER_INTROSPECTION = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true });

function expectRefused(outcome: { status: number; body: any }, status: number, code: string, mode: string) {
  expect(outcome.status).toBe(status);
  expect(outcome.body.data).toBeUndefined();
  expect(outcome.body.errors).toHaveLength(1);
  const [error] = outcome.body.errors;
  expect(error.extensions).toMatchObject({ code, reason: 'INTROSPECTION_DISABLED', mode });
  expect(error.message).toBe(`${error.extensions.messageZh} / ${error.extensions.messageEn}`);
}

function expectSchema(outcome: { status: number; body: any }) {
  expect(outcome.body.errors).toBeUndefined();
  expect(outcome.status).toBe(200);
  expect(outcome.body.data.__schema.types.map((type: { name: string }) => type.name)).toEqual(expect.arrayContaining(['Institution', 'CreditCode']));
}

describe('the mode', () => {
  test('is `on` outside production and `authenticated` in production unless INTROSPECTION says otherwise', () => {
    expect(introspectionModeFromEnv({})).toBe('on');
    expect(introspectionModeFromEnv({ NODE_ENV: 'test' })).toBe('on');
    expect(introspectionModeFromEnv({ NODE_ENV: 'production' })).toBe('authenticated');
    expect(introspectionModeFromEnv({ NODE_ENV: 'production', INTROSPECTION: 'on' })).toBe('on');
    expect(introspectionModeFromEnv({ INTROSPECTION: 'off' })).toBe('off');
    expect(() => introspectionModeFromEnv({ INTROSPECTION: 'yes' })).toThrow('INTROSPECTION must be one of off, authenticated, on, got "yes"');
  });

  test('a malformed INTROSPECTION stops the gateway at startup', async () => {
    await expect(startGateway({ env: { INTROSPECTION: 'anonymous' } })).rejects.toThrow('INTROSPECTION must be one of');
  });
});

describe('the gateway outside production', () => {
  test('answers the explorer’s introspection without a token', async () => {
    expectSchema(await run(development.url, EXPLORER_INTROSPECTION));
  });
});

describe('the gateway in production (authenticated)', () => {
  test('refuses anonymous introspection with 401, and a token of another role with 403', async () => {
    expectRefused(await run(production.url, EXPLORER_INTROSPECTION), 401, 'UNAUTHENTICATED', 'authenticated');
    expectRefused(await run(production.url, '{ __type(name: "Institution") { fields { name } } }'), 401, 'UNAUTHENTICATED', 'authenticated');
    expectRefused(await run(production.url, EXPLORER_INTROSPECTION, Role.APPLICANT), 403, 'FORBIDDEN', 'authenticated');
  });

  test('finds introspection inside fragments and aliases', async () => {
    const hidden = 'query { ...Hidden } fragment Hidden on Query { ... on Query { types: __schema { types { name } } } }';
    expectRefused(await run(production.url, hidden), 401, 'UNAUTHENTICATED', 'authenticated');
  });

  test('answers an ANALYST or an ADMIN, the explorer’s users', async () => {
    expectSchema(await run(production.url, EXPLORER_INTROSPECTION, Role.ANALYST));
    expectSchema(await run(production.url, EXPLORER_INTROSPECTION, Role.ADMIN));
  });

  test('`__typename` is not introspection', async () => {
    const outcome = await run(production.url, '{ __typename kind: __typename }');
    expect(outcome.body).toEqual({ data: { __typename: 'Query', kind: 'Query' } });
  });

  test('hides field suggestions, which would map the schema field by field', async () => {
    const hidden = await run(production.url, '{ institutoins { totalCount } }');
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' });
    expect(hidden.body.errors[0].message).not.toContain('Did you mean');
    expect(hidden.body.errors[0].message).toContain('[Suggestion hidden]');
    const shown = await run(development.url, '{ institutoins { totalCount } }');
    expect(shown.body.errors[0].message).toContain('Did you mean "institutions"');
  });
});

describe('the gateway with INTROSPECTION=off', () => {
  test('refuses everyone, an ADMIN too', async () => {
    expectRefused(await run(off.url, EXPLORER_INTROSPECTION), 403, 'FORBIDDEN', 'off');
    expectRefused(await run(off.url, EXPLORER_INTROSPECTION, Role.ADMIN), 403, 'FORBIDDEN', 'off');
    expect((await run(off.url, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('a subgraph called directly, in production (authenticated)', () => {
  test('gives its SDL (`_service`) and its schema to an ADMIN only', async () => {
    expectRefused(await run(subgraph.url, '{ _service { sdl } }'), 401, 'UNAUTHENTICATED', 'authenticated');
    expectRefused(await run(subgraph.url, '{ _service { sdl } }', Role.APPLICANT), 403, 'FORBIDDEN', 'authenticated');
    expectRefused(await run(subgraph.url, '{ __schema { queryType { name } } }'), 401, 'UNAUTHENTICATED', 'authenticated');
    const sdl = await run(subgraph.url, '{ _service { sdl } }', Role.ADMIN);
    expect(sdl.body.data._service.sdl).toContain('type Institution');
  });

  test('still answers data, and `__typename`, to anyone', async () => {
    const outcome = await run(subgraph.url, '{ __typename region(code: "140000") { name } }');
    expect(outcome.body).toEqual({ data: { __typename: 'Query', region: { name: '山西省' } } });
  });
});
