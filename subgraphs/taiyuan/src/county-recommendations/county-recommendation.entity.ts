import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';
import { SurveyMethod, type SurveyEntry } from './survey';

/** 推荐表 (附件1): the county's or zone's sampled survey, its statement of the platform's impact and its opinion. */
@Entity({ tableName: 'county_recommendations' })
@ObjectType('TaiyuanCountyRecommendation', { description: '县（市、区）、开发区推荐表（附件1）/ County recommendation (Form 1)' })
export class CountyRecommendation {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid', unique: true })
  applicationId: string;

  @Property({ type: 'text[]' })
  @Field(() => [SurveyMethod], { description: '测评方法 / Survey methods' })
  methods: SurveyMethod[];

  /** Restricted, as the statement, the opinion and the survey's results: read through the resolver's permission check. */
  @Property({ type: 'jsonb' })
  survey: SurveyEntry[];

  @Property({ type: 'text' })
  @Field({ description: '对区域中小企业发展的影响和作用（需权限）/ Impact on the region’s SMEs (restricted)' })
  impactStatement: string;

  @Property({ type: 'text' })
  @Field({ description: '推荐意见（需权限）/ Recommendation opinion (restricted)' })
  opinion: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '推荐日期 / Date recommended' })
  recommendedOn: string;

  @Property({ type: 'text' })
  recommendedBy: string;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
