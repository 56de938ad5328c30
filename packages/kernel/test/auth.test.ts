import { SignJWT } from 'jose';
import {
  authenticate,
  canReadNonPublic,
  coversRegion,
  requireRegion,
  requireRole,
  requireUser,
  REVIEWER_ROLES,
  Role,
  signToken,
  type AuthUser,
} from '../src/auth';
import { DomainError, ErrorCode } from '../src/errors';

const SECRET = 'kernel-auth-test-secret';
const key = (value: string) => new TextEncoder().encode(value);

const user = (role: Role, scope: Partial<AuthUser> = {}): AuthUser => ({
  id: `u-${role.toLowerCase()}`,
  name: `测试 ${role}`,
  role,
  region: null,
  institutionId: null,
  panel: null,
  ...scope,
});

/** The refusal a call throws (or rejects with); fails the test when it does not throw a DomainError. */
async function refusal(run: () => unknown): Promise<DomainError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, but the call succeeded');
}

/** A token with the kernel's claims, but any secret, issuer, audience, algorithm or expiry. */
function craft(
  claims: Record<string, unknown>,
  opts: { secret?: string; issuer?: string; audience?: string; alg?: string; sub?: string | null; exp?: number | string } = {},
) {
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: opts.alg ?? 'HS256' })
    .setIssuer(opts.issuer ?? 'sme-supergraph')
    .setAudience(opts.audience ?? 'sme-supergraph')
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '1h');
  if (opts.sub !== null) jwt = jwt.setSubject(opts.sub ?? 'crafted-user');
  return jwt.sign(key(opts.secret ?? SECRET));
}

const restore = (name: string, value: string | undefined) => {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
};
const savedSecret = process.env.JWT_SECRET;
const savedNodeEnv = process.env.NODE_ENV;
beforeEach(() => {
  process.env.JWT_SECRET = SECRET;
  restore('NODE_ENV', savedNodeEnv);
});
afterAll(() => {
  restore('JWT_SECRET', savedSecret);
  restore('NODE_ENV', savedNodeEnv);
});

describe('signToken / authenticate', () => {
  const everyRole: AuthUser[] = [
    user(Role.APPLICANT, { institutionId: 'inst-1' }),
    user(Role.COUNTY_REVIEWER, { region: '140105' }),
    user(Role.CITY_REVIEWER, { region: '140100' }),
    user(Role.PROVINCE_REVIEWER, { region: '140000' }),
    user(Role.EXPERT, { panel: 'panel-7', name: null }),
    user(Role.ANALYST),
    user(Role.ADMIN),
  ];

  it('covers every role of the spec', () => {
    expect(everyRole.map((u) => u.role).sort()).toEqual(Object.values(Role).sort());
  });

  it.each(everyRole.map((u) => [u.role, u] as const))('round-trips a %s token', async (_role, original) => {
    const token = await signToken(original);
    await expect(authenticate(`Bearer ${token}`)).resolves.toEqual(original);
    // the scheme is case-insensitive and surrounding blanks are tolerated
    await expect(authenticate(`  bearer ${token} `)).resolves.toEqual(original);
  });

  it('treats a request without a header as anonymous', async () => {
    await expect(authenticate(undefined)).resolves.toBeNull();
    await expect(authenticate(null)).resolves.toBeNull();
    await expect(authenticate('')).resolves.toBeNull();
  });

  it.each([
    ['a bare token without the scheme', async () => signToken(user(Role.ADMIN))],
    ['another scheme', async () => `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['a scheme without a token', async () => 'Bearer'],
    ['two tokens', async () => `Bearer a.b.c d.e.f`],
    ['garbage in place of a token', async () => 'Bearer not-a-jwt'],
  ])('refuses a malformed header: %s', async (_label, header) => {
    const error = await refusal(async () => authenticate(await header()));
    expect(error.code).toBe(ErrorCode.UNAUTHENTICATED);
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await craft({ role: Role.ADMIN }, { secret: 'someone-elses-secret' });
    const error = await refusal(() => authenticate(`Bearer ${forged}`));
    expect(error.code).toBe(ErrorCode.UNAUTHENTICATED);
    expect(error.extensions.messageEn).toBe('Invalid token');
  });

  it('refuses a token after the secret changes', async () => {
    const token = await signToken(user(Role.ADMIN));
    process.env.JWT_SECRET = 'rotated-secret';
    expect((await refusal(() => authenticate(`Bearer ${token}`))).code).toBe(ErrorCode.UNAUTHENTICATED);
  });

  it('refuses a tampered payload', async () => {
    const token = await signToken(user(Role.ANALYST));
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(JSON.stringify({ role: Role.ADMIN, sub: 'u-analyst', iss: 'sme-supergraph', aud: 'sme-supergraph', exp: 9_999_999_999 })).toString('base64url');
    expect((await refusal(() => authenticate(`Bearer ${header}.${payload}.${signature}`))).code).toBe(ErrorCode.UNAUTHENTICATED);
  });

  it('refuses an expired token and says so', async () => {
    const past = Math.floor(Date.now() / 1000) - 60; // jose: a number is an absolute `exp` in seconds
    const token = await signToken(user(Role.ADMIN), past);
    const error = await refusal(() => authenticate(`Bearer ${token}`));
    expect(error.code).toBe(ErrorCode.UNAUTHENTICATED);
    expect(error.extensions.messageEn).toBe('The token has expired');
  });

  it('accepts a token until it expires', async () => {
    const token = await signToken(user(Role.ADMIN), Math.floor(Date.now() / 1000) + 60);
    await expect(authenticate(`Bearer ${token}`)).resolves.toMatchObject({ role: Role.ADMIN });
  });

  it.each([
    ['a wrong issuer', { issuer: 'someone-else' }],
    ['a wrong audience', { audience: 'another-api' }],
    ['another HMAC algorithm', { alg: 'HS512' }],
    ['no subject', { sub: null }],
  ])('refuses a correctly signed token with %s', async (_label, opts) => {
    const token = await craft({ role: Role.ADMIN }, opts);
    expect((await refusal(() => authenticate(`Bearer ${token}`))).code).toBe(ErrorCode.UNAUTHENTICATED);
  });

  it('accepts a correctly crafted token (the refusals above are about the one thing changed)', async () => {
    const token = await craft({ role: Role.ADMIN });
    await expect(authenticate(`Bearer ${token}`)).resolves.toMatchObject({ id: 'crafted-user', role: Role.ADMIN });
  });

  it.each([
    ['an unknown role', { role: 'SUPERUSER' }],
    ['no role', {}],
    ['a reviewer without a region', { role: Role.COUNTY_REVIEWER }],
    ['a reviewer with an unknown region', { role: Role.CITY_REVIEWER, region: '999900' }],
    ['a reviewer with a non-string region', { role: Role.PROVINCE_REVIEWER, region: 140000 }],
    ['an applicant without an institution', { role: Role.APPLICANT }],
    ['an applicant with an empty institution', { role: Role.APPLICANT, institutionId: '' }],
  ])('refuses claims that do not fit the role: %s', async (_label, claims) => {
    const token = await craft(claims);
    expect((await refusal(() => authenticate(`Bearer ${token}`))).code).toBe(ErrorCode.UNAUTHENTICATED);
  });

  it('refuses a reviewer signed by signToken without a valid region', async () => {
    for (const region of [null, '140199x', '000000']) {
      const token = await signToken(user(Role.COUNTY_REVIEWER, { region }));
      expect((await refusal(() => authenticate(`Bearer ${token}`))).code).toBe(ErrorCode.UNAUTHENTICATED);
    }
  });

  it('accepts a reviewer of a special unit and of a development zone', async () => {
    for (const region of ['140171', '140199', '130682']) {
      const u = user(Role.CITY_REVIEWER, { region });
      await expect(authenticate(`Bearer ${await signToken(u)}`)).resolves.toEqual(u);
    }
  });

  it('will not sign with the development secret in production', async () => {
    delete process.env.JWT_SECRET;
    process.env.NODE_ENV = 'production';
    await expect(signToken(user(Role.ADMIN))).rejects.toThrow('JWT_SECRET must be set in production');
  });
});

describe('roles and jurisdiction', () => {
  const admin = user(Role.ADMIN);
  const analyst = user(Role.ANALYST);
  const expert = user(Role.EXPERT, { panel: 'p1' });
  const applicant = user(Role.APPLICANT, { institutionId: 'inst-1' });
  const county = user(Role.COUNTY_REVIEWER, { region: '140105' }); // 太原 小店区
  const city = user(Role.CITY_REVIEWER, { region: '140100' }); // 太原
  const shanxi = user(Role.PROVINCE_REVIEWER, { region: '140000' });
  const hebei = user(Role.PROVINCE_REVIEWER, { region: '130000' });
  const zone = user(Role.CITY_REVIEWER, { region: '140171' }); // 综改区, acts as a city, reports to the province

  const regions = ['140105', '140106', '140121', '140199', '140100', '140171', '140200', '140000', '130682', '130000', '640000'];

  // [user, regions it covers]; every other region in `regions` must be refused.
  const matrix: [string, AuthUser, string[]][] = [
    ['admin', admin, regions],
    ['county reviewer 140105', county, ['140105']],
    ['city reviewer 140100', city, ['140105', '140106', '140121', '140199', '140100']],
    ['综改区 reviewer 140171', zone, ['140171']],
    ['province reviewer 140000', shanxi, ['140105', '140106', '140121', '140199', '140100', '140171', '140200', '140000']],
    ['province reviewer 130000', hebei, ['130682', '130000']],
    ['analyst', analyst, []],
    ['expert', expert, []],
    ['applicant', applicant, []],
  ];

  it.each(matrix)('coversRegion / requireRegion: %s', (_label, u, covered) => {
    for (const region of regions) {
      const expected = covered.includes(region);
      expect([region, coversRegion(u, region)]).toEqual([region, expected]);
      if (expected) expect(() => requireRegion(u, region)).not.toThrow();
      else {
        let thrown: unknown;
        try {
          requireRegion(u, region);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(DomainError);
        expect((thrown as DomainError).code).toBe(ErrorCode.FORBIDDEN);
      }
    }
  });

  it('a city reviewer does not cover 140171, which reports to the province', () => {
    expect(coversRegion(city, '140171')).toBe(false);
    expect(coversRegion(shanxi, '140171')).toBe(true);
  });

  it('a reviewer whose region is missing covers nothing', () => {
    expect(coversRegion(user(Role.CITY_REVIEWER, { region: null }), '140105')).toBe(false);
  });

  it('requireUser refuses anonymous with UNAUTHENTICATED', async () => {
    expect((await refusal(() => requireUser(null))).code).toBe(ErrorCode.UNAUTHENTICATED);
    expect(requireUser(admin)).toBe(admin);
  });

  it('requireRole: anonymous is UNAUTHENTICATED, a wrong role FORBIDDEN, a right role passes', async () => {
    const writers = [...REVIEWER_ROLES, Role.ADMIN];
    expect((await refusal(() => requireRole(null, writers))).code).toBe(ErrorCode.UNAUTHENTICATED);
    for (const reader of [analyst, expert, applicant]) {
      const error = await refusal(() => requireRole(reader, writers));
      expect(error.code).toBe(ErrorCode.FORBIDDEN);
      expect(error.extensions.messageEn).toContain(reader.role);
    }
    for (const writer of [admin, county, city, shanxi]) expect(requireRole(writer, writers)).toBe(writer);
    expect(requireRole(applicant, [Role.APPLICANT])).toBe(applicant);
    expect((await refusal(() => requireRole(admin, [Role.APPLICANT]))).code).toBe(ErrorCode.FORBIDDEN);
  });

  it('canReadNonPublic: anonymous nothing, admin and analyst everything, reviewers their region, applicants their institution', () => {
    const cases: [AuthUser | null, string, string, boolean][] = [
      [null, '140105', 'inst-1', false],
      [admin, '640000', 'inst-9', true],
      [analyst, '140105', 'inst-1', true],
      [analyst, '370000', 'inst-9', true],
      [expert, '140105', 'inst-1', false],
      [applicant, '140105', 'inst-1', true],
      [applicant, '140105', 'inst-2', false],
      [applicant, '640000', 'inst-1', true], // its own institution, wherever it is registered
      [county, '140105', 'inst-9', true],
      [county, '140106', 'inst-9', false],
      [city, '140121', 'inst-9', true],
      [city, '140171', 'inst-9', false],
      [city, '140200', 'inst-9', false],
      [shanxi, '140171', 'inst-9', true],
      [shanxi, '130682', 'inst-9', false],
      [hebei, '130682', 'inst-9', true],
    ];
    for (const [u, region, institution, expected] of cases) {
      expect([u?.role ?? 'anonymous', u?.region, region, institution, canReadNonPublic(u, region, institution)]).toEqual([
        u?.role ?? 'anonymous',
        u?.region,
        region,
        institution,
        expected,
      ]);
    }
  });
});
