import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { KnownInstitution, Role, findRegion, requireRegion, requireRole, type AuthUser } from '@sme/kernel';
import { TaiyuanApplication } from '../applications/application.entity';
import { TaiyuanApplicationStatus as Status } from '../applications/application-status';
import { ProvincialRecommendation } from './provincial-recommendation.entity';
import { findCampaign } from '../campaigns/campaigns.service';
import { TAIYUAN } from '../permissions';
import { summaryTablePath } from '../exports/download-paths';

@ObjectType('TaiyuanSummaryRow', { description: '示范平台基本情况汇总表一行（附件3）/ One row of the summary table (Form 3)' })
export class SummaryRow {
  @Field(() => Int, { description: '序号 / Serial' }) serial: number;
  @Field({ description: '申报类别：市级认定 / 省级推荐 / Kind: city designation or provincial recommendation' }) kind: string;
  @Field({ description: '示范平台承担单位 / Institution' }) institutionName: string;
  @Field({ description: '统一社会信用代码 / Credit code' }) creditCode: string;
  @Field({ description: '推荐单位 / Recommending county or zone' }) recommendingUnit: string;
  @Field(() => Float, { nullable: true, description: '注册资本（万元）/ Registered capital' }) registeredCapital: number | null;
  @Field(() => Float, { nullable: true, description: '上年末总资产（万元）/ Total assets' }) totalAssets: number | null;
  @Field(() => Int, { nullable: true, description: '从业人数 / Staff' }) staff: number | null;
  @Field(() => Float, { nullable: true, description: '上年营业收入（万元）/ Revenue last year' }) revenue: number | null;
  @Field(() => Float, { nullable: true, description: '其中服务收入（万元）/ Service revenue' }) serviceRevenue: number | null;
  @Field(() => Int, { nullable: true, description: '上年服务中小企业户数 / SMEs served last year' }) smesServed: number | null;
  @Field({ description: '状态 / Status' }) status: string;
}

@ObjectType('TaiyuanSummaryTable', { description: '年度示范平台基本情况汇总表（附件3）/ The year’s summary table (Form 3)' })
export class SummaryTable {
  @Field({ description: '表名 / Title' }) title: string;
  @Field(() => Int) year: number;
  @Field(() => [SummaryRow]) rows: SummaryRow[];
  @Field({ description: '下载 xlsx 的路径（相对网关地址，带同一身份令牌请求）/ Path of the .xlsx download on the gateway (request it with the same token)' })
  downloadPath: string;
}

/** Statuses in which an application has been recommended by its county (and so is on the city's table). */
const ON_TABLE = [Status.COUNTY_RECOMMENDED, Status.EXPERT_REVIEWED, Status.DESIGNATED, Status.REJECTED];

/**
 * 附件3 2023年度示范平台基本情况汇总表: the year's county-recommended applications for the city designation and
 * the year's recommendations to the province, with the figures of their reports. Read by the city, the province,
 * analysts and admins (it carries figures).
 */
export async function summaryTable(em: EntityManager, user: AuthUser | null, year: number): Promise<SummaryTable> {
  const u = requireRole(user, [Role.CITY_REVIEWER, Role.PROVINCE_REVIEWER, Role.ANALYST, Role.ADMIN]);
  if (u.role === Role.CITY_REVIEWER || u.role === Role.PROVINCE_REVIEWER) requireRegion(u, TAIYUAN);
  await findCampaign(em, year);
  const [applications, recommendations] = await Promise.all([
    em.find(TaiyuanApplication, { campaignYear: year, status: { $in: ON_TABLE } }, { orderBy: { submittedOn: 'asc', id: 'asc' } }),
    em.find(ProvincialRecommendation, { campaignYear: year }, { orderBy: { recommendedOn: 'asc', id: 'asc' } }),
  ]);
  const ids = [...new Set([...applications.map((a) => a.institutionId), ...recommendations.map((r) => r.institutionId)])];
  const institutions = new Map((ids.length ? await em.find(KnownInstitution, { id: { $in: ids } }) : []).map((i) => [i.id, i]));
  const latestApplication = new Map<string, TaiyuanApplication>();
  for (const a of applications) latestApplication.set(a.institutionId, a);
  const figures = (institutionId: string) => {
    const report = latestApplication.get(institutionId)?.report;
    const last = report?.operatingYears?.find((y) => y.year === year - 1) ?? null;
    return {
      registeredCapital: report?.registeredCapital ?? null, totalAssets: report?.totalAssets ?? null, staff: report?.staffCount ?? null,
      revenue: last?.revenue ?? null, serviceRevenue: last?.serviceRevenue ?? null, smesServed: last?.smesServed ?? null,
    };
  };
  const unitName = (code: string) => findRegion(code)?.name ?? code;
  const rows: SummaryRow[] = [
    ...applications.map((a) => ({ kind: '市级认定', institutionId: a.institutionId, unit: a.regionCode, status: a.status })),
    ...recommendations.map((r) => ({ kind: '省级推荐', institutionId: r.institutionId, unit: r.regionCode, status: 'RECOMMENDED_TO_PROVINCE' })),
  ].map((row, index) => ({
    serial: index + 1, kind: row.kind, institutionName: institutions.get(row.institutionId)?.name ?? '', creditCode: institutions.get(row.institutionId)?.creditCode ?? '',
    recommendingUnit: unitName(row.unit), status: row.status, ...figures(row.institutionId),
  }));
  return { title: `${year}年度示范平台基本情况汇总表`, year, rows, downloadPath: summaryTablePath(year) };
}
