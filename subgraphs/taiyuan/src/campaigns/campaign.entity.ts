import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@sme/kernel';

/**
 * 申报通知 (SPEC §2 Campaigns): one call a year with its deadline. 2023: 并工信字〔2023〕26号, reports due
 * 2023-03-23 (一.5、二.5 逾期不予受理). Its re-application rules are data too: city platforms designated by
 * the end of 2020 may apply again (一.2); provincial ones designated before 2020-05 (二.3).
 */
@Entity({ tableName: 'campaigns' })
@ObjectType('TaiyuanCampaign', { description: '年度申报通知 / Annual call for applications' })
export class Campaign {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  @Field(() => Int, { description: '年度 / Year' })
  year: number;

  @Property({ type: 'text' })
  @Field({ description: '通知文号与标题 / The notice' })
  document: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '发布日期 / Date opened' })
  opensOn: string;

  /** The last day a submission or a county's recommendation is accepted ("3月23日前…逾期不予受理"). */
  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '截止日期（含当日）/ Deadline (inclusive)' })
  deadline: string;

  /** 一.2: a city designation made on or before this date may be renewed in this campaign. */
  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '此日及以前认定的市级示范平台可重新申请 / City platforms designated on or before this date may re-apply' })
  cityReapplyDesignatedThrough: string;

  /** 二.3: a provincial designation made before this date may be renewed. */
  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '此日前认定的省级示范平台可重新申请 / Provincial platforms designated before this date may re-apply' })
  provincialReapplyDesignatedBefore: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
