import type { EntityManager } from '@mikro-orm/postgresql';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, addDays, findRegion } from '@sme/kernel';
import { PLATFORM_FUNCTION_NAMES, type PlatformFunction } from './platform-function';
import type { PlatformProgrammeConfig } from './programme-config';
import { summaryDueOn } from './summaries/reporting-duty';

@Directive('@shareable')
@ObjectType('PlatformCount', { description: '分组计数 / A count by key' })
export class PlatformCount {
  @Field({ description: '分组键 / Key' }) key: string;
  @Field({ description: '名称 / Label' }) label: string;
  @Field(() => Int, { description: '数量 / Count' }) count: number;
}

@Directive('@shareable')
@ObjectType('DemonstrationPlatformStatistics', { description: '示范平台统计（看板用）/ Demonstration-platform statistics for dashboards' })
export class PlatformStatistics {
  @Field({ description: '项目 / Programme' }) programme: string;
  @Field(() => DateScalar, { description: '统计日 / Date counted for' }) asOf: string;
  @Field(() => Int, { description: '有效期内的示范平台 / Platforms designated and valid' }) designated: number;
  @Field(() => [PlatformCount], { description: '认定按状态 / Designations by status' }) designationsByStatus: PlatformCount[];
  @Field(() => [PlatformCount], { description: '有效平台按功能 / Valid platforms by function' }) designatedByFunction: PlatformCount[];
  @Field(() => [PlatformCount], { description: '有效平台按市 / Valid platforms by city' }) designatedByCity: PlatformCount[];
  @Field(() => [PlatformCount], { description: '认定按年度 / Designations by year designated' }) designationsByYear: PlatformCount[];
  @Field(() => [PlatformCount], { description: '申报按状态 / Applications by status' }) applicationsByStatus: PlatformCount[];
  @Field(() => [PlatformCount], { description: '申报按年度 / Applications by campaign year' }) applicationsByYear: PlatformCount[];
  @Field(() => Int, { description: '90 天内到期 / Expiring within 90 days' }) expiringWithin90Days: number;
  @Field(() => Int, { description: '待处理的撤销申请 / Revocation requests pending' }) pendingRevocationRequests: number;
  @Field(() => Int, { description: '上一年度总结逾期未报 / Last year’s summaries overdue' }) overdueSummaries: number;
}

type Row = { key: string; count: number };

/** Counts for dashboards (SPEC §6: by status, category, city, year), each one grouped statement: 8 statements. */
export async function platformStatistics(em: EntityManager, config: PlatformProgrammeConfig, asOf: string): Promise<PlatformStatistics> {
  const s = `"${config.name}"`;
  const status = `case when revoked_on is not null and revoked_on <= ?::date then 'REVOKED' when valid_until < ?::date then 'EXPIRED' else 'DESIGNATED' end`;
  const valid = `designated_on <= ?::date and valid_until >= ?::date and (revoked_on is null or revoked_on > ?::date)`;
  const lastYear = Number(asOf.slice(0, 4)) - 1;
  const due = summaryDueOn(lastYear);
  const [byStatus, byFunction, byCity, byYear, applications, applicationsByYear, [counts], [overdue]] = await Promise.all([
    em.execute<Row[]>(`select ${status} as key, count(*)::int as count from ${s}.designations where designated_on <= ?::date group by 1 order by 1`, [asOf, asOf, asOf]),
    em.execute<Row[]>(`select f as key, count(*)::int as count from ${s}.designations, unnest(functions) f where ${valid} group by f order by f`, [asOf, asOf, asOf]),
    em.execute<Row[]>(`select city_code as key, count(*)::int as count from ${s}.designations where ${valid} group by city_code order by city_code`, [asOf, asOf, asOf]),
    em.execute<Row[]>(`select extract(year from designated_on)::int::text as key, count(*)::int as count from ${s}.designations where designated_on <= ?::date group by 1 order by 1`, [asOf]),
    em.execute<Row[]>(`select status as key, count(*)::int as count from ${s}.applications group by status order by status`),
    em.execute<Row[]>(`select campaign_year::text as key, count(*)::int as count from ${s}.applications where status <> 'DRAFT' group by 1 order by 1`),
    em.execute<{ expiring: number; pending: number }[]>(
      `select (select count(*)::int from ${s}.designations where ${valid} and valid_until <= ?::date) as expiring,
              (select count(*)::int from ${s}.inspections where request_status = 'PENDING') as pending`,
      [asOf, asOf, asOf, addDays(asOf, 90)],
    ),
    // 鲁 第二十六条, 宁 第十六条: last year's summaries, due on its 31 December (always past on asOf), not filed by asOf
    em.execute<{ overdue: number }[]>(
      `select count(*)::int as overdue from ${s}.designations d where d.designated_on <= ?::date and d.valid_until >= ?::date
         and (d.revoked_on is null or d.revoked_on > ?::date)
         and not exists (select 1 from ${s}.annual_summaries a where a.designation_id = d.id and a.year = ? and a.filed_on <= ?::date)`,
      [due, due, due, lastYear, asOf],
    ),
  ]);
  const rows = (list: Row[], label: (key: string) => string) => list.map((r) => ({ key: r.key, count: r.count, label: label(r.key) }));
  const statusRows = rows(byStatus, (k) => k);
  return {
    programme: config.platformTitle,
    asOf,
    designated: statusRows.find((r) => r.key === 'DESIGNATED')?.count ?? 0,
    designationsByStatus: statusRows,
    designatedByFunction: rows(byFunction, (k) => PLATFORM_FUNCTION_NAMES[k as PlatformFunction]?.zh ?? k),
    designatedByCity: rows(byCity, (k) => findRegion(k)?.name ?? k),
    designationsByYear: rows(byYear, (k) => k),
    applicationsByStatus: rows(applications, (k) => k),
    applicationsByYear: rows(applicationsByYear, (k) => k),
    expiringWithin90Days: counts.expiring,
    pendingRevocationRequests: counts.pending,
    overdueSummaries: overdue.overdue,
  };
}
