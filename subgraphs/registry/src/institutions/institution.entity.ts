import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { CreditCodeScalar, DateScalar } from '@sme/kernel';
import { LegalForm } from './legal-form';

/**
 * 服务机构: the shared entity of the supergraph (SPEC §1), owned here and extended by every programme subgraph.
 * Region, credit records and annual facts are resolved through the request's loaders.
 */
@Entity({ tableName: 'institutions' })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "creditCode")')
@ObjectType({ description: '服务机构 / Service institution' })
export class Institution {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'version' | 'address' | 'legalRepresentative' | 'contactPerson' | 'contactPhone';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '机构标识 / Institution id' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true })
  @Field(() => CreditCodeScalar, { description: '统一社会信用代码 / Unified social credit code' })
  creditCode: string;

  @Property({ type: 'text' })
  @Index()
  @Field({ description: '机构名称 / Name' })
  name: string;

  @Enum({ items: () => LegalForm })
  @Field(() => LegalForm, { description: '法人类型 / Legal form' })
  legalForm: LegalForm;

  /** The current registered region (may differ from the division code fixed inside the credit code, SPEC §2). */
  @Property({ type: 'text' })
  @Index()
  regionCode: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '成立日期 / Date of establishment' })
  establishedOn: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '注册地址 / Registered address' })
  address: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '法定代表人 / Legal representative' })
  legalRepresentative: string | null = null;

  /** Contacts are not public (SPEC §2): resolved with a permission check. */
  @Property({ type: 'text', nullable: true })
  contactPerson: string | null = null;

  @Property({ type: 'text', nullable: true })
  contactPhone: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Optimistic lock: of two concurrent updates, the second gets CONFLICT. */
  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号（更新时用于并发控制）/ Version, for optimistic concurrency on update' })
  version: number = 1;
}
