import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { chinaToday, decodeCursor, isUuid, pageSize, regionsUnder, toConnection, twoYearWindowStart } from '@sme/kernel';
import { Institution } from './institution.entity';
import { CreditStatus, type InstitutionFilter } from './institution.inputs';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * `institutions(filter, first, after)`: keyset pagination over (name, id), so page N costs what page 1
 * costs; two statements per page (the page and its total count), whatever its size.
 */
export async function listInstitutions(em: EntityManager, filter: InstitutionFilter | null | undefined, first?: number | null, after?: string | null) {
  const size = pageSize(first);
  const cursor = decodeCursor(after, 2);
  const where = <Q extends QueryBuilder<Institution, 'i'>>(qb: Q): Q => {
    if (filter?.regionCode) qb.andWhere({ regionCode: { $in: regionsUnder(filter.regionCode) } });
    if (filter?.legalForm) qb.andWhere({ legalForm: filter.legalForm });
    if (filter?.nameContains) qb.andWhere('i.name ilike ?', [`%${escapeLike(filter.nameContains)}%`]);
    if (filter?.ids) qb.andWhere({ id: { $in: filter.ids.filter(isUuid) } }); // a malformed id matches nothing
    if (filter?.creditStatus) {
      const today = chinaToday();
      const active = `exists (select 1 from "registry".credit_records c where c.institution_id = i.id and c.listed_on <= ? and (c.removed_on is null or c.removed_on > ?))`;
      qb.andWhere(filter.creditStatus === CreditStatus.HAS_RECORD ? active : `not ${active}`, [today, twoYearWindowStart(today)]);
    }
    return qb;
  };
  const pageQuery = where(em.createQueryBuilder(Institution, 'i').select('*'));
  if (cursor) pageQuery.andWhere('(i.name, i.id) > (?, ?::uuid)', [cursor[0], cursor[1]]);
  pageQuery.orderBy({ name: 'asc', id: 'asc' }).limit(size + 1);
  const [rows, totalCount] = await Promise.all([pageQuery.getResultList(), where(em.createQueryBuilder(Institution, 'i')).getCount()]);
  return toConnection(rows, size, totalCount, (i) => [i.name, i.id]);
}
