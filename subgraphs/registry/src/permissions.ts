import { Role, requireRegion, requireRole, type AuthUser } from '@sme/kernel';

/**
 * Who may change what in the registry (SPEC §2 Roles). Reviewers act only inside their region; analysts
 * write nothing; an applicant maintains its own institution's address and contacts only.
 */
const REGISTRARS = [Role.ADMIN, Role.PROVINCE_REVIEWER, Role.CITY_REVIEWER, Role.COUNTY_REVIEWER] as const;
/** Credit records come from the credit authorities' lists; provinces and admins record them. */
const CREDIT_RECORDERS = [Role.ADMIN, Role.PROVINCE_REVIEWER] as const;

export function mayRegister(user: AuthUser | null, regionCode: string): AuthUser {
  const u = requireRole(user, REGISTRARS);
  requireRegion(u, regionCode);
  return u;
}

export function mayUpdate(user: AuthUser | null, institution: { id: string; regionCode: string }, onlyContacts: boolean): AuthUser {
  const u = requireRole(user, [...REGISTRARS, Role.APPLICANT]);
  if (u.role === Role.APPLICANT) {
    if (u.institutionId !== institution.id || !onlyContacts) {
      requireRole(u, REGISTRARS); // refuses with FORBIDDEN, naming the roles that may
    }
    return u;
  }
  requireRegion(u, institution.regionCode);
  return u;
}

export function mayRecordFacts(user: AuthUser | null, regionCode: string): AuthUser {
  return mayRegister(user, regionCode);
}

export function mayRecordCredit(user: AuthUser | null, regionCode: string): AuthUser {
  const u = requireRole(user, CREDIT_RECORDERS);
  requireRegion(u, regionCode);
  return u;
}

/**
 * A bulk import of institutions or annual facts: the roles that register may import; each row is then held to
 * the same region check as its single mutation (`mayRegister`, `mayRecordFacts`), so a Shanxi reviewer's file
 * with a Hebei row is refused at that row.
 */
export function mayImport(user: AuthUser | null): AuthUser {
  return requireRole(user, REGISTRARS);
}
