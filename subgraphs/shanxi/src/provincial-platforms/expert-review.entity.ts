import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';

/** One member of the expert panel, as the 专家组评审意见 form lists them: 专家姓名、职务/职称、工作单位. */
@ObjectType('ShanxiProvincialExpert', { description: '评审专家 / Member of the expert panel' })
export class PanelMember {
  @Field({ description: '专家姓名 / Name' })
  name: string;

  @Field({ description: '职务/职称 / Position or professional title' })
  title: string;

  @Field({ description: '工作单位 / Organisation' })
  organisation: string;
}

/**
 * 专家组评审意见 at the provincial step: the panel, its opinion and whether it recommends designation. One
 * per review (the review leaves RECEIVED with it); the panel is stored with it as a list.
 */
@Entity({ tableName: 'provincial_expert_reviews' })
@ObjectType('ShanxiProvincialExpertReview', { description: '省级专家组评审意见 / The provincial expert panel’s opinion' })
export class ProvincialExpertReview {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '评审标识 / Expert review id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  reviewId: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '评审日期 / Date of the review' })
  reviewedOn: string;

  @Property({ type: 'jsonb' })
  @Field(() => [PanelMember], { description: '专家组成员 / Panel members' })
  panel: PanelMember[];

  @Property({ type: 'text' })
  @Field({ description: '专家组评审意见 / The panel’s opinion' })
  opinion: string;

  @Property({ type: 'boolean' })
  @Field({ description: '是否建议认定 / Whether the panel recommends designation' })
  recommended: boolean;

  @Property({ type: 'text' })
  @Field({ description: '录入人 / Recorded by (user id)' })
  recordedBy: string;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
