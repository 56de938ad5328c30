import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { Field, InputType, Int } from 'type-graphql';
import { DateScalar, PlatformDesignationStatus, badInput, decodeCursor, findRegion, pageSize, parseIsoDate, toConnection } from '@sme/kernel';
import { PlatformFunction } from '../graphql-enums';
import { Designation } from './designation.entity';

@InputType('DemonstrationPlatformFilter', { description: '示范平台筛选 / Platform filter' })
export class DesignationFilter {
  @Field(() => PlatformDesignationStatus, { nullable: true, description: '状态（按 asOf 计算；不填为全部）/ Status on asOf (all when omitted)' }) status?: PlatformDesignationStatus | null;
  @Field(() => DateScalar, { nullable: true, description: '状态计算日（默认今天）/ Date the status is computed for (default today)' }) asOf?: string | null;
  @Field(() => String, { nullable: true, description: '市 / City code' }) cityCode?: string | null;
  @Field(() => PlatformFunction, { nullable: true, description: '具备该功能 / Has this function' }) function?: PlatformFunction | null;
  @Field(() => Int, { nullable: true, description: '认定年度 / Campaign year' }) campaignYear?: number | null;
  @Field(() => DateScalar, { nullable: true, description: '有效期截止不晚于（查即将到期）/ Valid until on or before (expiring soon)' }) validUntilBefore?: string | null;
}

/** The SQL of a designation's status on a date (kernel designationStatus, as a condition). */
export function statusCondition(status: PlatformDesignationStatus, alias: string): string {
  const revoked = `(${alias}.revoked_on is not null and ${alias}.revoked_on <= ?::date)`;
  if (status === PlatformDesignationStatus.REVOKED) return revoked;
  if (status === PlatformDesignationStatus.EXPIRED) return `(not ${revoked} and ${alias}.valid_until < ?::date)`;
  return `(not ${revoked} and ${alias}.valid_until >= ?::date)`;
}

/**
 * The platform database (宁 第十五条 建立示范平台信息数据库，方便社会公众查询; 鲁 第二十一条 公布): public, with no
 * figures or contacts. Filtered by status on a date, city, function, year; keyset-paginated over
 * (designated_on, id): two statements a page whatever its size.
 */
export async function listDesignations(em: EntityManager, filter: DesignationFilter | null | undefined, today: string, first?: number | null, after?: string | null) {
  const size = pageSize(first);
  const cursor = decodeCursor(after, 2);
  const asOf = filter?.asOf ?? today;
  if (!parseIsoDate(asOf)) throw badInput({ zh: `不是有效日期：${asOf}`, en: `Not a valid date: ${asOf}` }, { reason: 'INVALID_DATE', field: 'asOf' });
  if (filter?.cityCode && findRegion(filter.cityCode)?.level !== 'CITY') {
    throw badInput({ zh: `不是市：${filter.cityCode}`, en: `Not a city: ${filter.cityCode}` }, { reason: 'UNKNOWN_REGION', field: 'cityCode' });
  }
  const where = <Q extends QueryBuilder<Designation, 'd'>>(qb: Q): Q => {
    qb.andWhere({ designatedOn: { $lte: asOf } });
    if (filter?.status) qb.andWhere(statusCondition(filter.status, 'd'), filter.status === PlatformDesignationStatus.REVOKED ? [asOf] : [asOf, asOf]);
    if (filter?.cityCode) qb.andWhere({ cityCode: filter.cityCode });
    if (filter?.function) qb.andWhere('d.functions @> array[?]::text[]', [filter.function]);
    if (filter?.campaignYear != null) qb.andWhere({ campaignYear: filter.campaignYear });
    if (filter?.validUntilBefore) qb.andWhere({ validUntil: { $lte: filter.validUntilBefore } });
    return qb;
  };
  const page = where(em.createQueryBuilder(Designation, 'd').select('*'));
  if (cursor) page.andWhere('(d.designated_on, d.id) > (?::date, ?::uuid)', [cursor[0], cursor[1]]);
  page.orderBy({ designatedOn: 'asc', id: 'asc' }).limit(size + 1);
  const [rows, total] = await Promise.all([page.getResultList(), where(em.createQueryBuilder(Designation, 'd')).getCount()]);
  return toConnection(rows, size, total, (d) => [d.designatedOn, d.id]);
}
