import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { Role, allRegions, badInput, decodeCursor, findRegion, forbidden, isWithin, pageSize, requireUser, toConnection, type AuthUser } from '@sme/kernel';
import { TaiyuanApplication } from './application.entity';
import type { ApplicationFilter } from './application.inputs';

const regionsUnder = (scope: string) => {
  if (!findRegion(scope)) throw badInput({ zh: `未知的行政区划代码：${scope}`, en: `Unknown region code: ${scope}` }, { reason: 'UNKNOWN_REGION', field: 'regionCode' });
  return allRegions().filter((r) => isWithin(r.code, scope)).map((r) => r.code);
};

/** Applications within the caller's scope (applicant: its own; reviewers: their region; analysts, admins: all); keyset pages. */
export async function listApplications(em: EntityManager, user: AuthUser | null, filter: ApplicationFilter | null | undefined, first?: number | null, after?: string | null) {
  const u = requireUser(user);
  if (u.role === Role.EXPERT) throw forbidden({ zh: '专家请通过评审任务查看申请', en: 'Experts see applications through their review' });
  const size = pageSize(first);
  const cursor = decodeCursor(after, 2);
  const where = <Q extends QueryBuilder<TaiyuanApplication, 'a'>>(qb: Q): Q => {
    if (u.role === Role.APPLICANT) qb.andWhere({ institutionId: u.institutionId });
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
