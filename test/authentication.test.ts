import { createHmac } from 'node:crypto';
import { Role, signToken } from '@sme/kernel';
import { schemaChecksums, tokenFor } from '@sme/testing';
import { startSupergraph } from './support/supergraph';
import { eventsSettled } from './support/event-quiescence';
import { registrationOf } from './support/institution-supply';

/**
 * SPEC §2 Roles: a bearer token that is present but cannot be trusted is UNAUTHENTICATED with HTTP 401, never
 * taken for an anonymous caller nor for what it claims, at the gateway and at every subgraph called directly,
 * for a read and for a write. packages/kernel/test/auth.test.ts proves `authenticate` on each kind of token;
 * this proves the servers apply it to every request over HTTP. The untrusted tokens claim ADMIN where they can,
 * so a server that believed one would perform the write (the control at the end shows the same writes succeed
 * with a real admin token).
 */

const ISSUER = 'sme-supergraph';
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;
const adminClaims = () => ({ role: Role.ADMIN, name: '伪造管理员', region: null, institutionId: null, panel: null, sub: 'intruder', iss: ISSUER, aud: ISSUER, iat: Math.floor(Date.now() / 1000), exp: inOneHour() });

/** A JWT with any header and claims, HMAC-SHA256-signed with `secret`, or unsigned (alg none) without one. */
function craftToken(header: Record<string, unknown>, claims: Record<string, unknown>, secret?: string): string {
  const signed = `${base64url(header)}.${base64url(claims)}`;
  return `${signed}.${secret === undefined ? '' : createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

const INVALID = 'Invalid token';
const EXPIRED = 'The token has expired';
const MALFORMED = "The Authorization header must be 'Bearer <token>'";

/** Each untrusted Authorization header, with the reason a caller is given. */
const UNTRUSTED: readonly { label: string; header: () => Promise<string>; messageEn: string }[] = [
  { label: 'a token signed with another secret', header: async () => `Bearer ${craftToken({ alg: 'HS256', typ: 'JWT' }, adminClaims(), 'someone-elses-secret')}`, messageEn: INVALID },
  { label: 'an expired token', header: async () => `Bearer ${await tokenFor(Role.ADMIN, {}, Math.floor(Date.now() / 1000) - 60)}`, messageEn: EXPIRED },
  { label: 'an unsigned token (alg none)', header: async () => `Bearer ${craftToken({ alg: 'none', typ: 'JWT' }, adminClaims())}`, messageEn: INVALID },
  {
    label: 'an analyst token whose payload was changed to ADMIN',
    header: async () => {
      const [header, , signature] = (await tokenFor(Role.ANALYST)).split('.');
      return `Bearer ${header}.${base64url(adminClaims())}.${signature}`;
    },
    messageEn: INVALID,
  },
  { label: 'a bare token without the Bearer scheme', header: async () => tokenFor(Role.ADMIN), messageEn: MALFORMED },
  { label: 'another scheme', header: async () => `Basic ${Buffer.from('admin:admin').toString('base64')}`, messageEn: MALFORMED },
  { label: 'the scheme without a token', header: async () => 'Bearer', messageEn: MALFORMED },
  { label: 'two tokens', header: async () => `Bearer ${await tokenFor(Role.ADMIN)} ${await tokenFor(Role.ADMIN)}`, messageEn: MALFORMED },
  { label: 'garbage in place of a token', header: async () => 'Bearer not-a-jwt', messageEn: INVALID },
  {
    label: 'a reviewer token without a region',
    header: async () => `Bearer ${await signToken({ id: 'no-region', name: null, role: Role.CITY_REVIEWER, region: null, institutionId: null, panel: null })}`,
    messageEn: INVALID,
  },
  {
    label: 'an applicant token without an institution',
    header: async () => `Bearer ${await signToken({ id: 'no-institution', name: null, role: Role.APPLICANT, region: null, institutionId: null, panel: null })}`,
    messageEn: INVALID,
  },
];

const REGION_QUERY = `{ region(code: "140000") { name } }`;
const TYPENAME_QUERY = `{ __typename }`;
const REGISTER = `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`;
const OPEN_CAMPAIGN = `mutation($input: OpenTaiyuanCampaignInput!) { openTaiyuanCampaign(input: $input) { year } }`;
const campaign = { input: { year: 2071, document: '2071 年度太原市示范平台工作通知', opensOn: '2071-03-01', deadline: '2071-03-31' } };

/** One POST with the Authorization header exactly as given (null: none). */
async function post(url: string, authorization: string | null, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown> | null; errors?: { extensions: Record<string, any> }[] };
  return { status: response.status, data: body.data ?? null, extensions: body.errors?.[0]?.extensions };
}

let supergraph: Awaited<ReturnType<typeof startSupergraph>>;

beforeAll(async () => {
  supergraph = await startSupergraph();
}, 120_000);

afterAll(async () => {
  await supergraph?.stop();
});

/** Every request an untrusted header is tried on: a read at the gateway and at each subgraph, writes at the gateway and at their subgraphs. */
function requests(): { where: string; url: string; query: string; variables?: Record<string, unknown> }[] {
  const registerInput = { input: registrationOf('140105', '令牌校验测试服务有限公司') };
  return [
    { where: 'gateway query', url: supergraph.gatewayUrl, query: REGION_QUERY },
    ...Object.entries(supergraph.subgraphUrls).map(([name, url]) => ({ where: `${name} query`, url, query: name === 'registry' ? REGION_QUERY : TYPENAME_QUERY })),
    { where: 'gateway registerInstitution', url: supergraph.gatewayUrl, query: REGISTER, variables: registerInput },
    { where: 'registry registerInstitution', url: supergraph.subgraphUrls.registry, query: REGISTER, variables: registerInput },
    { where: 'gateway openTaiyuanCampaign', url: supergraph.gatewayUrl, query: OPEN_CAMPAIGN, variables: campaign },
    { where: 'taiyuan openTaiyuanCampaign', url: supergraph.subgraphUrls.taiyuan, query: OPEN_CAMPAIGN, variables: campaign },
  ];
}

it('reads without a token anonymously at the gateway and at every subgraph (what the refusals below are measured against)', async () => {
  for (const { where, url, query } of requests().filter((r) => r.where.endsWith('query'))) {
    const answer = await post(url, null, query);
    expect([where, answer.status, answer.extensions]).toEqual([where, 200, undefined]);
    expect(answer.data).not.toBeNull();
  }
});

it.each(UNTRUSTED.map((u) => [u.label, u] as const))('answers %s with UNAUTHENTICATED and HTTP 401 everywhere, and writes nothing', async (_label, untrusted) => {
  await eventsSettled(supergraph.databaseUrl);
  const before = [await schemaChecksums(supergraph.databaseUrl, 'registry'), await schemaChecksums(supergraph.databaseUrl, 'taiyuan')];
  const header = await untrusted.header();
  for (const { where, url, query, variables } of requests()) {
    const answer = await post(url, header, query, variables);
    expect({ where, status: answer.status, code: answer.extensions?.code, messageEn: answer.extensions?.messageEn, data: answer.data }).toEqual({
      where, status: 401, code: 'UNAUTHENTICATED', messageEn: untrusted.messageEn, data: null,
    });
    expect(answer.extensions?.messageZh).toMatch(/[\u4e00-\u9fff]/);
  }
  expect([await schemaChecksums(supergraph.databaseUrl, 'registry'), await schemaChecksums(supergraph.databaseUrl, 'taiyuan')]).toEqual(before);
});

it('performs the same writes for a real admin token, through the gateway and directly', async () => {
  const admin = `Bearer ${await tokenFor(Role.ADMIN)}`;
  const writes = requests().filter((r) => !r.where.endsWith('query'));
  for (const [i, { where, url, query }] of writes.entries()) {
    // each write once: a second registration of one credit code, or a second call for one year, would be a CONFLICT
    const fresh = query === REGISTER ? { input: registrationOf('140105', `令牌校验对照${i}服务有限公司`) } : { input: { ...campaign.input, year: 2080 + i, opensOn: `${2080 + i}-03-01`, deadline: `${2080 + i}-03-31` } };
    const answer = await post(url, admin, query, fresh);
    expect([where, answer.status, answer.extensions]).toEqual([where, 200, undefined]);
  }
});
