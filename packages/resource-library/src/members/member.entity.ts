import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';
import { LibraryCategory, ServiceNature } from '../categories';
import { MemberStatus, RemovalGround } from './member-status';

/**
 * 入库机构 (SPEC §6 LibraryMembership): created when an application is admitted; removed, never deleted.
 * An institution has at most one member row that is not REMOVED (a partial unique index says so).
 */
@Entity({ tableName: 'members' })
@Index({ properties: ['unitCode', 'status'] })
@Directive('@shareable')
@ObjectType('LibraryMembership', { description: '资源库入库机构 / Resource-library membership' })
export class Member {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'version' | 'status' | 'missedReportStreak' | 'reportsEvaluatedThrough'
    | 'removedOn' | 'removalGround' | 'removalReason' | 'reentryBannedUntil';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '入库记录标识 / Membership id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  institutionId: string;

  @Property({ type: 'uuid' })
  applicationId: string;

  @Enum({ items: () => MemberStatus })
  @Field(() => MemberStatus, { description: '状态 / Status' })
  status: MemberStatus = MemberStatus.ACTIVE;

  @Property({ type: 'text[]' })
  @Field(() => [LibraryCategory], { description: '服务类别（第九条）/ Categories (Art. 9)' })
  categories: LibraryCategory[];

  @Enum({ items: () => ServiceNature })
  @Field(() => ServiceNature, { description: '服务性质（第九条）/ Nature (Art. 9)' })
  nature: ServiceNature;

  @Property({ type: 'text' })
  @Field({ description: '所在区划 / Region' })
  regionCode: string;

  /** The city or city-acting unit that recommended it and verifies its changes (第十一条). */
  @Property({ type: 'text' })
  @Field({ description: '所属市（或视同市的单位）/ City or city-acting unit' })
  unitCode: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '入库日期 / Date admitted' })
  admittedOn: string;

  /** 第十条: the first of 3/15, 6/15, 9/15, 12/15 after admission. */
  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '首个季度报送截止日（第十条）/ First quarterly report due date (Art. 10)' })
  firstReportDueOn: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '连续未按期报送的周期数（第十条）/ Consecutive missed reporting periods (Art. 10)' })
  missedReportStreak: number = 0;

  /** The last due date the schedule has judged: a replay of an earlier day changes nothing. */
  @Property({ type: 'string', columnType: 'date', nullable: true })
  reportsEvaluatedThrough: string | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '移出日期 / Date removed' })
  removedOn: string | null = null;

  @Enum({ items: () => RemovalGround, nullable: true })
  @Field(() => RemovalGround, { nullable: true, description: '移出依据 / Ground for removal' })
  removalGround: RemovalGround | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '移出理由 / Reason for removal' })
  removalReason: string | null = null;

  /** 第十二条: the last day of the 2-year ban; an application on or before it gets REENTRY_BANNED. */
  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '禁止再次入库至（含当日，第十二条）/ Re-entry banned through this date (Art. 12)' })
  reentryBannedUntil: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号（并发控制）/ Version, for optimistic concurrency' })
  version: number = 1;
}
