import { EligibilityOutcome, ErrorCode, KnownInstitution, OutboxEvent, Role, TaiyuanEvent, type ProvincialRecommendationPayload } from '@sme/kernel';
import { TaiyuanApplication } from '../src/applications/application.entity';
import { TaiyuanApplicationStatus as Status, TaiyuanStep } from '../src/applications/application-status';
import { DeclineAction } from '../src/applications/application.inputs';
import { createApplication, declineApplication, designateApplication, eligibilityOf } from '../src/applications/application.service';
import { openCampaign } from '../src/campaigns/campaigns.service';
import { CountyRecommendation } from '../src/county-recommendations/county-recommendation.entity';
import { CityDesignation } from '../src/designations/city-designation.entity';
import { recommendToProvince } from '../src/provincial-recommendations/provincial-recommendations.service';
import { summaryTable } from '../src/provincial-recommendations/summary-table';
import { sampleReport } from '../src/demo-report';
import {
  ANALYST, CITY_REVIEWER, XIAODIAN, ZONE, applicantOf, countyReviewerOf, openTaiyuan, refused, refusedWith, userOf, type FlowDates, type TaiyuanFixture,
} from './support/taiyuan-fixture';

/**
 * 并工信字〔2023〕26号 一.2 (re-application of city platforms designated by the end of 2020) and 二.2 (only a
 * platform with a valid city designation is recommended to the province), with the designations made through the
 * services in earlier campaigns the city opens for the purpose.
 */
let fx: TaiyuanFixture;

/** 2020: opens 2020-03-01; 2021: opens on New Year's Day, so a designation can be made on 2021-01-01. */
const IN_2020 = (designated: string, reviewed = designated): Partial<FlowDates> => ({ created: '2020-03-02', submitted: '2020-03-03', recommended: '2020-03-05', reviewed, designated });
const ON_2021_01_01: Partial<FlowDates> = { created: '2021-01-01', submitted: '2021-01-01', recommended: '2021-01-01', reviewed: '2021-01-01', designated: '2021-01-01' };

beforeAll(async () => {
  fx = await openTaiyuan();
  await openCampaign(fx.em(), CITY_REVIEWER, { year: 2020, document: '太原市 2020 年度市级中小企业公共服务示范平台认定通知', opensOn: '2020-03-01', deadline: '2020-03-31' });
  await openCampaign(fx.em(), CITY_REVIEWER, { year: 2021, document: '太原市 2021 年度市级中小企业公共服务示范平台认定通知', opensOn: '2021-01-01', deadline: '2021-03-31' });
});
afterAll(() => fx?.close());

const apply2023 = (institutionId: string, on = '2023-03-16') =>
  createApplication(fx.em(), applicantOf(institutionId), { institutionId, campaignYear: 2023, report: sampleReport(2023) }, on);

describe('一.2: 2020年底前认定的市级示范平台可于今年重新申请认定', () => {
  it('opening a campaign: the city only, and its re-application dates default to three years back', async () => {
    const campaign = await openCampaign(fx.em(), CITY_REVIEWER, { year: 2022, document: '太原市 2022 年度通知', opensOn: '2022-03-01', deadline: '2022-03-31' });
    expect(campaign).toMatchObject({ cityReapplyDesignatedThrough: '2019-12-31', provincialReapplyDesignatedBefore: '2019-05-01' });
    const input = { year: 2019, document: '太原市 2019 年度通知', opensOn: '2019-03-01', deadline: '2019-03-31' };
    await refusedWith(fx, () => openCampaign(fx.em(), countyReviewerOf(XIAODIAN), input), { code: ErrorCode.FORBIDDEN });
    await refusedWith(fx, () => openCampaign(fx.em(), CITY_REVIEWER, { ...input, deadline: '2019-02-28' }), { code: ErrorCode.BAD_USER_INPUT, reason: 'DATE_ORDER' });
    await refusedWith(fx, () => openCampaign(fx.em(), CITY_REVIEWER, { ...input, opensOn: '2018-12-01' }), { code: ErrorCode.BAD_USER_INPUT, reason: 'DATE_ORDER' });
    await refusedWith(fx, () => openCampaign(fx.em(), CITY_REVIEWER, { ...input, year: 2023, opensOn: '2023-03-01', deadline: '2023-03-31' }), { code: ErrorCode.CONFLICT, reason: 'DUPLICATE' });
  });

  it('a platform designated on 2020-12-31, still valid, may apply in 2023; and is designated again', async () => {
    const institutionId = await fx.knowInstitution();
    const old = await fx.designationOf((await fx.walk(institutionId, Status.DESIGNATED, { year: 2020, dates: IN_2020('2020-12-31', '2020-12-20') })).id);
    expect(old).toMatchObject({ designatedOn: '2020-12-31', validUntil: '2023-12-30' });
    const application = await fx.walk(institutionId, Status.DESIGNATED);
    const recommendation = await fx.em().findOneOrFail(CountyRecommendation, { applicationId: application.id });
    const report = await eligibilityOf(fx.em(), application, recommendation, '2023-05-01');
    expect(report.criteria.find((c) => c.code === 'REAPPLICATION')).toMatchObject({
      article: '并工信字〔2023〕26号 一.2', outcome: EligibilityOutcome.PASS, actual: '2020-12-31 认定，有效期至 2023-12-30',
    });
    expect((await fx.designationOf(application.id)).validUntil).toBe('2026-04-19');
  });

  it('a platform designated on 2021-01-01, still valid, may not (NOT_ELIGIBLE, criterion REAPPLICATION)', async () => {
    const institutionId = await fx.knowInstitution();
    expect((await fx.designationOf((await fx.walk(institutionId, Status.DESIGNATED, { year: 2021, dates: ON_2021_01_01 })).id)).validUntil).toBe('2023-12-31');
    const details = await refused(fx, () => apply2023(institutionId));
    expect(details.code).toBe(ErrorCode.NOT_ELIGIBLE);
    expect(details.failing).toEqual([{ code: 'REAPPLICATION', article: '并工信字〔2023〕26号 一.2', required: '无有效认定，或认定日期不晚于 2020-12-31', actual: '2021-01-01 认定，有效期至 2023-12-31' }]);
  });

  it('a platform whose designation has expired applies as a new one', async () => {
    const institutionId = await fx.knowInstitution();
    const old = await fx.designationOf((await fx.walk(institutionId, Status.DESIGNATED, { year: 2020, dates: IN_2020('2020-03-20', '2020-03-10') })).id);
    expect(old.validUntil).toBe('2023-03-19');
    const application = await apply2023(institutionId, '2023-03-20');
    const report = await eligibilityOf(fx.em(), application, null, '2023-03-20');
    expect(report.criteria.find((c) => c.code === 'REAPPLICATION')).toMatchObject({ outcome: EligibilityOutcome.PASS, actual: '无有效认定' });
  });

  it('an expired designation stops barring on the day after its validUntil (a call whose re-application date is earlier)', async () => {
    const institutionId = await fx.knowInstitution();
    await fx.walk(institutionId, Status.DESIGNATED, { year: 2021, dates: { created: '2021-01-05', submitted: '2021-01-06', recommended: '2021-01-10', reviewed: '2021-03-01', designated: '2021-03-20' } });
    await openCampaign(fx.em(), CITY_REVIEWER, { year: 2024, document: '太原市 2024 年度通知', opensOn: '2024-03-01', deadline: '2024-03-31', cityReapplyDesignatedThrough: '2020-12-31' });
    const start = (on: string) => createApplication(fx.em(), applicantOf(institutionId), { institutionId, campaignYear: 2024, report: sampleReport(2024) }, on);
    expect((await refused(fx, () => start('2024-03-19'))).failing).toEqual([expect.objectContaining({ code: 'REAPPLICATION', actual: '2021-03-20 认定，有效期至 2024-03-19' })]);
    expect((await start('2024-03-20')).status).toBe(Status.DRAFT);
  });
  it('a designation made after the submission, from a late application of an earlier call, bars designating the new one', async () => {
    const institutionId = await fx.knowInstitution();
    // the 2021 call's application waits at the panel into 2023; the 2023 application is lodged meanwhile
    const late = await fx.walk(institutionId, Status.EXPERT_REVIEWED, { year: 2021, dates: { created: '2021-01-05', submitted: '2021-01-06', recommended: '2021-01-10', reviewed: '2021-03-01' } });
    const current = await fx.walk(institutionId, Status.EXPERT_REVIEWED);
    await designateApplication(fx.em(), CITY_REVIEWER, { applicationId: late.id }, '2023-04-01');
    const details = await refused(fx, () => designateApplication(fx.em(), CITY_REVIEWER, { applicationId: current.id }, '2023-04-20'));
    expect(details.code).toBe(ErrorCode.NOT_ELIGIBLE);
    expect(details.failing).toEqual([expect.objectContaining({ code: 'REAPPLICATION', actual: '2023-04-01 认定，有效期至 2026-03-31' })]);
  });
});

describe('二.2: only a platform with a valid city designation is recommended to the province', () => {
  it('is accepted with a valid designation, and announced as taiyuan.ProvincialRecommendationMade.v1', async () => {
    const institutionId = await fx.knowInstitution({ regionCode: ZONE });
    const application = await fx.walk(institutionId, Status.DESIGNATED);
    const designation = await fx.designationOf(application.id);
    const recommendation = await recommendToProvince(fx.em(), CITY_REVIEWER, { institutionId, campaignYear: 2023, cityOpinion: '同意推荐申报省级示范平台。' }, '2023-04-25');
    expect(recommendation).toMatchObject({
      institutionId, designationId: designation.id, campaignYear: 2023, regionCode: ZONE, recommendedOn: '2023-04-25',
      countyOpinion: '经测评和实地考察，同意推荐。', cityOpinion: '同意推荐申报省级示范平台。',
    });
    const expected: ProvincialRecommendationPayload = {
      id: recommendation.id, institutionId, campaignYear: 2023, recommendedOn: '2023-04-25', regionCode: ZONE,
      cityDesignation: { id: designation.id, designatedOn: '2023-04-20', validUntil: '2026-04-19' },
      countyOpinion: '经测评和实地考察，同意推荐。', cityOpinion: '同意推荐申报省级示范平台。',
    };
    const events = await fx.em().find(OutboxEvent, { type: TaiyuanEvent.ProvincialRecommendationMade, aggregateId: institutionId });
    expect(events.map((e) => ({ aggregateType: e.aggregateType, payload: e.payload }))).toEqual([{ aggregateType: 'Institution', payload: expected }]);
  });

  it('is accepted on the designation’s last day and NOT_ELIGIBLE (VALID_CITY_DESIGNATION) the day after', async () => {
    await openCampaign(fx.em(), CITY_REVIEWER, { year: 2026, document: '太原市 2026 年度通知', opensOn: '2026-03-02', deadline: '2026-03-31' });
    const [lastDay, dayAfter] = [await fx.knowInstitution(), await fx.knowInstitution()];
    await fx.walk(lastDay, Status.DESIGNATED);
    await fx.walk(dayAfter, Status.DESIGNATED);
    const details = await refused(fx, () => recommendToProvince(fx.em(), CITY_REVIEWER, { institutionId: dayAfter, campaignYear: 2026 }, '2026-04-20'));
    expect(details.code).toBe(ErrorCode.NOT_ELIGIBLE);
    expect(details.failing).toEqual([{ code: 'VALID_CITY_DESIGNATION', article: '并工信字〔2023〕26号 二.2', required: '2026-04-20 在有效期内', actual: '2023-04-20 认定，有效期至 2026-04-19' }]);
    expect((await recommendToProvince(fx.em(), CITY_REVIEWER, { institutionId: lastDay, campaignYear: 2026 }, '2026-04-19')).recommendedOn).toBe('2026-04-19');
  });

  it('an institution never designated is NOT_ELIGIBLE; one not designated yet too', async () => {
    const never = await fx.knowInstitution();
    expect((await refused(fx, () => recommendToProvince(fx.em(), CITY_REVIEWER, { institutionId: never, campaignYear: 2023, countyOpinion: '同意' }, '2023-04-25'))).failing)
      .toEqual([expect.objectContaining({ code: 'VALID_CITY_DESIGNATION', actual: '无市级认定' })]);
    const waiting = await fx.knowInstitution();
    await fx.walk(waiting, Status.EXPERT_REVIEWED);
    await refusedWith(fx, () => recommendToProvince(fx.em(), CITY_REVIEWER, { institutionId: waiting, campaignYear: 2023 }, '2023-04-25'), { code: ErrorCode.NOT_ELIGIBLE });
  });

  it('a designation from an earlier campaign, still valid, carries the county opinion of its own application', async () => {
    const institutionId = await fx.knowInstitution();
    const application = await fx.walk(institutionId, Status.DESIGNATED, { year: 2021, dates: ON_2021_01_01 });
    const recommendation = await recommendToProvince(fx.em(), CITY_REVIEWER, { institutionId, campaignYear: 2023, countyOpinion: '（不采用：有县级推荐表）' }, '2023-03-20');
    expect(recommendation).toMatchObject({ designationId: (await fx.designationOf(application.id)).id, countyOpinion: '经测评和实地考察，同意推荐。', cityOpinion: null });
  });

  it('a designation recorded from before this system needs the county opinion given', async () => {
    const institutionId = await fx.knowInstitution();
    const em = fx.em();
    em.persist(em.create(CityDesignation, { institutionId, applicationId: null, campaignYear: 2022, designatedOn: '2022-05-10', validUntil: '2025-05-09' }));
    await em.flush();
    await refusedWith(fx, () => recommendToProvince(fx.em(), CITY_REVIEWER, { institutionId, campaignYear: 2023 }, '2023-03-20'), { code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_TEXT' });
    const recommendation = await recommendToProvince(fx.em(), CITY_REVIEWER, { institutionId, campaignYear: 2023, countyOpinion: '小店区工信局同意推荐' }, '2023-03-20');
    expect(recommendation).toMatchObject({ regionCode: XIAODIAN, countyOpinion: '小店区工信局同意推荐' });
  });

  it('a second recommendation of the same institution in the same year is CONFLICT', async () => {
    const institutionId = await fx.knowInstitution();
    await fx.walk(institutionId, Status.DESIGNATED);
    await recommendToProvince(fx.em(), CITY_REVIEWER, { institutionId, campaignYear: 2023 }, '2023-04-25');
    await refusedWith(fx, () => recommendToProvince(fx.em(), CITY_REVIEWER, { institutionId, campaignYear: 2023 }, '2023-04-26'), { code: ErrorCode.CONFLICT, reason: 'DUPLICATE' });
  });

  it('only the city recommends to the province', async () => {
    const institutionId = await fx.knowInstitution();
    await fx.walk(institutionId, Status.DESIGNATED);
    for (const user of [countyReviewerOf(XIAODIAN), userOf(Role.CITY_REVIEWER, { region: '140200' }), userOf(Role.PROVINCE_REVIEWER, { region: '140000' }), ANALYST, applicantOf(institutionId)]) {
      await refusedWith(fx, () => recommendToProvince(fx.em(), user, { institutionId, campaignYear: 2023 }, '2023-04-25'), { code: ErrorCode.FORBIDDEN });
    }
    await refusedWith(fx, () => recommendToProvince(fx.em(), null, { institutionId, campaignYear: 2023 }, '2023-04-25'), { code: ErrorCode.UNAUTHENTICATED });
    await refusedWith(fx, () => recommendToProvince(fx.em(), CITY_REVIEWER, { institutionId, campaignYear: 2025 }, '2023-04-25'), { code: ErrorCode.NOT_FOUND });
  });
});

describe('附件3 2023年度示范平台基本情况汇总表', () => {
  const ids = { designated: '', reviewed: '', submitted: '', rejected: '' };
  const names = { designated: '太原汇总表认定服务有限公司', reviewed: '太原汇总表评审服务有限公司', submitted: '太原汇总表待推荐服务有限公司', rejected: '太原汇总表驳回服务有限公司' };

  beforeAll(async () => {
    ids.designated = await fx.knowInstitution({ name: names.designated });
    ids.reviewed = await fx.knowInstitution({ name: names.reviewed, regionCode: ZONE });
    ids.submitted = await fx.knowInstitution({ name: names.submitted });
    ids.rejected = await fx.knowInstitution({ name: names.rejected });
    await fx.walk(ids.designated, Status.DESIGNATED, { report: sampleReport(2023, 2) });
    await recommendToProvince(fx.em(), CITY_REVIEWER, { institutionId: ids.designated, campaignYear: 2023 }, '2023-04-25');
    await fx.walk(ids.reviewed, Status.EXPERT_REVIEWED, { report: sampleReport(2023, 1) });
    await fx.walk(ids.submitted, Status.SUBMITTED);
    await fx.walk(ids.rejected, Status.SUBMITTED);
    const application = await fx.em().findOneOrFail(TaiyuanApplication, { institutionId: ids.rejected });
    await declineApplication(fx.em(), countyReviewerOf(XIAODIAN), { applicationId: application.id, step: TaiyuanStep.COUNTY, action: DeclineAction.REJECT, reason: '不予推荐' }, '2023-03-22');
  });

  it("lists the year's county-recommended applications and recommendations to the province, with the reports' figures", async () => {
    const table = await summaryTable(fx.em(), ANALYST, 2023);
    expect(table).toMatchObject({ title: '2023年度示范平台基本情况汇总表', year: 2023 });
    expect(table.rows.map((r) => r.serial)).toEqual(table.rows.map((_, i) => i + 1));
    const rowsOf = (name: string) => table.rows.filter((r) => r.institutionName === name).map(({ serial: _serial, ...row }) => row);
    const known = await fx.em().findOneOrFail(KnownInstitution, { id: ids.designated });
    // sampleReport(2023, 2): capital 700, assets 900, staff 26; 2022: revenue 660, service revenue 380, 130 SMEs served
    const figures = { registeredCapital: 700, totalAssets: 900, staff: 26, revenue: 660, serviceRevenue: 380, smesServed: 130 };
    expect(rowsOf(names.designated)).toEqual([
      { kind: '市级认定', institutionName: names.designated, creditCode: known.creditCode, recommendingUnit: '小店区', status: Status.DESIGNATED, ...figures },
      { kind: '省级推荐', institutionName: names.designated, creditCode: known.creditCode, recommendingUnit: '小店区', status: 'RECOMMENDED_TO_PROVINCE', ...figures },
    ]);
    expect(rowsOf(names.reviewed)).toEqual([expect.objectContaining({ kind: '市级认定', recommendingUnit: '太原中北高新技术产业开发区', status: Status.EXPERT_REVIEWED, staff: 23 })]);
    // not recommended by its county (yet, or at all): not on the table
    expect(rowsOf(names.submitted)).toEqual([]);
    expect(rowsOf(names.rejected)).toEqual([]);
    // the city's recommendations rows come after the applications' rows
    const kinds = table.rows.map((r) => r.kind);
    expect(kinds.lastIndexOf('市级认定')).toBeLessThan(kinds.indexOf('省级推荐'));
  });

  it('is read by the city, the province, analysts and admins; not by counties, another city or Hebei', async () => {
    expect((await summaryTable(fx.em(), CITY_REVIEWER, 2023)).rows.length).toBeGreaterThan(0);
    expect((await summaryTable(fx.em(), userOf(Role.PROVINCE_REVIEWER, { region: '140000' }), 2023)).rows.length).toBeGreaterThan(0);
    for (const user of [countyReviewerOf(XIAODIAN), userOf(Role.CITY_REVIEWER, { region: '140200' }), userOf(Role.PROVINCE_REVIEWER, { region: '130000' }), applicantOf(ids.designated)]) {
      await refusedWith(fx, () => summaryTable(fx.em(), user, 2023), { code: ErrorCode.FORBIDDEN });
    }
    await refusedWith(fx, () => summaryTable(fx.em(), null, 2023), { code: ErrorCode.UNAUTHENTICATED });
    await refusedWith(fx, () => summaryTable(fx.em(), ANALYST, 2030), { code: ErrorCode.NOT_FOUND });
  });

  it('a year with nothing recommended yet has an empty table', async () => {
    await openCampaign(fx.em(), CITY_REVIEWER, { year: 2027, document: '太原市 2027 年度通知', opensOn: '2027-03-01', deadline: '2027-03-31' });
    expect((await summaryTable(fx.em(), ANALYST, 2027)).rows).toEqual([]);
  });
});
