import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { forbidden, unauthenticated } from './errors';
import { findRegion, isWithin } from './regions';

/** SPEC §2 Roles and jurisdiction. */
export const Role = {
  APPLICANT: 'APPLICANT',
  COUNTY_REVIEWER: 'COUNTY_REVIEWER',
  CITY_REVIEWER: 'CITY_REVIEWER',
  PROVINCE_REVIEWER: 'PROVINCE_REVIEWER',
  EXPERT: 'EXPERT',
  ANALYST: 'ANALYST',
  ADMIN: 'ADMIN',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const REVIEWER_ROLES: readonly Role[] = [Role.COUNTY_REVIEWER, Role.CITY_REVIEWER, Role.PROVINCE_REVIEWER];

export interface AuthUser {
  id: string;
  name: string | null;
  role: Role;
  /** Region scope of a reviewer (six-digit code). */
  region: string | null;
  /** The one institution an applicant acts for. */
  institutionId: string | null;
  /** The panel an expert sits on. */
  panel: string | null;
}

const ISSUER = 'sme-supergraph';
const AUDIENCE = 'sme-supergraph';
const DEV_SECRET = 'dev-only-secret: set JWT_SECRET in every real deployment';

function secret(): Uint8Array {
  const value = process.env.JWT_SECRET;
  if (!value) {
    if (process.env.NODE_ENV === 'production') throw new Error('JWT_SECRET must be set in production');
    return new TextEncoder().encode(DEV_SECRET);
  }
  return new TextEncoder().encode(value);
}

/** Called at start-up, so a production process without JWT_SECRET stops at once rather than on its first request. */
export function assertAuthConfigured(): void {
  secret();
}

export async function signToken(user: AuthUser, expiresIn: string | number = '12h'): Promise<string> {
  return new SignJWT({ role: user.role, name: user.name, region: user.region, institutionId: user.institutionId, panel: user.panel })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(secret());
}

const INVALID = { zh: '身份令牌无效', en: 'Invalid token' };

/**
 * Reads the bearer token of a request: none → anonymous (null); present but forged, expired, wrongly signed
 * or with claims that do not fit its role → UNAUTHENTICATED. The gateway and every subgraph both call this.
 */
export async function authenticate(authorization: string | undefined | null): Promise<AuthUser | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw unauthenticated({ zh: 'Authorization 头应为 “Bearer <令牌>”', en: "The Authorization header must be 'Bearer <token>'" });
  let payload;
  try {
    ({ payload } = await jwtVerify(match[1], secret(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthenticated({ zh: '身份令牌已过期', en: 'The token has expired' });
    throw unauthenticated(INVALID);
  }
  const role = payload.role as Role;
  if (!payload.sub || !Object.values(Role).includes(role)) throw unauthenticated(INVALID);
  const user: AuthUser = {
    id: payload.sub,
    name: typeof payload.name === 'string' ? payload.name : null,
    role,
    region: typeof payload.region === 'string' ? payload.region : null,
    institutionId: typeof payload.institutionId === 'string' ? payload.institutionId : null,
    panel: typeof payload.panel === 'string' ? payload.panel : null,
  };
  if (REVIEWER_ROLES.includes(role) && !(user.region && findRegion(user.region))) throw unauthenticated(INVALID);
  if (role === Role.APPLICANT && !user.institutionId) throw unauthenticated(INVALID);
  return user;
}

const NEED_LOGIN = { zh: '请先登录', en: 'Sign-in required' };

export function requireUser(user: AuthUser | null): AuthUser {
  if (!user) throw unauthenticated(NEED_LOGIN);
  return user;
}

/** The user holds one of the roles, or is refused. */
export function requireRole(user: AuthUser | null, roles: readonly Role[]): AuthUser {
  const u = requireUser(user);
  if (!roles.includes(u.role)) {
    throw forbidden({ zh: `角色 ${u.role} 无权执行此操作（需要：${roles.join('、')}）`, en: `Role ${u.role} may not do this (needs one of: ${roles.join(', ')})` });
  }
  return u;
}

/** True when the user may act on a record in `regionCode`: admins everywhere, reviewers inside their region. */
export function coversRegion(user: AuthUser, regionCode: string): boolean {
  if (user.role === Role.ADMIN) return true;
  if (!REVIEWER_ROLES.includes(user.role) || !user.region) return false;
  return isWithin(regionCode, user.region);
}

export function requireRegion(user: AuthUser, regionCode: string): void {
  if (!coversRegion(user, regionCode)) {
    throw forbidden({ zh: `无权处理辖区 ${regionCode} 的记录（本账号辖区：${user.region ?? '无'}）`, en: `Region ${regionCode} is outside your jurisdiction (${user.region ?? 'none'})` });
  }
}

/** Analysts and admins read everything; reviewers read inside their region; an applicant its own institution. */
export function canReadNonPublic(user: AuthUser | null, regionCode: string, institutionId: string): boolean {
  if (!user) return false;
  if (user.role === Role.ADMIN || user.role === Role.ANALYST) return true;
  if (user.role === Role.APPLICANT) return user.institutionId === institutionId;
  if (user.role === Role.EXPERT) return false;
  return coversRegion(user, regionCode);
}

/** An institution's own applicant, or an admin: who files and maintains an institution's applications and duties. */
export function mayActForInstitution(user: AuthUser | null, institutionId: string): AuthUser {
  const u = requireRole(user, [Role.APPLICANT, Role.ADMIN]);
  if (u.role === Role.APPLICANT && u.institutionId !== institutionId) {
    throw forbidden({ zh: '申请人只能为本机构办理', en: 'An applicant acts for its own institution only' });
  }
  return u;
}
