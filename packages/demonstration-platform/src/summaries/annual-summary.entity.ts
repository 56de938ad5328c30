import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';

/**
 * 年度工作总结 (鲁 第二十六条: 每年年底前将本年度工作总结及下年度工作打算报市级主管部门; 宁 第十六条: 每年年底前将本年度
 * 工作总结报市级中小企业主管部门). One per designation and year; a late one is recorded and flagged.
 */
@Entity({ tableName: 'annual_summaries' })
@Directive('@shareable')
@ObjectType('PlatformAnnualSummary', { description: '示范平台年度工作总结 / A platform’s annual work summary' })
export class AnnualSummary {
  [OptionalProps]?: 'recordedAt' | 'nextYearPlan';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '总结标识 / Summary id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  designationId: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '总结年度 / Year summarised' })
  year: number;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '应报日期（年底前）/ Due by (the year’s end)' })
  dueOn: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '报送日期 / Date filed' })
  filedOn: string;

  @Property({ type: 'boolean' })
  @Field({ description: '逾期报送 / Filed late' })
  late: boolean;

  @Property({ type: 'text' })
  @Field({ description: '本年度工作总结 / The year’s work summary' })
  summary: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '下年度工作打算（鲁 第二十六条）/ Plan for the next year' })
  nextYearPlan: string | null = null;

  @Property({ type: 'text' })
  filedBy: string;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
