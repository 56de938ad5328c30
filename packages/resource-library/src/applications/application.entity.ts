import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';
import { LibraryCategory, ServiceNature } from '../categories';
import { LibraryApplicationStatus, ReviewStep } from './application-status';
import { Attestations, DeclaredFigures } from './declared-figures';

/** 入库申请 (第七条、第八条). Figures, materials and the review trail hang off it. */
@Entity({ tableName: 'applications' })
@Index({ properties: ['institutionId'] })
@Index({ properties: ['unitCode', 'status'] })
@Directive('@shareable')
@ObjectType('LibraryApplication', { description: '资源库入库申请 / Resource-library application' })
export class Application {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'version' | 'status' | 'submittedOn' | 'returnedStep' | 'returnReason' | 'rejectionReason'
    | 'countyReviewedOn' | 'cityRecommendedOn' | 'provinceDecidedOn' | 'noticeStartsOn' | 'noticeEndsOn' | 'closedOn' | 'cityOpinion' | 'memberId';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '申请标识 / Application id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  institutionId: string;

  /** The institution's registered region when the application was made (updated on each submission). */
  @Property({ type: 'text' })
  @Field({ description: '申请机构所在区划 / Region of the applicant' })
  regionCode: string;

  /** The city, or the unit acting as one, whose 推荐汇总表 lists the application (第八条（二）). */
  @Property({ type: 'text' })
  @Field({ description: '推荐单位（市或视同市的单位）区划代码 / Recommending unit (city or city-acting unit)' })
  unitCode: string;

  @Enum({ items: () => LibraryApplicationStatus })
  @Field(() => LibraryApplicationStatus, { description: '状态 / Status' })
  status: LibraryApplicationStatus = LibraryApplicationStatus.DRAFT;

  @Property({ type: 'text[]' })
  @Field(() => [LibraryCategory], { description: '服务类别（第九条）/ Categories (Art. 9)' })
  categories: LibraryCategory[];

  @Enum({ items: () => ServiceNature })
  @Field(() => ServiceNature, { description: '服务性质（第九条）/ Nature (Art. 9)' })
  nature: ServiceNature;

  @Property({ type: 'jsonb' })
  declared: DeclaredFigures;

  @Property({ type: 'jsonb' })
  attestations: Attestations;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '（最近一次）提交日期 / Date (last) submitted' })
  submittedOn: string | null = null;

  /** Set while RETURNED: the step that returned it, to which the resubmission goes. */
  @Enum({ items: () => ReviewStep, nullable: true })
  @Field(() => ReviewStep, { nullable: true, description: '退回的审核环节 / Step that returned it' })
  returnedStep: ReviewStep | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '退回需修改之处（需权限）/ What to fix (when returned; restricted)' })
  returnReason: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '驳回或不予入库的理由（需权限）/ Reason for rejection or non-admission (restricted)' })
  rejectionReason: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '县级初审日期 / County review date' })
  countyReviewedOn: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '市级推荐日期 / City recommendation date' })
  cityRecommendedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '市级推荐意见（需权限）/ The city’s recommendation opinion (restricted)' })
  cityOpinion: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '省级审核日期 / Provincial decision date' })
  provinceDecidedOn: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '公示开始日期 / Public notice start date' })
  noticeStartsOn: string | null = null;

  /** 第八条（四）: the 5th working day after the start date (the start date itself is not counted). */
  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '公示截止日期（第五个工作日）/ Last day of the public notice (5th working day)' })
  noticeEndsOn: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '办结日期（入库、驳回或异议成立）/ Date closed (admitted, rejected or objection upheld)' })
  closedOn: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  memberId: string | null = null;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: '创建时间 / Created at' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Optimistic lock: of two reviewers acting at once, the second gets CONFLICT. */
  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号（并发控制）/ Version, for optimistic concurrency' })
  version: number = 1;
}
