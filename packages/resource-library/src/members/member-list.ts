import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { badInput, decodeCursor, findRegion, pageSize, toConnection } from '@sme/kernel';
import { Member } from './member.entity';
import { MemberStatus } from './member-status';
import type { MemberFilter } from './member.inputs';

/**
 * Members (public: 入库机构 are published), filtered by status, category, nature and city; keyset-paginated
 * over (admitted_on, id). Two statements a page whatever its size.
 */
export async function listMembers(em: EntityManager, filter: MemberFilter | null | undefined, first?: number | null, after?: string | null) {
  const size = pageSize(first);
  const cursor = decodeCursor(after, 2);
  if (filter?.cityCode && findRegion(filter.cityCode)?.level !== 'CITY') {
    throw badInput({ zh: `不是市或视同市的单位：${filter.cityCode}`, en: `Not a city or city-acting unit: ${filter.cityCode}` }, { reason: 'UNKNOWN_REGION', field: 'cityCode' });
  }
  const where = <Q extends QueryBuilder<Member, 'm'>>(qb: Q): Q => {
    qb.andWhere(filter?.status ? { status: filter.status } : { status: { $ne: MemberStatus.REMOVED } });
    if (filter?.category) qb.andWhere('m.categories @> array[?]::text[]', [filter.category]); // containment uses the GIN index
    if (filter?.nature) qb.andWhere({ nature: filter.nature });
    if (filter?.cityCode) qb.andWhere({ unitCode: filter.cityCode });
    return qb;
  };
  const page = where(em.createQueryBuilder(Member, 'm').select('*'));
  if (cursor) page.andWhere('(m.admitted_on, m.id) > (?::date, ?::uuid)', [cursor[0], cursor[1]]);
  page.orderBy({ admittedOn: 'asc', id: 'asc' }).limit(size + 1);
  const [rows, total] = await Promise.all([page.getResultList(), where(em.createQueryBuilder(Member, 'm')).getCount()]);
  return toConnection(rows, size, total, (m) => [m.admittedOn, m.id]);
}
