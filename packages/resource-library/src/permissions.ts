export { mayActForInstitution } from '@sme/kernel';
import { Role, coversRegion, findRegion, forbidden, requireRegion, requireRole, type AuthUser } from '@sme/kernel';
import { ReviewStep } from './applications/application-status';
import type { LibraryConfig } from './library-config';

/**
 * Who may act in a resource library (SPEC §2 Roles; 第八条 for the review chain). Reviewers act only inside
 * their region; an applicant only for its own institution; analysts and experts write nothing here.
 */

/**
 * 第八条 review steps: the county of the applicant's region (where the applicant is registered directly under a
 * city or a city-acting unit, that unit does the first review); the city or city-acting unit; the province.
 */
export function mayReview(user: AuthUser | null, step: ReviewStep, application: { regionCode: string; unitCode: string }, config: LibraryConfig): AuthUser {
  if (step === ReviewStep.COUNTY) {
    const countyLevel = findRegion(application.regionCode)?.level === 'COUNTY';
    const u = requireRole(user, countyLevel ? [Role.COUNTY_REVIEWER, Role.ADMIN] : [Role.COUNTY_REVIEWER, Role.CITY_REVIEWER, Role.ADMIN]);
    requireRegion(u, application.regionCode);
    return u;
  }
  if (step === ReviewStep.CITY) {
    const u = requireRole(user, [Role.CITY_REVIEWER, Role.ADMIN]);
    requireRegion(u, application.unitCode);
    return u;
  }
  return mayDecideForProvince(user, config);
}

/** The province's own acts: review, spot checks, notices, evaluations, removals. */
export function mayDecideForProvince(user: AuthUser | null, config: LibraryConfig): AuthUser {
  const u = requireRole(user, [Role.PROVINCE_REVIEWER, Role.ADMIN]);
  requireRegion(u, config.provinceCode);
  return u;
}

/**
 * 第十一条: the city (or 综改区 / 定州 / 辛集 / 雄安新区) verifies a member's major change. Not the province: 由市级
 * 中小企业主管部门核实情况后报省工信厅并移出 — the province removes on the city's finding, so it cannot make that
 * finding itself (as it cannot act at the city step of 第八条).
 */
export function mayVerifyForCity(user: AuthUser | null, unitCode: string): AuthUser {
  const u = requireRole(user, [Role.CITY_REVIEWER, Role.ADMIN]);
  requireRegion(u, unitCode);
  return u;
}

export function mayRunSchedule(user: AuthUser | null): AuthUser {
  return requireRole(user, [Role.ADMIN]);
}

/** Figures, materials, reviews and audit of a record in a region: analysts, admins, reviewers over it, its applicant. */
export function mayReadRestricted(user: AuthUser | null, regionCode: string, institutionId: string): boolean {
  if (!user) return false;
  if (user.role === Role.ADMIN || user.role === Role.ANALYST) return true;
  if (user.role === Role.APPLICANT) return user.institutionId === institutionId;
  return coversRegion(user, regionCode);
}

export const RESTRICTED = { zh: '该字段仅对有权限的用户开放（申报数据、材料、审核记录）', en: 'This field is only for authorised users (figures, materials, reviews)' };

export function requireRestricted(user: AuthUser | null, record: { regionCode: string; institutionId: string }): void {
  if (!mayReadRestricted(user, record.regionCode, record.institutionId)) throw forbidden(RESTRICTED);
}

/**
 * 河北 第十三条（二）: enterprises book on the province's platform and hold no account here, so a booking is
 * open to anonymous callers and to every role that writes; analysts write nothing (SPEC §2 Roles).
 */
export function mayBookAppointment(user: AuthUser | null): AuthUser | null {
  if (user?.role === Role.ANALYST) {
    throw forbidden({ zh: '分析人员只读，不能预约服务', en: 'Analysts read only and cannot book a service' });
  }
  return user;
}
