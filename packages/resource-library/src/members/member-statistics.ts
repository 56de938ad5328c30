import type { EntityManager } from '@mikro-orm/postgresql';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { findRegion } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { CATEGORY_NAMES, NATURE_NAMES, type LibraryCategory, type ServiceNature } from '../categories';

@Directive('@shareable')
@ObjectType('LibraryCount', { description: '分组计数 / A count by key' })
export class CountBy {
  @Field({ description: '分组键 / Key' }) key: string;
  @Field({ description: '名称 / Label' }) label: string;
  @Field(() => Int, { description: '数量 / Count' }) count: number;
}

@Directive('@shareable')
@ObjectType('LibraryStatistics', { description: '资源库统计（看板用）/ Library statistics for dashboards' })
export class LibraryStatistics {
  @Field({ description: '资源库 / Library' }) library: string;
  @Field(() => Int, { description: '在库机构数（含被通报）/ Current members (including notified)' }) currentMembers: number;
  @Field(() => [CountBy], { description: '入库机构按状态 / Members by status' }) membersByStatus: CountBy[];
  @Field(() => [CountBy], { description: '在库机构按服务类别 / Current members by category' }) membersByCategory: CountBy[];
  @Field(() => [CountBy], { description: '在库机构按服务性质 / Current members by nature' }) membersByNature: CountBy[];
  @Field(() => [CountBy], { description: '在库机构按市 / Current members by city' }) membersByCity: CountBy[];
  @Field(() => [CountBy], { description: '按入库年度 / Members by year admitted' }) membersByYear: CountBy[];
  @Field(() => [CountBy], { description: '申请按状态 / Applications by status' }) applicationsByStatus: CountBy[];
}

/** Counts for dashboards, each one grouped statement (SPEC §6: counts by status, category, city, year). */
export async function libraryStatistics(em: EntityManager, config: LibraryConfig): Promise<LibraryStatistics> {
  const s = `"${config.name}"`;
  const current = `status <> 'REMOVED'`;
  const [byStatus, byCategory, byNature, byCity, byYear, applications] = await Promise.all([
    em.execute<{ key: string; count: number }[]>(`select status as key, count(*)::int as count from ${s}.members group by status order by status`),
    em.execute<{ key: string; count: number }[]>(`select c as key, count(*)::int as count from ${s}.members, unnest(categories) c where ${current} group by c order by c`),
    em.execute<{ key: string; count: number }[]>(`select nature as key, count(*)::int as count from ${s}.members where ${current} group by nature order by nature`),
    em.execute<{ key: string; count: number }[]>(`select unit_code as key, count(*)::int as count from ${s}.members where ${current} group by unit_code order by unit_code`),
    em.execute<{ key: string; count: number }[]>(`select extract(year from admitted_on)::int::text as key, count(*)::int as count from ${s}.members group by 1 order by 1`),
    em.execute<{ key: string; count: number }[]>(`select status as key, count(*)::int as count from ${s}.applications group by status order by status`),
  ]);
  const rows = (list: { key: string; count: number }[], label: (key: string) => string) => list.map((r) => ({ key: r.key, count: r.count, label: label(r.key) }));
  const byStatusRows = rows(byStatus, (k) => k);
  return {
    library: config.libraryName,
    currentMembers: byStatusRows.filter((r) => r.key !== 'REMOVED').reduce((sum, r) => sum + r.count, 0),
    membersByStatus: byStatusRows,
    membersByCategory: rows(byCategory, (k) => CATEGORY_NAMES[k as LibraryCategory] ?? k),
    membersByNature: rows(byNature, (k) => NATURE_NAMES[k as ServiceNature] ?? k),
    membersByCity: rows(byCity, (k) => findRegion(k)?.name ?? k),
    membersByYear: rows(byYear, (k) => k),
    applicationsByStatus: rows(applications, (k) => k),
  };
}
