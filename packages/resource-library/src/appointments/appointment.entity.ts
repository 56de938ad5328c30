import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';

/**
 * 河北 第十三条（二）: an enterprise's service appointment with a member, to be handled within 5 working days
 * of the request (the request day not counted). Contacts are not public.
 */
@Entity({ tableName: 'appointments' })
@Index({ properties: ['memberId', 'requestedOn'] })
@Directive('@shareable')
@ObjectType('ServiceAppointment', { description: '服务预约（河北 第十三条（二））/ Service appointment (Hebei Art. 13(2))' })
export class Appointment {
  [OptionalProps]?: 'handledOn' | 'outcome' | 'handledBy' | 'createdAt' | 'version' | 'enterpriseCreditCode';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '预约标识 / Appointment id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  memberId: string;

  @Property({ type: 'text' })
  @Field({ description: '预约企业 / Enterprise' })
  enterpriseName: string;

  @Property({ type: 'text', nullable: true })
  enterpriseCreditCode: string | null = null;

  @Property({ type: 'text' })
  contactPerson: string;

  @Property({ type: 'text' })
  contactPhone: string;

  @Property({ type: 'text' })
  @Field({ description: '预约服务 / Service requested' })
  service: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '预约日期 / Date requested' })
  requestedOn: string;

  /** The 5th working day after the request. */
  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '处理期限（第五个工作日）/ Handle by (5th working day)' })
  dueBy: string;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '处理日期 / Date handled' })
  handledOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '处理结果 / Outcome' })
  outcome: string | null = null;

  @Property({ type: 'text', nullable: true })
  handledBy: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号（并发控制）/ Version, for optimistic concurrency' })
  version: number = 1;
}
