import { addDays, chinaToday, systemActor } from '@sme/kernel';
import type { CaseSetFactory, MutationCase, Target } from '../support/authorization-matrix';
import { registerInstitutions } from '../support/institution-supply';
import { eventsSettled } from '../support/event-quiescence';
import { recordStock } from '../support/record-stock';
import { campaignCovering, openProvincialReviewSchema, openTaiyuanSchema, provincialReviewsOf, walkTaiyuan } from '../support/taiyuan-setup';
import { recordExpertReview, startProvincialNotice } from '../../subgraphs/shanxi/src/provincial-platforms/provincial-review.service';
import { provincialPanelOf } from '../../subgraphs/shanxi/src/provincial-platforms/provincial-platform-permissions';
import type { ProvincialReview } from '../../subgraphs/shanxi/src/provincial-platforms/provincial-review.entity';

/**
 * The Shanxi provincial platform review (SPEC §3 last paragraph; 并工信字〔2023〕26号 二) in the authorization
 * matrix: the province reviews the recommendations Taiyuan makes. Each review is a real one: a Taiyuan
 * application walked to designation and recommended, taken in by shanxi from the event stream. Its region is
 * the institution's county (小店区 140105), so the Shanxi reviewer is the province reviewer inside scope.
 */
const REGION = '140105';
const PANEL = [{ name: '王明', title: '教授', organisation: '太原理工大学' }];

const EXPERT_REVIEW = `mutation($input: RecordShanxiProvincialExpertReviewInput!) { shanxiRecordProvincialExpertReview(input: $input) { status expertReviewedOn } }`;
const START_NOTICE = `mutation($input: StartShanxiProvincialNoticeInput!) { shanxiStartProvincialPlatformNotice(input: $input) { status noticeEndsOn } }`;
const DECIDE = `mutation($input: DecideShanxiProvincialPlatformInput!) { shanxiDecideProvincialPlatform(input: $input) { status decidedOn } }`;

export const shanxiProvincialCases: CaseSetFactory = async (endpoints) => {
  const taiyuanOrm = await openTaiyuanSchema(endpoints.databaseUrl);
  const shanxiOrm = await openProvincialReviewSchema(endpoints.databaseUrl);
  const today = chinaToday();
  // recommended, reviewed and put on notice three weeks back: the 5-working-day notice has ended by today
  const setupDay = addDays(today, -21);
  const year = await campaignCovering(taiyuanOrm, setupDay, today);
  const actor = systemActor('matrix-provincial-setup');

  /** Reviews in RECEIVED, each of its own institution: Taiyuan's flow for each, one wait for the institutions and one for the intake. */
  const reviews = recordStock(async (count): Promise<ProvincialReview[]> => {
    const institutions = await registerInstitutions(endpoints, count, { regionCode: REGION, label: '矩阵省级审核测试', knownTo: ['taiyuan'] });
    const recommendations: string[] = [];
    for (const id of institutions) recommendations.push((await walkTaiyuan(taiyuanOrm, id, year, 'RECOMMENDED_TO_PROVINCE', setupDay)).recommendationId!);
    return provincialReviewsOf(shanxiOrm, recommendations);
  });

  const ready = async (review: ProvincialReview, variables: Record<string, unknown>): Promise<Target> => {
    await eventsSettled(endpoints.databaseUrl);
    return { regionCode: review.regionCode, institutionId: review.institutionId, panel: provincialPanelOf(review.campaignYear), variables };
  };
  const reviewed = async (review: ProvincialReview) => {
    await recordExpertReview(shanxiOrm.em.fork(), actor, { reviewId: review.id, panel: PANEL, opinion: '符合省级示范平台条件。', recommended: true, reviewedOn: setupDay }, setupDay);
    return review;
  };
  const noticed = async (review: ProvincialReview) => {
    await startProvincialNotice(shanxiOrm.em.fork(), actor, { reviewId: review.id, startsOn: setupDay }, setupDay);
    return review;
  };

  const cases: MutationCase[] = [
    {
      mutation: 'shanxiRecordProvincialExpertReview',
      subgraph: 'shanxi',
      document: EXPERT_REVIEW,
      // 专家组评审意见: the campaign's provincial panel records its opinion, or the province for it (as in Taiyuan, 一.4)
      allowed: ['PROVINCE_REVIEWER:in', 'EXPERT:in', 'ADMIN'],
      async prepare() {
        const review = await reviews.take();
        return ready(review, { input: { reviewId: review.id, panel: PANEL, opinion: '建议认定。', recommended: true } });
      },
    },
    {
      mutation: 'shanxiStartProvincialPlatformNotice',
      subgraph: 'shanxi',
      document: START_NOTICE,
      // 二: the province (省小企业发展促进局) publishes its notice; Taiyuan and its counties only recommend
      allowed: ['PROVINCE_REVIEWER:in', 'ADMIN'],
      async prepare() {
        const review = await reviewed(await reviews.take());
        return ready(review, { input: { reviewId: review.id } });
      },
    },
    {
      mutation: 'shanxiDecideProvincialPlatform',
      subgraph: 'shanxi',
      document: DECIDE,
      allowed: ['PROVINCE_REVIEWER:in', 'ADMIN'],
      async prepare() {
        const review = await noticed(await reviewed(await reviews.take()));
        return ready(review, { input: { reviewId: review.id, decision: 'DESIGNATE' } });
      },
    },
  ];
  await reviews.fill(cases.reduce((n, c) => n + 1 + c.allowed.length, 0));
  return {
    cases,
    async close() {
      await taiyuanOrm.close(true);
      await shanxiOrm.close(true);
    },
  };
};
