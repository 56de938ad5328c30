export { mayActForInstitution } from '@sme/kernel';
import { Role, coversRegion, forbidden, requireRegion, requireRole, type AuthUser } from '@sme/kernel';

/** 太原市: the city whose 工信局 designates and recommends (并工信字〔2023〕26号). */
export const TAIYUAN = '140100';

/** 一.4: the county (市、区) or development zone where the applicant is registered surveys and recommends. */
export function mayActForCounty(user: AuthUser | null, regionCode: string): AuthUser {
  const u = requireRole(user, [Role.COUNTY_REVIEWER, Role.ADMIN]);
  requireRegion(u, regionCode);
  return u;
}

/** 一.4: 市工信局 organises the expert review, designates and recommends to the province. */
export function mayActForCity(user: AuthUser | null): AuthUser {
  const u = requireRole(user, [Role.CITY_REVIEWER, Role.ADMIN]);
  requireRegion(u, TAIYUAN);
  return u;
}

/** The expert panel of a campaign records its own opinion; the city may record it for the panel. */
export function mayRecordExpertReview(user: AuthUser | null, campaignYear: number): AuthUser {
  const u = requireRole(user, [Role.EXPERT, Role.CITY_REVIEWER, Role.ADMIN]);
  if (u.role === Role.EXPERT) {
    if (u.panel !== `taiyuan-${campaignYear}`) throw forbidden({ zh: `非 ${campaignYear} 年度太原市评审专家组成员`, en: `Not on Taiyuan's ${campaignYear} panel` });
    return u;
  }
  return mayActForCity(u);
}

/**
 * Reports, surveys and audit of an application: analysts, admins, the city and province, its county, its applicant,
 * and the expert panel of its campaign (一.4: the panel reviews the application and the county's 推荐表).
 */
export function mayReadRestricted(user: AuthUser | null, record: { regionCode: string; institutionId: string; campaignYear: number }): boolean {
  if (!user) return false;
  if (user.role === Role.ADMIN || user.role === Role.ANALYST) return true;
  if (user.role === Role.APPLICANT) return user.institutionId === record.institutionId;
  if (user.role === Role.EXPERT) return user.panel === `taiyuan-${record.campaignYear}`;
  return coversRegion(user, record.regionCode);
}

export const RESTRICTED = { zh: '该字段仅对有权限的用户开放（申请报告、测评对象、审计记录）', en: 'This field is only for authorised users (report, survey respondents, audit)' };

export function requireRestricted(user: AuthUser | null, record: { regionCode: string; institutionId: string; campaignYear: number }): void {
  if (!mayReadRestricted(user, record)) throw forbidden(RESTRICTED);
}
