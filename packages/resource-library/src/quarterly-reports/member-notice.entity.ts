import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';

/** 第十条 连续 2 个周期未按规定报送的，将给予通报: one notice per streak, keyed by the period that triggered it. */
@Entity({ tableName: 'member_notices' })
@Unique({ properties: ['memberId', 'triggeredByDueOn'] })
@Directive('@shareable')
@ObjectType('LibraryNotice', { description: '通报（第十条）/ Notice for missed reports (Art. 10)' })
export class MemberNotice {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '标识 / Id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  memberId: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '通报日期 / Date issued' })
  issuedOn: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '触发通报的周期截止日 / Due date of the period that triggered it' })
  triggeredByDueOn: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '连续未报送周期数 / Consecutive missed periods' })
  missedPeriods: number;

  @Property({ type: 'text' })
  @Field({ description: '通报内容 / Text' })
  text: string;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
