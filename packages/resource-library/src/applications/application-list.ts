import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { decodeCursor, forbidden, isUuid, pageSize, regionsUnder, requireUser, Role, toConnection, type AuthUser } from '@sme/kernel';
import { Application } from './application.entity';
import type { ApplicationFilter } from './application.inputs';
import { LibraryApplicationStatus } from './application-status';

/**
 * Applications a user may list (SPEC §2 Roles): analysts and admins all; reviewers those in their region;
 * an applicant its own institution's. Keyset-paginated over (created_at, id): two statements a page.
 */
export async function listApplications(em: EntityManager, user: AuthUser | null, filter: ApplicationFilter | null | undefined, first?: number | null, after?: string | null) {
  const u = requireUser(user);
  if (u.role === Role.EXPERT) throw forbidden({ zh: '专家不能查看资源库申请', en: 'Experts cannot list library applications' });
  const size = pageSize(first);
  const cursor = decodeCursor(after, 2);
  const where = <Q extends QueryBuilder<Application, 'a'>>(qb: Q): Q => {
    if (u.role === Role.APPLICANT) qb.andWhere({ institutionId: u.institutionId });
    else if (u.role !== Role.ADMIN && u.role !== Role.ANALYST) qb.andWhere({ regionCode: { $in: regionsUnder(u.region!) } });
    if (filter?.status) qb.andWhere({ status: filter.status });
    if (filter?.regionCode) qb.andWhere({ regionCode: { $in: regionsUnder(filter.regionCode) } });
    if (filter?.institutionId) {
      if (isUuid(filter.institutionId)) qb.andWhere({ institutionId: filter.institutionId });
      else qb.andWhere('1 = 0'); // a malformed id matches nothing
    }
    return qb;
  };
  const page = where(em.createQueryBuilder(Application, 'a').select('*'));
  if (cursor) page.andWhere('(a.created_at, a.id) > (?::timestamptz, ?::uuid)', [cursor[0], cursor[1]]);
  page.orderBy({ createdAt: 'asc', id: 'asc' }).limit(size + 1);
  const [rows, total] = await Promise.all([page.getResultList(), where(em.createQueryBuilder(Application, 'a')).getCount()]);
  return toConnection(rows, size, total, (a) => [a.createdAt.toISOString(), a.id]);
}

/** 第八条（四）: the applications in public notice are public. */
export function publicNotices(em: EntityManager): Promise<Application[]> {
  return em.find(Application, { status: LibraryApplicationStatus.IN_PUBLIC_NOTICE }, { orderBy: { noticeEndsOn: 'asc', id: 'asc' }, limit: 500 });
}
