import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';
import { PlatformApplicationStatus, PlatformReviewStep } from './application-status';
import { DeclaredFigures, type FunctionDeclarationRecord, type PriorRecognitionRecord } from './declaration';
import type { CityAssessment, ExpertReview, OnSiteVisit } from './review-records';

/**
 * 示范平台申报: one institution's application in one campaign (鲁 第二十二条, 宁 第十四条: 每年开展 1 次). Judged by
 * the rule set in force on its submission date (`ruleSetId`, fixed at submission). Figures, contacts, functions'
 * figures and the reviewers' records are restricted: their field resolvers check.
 */
@Entity({ tableName: 'applications' })
@Index({ properties: ['cityCode', 'status'] })
@Directive('@shareable')
@ObjectType('PlatformApplication', { description: '示范平台申报 / Demonstration-platform application' })
export class PlatformApplication {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'version' | 'status' | 'ruleSetId' | 'submittedOn' | 'returnedStep' | 'returnReason'
    | 'cityAssessment' | 'expertReview' | 'onSiteVisit' | 'noticeStartsOn' | 'noticeEndsOn' | 'closedOn' | 'rejectionReason' | 'designationId';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '申报标识 / Application id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  institutionId: string;

  /** The registered region when submitted (from the registry's events); its city recommends (鲁 第十七条). */
  @Property({ type: 'text' })
  @Field({ description: '所在区划 / Region' })
  regionCode: string;

  @Property({ type: 'text' })
  @Field({ description: '推荐市 / Recommending city' })
  cityCode: string;

  /** The year of submission (the draft's year until then). */
  @Property({ type: 'integer' })
  @Field(() => Int, { description: '申报年度 / Campaign year' })
  campaignYear: number;

  /** The rule set in force on the submission date; null for a draft (judged by today's rule set). */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '适用的认定规则（提交日有效者）/ Rule set applied (in force on submission)' })
  ruleSetId: string | null = null;

  @Enum({ items: () => PlatformApplicationStatus })
  @Field(() => PlatformApplicationStatus, { description: '状态 / Status' })
  status: PlatformApplicationStatus = PlatformApplicationStatus.DRAFT;

  @Property({ type: 'json' })
  declared: DeclaredFigures;

  @Property({ type: 'json' })
  functions: FunctionDeclarationRecord[];

  @Property({ type: 'json' })
  priorRecognitions: PriorRecognitionRecord[];

  @Property({ type: 'text' })
  contactPerson: string;

  @Property({ type: 'text' })
  contactPhone: string;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '提交日期 / Date submitted' })
  submittedOn: string | null = null;

  @Enum({ items: () => PlatformReviewStep, nullable: true })
  @Field(() => PlatformReviewStep, { nullable: true, description: '退回的环节（重新提交回到该环节）/ Step that returned it' })
  returnedStep: PlatformReviewStep | null = null;

  @Property({ type: 'text', nullable: true })
  returnReason: string | null = null;

  @Property({ type: 'json', nullable: true })
  cityAssessment: CityAssessment | null = null;

  @Property({ type: 'json', nullable: true })
  expertReview: ExpertReview | null = null;

  @Property({ type: 'json', nullable: true })
  onSiteVisit: OnSiteVisit | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '公示开始日（不计入五个工作日）/ Notice published on (not counted)' })
  noticeStartsOn: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '公示截止日（第五个工作日）/ Last day of the notice (5th working day)' })
  noticeEndsOn: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '办结日期（认定或驳回）/ Date closed (designated or rejected)' })
  closedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  rejectionReason: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  designationId: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号（并发控制）/ Version, for optimistic concurrency' })
  version: number = 1;
}
