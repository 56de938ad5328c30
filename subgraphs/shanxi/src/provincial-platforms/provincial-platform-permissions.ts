import { Role, coversRegion, forbidden, isWithin, requireRegion, requireRole, type AuthUser } from '@sme/kernel';
import { SHANXI_PROVINCE } from './provincial-platform-rules';

/**
 * Who may act on and read the provincial review (SPEC §2 Roles; 并工信字〔2023〕26号 二: the province decides on
 * the city's recommendations). Designations are public; reviews are not until their public notice.
 */

/** The province's acts (notice, decision; the expert review beside its panel): a Shanxi province reviewer, or an admin. */
export function mayDecideProvincialPlatform(user: AuthUser | null): AuthUser {
  const u = requireRole(user, [Role.PROVINCE_REVIEWER, Role.ADMIN]);
  requireRegion(u, SHANXI_PROVINCE);
  return u;
}

/** The expert panel of a campaign's provincial review (`shanxi-platform-<year>`), as tokens name it. */
export const provincialPanelOf = (campaignYear: number) => `shanxi-platform-${campaignYear}`;

/**
 * 专家组评审意见: the campaign's expert panel records its own opinion, as Taiyuan's panel does (并工信字〔2023〕26号
 * 一.4) and the provincial panels of the demonstration-platform programmes do; the province may record it for the
 * panel. The role is checked before the review is read, the panel once its campaign is known.
 */
export function mayRecordProvincialExpertReview(user: AuthUser | null): AuthUser {
  const u = requireRole(user, [Role.EXPERT, Role.PROVINCE_REVIEWER, Role.ADMIN]);
  return u.role === Role.EXPERT ? u : mayDecideProvincialPlatform(u);
}

export function requireProvincialPanel(user: AuthUser, campaignYear: number): void {
  if (user.role === Role.EXPERT && user.panel !== provincialPanelOf(campaignYear)) {
    throw forbidden({ zh: `非 ${campaignYear} 年度省级示范平台评审专家组成员`, en: `Not on the ${campaignYear} provincial platform panel` });
  }
}

/** Who may list the provincial intake, and over which city: null for every city, otherwise the city's code. */
export function provincialIntakeScope(user: AuthUser | null): { cityCode: string | null } {
  const u = requireRole(user, [Role.PROVINCE_REVIEWER, Role.CITY_REVIEWER, Role.ANALYST, Role.ADMIN]);
  if (u.role === Role.ADMIN || u.role === Role.ANALYST) return { cityCode: null };
  if (u.role === Role.PROVINCE_REVIEWER) {
    requireRegion(u, SHANXI_PROVINCE);
    return { cityCode: null };
  }
  // a city reviewer reads the recommendations of its own city (太原 140100 the reviews of its recommendations)
  if (!u.region || u.region === SHANXI_PROVINCE || !isWithin(u.region, SHANXI_PROVINCE)) {
    throw forbidden({ zh: `辖区 ${u.region ?? '无'} 不是山西省的市`, en: `Region ${u.region ?? 'none'} is not a city of Shanxi` });
  }
  return { cityCode: u.region };
}

/**
 * One review's restricted parts (opinions, expert review, history, audit, rejection reason): analysts and
 * admins; the Shanxi province reviewers; the city reviewers over the recommending city; the institution's
 * applicant.
 */
export function mayReadProvincialReview(user: AuthUser | null, review: { cityCode: string; institutionId: string }): boolean {
  if (!user) return false;
  switch (user.role) {
    case Role.ADMIN:
    case Role.ANALYST:
      return true;
    case Role.APPLICANT:
      return user.institutionId === review.institutionId;
    case Role.PROVINCE_REVIEWER:
      return coversRegion(user, SHANXI_PROVINCE);
    case Role.CITY_REVIEWER:
      return coversRegion(user, review.cityCode);
    default:
      return false;
  }
}

export const REVIEW_RESTRICTED = {
  zh: '省级示范平台审核记录仅对有权限的用户开放（公示前、不予认定的审核，评审意见、推荐意见、审核记录）',
  en: 'This provincial review information is only for authorised users (before its public notice, rejected reviews, opinions, history)',
};

export function requireProvincialReviewReader(user: AuthUser | null, review: { cityCode: string; institutionId: string }): void {
  if (!mayReadProvincialReview(user, review)) throw forbidden(REVIEW_RESTRICTED);
}
