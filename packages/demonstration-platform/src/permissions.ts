import { Role, canReadNonPublic, forbidden, requireRegion, requireRole, type AuthUser } from '@sme/kernel';
import type { PlatformProgrammeConfig } from './programme-config';

/**
 * Who may act in a demonstration-platform programme (SPEC §2 Roles). The city recommends, inspects and reports
 * (鲁 第十七条、第二十五条, 宁 第九条、第十八条); the province reviews, designates, revokes and assesses (鲁 第二十条
 * 至第二十四条, 宁 第十二条至第十九条); an applicant acts for its own institution; analysts write nothing.
 */

/** The city of the platform’s region (a CITY_REVIEWER over it) or an admin: the city’s own acts are not the province’s. */
export function mayActForCity(user: AuthUser | null, cityCode: string): AuthUser {
  const u = requireRole(user, [Role.CITY_REVIEWER, Role.ADMIN]);
  requireRegion(u, cityCode);
  return u;
}

/** The province's own acts: review, notice, designation, revocation, assessment. */
export function mayDecideForProvince(user: AuthUser | null, config: PlatformProgrammeConfig): AuthUser {
  const u = requireRole(user, [Role.PROVINCE_REVIEWER, Role.ADMIN]);
  requireRegion(u, config.provinceCode);
  return u;
}

/** The panel of a campaign (`<programme>-<year>`, e.g. `ningxia-2026`) may record its expert review, as may the province. */
export function mayRecordExpertReview(user: AuthUser | null, config: PlatformProgrammeConfig, campaignYear: number): AuthUser {
  const u = requireRole(user, [Role.EXPERT, Role.PROVINCE_REVIEWER, Role.ADMIN]);
  if (u.role === Role.EXPERT) {
    if (u.panel !== panelOf(config, campaignYear)) {
      throw forbidden({ zh: `仅 ${panelOf(config, campaignYear)} 专家组可评审该年度申报`, en: `Only panel ${panelOf(config, campaignYear)} reviews this campaign` });
    }
    return u;
  }
  requireRegion(u, config.provinceCode);
  return u;
}

export const panelOf = (config: PlatformProgrammeConfig, campaignYear: number) => `${config.name}-${campaignYear}`;

/** Figures, contacts, reviews, inspections and audit of a record: analysts, admins, reviewers over it, its applicant. */
export function mayReadRestricted(user: AuthUser | null, record: { regionCode: string; institutionId: string }): boolean {
  return canReadNonPublic(user, record.regionCode, record.institutionId);
}

export const RESTRICTED = { zh: '该字段仅对有权限的用户开放（申报数据、联系方式、评审和检查记录）', en: 'This field is only for authorised users (figures, contacts, reviews, inspections)' };

export function requireRestricted(user: AuthUser | null, record: { regionCode: string; institutionId: string }): void {
  if (!mayReadRestricted(user, record)) throw forbidden(RESTRICTED);
}

/** An expert reads the applications of its own campaign's panel (to review them) besides what anyone may read. */
export function mayReadAsPanel(user: AuthUser | null, config: PlatformProgrammeConfig, campaignYear: number): boolean {
  return user?.role === Role.EXPERT && user.panel === panelOf(config, campaignYear);
}
