import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';
import { PlatformFunction } from '../graphql-enums';
import { RevocationGround } from './revocation-ground';

/**
 * 示范平台 as designated (鲁 第二十一条, 宁 第十三条): valid for the rule set's years counting the day of designation
 * (鲁 第二十三条, 宁 第十七条). Its status (DESIGNATED / EXPIRED / REVOKED) is computed from the dates on the day
 * asked, so no daily job has to flip it. Public: this table is the platform database (宁 第十五条); it holds no
 * figures and no contacts.
 */
@Entity({ tableName: 'designations' })
@Index({ properties: ['cityCode', 'validUntil'] })
@Directive('@shareable')
@ObjectType('DemonstrationPlatform', { description: '示范平台（认定记录，公开）/ Demonstration platform (a designation; public)' })
export class Designation {
  [OptionalProps]?: 'createdAt' | 'version' | 'revokedOn' | 'revocationGround' | 'revocationReason' | 'applicationBannedUntil' | 'nationalRecommendationYear';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '认定标识 / Designation id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  institutionId: string;

  @Property({ type: 'uuid' })
  applicationId: string;

  @Property({ type: 'text' })
  @Field({ description: '认定依据的规则 / Rule set the designation was judged by' })
  ruleSetId: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '认定年度 / Campaign year' })
  campaignYear: number;

  @Property({ type: 'text' })
  @Field({ description: '所在区划 / Region' })
  regionCode: string;

  @Property({ type: 'text' })
  @Field({ description: '所属市 / City' })
  cityCode: string;

  @Property({ type: 'text[]' })
  @Field(() => [PlatformFunction], { description: '服务功能 / Functions' })
  functions: PlatformFunction[];

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '认定日期 / Date designated' })
  designatedOn: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '有效期至（含当日）/ Valid through this date' })
  validUntil: string;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '撤销日期 / Date revoked' })
  revokedOn: string | null = null;

  @Enum({ items: () => RevocationGround, nullable: true })
  @Field(() => RevocationGround, { nullable: true, description: '撤销依据 / Ground for revocation' })
  revocationGround: RevocationGround | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '撤销理由 / Reason for revocation' })
  revocationReason: string | null = null;

  /** 鲁 第二十四条: the last day of the ban on applying after a revocation. */
  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '撤销后不得申报至（含当日，鲁 第二十四条）/ May not apply again through this date' })
  applicationBannedUntil: string | null = null;

  /** 宁 第十九条: the assessment year rated excellent, which recommends the platform to the national programme. */
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '考核优秀、优先推荐申报国家示范平台的年度（宁 第十九条）/ Year rated excellent and recommended to the national programme' })
  nationalRecommendationYear: number | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号（并发控制）/ Version, for optimistic concurrency' })
  version: number = 1;
}
