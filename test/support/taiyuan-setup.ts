import type { MikroORM } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, REGISTRY_MIRROR_ENTITIES, addDays, openDatabase, systemActor } from '@sme/kernel';
import { taiyuan } from '../../subgraphs/taiyuan/src/server';
import { Campaign } from '../../subgraphs/taiyuan/src/campaigns/campaign.entity';
import { openCampaign } from '../../subgraphs/taiyuan/src/campaigns/campaigns.service';
import { createApplication, designateApplication, recommendApplication, recordExpertReview, submitApplication } from '../../subgraphs/taiyuan/src/applications/application.service';
import { recommendToProvince } from '../../subgraphs/taiyuan/src/provincial-recommendations/provincial-recommendations.service';
import { SurveyMethod, SurveyRating } from '../../subgraphs/taiyuan/src/county-recommendations/survey';
import { sampleReport } from '../../subgraphs/taiyuan/src/demo-report';
import { ProvincialReview } from '../../subgraphs/shanxi/src/provincial-platforms/provincial-review.entity';
import { ProvincialExpertReview } from '../../subgraphs/shanxi/src/provincial-platforms/expert-review.entity';
import { ProvincialDesignation } from '../../subgraphs/shanxi/src/provincial-platforms/provincial-designation.entity';

/**
 * Taiyuan's flow (并工信字〔2023〕26号) brought to a given step through the subgraph's own services on the
 * subgraph's schema, dated as the test chooses, never by writing rows; what a test then checks goes through
 * the gateway.
 */
export function openTaiyuanSchema(databaseUrl: string): Promise<MikroORM> {
  return openDatabase({ schema: taiyuan.name, entities: taiyuan.entities, migrations: taiyuan.migrations, url: databaseUrl, poolMax: 2 });
}

/** The provincial review's tables in the shanxi schema (its services and the reviews Taiyuan's events made). */
export function openProvincialReviewSchema(databaseUrl: string): Promise<MikroORM> {
  return openDatabase({ schema: 'shanxi', entities: [ProvincialReview, ProvincialExpertReview, ProvincialDesignation, ...REGISTRY_MIRROR_ENTITIES], migrations: [], url: databaseUrl, poolMax: 2 });
}

const setupActor = systemActor('taiyuan-setup');

/**
 * A call open both on `from` (when the preconditions are dated) and through `through` (today, when the step under
 * test runs): the call of `from`'s year when it covers both, or else a call opened on the first day of that year (or
 * of an earlier one without a call, when that year's call closed already, e.g. demo data's), closing a month after
 * `through`. Returns its year.
 */
export async function campaignCovering(orm: MikroORM, from: string, through: string): Promise<number> {
  for (let year = Number(from.slice(0, 4)); year > Number(from.slice(0, 4)) - 10; year--) {
    const existing = await orm.em.fork().findOne(Campaign, { year });
    if (existing && existing.opensOn <= from && existing.deadline >= through) return year;
    if (existing) continue;
    try {
      await openCampaign(orm.em.fork(), setupActor, { year, document: `${year} 年度太原市示范平台认定及推荐工作通知`, opensOn: `${year}-01-01`, deadline: addDays(through, 30) });
      return year;
    } catch (error) {
      // another setup opened it at the same moment: look at that year again
      if (!(error instanceof DomainError && error.code === ErrorCode.CONFLICT)) throw error;
      year++;
    }
  }
  throw new Error(`no year before ${from} is free for a call open through ${through}`);
}

/** The steps an application can be brought to, in the order of the notice; `RECOMMENDED_TO_PROVINCE` is 二 (after the city designation). */
export const TAIYUAN_STAGES = ['DRAFT', 'SUBMITTED', 'COUNTY_RECOMMENDED', 'EXPERT_REVIEWED', 'DESIGNATED', 'RECOMMENDED_TO_PROVINCE'] as const;
export type TaiyuanStage = (typeof TAIYUAN_STAGES)[number];

/** 附件1: ten sampled enterprises (the minimum), all very satisfied. */
export const TEN_SURVEYED = Array.from({ length: 10 }, (_, i) => ({
  enterprise: `太原市矩阵测评企业${i + 1}有限公司`, interviewee: `受访人${i + 1}`, title: '总经理', phone: `1380351${String(i).padStart(4, '0')}`,
  serviceReceived: '融资对接', rating: SurveyRating.VERY_SATISFIED,
}));
export const TAIYUAN_PANEL = [{ name: '张教授', title: '教授', organisation: '太原理工大学' }];

/**
 * One application of `institutionId` in the `year` call, every step taken on `on`; returns its id and, at the last
 * stage, the recommendation to the province (which reaches shanxi as an event).
 */
export async function walkTaiyuan(orm: MikroORM, institutionId: string, year: number, until: TaiyuanStage, on: string): Promise<{ applicationId: string; recommendationId: string | null }> {
  const em = () => orm.em.fork();
  const reached = (stage: TaiyuanStage) => TAIYUAN_STAGES.indexOf(until) >= TAIYUAN_STAGES.indexOf(stage);
  const application = await createApplication(em(), setupActor, { institutionId, campaignYear: year, report: sampleReport(year, 1) }, on);
  if (reached('SUBMITTED')) await submitApplication(em(), setupActor, application.id, on);
  if (reached('COUNTY_RECOMMENDED')) {
    await recommendApplication(em(), setupActor, { applicationId: application.id, methods: [SurveyMethod.VISIT], survey: TEN_SURVEYED, impactStatement: '带动区域中小企业发展。', opinion: '同意推荐。' }, on);
  }
  if (reached('EXPERT_REVIEWED')) {
    await recordExpertReview(em(), setupActor, { applicationId: application.id, panel: TAIYUAN_PANEL, opinion: '建议认定。', recommendsDesignation: true, reviewedOn: on }, on);
  }
  if (reached('DESIGNATED')) await designateApplication(em(), setupActor, { applicationId: application.id }, on);
  if (!reached('RECOMMENDED_TO_PROVINCE')) return { applicationId: application.id, recommendationId: null };
  const recommendation = await recommendToProvince(em(), setupActor, { institutionId, campaignYear: year, cityOpinion: '同意推荐。' }, on);
  return { applicationId: application.id, recommendationId: recommendation.id };
}

/** The provincial reviews shanxi made of these recommendations, once it has taken each in from the stream. */
export async function provincialReviewsOf(shanxiOrm: MikroORM, recommendationIds: string[], timeoutMs = 20_000): Promise<ProvincialReview[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reviews = await shanxiOrm.em.fork().find(ProvincialReview, { recommendationId: { $in: recommendationIds } });
    if (reviews.length === recommendationIds.length) return recommendationIds.map((id) => reviews.find((r) => r.recommendationId === id)!);
    if (Date.now() > deadline) throw new Error(`shanxi received ${reviews.length} of ${recommendationIds.length} recommendations`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
