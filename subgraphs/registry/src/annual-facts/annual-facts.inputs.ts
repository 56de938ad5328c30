import { Field, Float, ID, InputType, Int } from 'type-graphql';

/** Figures of one year; all required so a year's record is complete (a rule never reads a guessed zero). */
@InputType({ description: '年度情况 / Annual facts of one year' })
export class RecordAnnualFactsInput {
  @Field(() => ID, { description: '机构标识 / Institution id' }) institutionId: string;
  @Field(() => Int, { description: '年度 / Year' }) year: number;
  @Field(() => Float, { description: '资产总额（万元）/ Total assets (10k CNY)' }) totalAssets: number;
  @Field(() => Float, { description: '营业收入（万元）/ Revenue (10k CNY)' }) revenue: number;
  @Field(() => Float, { description: '服务收入（万元）/ Service revenue (10k CNY)' }) serviceRevenue: number;
  @Field(() => Float, { description: '利润（万元，可为负）/ Profit (10k CNY, may be negative)' }) profit: number;
  @Field(() => Float, { description: '纳税（万元）/ Tax paid (10k CNY)' }) tax: number;
  @Field(() => Int, { description: '服务中小企业数（家）/ SMEs served' }) smesServed: number;
  @Field(() => Int, { description: '其中点对点服务（家）/ Of them point-to-point' }) pointToPointServed: number;
  @Field(() => Float, { description: '用户满意度（%）/ User satisfaction (%)' }) satisfactionRate: number;
  @Field(() => Float, { description: '自有服务场地面积（m²）/ Owned floor area (m²)' }) floorAreaOwned: number;
  @Field(() => Float, { description: '租用服务场地面积（m²）/ Rented floor area (m²)' }) floorAreaRented: number;
  @Field(() => Int, { description: '从业人员（人）/ Staff' }) staff: number;
  @Field(() => Int, { description: '专职服务人员（人）/ Full-time SME-service staff' }) fullTimeServiceStaff: number;
  @Field(() => Int, { description: '大专以上或中级以上职称人员（人）/ Qualified staff' }) qualifiedStaff: number;
  @Field(() => Int, { description: '合作副高级以上专家（人）/ Cooperating senior experts' }) seniorExperts: number;
  @Field(() => Int, { description: '相关领域专家（人）/ Related experts' }) relatedExperts: number;
  @Field(() => Int, { description: '签约合作机构（家）/ Partner agencies with agreements' }) partnerAgencies: number;
  @Field(() => Float, { description: '公益性或低收费服务占比（%）/ Public-welfare or low-fee share (%)' }) publicWelfareShare: number;
}
