import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';

export enum ObjectionStatus {
  PENDING = 'PENDING',
  UPHELD = 'UPHELD',
  DISMISSED = 'DISMISSED',
}
registerEnumType(ObjectionStatus, {
  name: 'LibraryObjectionStatus',
  description: '公示异议处理状态 / Objection status',
  valuesConfig: {
    PENDING: { description: '待核实 / Pending' },
    UPHELD: { description: '异议成立，不予入库 / Upheld: not admitted' },
    DISMISSED: { description: '异议不成立 / Dismissed' },
  },
});

/** 第八条（四）公示无异议的，直接纳入: an objection received during the notice, and its resolution. */
@Entity({ tableName: 'objections' })
@Index({ properties: ['applicationId'] })
@Directive('@shareable')
@ObjectType('LibraryObjection', { description: '公示异议（第八条（四））/ Objection raised during the public notice (Art. 8(4))' })
export class Objection {
  [OptionalProps]?: 'status' | 'decidedOn' | 'decisionReason' | 'version';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  applicationId: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '收到日期 / Date received' })
  receivedOn: string;

  @Property({ type: 'text' })
  @Field({ description: '异议内容 / Summary of the objection' })
  summary: string;

  @Enum({ items: () => ObjectionStatus })
  @Field(() => ObjectionStatus, { description: '处理状态 / Status' })
  status: ObjectionStatus = ObjectionStatus.PENDING;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '处理日期 / Date decided' })
  decidedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '处理意见 / Decision and its reason' })
  decisionReason: string | null = null;

  /** Of two callers changing it at once, the second gets CONFLICT (its UPDATE checks the version it read). */
  @Property({ type: 'integer', version: true })
  version: number = 1;
}
