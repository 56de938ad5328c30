import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';
import { ProvincialRejectionGround, ProvincialReviewStatus } from './provincial-review-status';

/**
 * 省级示范平台审核: one per Taiyuan recommendation (并工信字〔2023〕26号 二), taken in from the
 * `taiyuan.ProvincialRecommendationMade.v1` event only (SPEC §1). The recommendation's facts are copied here
 * as the event stated them; the county's and the city's opinions, the expert review and the history are
 * restricted (their field resolvers check), the rest is public once the review is in public notice.
 */
@Entity({ tableName: 'provincial_platform_reviews' })
@ObjectType('ShanxiProvincialReview', { description: '山西省级中小企业公共服务示范平台审核（太原市推荐）/ Shanxi provincial platform review of a Taiyuan recommendation' })
export class ProvincialReview {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'version' | 'status' | 'cityOpinion' | 'expertReviewedOn' | 'noticeStartsOn' | 'noticeEndsOn'
    | 'decidedOn' | 'rejectionGround' | 'rejectionReason';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '审核标识 / Review id' })
  id: string = randomUUID();

  /** The key of taiyuan's `TaiyuanProvincialRecommendation` (the event payload's id); unique: intake is idempotent on it. */
  @Property({ type: 'uuid' })
  recommendationId: string;

  @Property({ type: 'uuid' })
  institutionId: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '推荐年度 / Campaign year' })
  campaignYear: number;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '市级推荐日期 / Date of the city’s recommendation' })
  recommendedOn: string;

  /** The county or development zone that recommended to the city (二.4 县（市、区）、开发区中小企业主管部门推荐). */
  @Property({ type: 'text' })
  @Field({ description: '推荐的县（市、区）或开发区 / Recommending county or development zone' })
  regionCode: string;

  /** The city whose recommendation it is (140100 太原): its city reviewers read its reviews. */
  @Property({ type: 'text' })
  @Field({ description: '推荐市 / Recommending city' })
  cityCode: string;

  /** 二.2: the city designation the recommendation rests on, as the event stated it. */
  @Property({ type: 'uuid' })
  @Field(() => ID, { description: '所依据的市级示范平台认定 / The city designation relied on' })
  cityDesignationId: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '市级认定日期 / Date of the city designation' })
  cityDesignatedOn: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '市级认定有效期至（含当日）/ City designation valid through' })
  cityDesignationValidUntil: string;

  @Property({ type: 'text' })
  countyOpinion: string;

  @Property({ type: 'text', nullable: true })
  cityOpinion: string | null = null;

  @Enum({ items: () => ProvincialReviewStatus })
  @Field(() => ProvincialReviewStatus, { description: '状态 / Status' })
  status: ProvincialReviewStatus = ProvincialReviewStatus.RECEIVED;

  /** The day the province took the recommendation in (the day the event was handled). */
  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '省级收到推荐日期 / Date the province received the recommendation' })
  receivedOn: string;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '专家评审日期 / Date of the expert review' })
  expertReviewedOn: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '公示发布日期（不计入五个工作日）/ Notice published on (not counted)' })
  noticeStartsOn: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '公示截止日（第五个工作日）/ Last day of the notice (5th working day)' })
  noticeEndsOn: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '认定或不予认定的日期 / Date designated or rejected' })
  decidedOn: string | null = null;

  @Enum({ items: () => ProvincialRejectionGround, nullable: true })
  @Field(() => ProvincialRejectionGround, { nullable: true, description: '不予认定的依据 / Ground for rejection' })
  rejectionGround: ProvincialRejectionGround | null = null;

  /** Read through a field resolver: restricted. */
  @Property({ type: 'text', nullable: true })
  rejectionReason: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号（并发控制）/ Version, for optimistic concurrency' })
  version: number = 1;
}
