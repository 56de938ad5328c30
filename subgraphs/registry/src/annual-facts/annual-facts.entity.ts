import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';

/**
 * 年度情况 (SPEC §2 Annual facts): the figures the programmes' rules test, one row per institution and year.
 * Money in 万元, areas in m², shares and rates in percent (0-100).
 */
@Entity({ tableName: 'annual_facts' })
@Unique({ properties: ['institutionId', 'year'] })
@ObjectType({ description: '年度情况（资产、营收、服务量、人员等）/ Annual facts (assets, revenue, services, staff …)' })
export class AnnualFacts {
  [OptionalProps]?: 'recordedAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  institutionId: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '年度 / Year' })
  year: number;

  @Property({ type: 'double' }) @Field(() => Float, { description: '资产总额（万元）/ Total assets (10k CNY)' }) totalAssets: number;
  @Property({ type: 'double' }) @Field(() => Float, { description: '营业收入（万元）/ Revenue (10k CNY)' }) revenue: number;
  @Property({ type: 'double' }) @Field(() => Float, { description: '服务收入（万元）/ Service revenue (10k CNY)' }) serviceRevenue: number;
  @Property({ type: 'double' }) @Field(() => Float, { description: '利润（万元，可为负）/ Profit (10k CNY, may be negative)' }) profit: number;
  @Property({ type: 'double' }) @Field(() => Float, { description: '纳税（万元）/ Tax paid (10k CNY)' }) tax: number;
  @Property({ type: 'integer' }) @Field(() => Int, { description: '服务中小企业数（家）/ SMEs served' }) smesServed: number;
  @Property({ type: 'integer' }) @Field(() => Int, { description: '其中点对点服务（家）/ Of them point-to-point' }) pointToPointServed: number;
  @Property({ type: 'double' }) @Field(() => Float, { description: '用户满意度（%）/ User satisfaction (%)' }) satisfactionRate: number;
  @Property({ type: 'double' }) @Field(() => Float, { description: '自有服务场地面积（m²）/ Owned service floor area (m²)' }) floorAreaOwned: number;
  @Property({ type: 'double' }) @Field(() => Float, { description: '租用服务场地面积（m²）/ Rented service floor area (m²)' }) floorAreaRented: number;
  @Property({ type: 'integer' }) @Field(() => Int, { description: '从业人员（人）/ Staff' }) staff: number;
  @Property({ type: 'integer' }) @Field(() => Int, { description: '专职为中小企业服务人员（人）/ Full-time SME-service staff' }) fullTimeServiceStaff: number;
  @Property({ type: 'integer' }) @Field(() => Int, { description: '大专以上学历或中级以上职称人员（人）/ Staff with college degree or intermediate title' }) qualifiedStaff: number;
  @Property({ type: 'integer' }) @Field(() => Int, { description: '合作副高级以上专家（人）/ Cooperating senior experts' }) seniorExperts: number;
  @Property({ type: 'integer' }) @Field(() => Int, { description: '相关领域专家（人）/ Related experts' }) relatedExperts: number;
  @Property({ type: 'integer' }) @Field(() => Int, { description: '签约合作服务机构（家）/ Partner agencies with agreements' }) partnerAgencies: number;
  @Property({ type: 'double' }) @Field(() => Float, { description: '公益性或低收费服务占比（%）/ Public-welfare or low-fee share (%)' }) publicWelfareShare: number;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();

  @Property({ type: 'text' })
  recordedBy: string;

  @Property({ type: 'integer', version: true })
  version: number = 1;
}

/** The figure fields, in one list for inputs, validation and events. */
export const ANNUAL_FIGURES = [
  'totalAssets', 'revenue', 'serviceRevenue', 'profit', 'tax', 'smesServed', 'pointToPointServed', 'satisfactionRate',
  'floorAreaOwned', 'floorAreaRented', 'staff', 'fullTimeServiceStaff', 'qualifiedStaff', 'seniorExperts', 'relatedExperts',
  'partnerAgencies', 'publicWelfareShare',
] as const;
export type AnnualFigures = Pick<AnnualFacts, (typeof ANNUAL_FIGURES)[number]>;
