import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';

/**
 * 宁 第十八条: 各市工信局每年2月底前将上一年度示范平台工作总结汇总报告和检查情况报告报自治区工业和信息化厅. One per
 * city and year reported on; due on the last day of February of the next year; a late one is flagged.
 */
@Entity({ tableName: 'city_reports' })
@Directive('@shareable')
@ObjectType('PlatformCityReport', { description: '市级年度汇总报告和检查情况报告 / A city’s annual summary and inspection report' })
export class CityReport {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '报告标识 / Report id' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  @Field({ description: '报告的市 / City' })
  cityCode: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '报告所涉年度 / Year reported on' })
  year: number;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '应报日期（次年2月底）/ Due by (end of the next February)' })
  dueOn: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '报送日期 / Date filed' })
  filedOn: string;

  @Property({ type: 'boolean' })
  @Field({ description: '逾期报送 / Filed late' })
  late: boolean;

  @Property({ type: 'text' })
  @Field({ description: '工作总结汇总报告 / Summary of the platforms’ reports' })
  summaryReport: string;

  @Property({ type: 'text' })
  @Field({ description: '检查情况报告 / Inspection report' })
  inspectionReport: string;

  @Property({ type: 'text' })
  filedBy: string;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
