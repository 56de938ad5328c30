/**
 * The taiyuan subgraph's published events (SPEC §1, §5): Taiyuan recommends its city-designated platforms to the
 * province (并工信字〔2023〕26号 二.2), and Shanxi's provincial review takes them in from this event only.
 */
export const TaiyuanEvent = {
  CityPlatformDesignated: 'taiyuan.CityPlatformDesignated.v1',
  ProvincialRecommendationMade: 'taiyuan.ProvincialRecommendationMade.v1',
} as const;

/** Payload of CityPlatformDesignated.v1. */
export interface CityDesignationPayload {
  /** The designation's id in taiyuan. */
  id: string;
  institutionId: string;
  applicationId: string;
  campaignYear: number;
  designatedOn: string;
  /** The last day of the 3-year validity (一.2). */
  validUntil: string;
}

/** Payload of ProvincialRecommendationMade.v1: what the province needs to take the recommendation in. */
export interface ProvincialRecommendationPayload {
  /** The recommendation's id in taiyuan; also the key of the federated `TaiyuanProvincialRecommendation`. */
  id: string;
  institutionId: string;
  campaignYear: number;
  recommendedOn: string;
  /** The county or development zone that recommended, and the city (140100). */
  regionCode: string;
  /** The valid city designation the recommendation rests on (二.2). */
  cityDesignation: { id: string; designatedOn: string; validUntil: string };
  /** The county's recommendation opinion and the city's. */
  countyOpinion: string;
  cityOpinion: string | null;
}
