import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';

/**
 * 二: Taiyuan recommends a platform with a valid city designation to the province. The entity is federated
 * (`@key(fields: "id")`): the `shanxi` subgraph adds the provincial review to it.
 */
@Entity({ tableName: 'provincial_recommendations' })
@Index({ properties: ['institutionId'] })
@Index({ properties: ['campaignYear', 'recommendedOn'] })
@Directive('@key(fields: "id")')
@ObjectType('TaiyuanProvincialRecommendation', { description: '向省级推荐（二）/ Recommendation to the province (Part 2)' })
export class ProvincialRecommendation {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '推荐标识 / Recommendation id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  institutionId: string;

  @Property({ type: 'uuid' })
  designationId: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '推荐年度 / Campaign year' })
  campaignYear: number;

  @Property({ type: 'text' })
  @Field({ description: '推荐县（市、区）、开发区 / Recommending county or zone' })
  regionCode: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '推荐日期 / Date recommended' })
  recommendedOn: string;

  @Property({ type: 'text' })
  @Field({ description: '县级推荐意见（需权限）/ The county’s opinion (restricted)' })
  countyOpinion: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '市级推荐意见（需权限）/ The city’s opinion (restricted)' })
  cityOpinion: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
