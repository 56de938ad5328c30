import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';
import { TaiyuanApplicationStatus, TaiyuanStep } from './application-status';
import type { ApplicationReport } from './application-report';

/** 太原市中小企业公共服务示范平台申请 (一.1–一.5): the 附件2 report, and the steps that follow it. */
@Entity({ tableName: 'applications' })
@Index({ properties: ['institutionId'] })
@Index({ properties: ['campaignYear', 'status'] })
@ObjectType('TaiyuanApplication', { description: '太原市级示范平台申请 / Taiyuan city-platform application' })
export class TaiyuanApplication {
  [OptionalProps]?: 'status' | 'submittedOn' | 'returnedStep' | 'returnReason' | 'rejectionReason' | 'closedOn' | 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '申请标识 / Application id' })
  id: string = randomUUID();

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '申报年度 / Campaign year' })
  campaignYear: number;

  @Property({ type: 'uuid' })
  institutionId: string;

  /** The county or development zone of Taiyuan that surveys and recommends it. */
  @Property({ type: 'text' })
  @Field({ description: '推荐单位（县（市、区）或开发区）区划代码 / Recommending county or zone' })
  regionCode: string;

  @Enum({ items: () => TaiyuanApplicationStatus })
  @Field(() => TaiyuanApplicationStatus, { description: '状态 / Status' })
  status: TaiyuanApplicationStatus = TaiyuanApplicationStatus.DRAFT;

  @Property({ type: 'jsonb' })
  report: ApplicationReport;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '提交日期 / Date submitted' })
  submittedOn: string | null = null;

  @Enum({ items: () => TaiyuanStep, nullable: true })
  @Field(() => TaiyuanStep, { nullable: true, description: '退回的环节 / Step that returned it' })
  returnedStep: TaiyuanStep | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '退回需修改之处（需权限）/ What to fix (restricted)' })
  returnReason: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '不予推荐或不予认定的理由（需权限）/ Reason for rejection (restricted)' })
  rejectionReason: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '办结日期 / Date closed' })
  closedOn: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号（并发控制）/ Version, for optimistic concurrency' })
  version: number = 1;
}
