import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';
import { CreditRecordKind } from './credit-record-kind';

/** 信用记录: listed on a date, active until removed (SPEC §2). */
@Entity({ tableName: 'credit_records' })
@Index({ properties: ['institutionId', 'listedOn'] })
@ObjectType({ description: '信用记录 / Credit record' })
export class CreditRecord {
  [OptionalProps]?: 'createdAt' | 'version' | 'removedOn' | 'note';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '记录标识 / Record id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: '机构标识 / Institution id' })
  institutionId: string;

  @Enum({ items: () => CreditRecordKind })
  @Field(() => CreditRecordKind, { description: '类型 / Kind' })
  kind: CreditRecordKind;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '列入日期 / Listed on' })
  listedOn: string;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '移出日期（未移出为空）/ Removed on (null while active)' })
  removedOn: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: '来源（如 信用中国）/ Source (e.g. Credit China)' })
  source: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '说明 / Note' })
  note: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version: number = 1;
}
