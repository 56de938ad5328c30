import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { decodeCursor, pageSize, toConnection } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import type { LibraryCategory } from '../categories';
import { MemberStatus } from '../members/member-status';
import { ServiceOffering } from './service-offering.entity';

/**
 * The library's published products and cases (第十三条（一）; public), newest first: not withdrawn, and of
 * members still in the library. Keyset-paginated over (published_on, id) descending; two statements a page.
 */
export async function listOfferings(em: EntityManager, config: LibraryConfig, category: LibraryCategory | null | undefined, first?: number | null, after?: string | null) {
  const size = pageSize(first);
  const cursor = decodeCursor(after, 2);
  const where = <Q extends QueryBuilder<ServiceOffering, 'o'>>(qb: Q): Q => {
    qb.andWhere({ withdrawnOn: null });
    qb.andWhere(`exists (select 1 from "${config.name}".members m where m.id = o.member_id and m.status <> ?)`, [MemberStatus.REMOVED]);
    if (category) qb.andWhere({ category });
    return qb;
  };
  const page = where(em.createQueryBuilder(ServiceOffering, 'o').select('*'));
  if (cursor) page.andWhere('(o.published_on, o.id) < (?::date, ?::uuid)', [cursor[0], cursor[1]]);
  page.orderBy({ publishedOn: 'desc', id: 'desc' }).limit(size + 1);
  const [rows, total] = await Promise.all([page.getResultList(), where(em.createQueryBuilder(ServiceOffering, 'o')).getCount()]);
  return toConnection(rows, size, total, (o) => [o.publishedOn, o.id]);
}
