import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';

/**
 * 第十条: a member's report of one period, named by its due date (3/15, 6/15, 9/15, 12/15). Filed after the
 * due date it is still recorded (`onTime` false) but does not cure the missed period.
 */
@Entity({ tableName: 'quarterly_reports' })
@Unique({ properties: ['memberId', 'dueOn'] })
@Directive('@shareable')
@ObjectType('LibraryQuarterlyReport', { description: '季度服务情况报送（第十条）/ Quarterly service report (Art. 10)' })
export class QuarterlyReport {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '标识 / Id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  memberId: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '本周期截止日 / Due date of the period' })
  dueOn: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '报送日期 / Date filed' })
  filedOn: string;

  @Property({ type: 'boolean' })
  @Field({ description: '是否按期（截止日当日及以前）/ Filed on or before the due date' })
  onTime: boolean;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '本周期服务企业数 / Enterprises served in the period' })
  enterprisesServed: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '本周期公益性服务活动数 / Public-welfare activities in the period' })
  publicWelfareActivities: number;

  @Property({ type: 'text' })
  @Field({ description: '服务情况 / Summary of the services' })
  summary: string;

  @Property({ type: 'text' })
  filedBy: string;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
