import { PlatformDesignationStatus, RegistryEvent, designationStatus } from '@sme/kernel';
import { TaiyuanApplication } from '../src/applications/application.entity';
import { TaiyuanApplicationStatus as Status } from '../src/applications/application-status';
import { Campaign } from '../src/campaigns/campaign.entity';
import { CountyRecommendation } from '../src/county-recommendations/county-recommendation.entity';
import { ExpertReview } from '../src/expert-reviews/expert-review.entity';
import { CityDesignation } from '../src/designations/city-designation.entity';
import { ProvincialRecommendation } from '../src/provincial-recommendations/provincial-recommendation.entity';
import { loadDemoData } from '../src/demo-data';
import { HEBEI_CHANGAN, XIAODIAN, YINGZE, ZONE, openTaiyuan, type TaiyuanFixture } from './support/taiyuan-fixture';

/**
 * The explorer's demo data: Taiyuan's flow through the services on fixed dates, from the institutions the registry
 * announced (in Taiyuan, without a credit record), taken in the order of their names.
 */
let fx: TaiyuanFixture;
const ids: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };

beforeAll(async () => (fx = await openTaiyuan()));
afterAll(() => fx?.close());

const counts = async () => {
  const em = fx.em();
  return {
    campaigns: await em.count(Campaign, {}), applications: await em.count(TaiyuanApplication, {}), countyRecommendations: await em.count(CountyRecommendation, {}),
    expertReviews: await em.count(ExpertReview, {}), designations: await em.count(CityDesignation, {}), recommendations: await em.count(ProvincialRecommendation, {}),
  };
};

it('does nothing while fewer than three institutions of Taiyuan are known', async () => {
  ids.a = await fx.knowInstitution({ name: '演示 A 太原服务中心', regionCode: XIAODIAN });
  ids.b = await fx.knowInstitution({ name: '演示 B 太原服务中心', regionCode: ZONE });
  // outside Taiyuan, or listed as dishonest: never a candidate
  await fx.knowInstitution({ name: '演示 0 河北服务中心', regionCode: HEBEI_CHANGAN });
  const listed = await fx.knowInstitution({ name: '演示 0 失信服务中心', regionCode: XIAODIAN });
  await fx.deliver(RegistryEvent.CreditRecordAdded, { id: '6f1d7a57-0d7e-4d52-9a55-3c1f7d0a0001', institutionId: listed, creditCode: 'x', kind: 'DISHONEST_JUDGMENT_DEBTOR', listedOn: '2022-01-01', removedOn: null, source: '信用中国' });
  const before = await counts();
  expect(await loadDemoData(fx.em())).toBe(0);
  expect(await counts()).toEqual(before);
});

it('with four institutions of Taiyuan: three applications in their states, two recommendations to the province', async () => {
  ids.c = await fx.knowInstitution({ name: '演示 C 太原服务中心', regionCode: YINGZE });
  ids.d = await fx.knowInstitution({ name: '演示 D 太原服务中心', regionCode: XIAODIAN });
  expect(await loadDemoData(fx.em())).toBe(3);

  const em = fx.em();
  const byInstitution = new Map((await em.find(TaiyuanApplication, {})).map((a) => [a.institutionId, a]));
  expect([...byInstitution.keys()].sort()).toEqual([ids.a, ids.b, ids.c].sort());
  expect(byInstitution.get(ids.a)).toMatchObject({ campaignYear: 2023, status: Status.DESIGNATED, regionCode: XIAODIAN, submittedOn: '2023-03-17', closedOn: '2023-04-20' });
  expect(byInstitution.get(ids.b)).toMatchObject({ campaignYear: 2026, status: Status.DESIGNATED, regionCode: ZONE, closedOn: '2026-04-24' });
  expect(byInstitution.get(ids.c)).toMatchObject({ campaignYear: 2026, status: Status.COUNTY_RECOMMENDED, regionCode: YINGZE });

  const designations = await em.find(CityDesignation, {}, { orderBy: { designatedOn: 'asc' } });
  expect(designations.map((d) => [d.institutionId, d.designatedOn, d.validUntil])).toEqual([[ids.a, '2023-04-20', '2026-04-19'], [ids.b, '2026-04-24', '2029-04-23']]);
  // the 2023 designation has run its three years by the demo's 2026 recommendation
  expect(designationStatus(designations[0], '2026-05-06')).toBe(PlatformDesignationStatus.EXPIRED);

  const recommendations = await em.find(ProvincialRecommendation, {}, { orderBy: { recommendedOn: 'asc' } });
  expect(recommendations.map((r) => [r.institutionId, r.campaignYear, r.recommendedOn, r.designationId])).toEqual([
    [ids.a, 2023, '2023-04-25', designations[0].id],
    [ids.b, 2026, '2026-05-06', designations[1].id],
  ]);
  expect(await em.count(ExpertReview, {})).toBe(2);
  expect(await em.count(CountyRecommendation, {})).toBe(3);
  expect(await em.findOne(Campaign, { year: 2026 })).toMatchObject({ opensOn: '2026-03-02', deadline: '2026-03-31' });
});

it('is idempotent: a second run adds nothing', async () => {
  const before = await counts();
  expect(await loadDemoData(fx.em())).toBe(0);
  expect(await counts()).toEqual(before);
});
