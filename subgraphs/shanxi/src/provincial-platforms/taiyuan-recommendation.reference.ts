import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Taiyuan's recommendation to the province (SPEC §1, §5), owned by the `taiyuan` subgraph: here its key only.
 * Shanxi adds `provincialReview`, so the gateway can follow a recommendation to the provincial decision; its id
 * is the id of the `taiyuan.ProvincialRecommendationMade.v1` event's payload.
 */
@Directive('@key(fields: "id")')
@ObjectType('TaiyuanProvincialRecommendation', { description: '太原市向省级推荐的示范平台 / Taiyuan’s recommendation of a platform to the province' })
export class TaiyuanRecommendationReference {
  @Field(() => ID, { description: '推荐标识 / Recommendation id' })
  id: string;
}

export const recommendationRef = (id: string): TaiyuanRecommendationReference => ({ id });

/** Returns the key only: the review is loaded by the field resolver, so N references cost one statement. */
export const recommendationReferenceResolver = {
  __resolveReference: (reference: { id: string }): TaiyuanRecommendationReference => recommendationRef(reference.id),
};
