import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';
import { LibraryCategory } from '../categories';

export enum OfferingKind {
  PRODUCT = 'PRODUCT',
  CASE = 'CASE',
}
registerEnumType(OfferingKind, {
  name: 'LibraryOfferingKind',
  description: '发布类型（第十三条（一））/ Kind of publication (Art. 13(1))',
  valuesConfig: { PRODUCT: { description: '服务产品 / Service product' }, CASE: { description: '服务案例 / Service case' } },
});

/** 第十三条（一）入库机构应及时发布、更新服务产品、服务案例信息: public once published. */
@Entity({ tableName: 'service_offerings' })
@Index({ properties: ['memberId', 'publishedOn'] })
@Directive('@shareable')
@ObjectType('LibraryOffering', { description: '服务产品或案例（第十三条（一））/ Service product or case (Art. 13(1))' })
export class ServiceOffering {
  [OptionalProps]?: 'updatedAt' | 'withdrawnOn' | 'version';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '标识 / Id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  memberId: string;

  @Enum({ items: () => OfferingKind })
  @Field(() => OfferingKind, { description: '类型 / Kind' })
  kind: OfferingKind;

  @Enum({ items: () => LibraryCategory })
  @Field(() => LibraryCategory, { description: '服务类别 / Category' })
  category: LibraryCategory;

  @Property({ type: 'text' })
  @Field({ description: '标题 / Title' })
  title: string;

  @Property({ type: 'text' })
  @Field({ description: '内容 / Description' })
  summary: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '发布日期 / Date published' })
  publishedOn: string;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '撤下日期 / Date withdrawn' })
  withdrawnOn: string | null = null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Of two callers changing it at once, the second gets CONFLICT (its UPDATE checks the version it read). */
  @Property({ type: 'integer', version: true })
  version: number = 1;
}
