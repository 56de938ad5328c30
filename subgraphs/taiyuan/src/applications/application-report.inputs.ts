import { Field, Float, InputType, Int } from 'type-graphql';
import { DateScalar } from '@sme/kernel';
import { AuditReportKind, ServiceScaleUnit } from './application-report.types';

/**
 * Input of the application report (附件2). A draft is filled over several sittings, so every part is optional:
 * an omitted field keeps the stored value, null clears it, and a given list replaces the stored list whole
 * (an empty list empties it). The rows of a list are complete rows of the paper form.
 */

@InputType('TaiyuanInvestorInput', { description: '主要投资方 / Main investor' })
export class InvestorInput {
  @Field({ description: '投资方名称 / Investor name' }) name: string;
  @Field(() => String, { nullable: true, description: '性质 / Nature' }) nature?: string | null;
  @Field(() => Float, { description: '投资比例（0–100%，合计不超过 100%）/ Share (0–100 %, all together at most 100 %)' }) sharePercent: number;
}

@InputType('TaiyuanOperatingYearInput', { description: '一个年度的运营数据（万元）/ Operating figures of one year (10k CNY)' })
export class OperatingYearInput {
  @Field(() => Int, { description: '年度（须已结束）/ Year (must have ended)' }) year: number;
  @Field(() => Float, { nullable: true, description: '营业收入 / Revenue' }) revenue?: number | null;
  @Field(() => Float, { nullable: true, description: '其中：服务收入（不超过营业收入）/ Service revenue (at most the revenue)' }) serviceRevenue?: number | null;
  @Field(() => Float, { nullable: true, description: '资产总额 / Total assets' }) totalAssets?: number | null;
  @Field(() => Float, { nullable: true, description: '利润总额（亏损为负）/ Profit (negative for a loss)' }) profit?: number | null;
  @Field(() => Float, { nullable: true, description: '上缴税金 / Taxes paid' }) tax?: number | null;
  @Field(() => Int, { nullable: true, description: '服务中小企业户数 / SMEs served' }) smesServed?: number | null;
}

@InputType('TaiyuanServiceLineInput', { description: '主要服务内容 / A main service' })
export class ServiceLineInput {
  @Field({ description: '服务内容 / Content' }) content: string;
  @Field(() => Int, { description: '服务规模 / Scale' }) scale: number;
  @Field(() => ServiceScaleUnit, { description: '规模单位 / Unit' }) scaleUnit: ServiceScaleUnit;
  @Field(() => Float, { description: '占年营业收入（0–100%，合计不超过 100%）/ Share of revenue (0–100 %, all together at most 100 %)' }) revenueSharePercent: number;
}

@InputType('TaiyuanEquipmentItemInput', { description: '设备、仪器或软件 / Equipment, instrument or software' })
export class EquipmentItemInput {
  @Field({ description: '名称 / Name' }) name: string;
  @Field(() => Int, { description: '数量（至少 1）/ Quantity (at least 1)' }) quantity: number;
  @Field(() => DateScalar, { description: '购买时间（不晚于今天）/ Purchase date (not after today)' }) purchasedOn: string;
  @Field(() => Float, { description: '购买价格（万元）/ Price (10k CNY)' }) price: number;
  @Field({ description: '是否处于行业领先水平 / Industry-leading' }) industryLeading: boolean;
}

@InputType('TaiyuanStaffMemberInput', { description: '管理人员或服务人员 / Manager or service staff member' })
export class StaffMemberInput {
  @Field({ description: '姓名 / Name' }) name: string;
  @Field(() => Int, { description: '年龄（16–100）/ Age (16–100)' }) age: number;
  @Field({ description: '学历 / Education' }) education: string;
  @Field(() => String, { nullable: true, description: '毕业学校 / School' }) school?: string | null;
  @Field(() => String, { nullable: true, description: '职称 / Title' }) title?: string | null;
  @Field({ description: '主管工作 / Responsibility' }) responsibility: string;
}

@InputType('TaiyuanServedEnterpriseInput', { description: '服务的中小企业及评价 / Served SME and its evaluation' })
export class ServedEnterpriseInput {
  @Field({ description: '企业名称（名单内不重复）/ Name (unique in the list)' }) name: string;
  @Field({ description: '联系人 / Contact person' }) contactPerson: string;
  @Field({ description: '联系电话 / Phone' }) phone: string;
  @Field({ description: '服务内容简述 / Summary of the service' }) serviceSummary: string;
  @Field({ description: '是否满意 / Satisfied' }) satisfied: boolean;
}

@InputType('TaiyuanNarrativesInput', { description: '情况说明（附件2 五）：给出的部分覆盖原值，null 清空 / Narratives: given sections replace the stored ones, null clears' })
export class NarrativesInput {
  @Field(() => String, { nullable: true, description: '（一）基本情况 / (1) The applicant' }) basicSituation?: string | null;
  @Field(() => String, { nullable: true, description: '（二）区域行业状况与需求 / (2) The region served' }) regionalContext?: string | null;
  @Field(() => String, { nullable: true, description: '（三）管理运营情况 / (3) Management and operation' }) operations?: string | null;
  @Field(() => String, { nullable: true, description: '（四）近年来的服务情况 / (4) Recent services' }) recentServices?: string | null;
  @Field(() => String, { nullable: true, description: '（五）服务特色 / (5) Distinctive features' }) features?: string | null;
  @Field(() => String, { nullable: true, description: '（六）服务业绩与贡献 / (6) Achievements' }) achievements?: string | null;
  @Field(() => String, { nullable: true, description: '（七）下一步发展设想 / (7) Plans' }) plans?: string | null;
}

@InputType('TaiyuanAuditReportInput', { description: '上一年度审计报告（一.3）：给出的字段覆盖原值 / Audit report (notice 一.3): given fields replace the stored ones' })
export class AuditReportInput {
  @Field(() => AuditReportKind, { nullable: true, description: '审计报告形式 / Form of the report' }) kind?: AuditReportKind | null;
  @Field(() => Int, { nullable: true, description: '审计年度（须已结束）/ Year audited (must have ended)' }) year?: number | null;
  @Field(() => String, { nullable: true, description: '条码（报备号）/ Barcode' }) barcode?: string | null;
  @Field(() => String, { nullable: true, description: '扫描件文件名 / File name' }) fileName?: string | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 摘要（64 位十六进制）/ SHA-256 digest (64 hex digits)' }) sha256?: string | null;
}

@InputType('TaiyuanApplicationReportInput', { description: '申请报告（附件2）：省略的部分保留原值，null 清空，给出的列表整体替换 / Application report: omitted parts are kept, null clears, a given list replaces the stored one' })
export class ApplicationReportInput {
  @Field(() => DateScalar, { nullable: true, description: '注册日期 / Date registered' }) registeredOn?: string | null;
  @Field(() => String, { nullable: true, description: '单位性质 / Nature of the unit' }) unitNature?: string | null;
  @Field(() => String, { nullable: true, description: '法人代表 / Legal representative' }) legalRepresentative?: string | null;
  @Field(() => String, { nullable: true, description: '注册地址 / Registered address' }) registeredAddress?: string | null;
  @Field(() => String, { nullable: true, description: '邮政编码 / Postcode' }) postcode?: string | null;
  @Field(() => String, { nullable: true, description: '联系人 / Contact person' }) contactPerson?: string | null;
  @Field(() => String, { nullable: true, description: '联系电话（固定电话或手机）/ Phone (landline or mobile)' }) contactPhone?: string | null;
  @Field(() => String, { nullable: true, description: '传真 / Fax' }) fax?: string | null;
  @Field(() => String, { nullable: true, description: '手机 / Mobile phone' }) mobile?: string | null;
  @Field(() => String, { nullable: true, description: '网址 / Website' }) website?: string | null;
  @Field(() => String, { nullable: true, description: 'ICP 备案号（须有网址）/ ICP filing number (needs the website)' }) icpFiling?: string | null;
  @Field(() => String, { nullable: true, description: '电子邮件 / Email' }) email?: string | null;
  @Field(() => Float, { nullable: true, description: '注册资本（万元）/ Registered capital (10k CNY)' }) registeredCapital?: number | null;
  @Field(() => [InvestorInput], { nullable: true, description: '主要投资方（整体替换）/ Main investors (replaces the list)' }) investors?: InvestorInput[] | null;
  @Field(() => Float, { nullable: true, description: '上年末总资产（万元）/ Total assets at last year-end (10k CNY)' }) totalAssets?: number | null;
  @Field(() => Int, { nullable: true, description: '仪器、设备数量（台套）/ Equipment count' }) equipmentCount?: number | null;
  @Field(() => Float, { nullable: true, description: '仪器、设备购买价格（万元）/ Equipment purchase value (10k CNY)' }) equipmentValue?: number | null;
  @Field(() => Float, { nullable: true, description: '服务场地面积（m²，= 自有 + 租用）/ Service floor area (m², = owned + rented)' }) serviceFloorArea?: number | null;
  @Field(() => Float, { nullable: true, description: '自有面积（m²）/ Owned (m²)' }) floorAreaOwned?: number | null;
  @Field(() => Float, { nullable: true, description: '租用面积（m²）/ Rented (m²)' }) floorAreaRented?: number | null;
  @Field(() => Int, { nullable: true, description: '从业人数 / Staff' }) staffCount?: number | null;
  @Field(() => Int, { nullable: true, description: '专业人员数（不超过从业人数）/ Qualified professionals (at most the staff)' }) qualifiedStaffCount?: number | null;
  @Field(() => [OperatingYearInput], { nullable: true, description: '运营管理情况（整体替换，年度不重复）/ Operating figures (replaces the list; one row a year)' }) operatingYears?: OperatingYearInput[] | null;
  @Field(() => String, { nullable: true, description: '获得专业服务资质情况 / Qualifications' }) qualifications?: string | null;
  @Field(() => [ServiceLineInput], { nullable: true, description: '主要服务内容（整体替换）/ Main services (replaces the list)' }) mainServices?: ServiceLineInput[] | null;
  @Field(() => [String], { nullable: true, description: '签订合作协议的单位（整体替换）/ Partners with agreements (replaces the list)' }) partnersWithAgreement?: string[] | null;
  @Field(() => [String], { nullable: true, description: '其他合作单位（整体替换）/ Other partners (replaces the list)' }) otherPartners?: string[] | null;
  @Field(() => String, { nullable: true, description: '得到政府扶持的情况 / Government support' }) governmentSupport?: string | null;
  @Field(() => [EquipmentItemInput], { nullable: true, description: '设备、仪器及软件清单（整体替换）/ Equipment list (replaces the list)' }) equipmentList?: EquipmentItemInput[] | null;
  @Field(() => [StaffMemberInput], { nullable: true, description: '人员名单（整体替换）/ Staff list (replaces the list)' }) staffList?: StaffMemberInput[] | null;
  @Field(() => [ServedEnterpriseInput], { nullable: true, description: '服务企业名单（整体替换，至多 500 家）/ Served SMEs (replaces the list; at most 500)' }) servedEnterprises?: ServedEnterpriseInput[] | null;
  @Field(() => Int, { nullable: true, description: '上一年度共服务企业（家）/ Enterprises served last year' }) servedEnterprisesLastYear?: number | null;
  @Field(() => NarrativesInput, { nullable: true, description: '情况说明（按部分覆盖；null 清空全部）/ Narratives (per section; null clears all)' }) narratives?: NarrativesInput | null;
  @Field(() => AuditReportInput, { nullable: true, description: '上一年度审计报告（按字段覆盖；null 清空）/ Audit report (per field; null clears it)' }) auditReport?: AuditReportInput | null;
}
