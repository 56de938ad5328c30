import type { EntityManager } from '@mikro-orm/postgresql';
import {
  PlatformDesignationStatus, TaiyuanEvent, bilingual, cityOf, designationStatus, isUuid, parseIsoDate, provinceOf, systemActor,
  type Bilingual, type EventHandler, type ProvincialRecommendationPayload, type StreamEvent,
} from '@sme/kernel';
import { ProvincialReview } from './provincial-review.entity';
import { ProvincialDesignation } from './provincial-designation.entity';
import { OPEN_REVIEW_STATUSES, ProvincialRejectionGround, ProvincialReviewAction, ProvincialReviewStatus } from './provincial-review-status';
import { reviewSnapshot, recordReviewTransition } from './provincial-review-history';
import { PROVINCIAL_PLATFORM_RULES, SHANXI_PROVINCE, type ProvincialPlatformRules } from './provincial-platform-rules';

/** The actor of the intake: no person takes a recommendation in, the event does. */
const INTAKE_ACTOR = systemActor('shanxi-taiyuan-intake');

/**
 * The published contract is all the province may rely on (SPEC §1): an event that breaks it is a defect in the
 * publisher. It stops the consumer at that event (retried, never skipped) rather than storing a guess.
 */
function readPayload(event: StreamEvent): ProvincialRecommendationPayload {
  const p = event.payload as unknown as ProvincialRecommendationPayload;
  const date = (value: unknown) => typeof value === 'string' && parseIsoDate(value) !== undefined;
  const problems = [
    !(typeof p.id === 'string' && isUuid(p.id)) && 'id',
    !(typeof p.institutionId === 'string' && isUuid(p.institutionId)) && 'institutionId',
    !Number.isInteger(p.campaignYear) && 'campaignYear',
    !date(p.recommendedOn) && 'recommendedOn',
    !(typeof p.regionCode === 'string' && provinceOf(p.regionCode) === SHANXI_PROVINCE && cityOf(p.regionCode)) && 'regionCode',
    !(p.cityDesignation && typeof p.cityDesignation.id === 'string' && isUuid(p.cityDesignation.id)) && 'cityDesignation.id',
    !(p.cityDesignation && date(p.cityDesignation.designatedOn) && date(p.cityDesignation.validUntil)) && 'cityDesignation dates',
    typeof p.countyOpinion !== 'string' && 'countyOpinion',
    !(p.cityOpinion === null || p.cityOpinion === undefined || typeof p.cityOpinion === 'string') && 'cityOpinion',
  ].filter(Boolean);
  if (problems.length) throw new Error(`${event.type} ${event.id} does not meet its published contract: ${problems.join(', ')}`);
  return p;
}

interface IntakeRefusal {
  ground: ProvincialRejectionGround;
  reason: Bilingual;
}

/**
 * The rules a recommendation must meet before the province reviews it, judged on the recommendation day:
 * 二.2 a valid city designation, 二.3 no still-valid provincial designation from May 2020 on; and one review
 * of an institution at a time.
 */
async function judgeRecommendation(em: EntityManager, p: ProvincialRecommendationPayload, rules: ProvincialPlatformRules): Promise<IntakeRefusal | null> {
  const city = p.cityDesignation;
  // 二.2 凡推荐申报省级示范平台的服务机构必须是经市级中小企业主管部门认定的市级示范平台: valid on the day recommended
  if (!(city.designatedOn <= p.recommendedOn && p.recommendedOn <= city.validUntil)) {
    return {
      ground: ProvincialRejectionGround.CITY_DESIGNATION_NOT_VALID,
      reason: {
        zh: `${rules.document} 二.2：凡推荐申报省级示范平台的服务机构必须是经市级中小企业主管部门认定的市级示范平台；推荐日 ${p.recommendedOn} 该机构的市级认定（${city.designatedOn} 认定，有效期至 ${city.validUntil}）不在有效期内`,
        en: `${rules.document} II.2: only a platform designated by the city may be recommended; on the recommendation day ${p.recommendedOn} its city designation (designated ${city.designatedOn}, valid through ${city.validUntil}) was not valid`,
      },
    };
  }
  const open = await em.findOne(ProvincialReview, { institutionId: p.institutionId, status: { $in: [...OPEN_REVIEW_STATUSES] } });
  if (open) {
    return {
      ground: ProvincialRejectionGround.ALREADY_UNDER_REVIEW,
      reason: {
        zh: `该机构已有审核中的省级示范平台推荐（${open.campaignYear} 年度推荐 ${open.recommendationId}，收到于 ${open.receivedOn}），同一机构同时只审核一份推荐`,
        en: `The institution already has a provincial review under way (recommendation ${open.recommendationId}, received ${open.receivedOn}); one review per institution at a time`,
      },
    };
  }
  // 二.3 凡2020年5月前认定的省级示范平台可于今年重新申请认定: a still-valid designation from the cut-off on bars a new one
  const designations = await em.find(ProvincialDesignation, { institutionId: p.institutionId }, { orderBy: { designatedOn: 'desc', id: 'asc' } });
  const holding = designations.find(
    (d) => designationStatus(d, p.recommendedOn) === PlatformDesignationStatus.DESIGNATED && d.designatedOn >= rules.reapplicationDesignatedBefore,
  );
  if (holding) {
    return {
      ground: ProvincialRejectionGround.PROVINCIAL_DESIGNATION_STILL_VALID,
      reason: {
        zh: `${rules.document} 二.3：省级示范平台每次认定有效期为三年，凡2020年5月前认定的省级示范平台可于今年重新申请认定；该机构的省级认定（${holding.designatedOn} 认定，有效期至 ${holding.validUntil}）于推荐日 ${p.recommendedOn} 仍在有效期内`,
        en: `${rules.document} II.3: a provincial designation lasts three years and only platforms designated before May 2020 may re-apply; the institution's designation (designated ${holding.designatedOn}, valid through ${holding.validUntil}) was still valid on ${p.recommendedOn}`,
      },
    };
  }
  return null;
}

/**
 * Takes one Taiyuan recommendation in (SPEC §3, §5), received on the day the city recommended it: the stream
 * delivers within moments, and a delivery delayed by an outage or a replay must not move a legal date. A review
 * in RECEIVED, or REJECTED at once
 * when a rule of 二.2 / 二.3 is not met. Idempotent on the recommendation id, so a redelivered or republished
 * event changes nothing. Runs in the consumer's transaction (it commits with the event's bookkeeping).
 */
export async function receiveRecommendation(em: EntityManager, p: ProvincialRecommendationPayload, rules: ProvincialPlatformRules = PROVINCIAL_PLATFORM_RULES): Promise<ProvincialReview> {
  const today = p.recommendedOn;
  const existing = await em.findOne(ProvincialReview, { recommendationId: p.id });
  if (existing) return existing;
  const refusal = await judgeRecommendation(em, p, rules);
  // Created in its final status: the one-open-review index must never see a rejected recommendation as open.
  const review = em.create(ProvincialReview, {
    recommendationId: p.id,
    institutionId: p.institutionId,
    campaignYear: p.campaignYear,
    recommendedOn: p.recommendedOn,
    regionCode: p.regionCode,
    cityCode: cityOf(p.regionCode)!.code,
    cityDesignationId: p.cityDesignation.id,
    cityDesignatedOn: p.cityDesignation.designatedOn,
    cityDesignationValidUntil: p.cityDesignation.validUntil,
    countyOpinion: p.countyOpinion,
    cityOpinion: p.cityOpinion ?? null,
    receivedOn: today,
    status: refusal ? ProvincialReviewStatus.REJECTED : ProvincialReviewStatus.RECEIVED,
    decidedOn: refusal ? today : null,
    rejectionGround: refusal?.ground ?? null,
    rejectionReason: refusal ? bilingual(refusal.reason) : null,
  });
  em.persist(review);
  await em.flush();
  const received = { ...reviewSnapshot(review), status: ProvincialReviewStatus.RECEIVED, decidedOn: null, rejectionGround: null, rejectionReason: null };
  recordReviewTransition(em, INTAKE_ACTOR, review, { from: null, to: ProvincialReviewStatus.RECEIVED, action: ProvincialReviewAction.RECEIVE, on: today, before: null, after: received });
  if (refusal) {
    recordReviewTransition(em, INTAKE_ACTOR, review, {
      from: ProvincialReviewStatus.RECEIVED, action: ProvincialReviewAction.REJECT, on: today, reason: review.rejectionReason, before: received,
    });
  }
  return review;
}

/** The events the provincial review reacts to. */
export function provincialPlatformEventHandlers(): Record<string, EventHandler> {
  return {
    [TaiyuanEvent.ProvincialRecommendationMade]: async (em, event) => {
      await receiveRecommendation(em, readPayload(event));
    },
  };
}
