import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, InputType, Int } from 'type-graphql';
import {
  EligibilityOutcome, FactSource, PlatformDesignationStatus, TaiyuanEvent, designationStatus, eligibilityReport, findKnownInstitution, notEligible,
  optionalText, publishEvent, recordAudit, text, writeTransaction, type AuthUser, type ProvincialRecommendationPayload,
} from '@sme/kernel';
import { ProvincialRecommendation } from './provincial-recommendation.entity';
import { CityDesignation } from '../designations/city-designation.entity';
import { CountyRecommendation } from '../county-recommendations/county-recommendation.entity';
import { TaiyuanApplication } from '../applications/application.entity';
import { findCampaign } from '../campaigns/campaigns.service';
import { mayActForCity } from '../permissions';

@InputType('RecommendTaiyuanPlatformToProvinceInput', { description: '向省级推荐（二）/ Recommend to the province (Part 2)' })
export class RecommendToProvinceInput {
  @Field(() => ID) institutionId: string;
  @Field(() => Int, { description: '推荐年度 / Campaign year' }) campaignYear: number;
  @Field({ nullable: true, description: '县级推荐意见（无本系统县级推荐表时必填）/ The county’s opinion (required when no county form is on record)' }) countyOpinion?: string;
  @Field({ nullable: true, description: '市级推荐意见 / The city’s opinion' }) cityOpinion?: string;
}

/**
 * 二.2 凡推荐申报省级示范平台的服务机构必须是经市级中小企业主管部门认定的市级示范平台: only with a city
 * designation valid on the day of the recommendation. The recommendation reaches `shanxi` as
 * `taiyuan.ProvincialRecommendationMade.v1`, in the same transaction.
 */
export async function recommendToProvince(em: EntityManager, user: AuthUser | null, input: RecommendToProvinceInput, today: string): Promise<ProvincialRecommendation> {
  const actor = mayActForCity(user);
  const cityOpinion = optionalText('cityOpinion', input.cityOpinion, 2000);
  // checked even where the county's own recommendation supplies the opinion: no text input goes unchecked
  const givenCountyOpinion = optionalText('countyOpinion', input.countyOpinion, 2000);
  return writeTransaction(em, async (tx) => {
    const campaign = await findCampaign(tx, input.campaignYear);
    const institution = await findKnownInstitution(tx, input.institutionId);
    const designations = await tx.find(CityDesignation, { institutionId: institution.id }, { orderBy: { designatedOn: 'desc' } });
    const valid = designations.find((d) => designationStatus(d, today) === PlatformDesignationStatus.DESIGNATED);
    if (!valid) {
      const latest = designations[0];
      throw notEligible(eligibilityReport('并工信字〔2023〕26号', today, [{
        code: 'VALID_CITY_DESIGNATION', article: '并工信字〔2023〕26号 二.2', description: '须为经市级认定且在有效期内的市级示范平台',
        required: `${today} 在有效期内`, actual: latest ? `${latest.designatedOn} 认定，有效期至 ${latest.validUntil}${latest.revokedOn ? `，${latest.revokedOn} 撤销` : ''}` : '无市级认定',
        source: FactSource.PROGRAMME, registryValue: null, outcome: EligibilityOutcome.FAIL, note: null,
      }]));
    }
    const application = valid.applicationId ? await tx.findOne(TaiyuanApplication, { id: valid.applicationId }) : null;
    const county = application ? await tx.findOne(CountyRecommendation, { applicationId: application.id }) : null;
    const countyOpinion = county?.opinion ?? text('countyOpinion', givenCountyOpinion ?? '', 2000);
    const recommendation = tx.create(ProvincialRecommendation, {
      institutionId: institution.id, designationId: valid.id, campaignYear: campaign.year, regionCode: application?.regionCode ?? institution.regionCode,
      recommendedOn: today, countyOpinion, cityOpinion,
    });
    tx.persist(recommendation);
    await tx.flush(); // one recommendation per institution and campaign (CONFLICT)
    const payload: ProvincialRecommendationPayload = {
      id: recommendation.id, institutionId: institution.id, campaignYear: campaign.year, recommendedOn: today, regionCode: recommendation.regionCode,
      cityDesignation: { id: valid.id, designatedOn: valid.designatedOn, validUntil: valid.validUntil }, countyOpinion, cityOpinion,
    };
    recordAudit(tx, actor, { recordType: 'TaiyuanProvincialRecommendation', recordId: recommendation.id, action: 'RECOMMEND_TO_PROVINCE', after: payload });
    publishEvent(tx, { type: TaiyuanEvent.ProvincialRecommendationMade, aggregateType: 'Institution', aggregateId: institution.id, payload: { ...payload } });
    return recommendation;
  });
}
