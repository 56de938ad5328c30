import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { decodeCursor, forbidden, pageSize, regionsUnder, requireUser, Role, toConnection, type AuthUser } from '@sme/kernel';
import { TaiyuanApplication } from './application.entity';
import { TaiyuanApplicationStatus as Status } from './application-status';
import type { ApplicationFilter } from './application.inputs';

/** What the panel has before it or has reviewed. */
const REVIEWED_BY_PANEL = [Status.COUNTY_RECOMMENDED, Status.EXPERT_REVIEWED, Status.DESIGNATED, Status.REJECTED];

/** Applications within the caller's scope (applicant: its own; reviewers: their region; a panel: its campaign's; analysts, admins: all); keyset pages. */
export async function listApplications(em: EntityManager, user: AuthUser | null, filter: ApplicationFilter | null | undefined, first?: number | null, after?: string | null) {
  const u = requireUser(user);
  // an expert panel sees its campaign's applications once the counties have recommended them (一.4)
  const panelYear = u.role === Role.EXPERT ? /^taiyuan-(\d{4})$/.exec(u.panel ?? '')?.[1] : undefined;
  if (u.role === Role.EXPERT && !panelYear) throw forbidden({ zh: '非太原市评审专家组成员', en: 'Not on a Taiyuan expert panel' });
  const size = pageSize(first);
  const cursor = decodeCursor(after, 2);
  const where = <Q extends QueryBuilder<TaiyuanApplication, 'a'>>(qb: Q): Q => {
    if (u.role === Role.APPLICANT) qb.andWhere({ institutionId: u.institutionId });
    else if (panelYear) qb.andWhere({ campaignYear: Number(panelYear), status: { $in: REVIEWED_BY_PANEL } });
    else if (u.role !== Role.ADMIN && u.role !== Role.ANALYST) qb.andWhere({ regionCode: { $in: regionsUnder(u.region!) } });
    if (filter?.campaignYear != null) qb.andWhere({ campaignYear: filter.campaignYear });
    if (filter?.status) qb.andWhere({ status: filter.status });
    if (filter?.regionCode) qb.andWhere({ regionCode: { $in: regionsUnder(filter.regionCode) } });
    return qb;
  };
  const page = where(em.createQueryBuilder(TaiyuanApplication, 'a').select('*'));
  if (cursor) page.andWhere('(a.created_at, a.id) > (?::timestamptz, ?::uuid)', [cursor[0], cursor[1]]);
  page.orderBy({ createdAt: 'asc', id: 'asc' }).limit(size + 1);
  const [rows, total] = await Promise.all([page.getResultList(), where(em.createQueryBuilder(TaiyuanApplication, 'a')).getCount()]);
  return toConnection(rows, size, total, (a) => [a.createdAt.toISOString(), a.id]);
}
