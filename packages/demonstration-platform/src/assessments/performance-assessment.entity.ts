import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';

/** 宁 第十九条 服务绩效考核: 优秀 → 优先推荐申报国家示范平台; 不合格 → 撤销称号. */
export enum PerformanceRating {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  PASS = 'PASS',
  FAIL = 'FAIL',
}

registerEnumType(PerformanceRating, {
  name: 'PlatformPerformanceRating',
  description: '服务绩效考核等次 / Performance assessment rating',
  valuesConfig: {
    EXCELLENT: { description: '优秀：重点扶持并优先推荐申报国家示范平台 / Excellent: recommended to the national programme' },
    GOOD: { description: '良好 / Good' },
    PASS: { description: '合格 / Pass' },
    FAIL: { description: '不合格：撤销称号 / Fail: the designation is revoked' },
  },
});

/** One platform's assessment for one year (the year before the assessment: 每年定期对上一年度…进行考核). Public once made (结果公布). */
@Entity({ tableName: 'performance_assessments' })
@Directive('@shareable')
@ObjectType('PlatformPerformanceAssessment', { description: '服务绩效考核（宁 第十九条）/ Annual performance assessment' })
export class PerformanceAssessment {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '考核标识 / Assessment id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  designationId: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '考核年度 / Year assessed' })
  year: number;

  @Enum({ items: () => PerformanceRating })
  @Field(() => PerformanceRating, { description: '等次 / Rating' })
  rating: PerformanceRating;

  @Property({ type: 'text' })
  @Field({ description: '考核意见 / Comments' })
  comments: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '考核日期 / Date assessed' })
  assessedOn: string;

  @Property({ type: 'text' })
  assessedBy: string;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
