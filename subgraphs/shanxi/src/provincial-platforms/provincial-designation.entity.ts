import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';

/**
 * 山西省中小企业公共服务示范平台 as designated at the end of a provincial review: valid three years counting the
 * day of designation (二.3 每次认定有效期为三年). Its status (DESIGNATED / EXPIRED / REVOKED) is computed on
 * read from the dates, so no daily job has to flip it. Public (SPEC §2: designations are public data).
 */
@Entity({ tableName: 'provincial_platform_designations' })
@ObjectType('ShanxiProvincialPlatform', { description: '山西省中小企业公共服务示范平台（省级认定）/ Shanxi provincial demonstration platform (designation)' })
export class ProvincialDesignation {
  [OptionalProps]?: 'createdAt' | 'revokedOn' | 'revocationReason';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '认定标识 / Designation id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  reviewId: string;

  @Property({ type: 'uuid' })
  institutionId: string;

  /** The Taiyuan recommendation it came from, for tracing back through the gateway. */
  @Property({ type: 'uuid' })
  recommendationId: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '推荐年度 / Campaign year' })
  campaignYear: number;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '认定日期 / Date designated' })
  designatedOn: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '有效期至（含当日）/ Valid through this date' })
  validUntil: string;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '撤销日期 / Date revoked' })
  revokedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '撤销理由 / Reason for revocation' })
  revocationReason: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
