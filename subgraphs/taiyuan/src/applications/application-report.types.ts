import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@sme/kernel';

/**
 * The application report (申请报告, 并工信字〔2023〕26号 附件2) as structured data: the application form (申请表
 * 一 to 四), the equipment list (二), the staff list (三), the served-SME list with its evaluation (四) and the
 * seven narrative sections (五（一）…（七）), with the audit report the notice asks for (一.3). Only taiyuan
 * serves these types, so they carry no @shareable. Figures marked "computed" are derived by mergeReport and
 * are never taken from input.
 */

/** 一.3: the two forms of audit report the notice accepts. */
export enum AuditReportKind {
  ANNUAL_PLUS_SPECIAL = 'ANNUAL_PLUS_SPECIAL',
  ANNUAL_WITH_SERVICE_ACCOUNTS = 'ANNUAL_WITH_SERVICE_ACCOUNTS',
}
registerEnumType(AuditReportKind, {
  name: 'TaiyuanAuditReportKind',
  description: '审计报告形式（并工信字〔2023〕26号 一.3）/ Form of the audit report (notice 一.3)',
  valuesConfig: {
    ANNUAL_PLUS_SPECIAL: { description: '带条码的上一年度审计报告及服务收支情况的专项审计报告 / Previous year’s audit report with barcode, plus a special audit report of service income and expenditure' },
    ANNUAL_WITH_SERVICE_ACCOUNTS: { description: '上一年度包含服务收支情况的审计报告（带条码）/ Previous year’s audit report covering service income and expenditure (with barcode)' },
  },
});

/** 申请表 三 服务规模（家、人/次）: a service is measured in enterprises or in person-times. */
export enum ServiceScaleUnit {
  ENTERPRISES = 'ENTERPRISES',
  PERSON_TIMES = 'PERSON_TIMES',
}
registerEnumType(ServiceScaleUnit, {
  name: 'TaiyuanServiceScaleUnit',
  description: '服务规模单位 / Unit of a service’s scale',
  valuesConfig: {
    ENTERPRISES: { description: '家 / Enterprises' },
    PERSON_TIMES: { description: '人次 / Person-times' },
  },
});

@ObjectType('TaiyuanInvestor', { description: '主要投资方（申请表 一）/ Main investor (form part 1)' })
export class Investor {
  @Field({ description: '投资方名称 / Investor name' })
  name: string;

  @Field(() => String, { nullable: true, description: '性质（如国有、民营、自然人）/ Nature (state-owned, private, natural person …)' })
  nature: string | null;

  @Field(() => Float, { description: '投资比例（%）/ Share of the registered capital (%)' })
  sharePercent: number;
}

@ObjectType('TaiyuanOperatingYear', { description: '运营管理情况：一个年度的数据（申请表 二，万元）/ Operating figures of one year (form part 2, 10k CNY)' })
export class OperatingYear {
  @Field(() => Int, { description: '年度 / Year' })
  year: number;

  @Field(() => Float, { nullable: true, description: '营业收入（万元）/ Revenue (10k CNY)' })
  revenue: number | null;

  @Field(() => Float, { nullable: true, description: '其中：服务收入（万元）/ Of which service revenue (10k CNY)' })
  serviceRevenue: number | null;

  @Field(() => Float, { nullable: true, description: '资产总额（万元）/ Total assets (10k CNY)' })
  totalAssets: number | null;

  @Field(() => Float, { nullable: true, description: '利润总额（万元，亏损为负）/ Total profit (10k CNY, negative for a loss)' })
  profit: number | null;

  @Field(() => Float, { nullable: true, description: '上缴税金（万元）/ Taxes paid (10k CNY)' })
  tax: number | null;

  @Field(() => Int, { nullable: true, description: '服务中小企业户数 / SMEs served' })
  smesServed: number | null;
}

@ObjectType('TaiyuanServiceLine', { description: '主要服务内容（申请表 三）/ A main service (form part 3)' })
export class ServiceLine {
  @Field({ description: '主要服务内容 / What the service is' })
  content: string;

  @Field(() => Int, { description: '服务规模 / Scale' })
  scale: number;

  @Field(() => ServiceScaleUnit, { description: '规模单位（家或人次）/ Unit of the scale (enterprises or person-times)' })
  scaleUnit: ServiceScaleUnit;

  @Field(() => Float, { description: '服务收入占年营业收入（%）/ Share of the year’s revenue (%)' })
  revenueSharePercent: number;
}

@ObjectType('TaiyuanEquipmentItem', { description: '主要服务设备、仪器及软件（附件2 二）/ Main service equipment, instrument or software (annex 2 part 2)' })
export class EquipmentItem {
  @Field({ description: '名称 / Name' })
  name: string;

  @Field(() => Int, { description: '数量（台、套）/ Quantity (units or sets)' })
  quantity: number;

  @Field(() => DateScalar, { description: '购买时间 / Purchase date' })
  purchasedOn: string;

  @Field(() => Float, { description: '购买价格（万元）/ Purchase price (10k CNY)' })
  price: number;

  @Field({ description: '是否处于行业领先水平（申请人自述，需审核）/ Industry-leading (the applicant’s claim, for review)' })
  industryLeading: boolean;
}

@ObjectType('TaiyuanStaffMember', { description: '管理人员或服务人员（附件2 三）/ A manager or service staff member (annex 2 part 3)' })
export class StaffMember {
  @Field({ description: '姓名 / Name' })
  name: string;

  @Field(() => Int, { description: '年龄 / Age' })
  age: number;

  @Field({ description: '学历 / Education' })
  education: string;

  @Field(() => String, { nullable: true, description: '毕业学校 / School graduated from' })
  school: string | null;

  @Field(() => String, { nullable: true, description: '职称 / Professional title' })
  title: string | null;

  @Field({ description: '主管工作 / Responsibility' })
  responsibility: string;
}

@ObjectType('TaiyuanServedEnterprise', { description: '服务的中小企业及其评价（附件2 四）/ A served SME and its evaluation (annex 2 part 4)' })
export class ServedEnterprise {
  @Field({ description: '服务企业名称 / Enterprise name' })
  name: string;

  @Field({ description: '联系人 / Contact person' })
  contactPerson: string;

  @Field({ description: '联系电话 / Phone' })
  phone: string;

  @Field({ description: '服务内容简述 / Summary of the service' })
  serviceSummary: string;

  @Field({ description: '企业满意度：满意为 true，不满意为 false / Satisfied (true) or not (false)' })
  satisfied: boolean;
}

@ObjectType('TaiyuanNarratives', { description: '示范平台申请相关情况说明（附件2 五）/ Narrative sections (annex 2 part 5)' })
export class Narratives {
  @Field(() => String, { nullable: true, description: '（一）申请单位的基本情况：创立发展沿革、发展目标及目前的基本情况 / (1) The applicant: history, goals, present situation' })
  basicSituation: string | null;

  @Field(() => String, { nullable: true, description: '（二）服务对象所在区域的行业状况、在区域经济发展中的地位和作用、中小企业发展情况和公共服务需求 / (2) The region served: industries, role in the regional economy, SMEs and their needs' })
  regionalContext: string | null;

  @Field(() => String, { nullable: true, description: '（三）平台管理运营情况：主要管理制度、人员激励、能力提升、可持续发展 / (3) Management and operation: rules, incentives, capability building, sustainability' })
  operations: string | null;

  @Field(() => String, { nullable: true, description: '（四）近年来的服务情况：内容、对象、规模、方式、收费，公益性或低收费服务 / (4) Recent services: content, clients, scale, methods, fees, free or low-fee services' })
  recentServices: string | null;

  @Field(() => String, { nullable: true, description: '（五）平台服务特色：创新服务模式、集聚创新资源等方面的示范性 / (5) Distinctive features: innovative service models, pooling innovation resources' })
  features: string | null;

  @Field(() => String, { nullable: true, description: '（六）主要服务业绩及对区域经济和中小企业发展的贡献：服务效果自测或典型案例 / (6) Achievements and contribution: self-assessed effect or typical cases' })
  achievements: string | null;

  @Field(() => String, { nullable: true, description: '（七）下一步发展设想 / (7) Plans' })
  plans: string | null;
}

@ObjectType('TaiyuanAuditReport', { description: '上一年度审计报告（并工信字〔2023〕26号 一.3）/ The previous year’s audit report (notice 一.3)' })
export class AuditReport {
  @Field(() => AuditReportKind, { nullable: true, description: '审计报告形式 / Form of the report' })
  kind: AuditReportKind | null;

  @Field(() => Int, { nullable: true, description: '审计年度（应为申报年度的上一年度）/ Year audited (must be the year before the campaign)' })
  year: number | null;

  @Field(() => String, { nullable: true, description: '审计报告条码（报备号）/ The report’s barcode (filing number)' })
  barcode: string | null;

  @Field(() => String, { nullable: true, description: '扫描件文件名 / File name of the scan' })
  fileName: string | null;

  @Field(() => String, { nullable: true, description: '扫描件 SHA-256 摘要 / SHA-256 digest of the scan' })
  sha256: string | null;
}

@ObjectType('TaiyuanApplicationReport', { description: '太原市中小企业公共服务示范平台申请报告（并工信字〔2023〕26号 附件2）/ Application report of a Taiyuan city platform (notice annex 2)' })
export class ApplicationReport {
  // 申请表 一、申请单位基本情况
  @Field(() => DateScalar, { nullable: true, description: '注册日期 / Date registered' })
  registeredOn: string | null;

  @Field(() => String, { nullable: true, description: '单位性质 / Nature of the unit' })
  unitNature: string | null;

  @Field(() => String, { nullable: true, description: '法人代表 / Legal representative' })
  legalRepresentative: string | null;

  @Field(() => String, { nullable: true, description: '注册地址 / Registered address' })
  registeredAddress: string | null;

  @Field(() => String, { nullable: true, description: '邮政编码（6 位）/ Postcode (6 digits)' })
  postcode: string | null;

  @Field(() => String, { nullable: true, description: '联系人 / Contact person' })
  contactPerson: string | null;

  @Field(() => String, { nullable: true, description: '联系电话 / Phone' })
  contactPhone: string | null;

  @Field(() => String, { nullable: true, description: '传真 / Fax' })
  fax: string | null;

  @Field(() => String, { nullable: true, description: '手机 / Mobile phone' })
  mobile: string | null;

  @Field(() => String, { nullable: true, description: '网址（已建网站的填写）/ Website (if any)' })
  website: string | null;

  @Field(() => String, { nullable: true, description: '网站 ICP 备案号（如 晋ICP备12345678号）/ The website’s ICP filing number' })
  icpFiling: string | null;

  @Field(() => String, { nullable: true, description: '电子邮件 / Email' })
  email: string | null;

  @Field(() => Float, { nullable: true, description: '注册资本（万元）/ Registered capital (10k CNY)' })
  registeredCapital: number | null;

  @Field(() => [Investor], { description: '主要投资方 / Main investors' })
  investors: Investor[];

  @Field(() => Float, { nullable: true, description: '上年末总资产（万元）/ Total assets at the end of last year (10k CNY)' })
  totalAssets: number | null;

  @Field(() => Int, { nullable: true, description: '仪器、设备数量（台套）/ Instruments and equipment (units or sets)' })
  equipmentCount: number | null;

  @Field(() => Float, { nullable: true, description: '仪器、设备购买价格（万元）/ Purchase value of the equipment (10k CNY)' })
  equipmentValue: number | null;

  @Field(() => Float, { nullable: true, description: '设备购买价格占总资产（%，计算值）/ Equipment value as a share of total assets (%, computed)' })
  equipmentShareOfAssets: number | null;

  @Field(() => Float, { nullable: true, description: '服务场地面积（m²）/ Service floor area (m²)' })
  serviceFloorArea: number | null;

  @Field(() => Float, { nullable: true, description: '其中自有（m²）/ Of which owned (m²)' })
  floorAreaOwned: number | null;

  @Field(() => Float, { nullable: true, description: '其中租用（m²）/ Of which rented (m²)' })
  floorAreaRented: number | null;

  @Field(() => Int, { nullable: true, description: '从业人数 / Staff' })
  staffCount: number | null;

  @Field(() => Int, { nullable: true, description: '大专及以上学历和中级及以上技术职称的专业人员 / Professionals with a college degree or an intermediate title and above' })
  qualifiedStaffCount: number | null;

  @Field(() => Float, { nullable: true, description: '专业人员占总人数（%，计算值）/ Professionals as a share of staff (%, computed)' })
  qualifiedStaffShare: number | null;

  // 申请表 二、运营管理情况
  @Field(() => [OperatingYear], { description: '运营管理情况，按年度升序 / Operating figures by year, ascending' })
  operatingYears: OperatingYear[];

  // 申请表 三、平台服务能力及业绩
  @Field(() => String, { nullable: true, description: '获得专业服务资质情况 / Professional service qualifications obtained' })
  qualifications: string | null;

  @Field(() => [ServiceLine], { description: '主要服务内容 / Main services' })
  mainServices: ServiceLine[];

  @Field(() => [String], { description: '合作资源：签订合作协议的单位 / Partners with signed cooperation agreements' })
  partnersWithAgreement: string[];

  @Field(() => [String], { description: '合作资源：其他合作单位 / Other partners' })
  otherPartners: string[];

  // 申请表 四、政府支持情况
  @Field(() => String, { nullable: true, description: '得到政府扶持的情况 / Government support received' })
  governmentSupport: string | null;

  @Field(() => [EquipmentItem], { description: '主要服务设备、仪器及软件清单（附件2 二）/ Equipment, instruments and software (annex 2 part 2)' })
  equipmentList: EquipmentItem[];

  @Field(() => [StaffMember], { description: '管理人员和服务人员名单（附件2 三，不少于12人）/ Managers and service staff (annex 2 part 3, at least 12)' })
  staffList: StaffMember[];

  @Field(() => [ServedEnterprise], { description: '服务的中小企业名单及服务评价（附件2 四）/ Served SMEs and their evaluation (annex 2 part 4)' })
  servedEnterprises: ServedEnterprise[];

  @Field(() => Int, { nullable: true, description: '上一年度共服务企业（家）/ Enterprises served in the previous year' })
  servedEnterprisesLastYear: number | null;

  @Field(() => Float, { nullable: true, description: '名单中表示满意的企业占比（%，计算值）/ Share of listed enterprises that are satisfied (%, computed)' })
  satisfactionRate: number | null;

  @Field(() => Narratives, { description: '情况说明（附件2 五（一）至（七））/ Narrative sections (annex 2 part 5 (1)–(7))' })
  narratives: Narratives;

  @Field(() => AuditReport, { nullable: true, description: '上一年度审计报告（一.3），未填时为空 / The previous year’s audit report (notice 一.3); null until given' })
  auditReport: AuditReport | null;
}

/** Upper bounds on the lists, so that one report stays a bounded document (附件2 has no upper bound of its own). */
export const REPORT_LIMITS = {
  investors: 50,
  operatingYears: 10,
  mainServices: 50,
  partnersWithAgreement: 200,
  otherPartners: 200,
  equipmentList: 1000,
  staffList: 1000,
  servedEnterprises: 500,
} as const;

export const emptyNarratives = (): Narratives => ({
  basicSituation: null, regionalContext: null, operations: null, recentServices: null, features: null, achievements: null, plans: null,
});

/** A report with nothing filled in: the draft an application starts from. */
export const emptyReport = (): ApplicationReport => ({
  registeredOn: null, unitNature: null, legalRepresentative: null, registeredAddress: null, postcode: null, contactPerson: null,
  contactPhone: null, fax: null, mobile: null, website: null, icpFiling: null, email: null,
  registeredCapital: null, investors: [],
  totalAssets: null, equipmentCount: null, equipmentValue: null, equipmentShareOfAssets: null,
  serviceFloorArea: null, floorAreaOwned: null, floorAreaRented: null,
  staffCount: null, qualifiedStaffCount: null, qualifiedStaffShare: null,
  operatingYears: [], qualifications: null, mainServices: [], partnersWithAgreement: [], otherPartners: [], governmentSupport: null,
  equipmentList: [], staffList: [], servedEnterprises: [], servedEnterprisesLastYear: null, satisfactionRate: null,
  narratives: emptyNarratives(), auditReport: null,
});
