import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';

@ObjectType('TaiyuanExpert', { description: '评审专家（附件1 专家组评审意见）/ A panel member' })
export class Expert {
  @Field({ description: '专家姓名 / Name' }) name: string;
  @Field({ description: '职务/职称 / Title' }) title: string;
  @Field({ description: '工作单位 / Organisation' }) organisation: string;
}

@InputType('TaiyuanExpertInput')
export class ExpertInput {
  @Field() name: string;
  @Field() title: string;
  @Field() organisation: string;
}

/** 一.4 市工信局组织专家进行评审: the panel and its opinion (附件1 专家组评审意见). */
@Entity({ tableName: 'expert_reviews' })
@ObjectType('TaiyuanExpertReview', { description: '专家组评审意见 / Expert panel review' })
export class ExpertReview {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid', unique: true })
  applicationId: string;

  @Property({ type: 'jsonb' })
  @Field(() => [Expert], { description: '专家组 / Panel' })
  panel: Expert[];

  @Property({ type: 'text' })
  @Field({ description: '评审意见 / Opinion' })
  opinion: string;

  @Property({ type: 'boolean' })
  @Field({ description: '是否建议认定 / Whether the panel recommends designation' })
  recommendsDesignation: boolean;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '评审日期 / Date reviewed' })
  reviewedOn: string;

  @Property({ type: 'text' })
  recordedBy: string;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
