import { Entity, Enum, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';

export enum EvaluationRating {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  PASS = 'PASS',
  FAIL = 'FAIL',
}
registerEnumType(EvaluationRating, {
  name: 'LibraryEvaluationRating',
  description: '年度评价等次（第十二条）/ Annual evaluation rating (Art. 12)',
  valuesConfig: {
    EXCELLENT: { description: '优秀 / Excellent' },
    GOOD: { description: '良好 / Good' },
    PASS: { description: '合格 / Pass' },
    FAIL: { description: '不合格（经会议研究可移出）/ Fail (may be removed by decision)' },
  },
});

/**
 * 第十二条 实施评价管理: one evaluation per member and year. It keeps the duty record it was based on
 * (missed reports; for Hebei, overdue appointments, 第十三条（二）) as it stood when rated.
 */
@Entity({ tableName: 'annual_evaluations' })
@Unique({ properties: ['memberId', 'year'] })
@Directive('@shareable')
@ObjectType('LibraryEvaluation', { description: '年度评价（第十二条）/ Annual evaluation (Art. 12)' })
export class AnnualEvaluation {
  [OptionalProps]?: 'recordedAt' | 'overdueAppointments';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '标识 / Id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  memberId: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '评价年度 / Year evaluated' })
  year: number;

  @Enum({ items: () => EvaluationRating })
  @Field(() => EvaluationRating, { description: '等次 / Rating' })
  rating: EvaluationRating;

  @Property({ type: 'text' })
  @Field({ description: '评价意见 / Comments' })
  comments: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '当年未按期报送的周期数 / Reporting periods missed that year' })
  missedReports: number;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '当年逾期处理的服务预约数（河北 第十三条（二））/ Appointments handled late that year (Hebei Art. 13(2))' })
  overdueAppointments: number | null = null;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '评价日期 / Date rated' })
  evaluatedOn: string;

  @Property({ type: 'text' })
  evaluatedBy: string;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
