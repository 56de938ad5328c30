import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { decodeCursor, forbidden, isUuid, pageSize, regionsUnder, requireUser, Role, toConnection, type AuthUser } from '@sme/kernel';
import type { PlatformProgrammeConfig } from '../programme-config';
import { PlatformApplication } from './application.entity';
import type { ApplicationFilter } from './application.inputs';
import { PlatformApplicationStatus } from './application-status';

/** The campaign year a panel (`<programme>-<year>`) reviews, or null when it is not this programme's. */
function panelYear(config: PlatformProgrammeConfig, panel: string | null): number | null {
  const match = panel?.match(new RegExp(`^${config.name}-(\\d{4})$`));
  return match ? Number(match[1]) : null;
}

/**
 * Applications a user may list (SPEC §2 Roles): analysts and admins all; reviewers those in their region; an
 * expert its panel's campaign once recommended; an applicant its own institution's. Keyset-paginated over
 * (created_at, id): two statements a page whatever its size.
 */
export async function listApplications(em: EntityManager, config: PlatformProgrammeConfig, user: AuthUser | null, filter: ApplicationFilter | null | undefined, first?: number | null, after?: string | null) {
  const u = requireUser(user);
  const expertYear = u.role === Role.EXPERT ? panelYear(config, u.panel) : null;
  if (u.role === Role.EXPERT && expertYear === null) throw forbidden({ zh: '专家只能查看本专家组评审年度的申报', en: 'An expert lists only its own panel’s campaign' });
  const size = pageSize(first);
  const cursor = decodeCursor(after, 2);
  const where = <Q extends QueryBuilder<PlatformApplication, 'a'>>(qb: Q): Q => {
    if (u.role === Role.APPLICANT) qb.andWhere({ institutionId: u.institutionId });
    else if (u.role === Role.EXPERT) qb.andWhere({ campaignYear: expertYear, status: { $nin: [PlatformApplicationStatus.DRAFT, PlatformApplicationStatus.SUBMITTED, PlatformApplicationStatus.RETURNED, PlatformApplicationStatus.CITY_REJECTED] } });
    else if (u.role !== Role.ADMIN && u.role !== Role.ANALYST) qb.andWhere({ regionCode: { $in: regionsUnder(u.region!) } });
    if (filter?.status) qb.andWhere({ status: filter.status });
    if (filter?.cityCode) qb.andWhere({ cityCode: filter.cityCode });
    if (filter?.campaignYear != null) qb.andWhere({ campaignYear: filter.campaignYear });
    if (filter?.function) qb.andWhere('a.functions @> ?::jsonb', [JSON.stringify([{ function: filter.function }])]);
    if (filter?.institutionId) {
      if (isUuid(filter.institutionId)) qb.andWhere({ institutionId: filter.institutionId });
      else qb.andWhere('1 = 0'); // a malformed id matches nothing
    }
    return qb;
  };
  const page = where(em.createQueryBuilder(PlatformApplication, 'a').select('*'));
  if (cursor) page.andWhere('(a.created_at, a.id) > (?::timestamptz, ?::uuid)', [cursor[0], cursor[1]]);
  page.orderBy({ createdAt: 'asc', id: 'asc' }).limit(size + 1);
  const [rows, total] = await Promise.all([page.getResultList(), where(em.createQueryBuilder(PlatformApplication, 'a')).getCount()]);
  return toConnection(rows, size, total, (a) => [a.createdAt.toISOString(), a.id]);
}

/** 公示 (鲁 第二十条, 宁 第十二条): the applications in public notice are public. */
export function publicNotices(em: EntityManager): Promise<PlatformApplication[]> {
  return em.find(PlatformApplication, { status: PlatformApplicationStatus.IN_PUBLIC_NOTICE }, { orderBy: { noticeEndsOn: 'asc', id: 'asc' }, limit: 500 });
}
