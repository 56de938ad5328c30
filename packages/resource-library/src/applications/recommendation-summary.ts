import type { EntityManager } from '@mikro-orm/postgresql';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Role, badInput, findRegion, gatewayExportPath, requireRegion, requireRole, type AuthUser } from '@sme/kernel';
import { KnownInstitution } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { CATEGORY_NAMES, NATURE_NAMES } from '../categories';
import { Application } from './application.entity';
import { LibraryApplicationStatus as Status } from './application-status';
import { RECOMMENDATION_SUMMARY_FILE } from '../exports/recommendation-summary.xlsx';

@Directive('@shareable')
@ObjectType('LibraryRecommendationRow', { description: '推荐汇总表一行 / One row of the recommendation summary' })
export class RecommendationRow {
  @Field(() => Int, { description: '序号 / Serial number' }) serial: number;
  @Field({ description: '申请标识 / Application id' }) applicationId: string;
  @Field({ description: '机构名称 / Institution' }) institutionName: string;
  @Field({ description: '统一社会信用代码 / Credit code' }) creditCode: string;
  @Field({ description: '所在县（市、区）/ County' }) regionName: string;
  @Field({ description: '服务类别 / Categories' }) categories: string;
  @Field({ description: '服务性质 / Nature' }) nature: string;
  @Field({ description: '推荐日期 / Date recommended' }) recommendedOn: string;
  @Field(() => String, { nullable: true, description: '推荐意见 / Recommendation opinion' }) opinion: string | null;
  @Field({ description: '当前状态 / Current status' }) status: string;
}

@Directive('@shareable')
@ObjectType('LibraryRecommendationSummary', { description: '入库机构推荐汇总表（第八条（二））/ The recommending unit’s summary table (Art. 8(2))' })
export class RecommendationSummary {
  @Field({ description: '表名 / Title' }) title: string;
  @Field({ description: '推荐单位区划代码 / Recommending unit' }) unitCode: string;
  @Field({ description: '推荐单位 / Recommending unit name' }) unitName: string;
  @Field(() => Int, { description: '年度 / Year' }) year: number;
  @Field(() => [RecommendationRow], { description: '推荐机构 / Recommended institutions' }) rows: RecommendationRow[];
  @Field({ description: '下载 xlsx 的路径（相对网关地址，带同一身份令牌请求）/ Path of the .xlsx download on the gateway (request it with the same token)' })
  downloadPath: string;
}

/** Statuses an application is in once its city has recommended it. */
const RECOMMENDED: Status[] = [Status.CITY_RECOMMENDED, Status.PROVINCE_APPROVED, Status.PROVINCE_REJECTED, Status.IN_PUBLIC_NOTICE, Status.ADMITTED, Status.OBJECTION_UPHELD];

/**
 * 第八条（二）《XX市（山西综改区管委会）优质中小企业公共服务资源库入库机构推荐汇总表》: what a city, or a unit
 * acting as one (综改区; 定州、辛集、雄安新区), recommended in a year. Read by that unit, the province, analysts.
 */
export async function recommendationSummary(em: EntityManager, config: LibraryConfig, user: AuthUser | null, unitCode: string, year: number): Promise<RecommendationSummary> {
  const unit = findRegion(unitCode);
  if (!unit || unit.level !== 'CITY' || unit.provinceCode !== config.provinceCode) {
    throw badInput({ zh: `不是本省的市或视同市的推荐单位：${unitCode}`, en: `Not a city or city-acting unit of this province: ${unitCode}` }, { reason: 'UNKNOWN_REGION', field: 'unitCode' });
  }
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput({ zh: `年度无效：${year}`, en: `Invalid year: ${year}` }, { reason: 'OUT_OF_RANGE', field: 'year' });
  const u = requireRole(user, [Role.CITY_REVIEWER, Role.PROVINCE_REVIEWER, Role.ANALYST, Role.ADMIN]);
  if (u.role !== Role.ANALYST) requireRegion(u, unitCode);
  const applications = await em.find(
    Application,
    { unitCode, status: { $in: RECOMMENDED }, cityRecommendedOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } },
    { orderBy: { cityRecommendedOn: 'asc', id: 'asc' } },
  );
  const institutions = applications.length ? await em.find(KnownInstitution, { id: { $in: applications.map((a) => a.institutionId) } }) : [];
  const byId = new Map(institutions.map((i) => [i.id, i]));
  return {
    title: config.summaryTableTitle.replace('{unit}', unit.name),
    unitCode,
    unitName: unit.name,
    year,
    downloadPath: gatewayExportPath(config.name, RECOMMENDATION_SUMMARY_FILE, { unitCode, year }),
    rows: applications.map((a, index) => {
      const institution = byId.get(a.institutionId);
      return {
        serial: index + 1,
        applicationId: a.id,
        institutionName: institution?.name ?? '',
        creditCode: institution?.creditCode ?? '',
        regionName: findRegion(a.regionCode)?.name ?? a.regionCode,
        categories: a.categories.map((c) => CATEGORY_NAMES[c]).join('、'),
        nature: NATURE_NAMES[a.nature],
        recommendedOn: a.cityRecommendedOn!,
        opinion: a.cityOpinion,
        status: a.status,
      };
    }),
  };
}
