import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { REGISTRY_MIRROR_ENTITIES, Role, composeCreditCode, openDatabase, systemActor } from '@sme/kernel';
import { tokenFor } from '@sme/testing';
import { taiyuan } from '../subgraphs/taiyuan/src/server';
import { openCampaign } from '../subgraphs/taiyuan/src/campaigns/campaigns.service';
import { createApplication, designateApplication, recommendApplication, recordExpertReview, submitApplication } from '../subgraphs/taiyuan/src/applications/application.service';
import { recommendToProvince } from '../subgraphs/taiyuan/src/provincial-recommendations/provincial-recommendations.service';
import { SurveyMethod, SurveyRating } from '../subgraphs/taiyuan/src/county-recommendations/survey';
import { sampleReport } from '../subgraphs/taiyuan/src/demo-report';
import { ProvincialReview } from '../subgraphs/shanxi/src/provincial-platforms/provincial-review.entity';
import { ProvincialExpertReview } from '../subgraphs/shanxi/src/provincial-platforms/expert-review.entity';
import { ProvincialDesignation } from '../subgraphs/shanxi/src/provincial-platforms/provincial-designation.entity';
import { decideProvincialPlatform, recordExpertReview as recordProvincialExpertReview, startProvincialNotice } from '../subgraphs/shanxi/src/provincial-platforms/provincial-review.service';
import { ProvincialDecision } from '../subgraphs/shanxi/src/provincial-platforms/provincial-review-status';
import { TRACE_QUERY } from '../gateway/src/example-operations';
import { startSupergraph } from './support/supergraph';
import { waitUntilKnown } from './support/library-setup';

/**
 * SPEC §5, the product's headline read: one request through the gateway follows an institution from its Taiyuan
 * application, the county's survey, the expert panel and the city designation, to the recommendation, the
 * province's decision and designation, with its standing in the other programmes beside it. The steps are
 * taken through each subgraph's own services on past dates (a designation takes months); the recommendation
 * crosses from taiyuan to shanxi as an event, as it does in production.
 */
let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
let taiyuanOrm: MikroORM;
let shanxiOrm: MikroORM;
let db: Client;
const actor = systemActor('trace-test');
let admin: string;

const survey = Array.from({ length: 10 }, (_, i) => ({
  enterprise: `太原市追溯测评企业${i + 1}有限公司`, interviewee: `受访人${i + 1}`, title: '总经理', phone: `1380351${String(i).padStart(4, '0')}`,
  serviceReceived: '融资对接', rating: i < 8 ? SurveyRating.VERY_SATISFIED : i === 8 ? SurveyRating.SATISFIED : SurveyRating.DISSATISFIED,
}));
const PANEL = [{ name: '张教授', title: '教授', organisation: '太原理工大学' }];

async function register(name: string, n: number): Promise<string> {
  const r = await supergraph.query(`mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`, {
    input: { creditCode: composeCreditCode('9', '1', '140105', `MA0T${String(n).padStart(4, '0')}`), name, legalForm: 'ENTERPRISE', regionCode: '140105', establishedOn: '2014-06-01' },
  }, admin);
  expect(r.errors).toBeUndefined();
  return r.data.registerInstitution.id;
}

/** Taiyuan's steps for one campaign (dates: submitted, recommended by the county, reviewed, designated, recommended). */
async function taiyuanFlow(institutionId: string, year: number, [submitted, county, experts, designated, recommended]: string[]): Promise<string> {
  const em = () => taiyuanOrm.em.fork();
  const application = await createApplication(em(), actor, { institutionId, campaignYear: year, report: sampleReport(year, 1) }, submitted);
  await submitApplication(em(), actor, application.id, submitted);
  await recommendApplication(em(), actor, { applicationId: application.id, methods: [SurveyMethod.VISIT], survey, impactStatement: '带动区域中小企业发展', opinion: '同意推荐' }, county);
  await recordExpertReview(em(), actor, { applicationId: application.id, panel: PANEL, opinion: '建议认定', recommendsDesignation: true, reviewedOn: experts }, experts);
  await designateApplication(em(), actor, { applicationId: application.id }, designated);
  return (await recommendToProvince(em(), actor, { institutionId, campaignYear: year, cityOpinion: '同意推荐' }, recommended)).id;
}

/** Waits until shanxi has taken the recommendation in from the event stream. */
async function reviewOf(recommendationId: string): Promise<string> {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const { rows } = await db.query('select id from shanxi.provincial_platform_reviews where recommendation_id = $1', [recommendationId]);
    if (rows.length) return rows[0].id;
  }
  throw new Error(`shanxi never received recommendation ${recommendationId}`);
}

async function provincialDecision(reviewId: string, [reviewed, notice, decided]: string[]): Promise<void> {
  const em = () => shanxiOrm.em.fork();
  await recordProvincialExpertReview(em(), actor, { reviewId, panel: PANEL, opinion: '符合省级示范平台条件', recommended: true, reviewedOn: reviewed }, reviewed);
  await startProvincialNotice(em(), actor, { reviewId, startsOn: notice }, notice);
  await decideProvincialPlatform(em(), actor, { reviewId, decision: ProvincialDecision.DESIGNATE }, decided);
}

let traced: string;
let longer: string;

beforeAll(async () => {
  supergraph = await startSupergraph();
  admin = await tokenFor(Role.ADMIN);
  db = new Client({ connectionString: supergraph.databaseUrl });
  await db.connect();
  taiyuanOrm = await openDatabase({ schema: 'taiyuan', entities: taiyuan.entities, migrations: taiyuan.migrations, url: supergraph.databaseUrl, poolMax: 2 });
  shanxiOrm = await openDatabase({ schema: 'shanxi', entities: [ProvincialReview, ProvincialExpertReview, ProvincialDesignation, ...REGISTRY_MIRROR_ENTITIES], migrations: [], url: supergraph.databaseUrl, poolMax: 2 });
  await openCampaign(taiyuanOrm.em.fork(), actor, { year: 2026, document: '2026 年度太原市示范平台工作通知', opensOn: '2026-03-02', deadline: '2026-03-31' });

  traced = await register('太原市小店区追溯测试服务有限公司', 1);
  longer = await register('太原市小店区多年度追溯测试服务有限公司', 2);
  await waitUntilKnown(supergraph.databaseUrl, 'taiyuan', [traced, longer]);

  const recommendation = await taiyuanFlow(traced, 2026, ['2026-03-16', '2026-03-27', '2026-04-15', '2026-04-24', '2026-05-06']);
  await provincialDecision(await reviewOf(recommendation), ['2026-05-20', '2026-05-25', '2026-06-02']);

  // a longer history: designated in 2023, recommended and designated by the province then, and again in 2026
  const first = await taiyuanFlow(longer, 2023, ['2023-03-17', '2023-03-21', '2023-04-10', '2023-04-20', '2023-04-25']);
  await provincialDecision(await reviewOf(first), ['2023-05-05', '2023-05-08', '2023-05-16']);
  await reviewOf(await taiyuanFlow(longer, 2026, ['2026-03-17', '2026-03-28', '2026-04-16', '2026-04-27', '2026-05-07']));
}, 180_000);

afterAll(async () => {
  await db?.end();
  await taiyuanOrm?.close(true);
  await shanxiOrm?.close(true);
  await supergraph?.stop();
});

it('follows an institution from Taiyuan to the provincial designation in one request', async () => {
  const r = await supergraph.query(TRACE_QUERY, { id: traced }, admin);
  expect(r.errors).toBeUndefined();
  const institution = r.data.institution;
  const [application] = institution.taiyuan.applications;
  expect(application).toMatchObject({
    campaignYear: 2026, status: 'DESIGNATED', submittedOn: '2026-03-16',
    countyRecommendation: { recommendedOn: '2026-03-27', opinion: '同意推荐', satisfaction: { sampled: 10, verySatisfied: 8, satisfied: 1, dissatisfied: 1, satisfactionRate: 90 } },
    expertReview: { reviewedOn: '2026-04-15', recommendsDesignation: true, panel: PANEL },
    designation: { status: 'DESIGNATED', designatedOn: '2026-04-24', validUntil: '2029-04-23' },
  });
  const [recommendation] = application.provincialRecommendations;
  expect(recommendation).toMatchObject({ recommendedOn: '2026-05-06', cityDesignation: { validUntil: '2029-04-23' } });
  expect(recommendation.provincialReview).toMatchObject({ status: 'DESIGNATED', noticeStartsOn: '2026-05-25', noticeEndsOn: '2026-06-01', decidedOn: '2026-06-02' });
  expect(institution.shanxiPlatform).toMatchObject({ status: 'DESIGNATED', designatedOn: '2026-06-02', validUntil: '2029-06-01' });
  expect(institution.taiyuan.cityDesignation).toMatchObject({ status: 'DESIGNATED', validUntil: '2029-04-23' });
  expect(institution).toMatchObject({ shanxiLibrary: null, hebeiLibrary: null, shandongPlatform: null, ningxiaPlatform: null });
});

it('costs the same number of SQL statements however long the history', async () => {
  const one = await supergraph.query(TRACE_QUERY, { id: traced }, admin);
  const two = await supergraph.query(TRACE_QUERY, { id: longer }, admin);
  expect(two.errors).toBeUndefined();
  expect(two.data.institution.taiyuan.applications).toHaveLength(2);
  expect(two.data.institution.taiyuan.applications.flatMap((a: any) => a.provincialRecommendations)).toHaveLength(2);
  // 2023's provincial designation is still valid in 2026: the 2026 recommendation is turned down at intake (二.3)
  expect(two.data.institution.taiyuan.applications.map((a: any) => a.provincialRecommendations[0].provincialReview.status)).toEqual(['REJECTED', 'DESIGNATED']);
  expect(two.sqlStatements).toBe(one.sqlStatements);
});
