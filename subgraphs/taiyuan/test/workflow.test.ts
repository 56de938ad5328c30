import {
  AuditEntry, EligibilityOutcome, ErrorCode, OutboxEvent, PlatformDesignationStatus, Role, StatusChange, TaiyuanEvent, designationStatus, type AuthUser,
} from '@sme/kernel';
import { TaiyuanApplicationStatus as Status, TaiyuanStep } from '../src/applications/application-status';
import {
  MIN_SURVEYED, createApplication, declineApplication, designateApplication, eligibilityOf, findApplication, recommendApplication, recordExpertReview,
  submitApplication, updateApplication,
} from '../src/applications/application.service';
import { DeclineAction } from '../src/applications/application.inputs';
import { CountyRecommendation } from '../src/county-recommendations/county-recommendation.entity';
import { SurveyMethod, SurveyRating, summarise, type SurveyEntryInput } from '../src/county-recommendations/survey';
import { ExpertReview } from '../src/expert-reviews/expert-review.entity';
import { CityDesignation } from '../src/designations/city-designation.entity';
import { designationView } from '../src/designations/designation-view';
import { findCampaign } from '../src/campaigns/campaigns.service';
import { sampleReport } from '../src/demo-report';
import {
  ADMIN, CITY_REVIEWER, HEBEI_CHANGAN, PANEL, XIAODIAN, YINGZE, ZONE, ZONGGAI, applicantOf, countyReviewerOf, expertOf, openTaiyuan, refused, refusedWith,
  survey, surveyOf, userOf, type TaiyuanFixture,
} from './support/taiyuan-fixture';

/**
 * Taiyuan's flow (并工信字〔2023〕26号 一.4): the institution applies, its county or development zone surveys and
 * recommends, the city's panel reviews, the city designates. Every rule at its boundary, on the 2023 campaign the
 * migration seeds (opens 2023-03-15, deadline 2023-03-23 inclusive), with explicit dates.
 */
let fx: TaiyuanFixture;
beforeAll(async () => (fx = await openTaiyuan()));
afterAll(() => fx?.close());

const recommendInput = (applicationId: string, entries: SurveyEntryInput[] = survey(10), extra: { expectedVersion?: number } = {}) => ({
  applicationId, methods: [SurveyMethod.VISIT], survey: entries, impactStatement: '带动区域中小企业发展。', opinion: '同意推荐。', ...extra,
});
const reviewInput = (applicationId: string, recommendsDesignation = true, reviewedOn?: string) => ({
  applicationId, panel: PANEL, opinion: recommendsDesignation ? '建议认定。' : '不建议认定。', recommendsDesignation, reviewedOn,
});
const decline = (applicationId: string, step: TaiyuanStep, action: DeclineAction, reason = '材料需补充。') => ({ applicationId, step, action, reason });

/** A draft of a new 小店区 institution, created on 2023-03-16. */
async function draft(values: { regionCode?: string } = {}) {
  const institutionId = await fx.knowInstitution(values);
  return fx.walk(institutionId, Status.DRAFT);
}

describe('the 2023 campaign (一.5: 3月23日前…逾期不予受理)', () => {
  it('is seeded by the migration with its deadline and re-application dates', async () => {
    expect(await findCampaign(fx.em(), 2023)).toMatchObject({
      year: 2023, opensOn: '2023-03-15', deadline: '2023-03-23', cityReapplyDesignatedThrough: '2020-12-31', provincialReapplyDesignatedBefore: '2020-05-01',
    });
    expect((await findCampaign(fx.em(), 2023)).document).toContain('并工信字〔2023〕26号');
  });

  it('an application cannot be started before the call opens (CAMPAIGN_NOT_OPEN); on the opening day it can', async () => {
    const institutionId = await fx.knowInstitution();
    const start = (on: string) => createApplication(fx.em(), applicantOf(institutionId), { institutionId, campaignYear: 2023, report: sampleReport(2023) }, on);
    expect(await refusedWith(fx, () => start('2023-03-14'), { code: ErrorCode.BAD_USER_INPUT, reason: 'CAMPAIGN_NOT_OPEN' })).toMatchObject({ opensOn: '2023-03-15' });
    expect(await start('2023-03-15')).toMatchObject({ status: Status.DRAFT, campaignYear: 2023, regionCode: XIAODIAN });
  });

  it('a submission on the deadline day is accepted; the day after it is DEADLINE_PASSED, naming the deadline', async () => {
    const late = await draft();
    const lateApplicant = applicantOf(late.institutionId);
    expect(await refused(fx, () => submitApplication(fx.em(), lateApplicant, late.id, '2023-03-24'))).toMatchObject({
      code: ErrorCode.DEADLINE_PASSED, deadline: '2023-03-23', campaignYear: 2023,
    });
    const onTime = await submitApplication(fx.em(), lateApplicant, late.id, '2023-03-23');
    expect(onTime).toMatchObject({ status: Status.SUBMITTED, submittedOn: '2023-03-23' });
  });

  it('an application cannot be started after the deadline either', async () => {
    const institutionId = await fx.knowInstitution();
    expect(await refused(fx, () => createApplication(fx.em(), applicantOf(institutionId), { institutionId, campaignYear: 2023 }, '2023-03-24'))).toMatchObject({
      code: ErrorCode.DEADLINE_PASSED, deadline: '2023-03-23',
    });
  });

  it("the county's recommendation on the deadline day is accepted; the day after it is DEADLINE_PASSED", async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.SUBMITTED, { dates: { submitted: '2023-03-22' } });
    const county = countyReviewerOf(XIAODIAN);
    expect(await refused(fx, () => recommendApplication(fx.em(), county, recommendInput(application.id), '2023-03-24'))).toMatchObject({
      code: ErrorCode.DEADLINE_PASSED, deadline: '2023-03-23',
    });
    const recommended = await recommendApplication(fx.em(), county, recommendInput(application.id), '2023-03-23');
    expect(recommended.status).toBe(Status.COUNTY_RECOMMENDED);
    expect(await fx.em().findOneOrFail(CountyRecommendation, { applicationId: application.id })).toMatchObject({ recommendedOn: '2023-03-23', recommendedBy: county.id });
  });

  it('a year without a call is NOT_FOUND', async () => {
    const institutionId = await fx.knowInstitution();
    await refusedWith(fx, () => createApplication(fx.em(), applicantOf(institutionId), { institutionId, campaignYear: 2024 }, '2024-03-20'), { code: ErrorCode.NOT_FOUND });
  });
});

describe('附件1: the county samples at least 10 served enterprises', () => {
  it(`${MIN_SURVEYED - 1} enterprises are SURVEY_TOO_SMALL, ${MIN_SURVEYED} are accepted`, async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.SUBMITTED);
    const county = countyReviewerOf(XIAODIAN);
    expect(await refused(fx, () => recommendApplication(fx.em(), county, recommendInput(application.id, survey(9)), '2023-03-21'))).toMatchObject({
      code: ErrorCode.BAD_USER_INPUT, reason: 'SURVEY_TOO_SMALL', field: 'survey', minimum: 10, actual: 9,
    });
    expect((await recommendApplication(fx.em(), county, recommendInput(application.id, survey(10)), '2023-03-21')).status).toBe(Status.COUNTY_RECOMMENDED);
  });

  it('summarises the ratings: 8 very satisfied, 1 satisfied, 1 dissatisfied is a 90 % satisfaction rate', async () => {
    const ratings = [...Array.from({ length: 8 }, () => SurveyRating.VERY_SATISFIED), SurveyRating.SATISFIED, SurveyRating.DISSATISFIED];
    const application = await fx.walk(await fx.knowInstitution(), Status.COUNTY_RECOMMENDED, { survey: surveyOf(ratings) });
    const stored = await fx.em().findOneOrFail(CountyRecommendation, { applicationId: application.id });
    expect(stored.survey).toHaveLength(10);
    expect(summarise(stored.survey)).toEqual({ sampled: 10, verySatisfied: 8, satisfied: 1, dissatisfied: 1, satisfactionRate: 90 });
    // a rate that is not whole: 2 of 3 → 66.67 %
    expect(summarise(surveyOf([SurveyRating.SATISFIED, SurveyRating.DISSATISFIED, SurveyRating.VERY_SATISFIED])).satisfactionRate).toBe(66.67);
  });

  it('needs a method, one row per enterprise and real phone numbers', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.SUBMITTED);
    const county = countyReviewerOf(XIAODIAN);
    const entries = survey(10);
    await refusedWith(fx, () => recommendApplication(fx.em(), county, { ...recommendInput(application.id), methods: [] }, '2023-03-21'), { code: ErrorCode.BAD_USER_INPUT, reason: 'NO_SURVEY_METHOD' });
    await refusedWith(fx, () => recommendApplication(fx.em(), county, recommendInput(application.id, [...entries.slice(0, 9), { ...entries[9], enterprise: entries[0].enterprise }]), '2023-03-21'), {
      code: ErrorCode.BAD_USER_INPUT, reason: 'DUPLICATE_ENTERPRISE',
    });
    await refusedWith(fx, () => recommendApplication(fx.em(), county, recommendInput(application.id, [{ ...entries[0], phone: '电话' }, ...entries.slice(1)]), '2023-03-21'), {
      code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_PHONE',
    });
    await refusedWith(fx, () => recommendApplication(fx.em(), county, { ...recommendInput(application.id), opinion: '  ' }, '2023-03-21'), { code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_TEXT' });
  });
});

describe('附件2: the report is complete at submission', () => {
  it('a staff list of 11 is INCOMPLETE_REPORT (附件2 备注：不少于12人); 12 is accepted', async () => {
    const application = await draft();
    const applicant = applicantOf(application.institutionId);
    const staffList = sampleReport(2023).staffList!;
    await updateApplication(fx.em(), applicant, application.id, { report: { staffList: staffList.slice(0, 11) } }, '2023-03-17');
    expect(await refused(fx, () => submitApplication(fx.em(), applicant, application.id, '2023-03-17'))).toMatchObject({
      code: ErrorCode.BAD_USER_INPUT, reason: 'INCOMPLETE_REPORT', missing: ['STAFF_LIST'],
    });
    await updateApplication(fx.em(), applicant, application.id, { report: { staffList: staffList.slice(0, 12) } }, '2023-03-17');
    expect((await submitApplication(fx.em(), applicant, application.id, '2023-03-17')).status).toBe(Status.SUBMITTED);
  });

  it('an invalid edit of the draft is refused and leaves the stored report as it was', async () => {
    const application = await draft();
    await refusedWith(fx, () => updateApplication(fx.em(), applicantOf(application.institutionId), application.id, { report: { staffCount: -1 } }, '2023-03-17'), {
      code: ErrorCode.BAD_USER_INPUT, reason: 'NEGATIVE',
    });
  });

  it('only the applicant of the institution (or an admin) fills in and submits', async () => {
    const application = await draft();
    const other = applicantOf(await fx.knowInstitution());
    await refusedWith(fx, () => updateApplication(fx.em(), other, application.id, { report: { staffCount: 30 } }, '2023-03-17'), { code: ErrorCode.FORBIDDEN });
    await refusedWith(fx, () => submitApplication(fx.em(), other, application.id, '2023-03-17'), { code: ErrorCode.FORBIDDEN });
    await refusedWith(fx, () => submitApplication(fx.em(), countyReviewerOf(XIAODIAN), application.id, '2023-03-17'), { code: ErrorCode.FORBIDDEN });
    await refusedWith(fx, () => submitApplication(fx.em(), null, application.id, '2023-03-17'), { code: ErrorCode.UNAUTHENTICATED });
    await refusedWith(fx, () => createApplication(fx.em(), other, { institutionId: application.institutionId, campaignYear: 2023 }, '2023-03-17'), { code: ErrorCode.FORBIDDEN });
  });
});

describe('一.4: the county or development zone of Taiyuan where the applicant is registered recommends', () => {
  it.each([
    ['Hebei (130102)', HEBEI_CHANGAN],
    ['山西转型综改示范区 (140171, reports to the province)', ZONGGAI],
    ['the city itself (140100, not a county)', '140100'],
  ])('an institution in %s is NOT_ELIGIBLE', async (_name, regionCode) => {
    const institutionId = await fx.knowInstitution({ regionCode });
    const details = await refused(fx, () => createApplication(fx.em(), applicantOf(institutionId), { institutionId, campaignYear: 2023 }, '2023-03-16'));
    expect(details).toMatchObject({ code: ErrorCode.NOT_ELIGIBLE });
    expect(details.failing).toEqual([expect.objectContaining({ code: 'REGISTERED_IN_TAIYUAN', article: '并工信字〔2023〕26号 一.4' })]);
  });

  it('the development zone 140199 applies and is recommended by its own COUNTY_REVIEWER', async () => {
    const application = await draft({ regionCode: ZONE });
    expect(application.regionCode).toBe(ZONE);
    await submitApplication(fx.em(), applicantOf(application.institutionId), application.id, '2023-03-17');
    const recommended = await recommendApplication(fx.em(), countyReviewerOf(ZONE), recommendInput(application.id), '2023-03-20');
    expect(recommended.status).toBe(Status.COUNTY_RECOMMENDED);
  });

  it('a county reviewer of another county, the city, an expert or an analyst may not recommend (FORBIDDEN)', async () => {
    const application = await fx.walk(await fx.knowInstitution({ regionCode: ZONE }), Status.SUBMITTED);
    for (const user of [countyReviewerOf(XIAODIAN), countyReviewerOf('140200'), CITY_REVIEWER, expertOf(2023), userOf(Role.ANALYST), applicantOf(application.institutionId)]) {
      await refusedWith(fx, () => recommendApplication(fx.em(), user, recommendInput(application.id), '2023-03-20'), { code: ErrorCode.FORBIDDEN });
    }
  });

  it("a county reviewer's own county: 小店区 recommends 小店区, not 迎泽区", async () => {
    const yingze = await fx.walk(await fx.knowInstitution({ regionCode: YINGZE }), Status.SUBMITTED);
    await refusedWith(fx, () => recommendApplication(fx.em(), countyReviewerOf(XIAODIAN), recommendInput(yingze.id), '2023-03-20'), { code: ErrorCode.FORBIDDEN });
    expect((await recommendApplication(fx.em(), countyReviewerOf(YINGZE), recommendInput(yingze.id), '2023-03-20')).status).toBe(Status.COUNTY_RECOMMENDED);
  });
});

describe('一.4: the expert review (专家组评审意见)', () => {
  it("an EXPERT on the campaign's panel (taiyuan-2023) records it; the 2022 panel is FORBIDDEN", async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.COUNTY_RECOMMENDED);
    await refusedWith(fx, () => recordExpertReview(fx.em(), expertOf(2022), reviewInput(application.id), '2023-04-10'), { code: ErrorCode.FORBIDDEN });
    await refusedWith(fx, () => recordExpertReview(fx.em(), countyReviewerOf(XIAODIAN), reviewInput(application.id), '2023-04-10'), { code: ErrorCode.FORBIDDEN });
    const review = await recordExpertReview(fx.em(), expertOf(2023), reviewInput(application.id), '2023-04-10');
    expect(review).toMatchObject({ panel: PANEL, recommendsDesignation: true, reviewedOn: '2023-04-10', recordedBy: expertOf(2023).id });
    expect((await fx.reload(application.id)).status).toBe(Status.EXPERT_REVIEWED);
  });

  it('the city may record it for the panel', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.COUNTY_RECOMMENDED);
    expect((await recordExpertReview(fx.em(), CITY_REVIEWER, reviewInput(application.id), '2023-04-10')).recordedBy).toBe(CITY_REVIEWER.id);
  });

  it('needs a panel, and a review date that is neither in the future nor before the county recommended', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.COUNTY_RECOMMENDED, { dates: { recommended: '2023-03-21' } });
    const expert = expertOf(2023);
    await refusedWith(fx, () => recordExpertReview(fx.em(), expert, { ...reviewInput(application.id), panel: [] }, '2023-04-10'), { code: ErrorCode.BAD_USER_INPUT, reason: 'OUT_OF_RANGE' });
    await refusedWith(fx, () => recordExpertReview(fx.em(), expert, reviewInput(application.id, true, '2023-04-11'), '2023-04-10'), { code: ErrorCode.BAD_USER_INPUT, reason: 'FUTURE_DATE' });
    await refusedWith(fx, () => recordExpertReview(fx.em(), expert, reviewInput(application.id, true, '2023-03-20'), '2023-04-10'), { code: ErrorCode.BAD_USER_INPUT, reason: 'DATE_ORDER' });
    expect((await recordExpertReview(fx.em(), expert, reviewInput(application.id, true, '2023-03-21'), '2023-04-10')).reviewedOn).toBe('2023-03-21');
  });
});

describe('一.2、一.4: the city designation', () => {
  it('is refused when the panel did not recommend it (reject or return instead)', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.EXPERT_REVIEWED, { recommends: false });
    await refusedWith(fx, () => designateApplication(fx.em(), CITY_REVIEWER, { applicationId: application.id }, '2023-04-20'), {
      code: ErrorCode.BAD_USER_INPUT, reason: 'PANEL_DID_NOT_RECOMMEND',
    });
    const rejected = await declineApplication(fx.em(), CITY_REVIEWER, decline(application.id, TaiyuanStep.CITY, DeclineAction.REJECT, '专家组不建议认定。'), '2023-04-20');
    expect(rejected).toMatchObject({ status: Status.REJECTED, rejectionReason: '专家组不建议认定。', closedOn: '2023-04-20' });
  });

  it('is valid for 3 years: designated 2023-04-20, valid through 2026-04-19, EXPIRED on 2026-04-20', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.EXPERT_REVIEWED);
    const designation = await designateApplication(fx.em(), CITY_REVIEWER, { applicationId: application.id }, '2023-04-20');
    expect(designation).toMatchObject({ institutionId: application.institutionId, applicationId: application.id, campaignYear: 2023, designatedOn: '2023-04-20', validUntil: '2026-04-19', revokedOn: null });
    expect(await fx.reload(application.id)).toMatchObject({ status: Status.DESIGNATED, closedOn: '2023-04-20' });
    expect(designationStatus(designation, '2026-04-19')).toBe(PlatformDesignationStatus.DESIGNATED);
    expect(designationStatus(designation, '2026-04-20')).toBe(PlatformDesignationStatus.EXPIRED);
    expect(designationView(designation, '2026-04-19')).toEqual({
      id: designation.id, title: '太原市市级中小企业公共服务示范平台', status: PlatformDesignationStatus.DESIGNATED, designatedOn: '2023-04-20', validUntil: '2026-04-19',
      revokedOn: null, revocationReason: null,
    });
    expect(designationView(designation, '2026-04-20').status).toBe(PlatformDesignationStatus.EXPIRED);
  });

  it('announces itself as taiyuan.CityPlatformDesignated.v1, in the same transaction', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.DESIGNATED);
    const designation = await fx.designationOf(application.id);
    const events = await fx.em().find(OutboxEvent, { type: TaiyuanEvent.CityPlatformDesignated, aggregateId: application.institutionId });
    expect(events.map((e) => e.payload)).toEqual([{
      id: designation.id, institutionId: application.institutionId, applicationId: application.id, campaignYear: 2023, designatedOn: '2023-04-20', validUntil: '2026-04-19',
    }]);
  });

  it('only the city designates: county reviewers, another city, experts and the applicant are FORBIDDEN', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.EXPERT_REVIEWED);
    for (const user of [countyReviewerOf(XIAODIAN), userOf(Role.CITY_REVIEWER, { region: '140200' }), expertOf(2023), applicantOf(application.institutionId), userOf(Role.ANALYST)]) {
      await refusedWith(fx, () => designateApplication(fx.em(), user, { applicationId: application.id }, '2023-04-20'), { code: ErrorCode.FORBIDDEN });
    }
  });

  it('of two city reviewers designating at once, one wins and the other gets CONFLICT', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.EXPERT_REVIEWED);
    const second: AuthUser = { ...CITY_REVIEWER, id: 'city-reviewer-2' };
    const results = await fx.race(application.id, 2, () => [
      designateApplication(fx.em(), CITY_REVIEWER, { applicationId: application.id }, '2023-04-20'),
      designateApplication(fx.em(), second, { applicationId: application.id }, '2023-04-20'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [failure] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failure.reason.code).toBe(ErrorCode.CONFLICT);
    expect(await fx.em().count(CityDesignation, { applicationId: application.id })).toBe(1);
    expect(await fx.em().count(StatusChange, { recordId: application.id, action: 'DESIGNATE' })).toBe(1);
    expect(await fx.em().count(OutboxEvent, { type: TaiyuanEvent.CityPlatformDesignated, aggregateId: application.institutionId })).toBe(1);
  });

  it('of two county reviewers recommending at once, one wins and the other gets CONFLICT', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.SUBMITTED);
    const [first, second] = [countyReviewerOf(XIAODIAN), { ...countyReviewerOf(XIAODIAN), id: 'county-reviewer-2' }];
    const results = await fx.race(application.id, 2, () => [first, second].map((user) => recommendApplication(fx.em(), user, recommendInput(application.id), '2023-03-21')));
    expect(results.map((r) => (r.status === 'fulfilled' ? 'won' : r.reason.code)).sort()).toEqual([ErrorCode.CONFLICT, 'won']);
    expect(await fx.em().count(CountyRecommendation, { applicationId: application.id })).toBe(1);
    expect(await fx.em().count(StatusChange, { recordId: application.id, action: 'COUNTY_RECOMMEND' })).toBe(1);
  });

  it("a designated application's eligibility report is not failed by its own designation", async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.DESIGNATED);
    const recommendation = await fx.em().findOneOrFail(CountyRecommendation, { applicationId: application.id });
    const report = await eligibilityOf(fx.em(), application, recommendation, '2023-05-01');
    expect(report.criteria.find((c) => c.code === 'REAPPLICATION')).toMatchObject({ outcome: EligibilityOutcome.PASS });
    expect(report.criteria.filter((c) => c.outcome === EligibilityOutcome.FAIL)).toEqual([]);
    expect(report.criteria.find((c) => c.code === 'SURVEY_SAMPLE')).toMatchObject({ outcome: EligibilityOutcome.PASS, actual: '10' });
  });
});

describe('review actions: reject (with a reason) or return to the applicant, who resubmits to the same step', () => {
  it('RETURN at the county: the applicant fixes the report and resubmits to the county (SUBMITTED)', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.SUBMITTED);
    const returned = await declineApplication(fx.em(), countyReviewerOf(XIAODIAN), decline(application.id, TaiyuanStep.COUNTY, DeclineAction.RETURN, '请补充审计报告条码。'), '2023-03-18');
    expect(returned).toMatchObject({ status: Status.RETURNED, returnedStep: TaiyuanStep.COUNTY, returnReason: '请补充审计报告条码。' });
    const applicant = applicantOf(application.institutionId);
    await updateApplication(fx.em(), applicant, application.id, { report: { servedEnterprisesLastYear: 130 } }, '2023-03-19');
    const resubmitted = await submitApplication(fx.em(), applicant, application.id, '2023-03-19');
    expect(resubmitted).toMatchObject({ status: Status.SUBMITTED, submittedOn: '2023-03-19', returnedStep: null, returnReason: null });
  });

  it('a county-returned application resubmitted after the deadline is DEADLINE_PASSED (the county could no longer recommend it)', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.SUBMITTED);
    await declineApplication(fx.em(), countyReviewerOf(XIAODIAN), decline(application.id, TaiyuanStep.COUNTY, DeclineAction.RETURN), '2023-03-22');
    await refusedWith(fx, () => submitApplication(fx.em(), applicantOf(application.institutionId), application.id, '2023-03-24'), { code: ErrorCode.DEADLINE_PASSED });
    expect((await submitApplication(fx.em(), applicantOf(application.institutionId), application.id, '2023-03-23')).status).toBe(Status.SUBMITTED);
  });

  it('RETURN at the city, after the deadline: the resubmission goes back to the city (COUNTY_RECOMMENDED), is reviewed again and designated', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.EXPERT_REVIEWED);
    const returned = await declineApplication(fx.em(), CITY_REVIEWER, decline(application.id, TaiyuanStep.CITY, DeclineAction.RETURN, '请补充服务收支专项审计报告。'), '2023-04-12');
    expect(returned).toMatchObject({ status: Status.RETURNED, returnedStep: TaiyuanStep.CITY });
    const applicant = applicantOf(application.institutionId);
    // the application reached the city in time; its answer to the city's return is not a late submission
    const resubmitted = await submitApplication(fx.em(), applicant, application.id, '2023-04-15');
    expect(resubmitted).toMatchObject({ status: Status.COUNTY_RECOMMENDED, submittedOn: '2023-03-17', returnedStep: null });
    // the county's survey stands; the panel reviews again
    expect(await fx.em().count(CountyRecommendation, { applicationId: application.id })).toBe(1);
    await recordExpertReview(fx.em(), expertOf(2023), reviewInput(application.id, true, '2023-04-18'), '2023-04-18');
    expect(await fx.em().find(ExpertReview, { applicationId: application.id })).toEqual([expect.objectContaining({ reviewedOn: '2023-04-18' })]);
    const designation = await designateApplication(fx.em(), CITY_REVIEWER, { applicationId: application.id }, '2023-04-20');
    expect(designation.validUntil).toBe('2026-04-19');
  });

  it('RETURN at the city before the panel: resubmitted to COUNTY_RECOMMENDED', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.COUNTY_RECOMMENDED);
    await declineApplication(fx.em(), CITY_REVIEWER, decline(application.id, TaiyuanStep.CITY, DeclineAction.RETURN), '2023-03-28');
    expect((await submitApplication(fx.em(), applicantOf(application.institutionId), application.id, '2023-03-29')).status).toBe(Status.COUNTY_RECOMMENDED);
  });

  it('REJECT needs a reason, and is final', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.SUBMITTED);
    const county = countyReviewerOf(XIAODIAN);
    for (const reason of ['', '   ']) {
      await refusedWith(fx, () => declineApplication(fx.em(), county, decline(application.id, TaiyuanStep.COUNTY, DeclineAction.REJECT, reason), '2023-03-20'), {
        code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_TEXT',
      });
    }
    const rejected = await declineApplication(fx.em(), county, decline(application.id, TaiyuanStep.COUNTY, DeclineAction.REJECT, '服务企业测评满意率不足。'), '2023-03-20');
    expect(rejected).toMatchObject({ status: Status.COUNTY_REJECTED, rejectionReason: '服务企业测评满意率不足。', closedOn: '2023-03-20' });
    expect(await refused(fx, () => submitApplication(fx.em(), applicantOf(application.institutionId), application.id, '2023-03-21'))).toMatchObject({
      code: ErrorCode.INVALID_TRANSITION, currentState: Status.COUNTY_REJECTED, allowedActions: [],
    });
  });

  it('a wrong state is INVALID_TRANSITION with the allowed actions', async () => {
    const drafted = await draft();
    expect(await refused(fx, () => recommendApplication(fx.em(), countyReviewerOf(XIAODIAN), recommendInput(drafted.id), '2023-03-20'))).toMatchObject({
      code: ErrorCode.INVALID_TRANSITION, currentState: Status.DRAFT, action: 'COUNTY_RECOMMEND', allowedActions: ['UPDATE', 'SUBMIT'],
    });
    const recommended = await fx.walk(await fx.knowInstitution(), Status.COUNTY_RECOMMENDED);
    expect(await refused(fx, () => designateApplication(fx.em(), CITY_REVIEWER, { applicationId: recommended.id }, '2023-04-20'))).toMatchObject({
      code: ErrorCode.INVALID_TRANSITION, currentState: Status.COUNTY_RECOMMENDED, action: 'DESIGNATE', allowedActions: ['RECORD_EXPERT_REVIEW', 'CITY_RETURN', 'CITY_REJECT'],
    });
    expect(await refused(fx, () => submitApplication(fx.em(), applicantOf(recommended.institutionId), recommended.id, '2023-03-22'))).toMatchObject({
      code: ErrorCode.INVALID_TRANSITION, allowedActions: ['RECORD_EXPERT_REVIEW', 'CITY_RETURN', 'CITY_REJECT'],
    });
    expect(await refused(fx, () => updateApplication(fx.em(), applicantOf(recommended.institutionId), recommended.id, { report: { staffCount: 30 } }, '2023-03-22'))).toMatchObject({
      code: ErrorCode.INVALID_TRANSITION, action: 'UPDATE',
    });
    const submitted = await fx.walk(await fx.knowInstitution(), Status.SUBMITTED);
    expect(await refused(fx, () => recordExpertReview(fx.em(), expertOf(2023), reviewInput(submitted.id), '2023-04-10'))).toMatchObject({
      code: ErrorCode.INVALID_TRANSITION, currentState: Status.SUBMITTED, allowedActions: ['COUNTY_RECOMMEND', 'COUNTY_REJECT', 'COUNTY_RETURN'],
    });
    const designated = await fx.walk(await fx.knowInstitution(), Status.DESIGNATED);
    expect(await refused(fx, () => declineApplication(fx.em(), CITY_REVIEWER, decline(designated.id, TaiyuanStep.CITY, DeclineAction.REJECT), '2023-04-21'))).toMatchObject({
      code: ErrorCode.INVALID_TRANSITION, currentState: Status.DESIGNATED, allowedActions: [],
    });
    expect(await refused(fx, () => designateApplication(fx.em(), CITY_REVIEWER, { applicationId: designated.id }, '2023-04-21'))).toMatchObject({
      code: ErrorCode.INVALID_TRANSITION, currentState: Status.DESIGNATED,
    });
  });

  it('the step must be the one where the application waits', async () => {
    const submitted = await fx.walk(await fx.knowInstitution(), Status.SUBMITTED);
    expect(await refused(fx, () => declineApplication(fx.em(), CITY_REVIEWER, decline(submitted.id, TaiyuanStep.CITY, DeclineAction.RETURN), '2023-03-20'))).toMatchObject({
      code: ErrorCode.INVALID_TRANSITION, action: 'CITY_RETURN', currentState: Status.SUBMITTED, allowedActions: ['COUNTY_RECOMMEND', 'COUNTY_REJECT', 'COUNTY_RETURN'],
    });
    const reviewed = await fx.walk(await fx.knowInstitution(), Status.EXPERT_REVIEWED);
    expect(await refused(fx, () => declineApplication(fx.em(), countyReviewerOf(XIAODIAN), decline(reviewed.id, TaiyuanStep.COUNTY, DeclineAction.REJECT), '2023-04-12'))).toMatchObject({
      code: ErrorCode.INVALID_TRANSITION, action: 'COUNTY_REJECT', currentState: Status.EXPERT_REVIEWED,
    });
    const drafted = await draft();
    await refusedWith(fx, () => declineApplication(fx.em(), countyReviewerOf(XIAODIAN), decline(drafted.id, TaiyuanStep.COUNTY, DeclineAction.RETURN), '2023-03-20'), { code: ErrorCode.INVALID_TRANSITION });
  });

  it('the reviewer of the step decides: a county reviewer cannot act at the city step, nor the city at the county step', async () => {
    const submitted = await fx.walk(await fx.knowInstitution(), Status.SUBMITTED);
    await refusedWith(fx, () => declineApplication(fx.em(), CITY_REVIEWER, decline(submitted.id, TaiyuanStep.COUNTY, DeclineAction.REJECT), '2023-03-20'), { code: ErrorCode.FORBIDDEN });
    await refusedWith(fx, () => declineApplication(fx.em(), countyReviewerOf(YINGZE), decline(submitted.id, TaiyuanStep.COUNTY, DeclineAction.REJECT), '2023-03-20'), { code: ErrorCode.FORBIDDEN });
    const recommended = await fx.walk(await fx.knowInstitution(), Status.COUNTY_RECOMMENDED);
    await refusedWith(fx, () => declineApplication(fx.em(), countyReviewerOf(XIAODIAN), decline(recommended.id, TaiyuanStep.CITY, DeclineAction.REJECT), '2023-03-28'), { code: ErrorCode.FORBIDDEN });
  });

  it('a change against an older version is CONFLICT', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.SUBMITTED);
    expect(await refused(fx, () => recommendApplication(fx.em(), countyReviewerOf(XIAODIAN), recommendInput(application.id, survey(10), { expectedVersion: application.version - 1 }), '2023-03-20'))).toMatchObject({
      code: ErrorCode.CONFLICT, reason: 'STALE_VERSION', currentVersion: application.version,
    });
    await refusedWith(fx, () => declineApplication(fx.em(), countyReviewerOf(XIAODIAN), { ...decline(application.id, TaiyuanStep.COUNTY, DeclineAction.RETURN), expectedVersion: 99 }, '2023-03-20'), {
      code: ErrorCode.CONFLICT, reason: 'STALE_VERSION',
    });
    expect((await recommendApplication(fx.em(), countyReviewerOf(XIAODIAN), recommendInput(application.id, survey(10), { expectedVersion: application.version }), '2023-03-20')).status).toBe(Status.COUNTY_RECOMMENDED);
  });

  it('an institution has one application per campaign (CONFLICT)', async () => {
    const application = await draft();
    expect(await refused(fx, () => createApplication(fx.em(), applicantOf(application.institutionId), { institutionId: application.institutionId, campaignYear: 2023 }, '2023-03-17'))).toMatchObject({
      code: ErrorCode.CONFLICT, reason: 'DUPLICATE',
    });
  });

  it('an unknown application or institution is NOT_FOUND', async () => {
    await refusedWith(fx, () => submitApplication(fx.em(), ADMIN, '00000000-0000-4000-8000-000000000000', '2023-03-20'), { code: ErrorCode.NOT_FOUND });
    await refusedWith(fx, () => findApplication(fx.em(), 'not-a-uuid'), { code: ErrorCode.NOT_FOUND });
    const stranger = '00000000-0000-4000-8000-000000000001';
    await refusedWith(fx, () => createApplication(fx.em(), ADMIN, { institutionId: stranger, campaignYear: 2023 }, '2023-03-20'), { code: ErrorCode.NOT_FOUND });
  });
});

describe('the status history and the audit trail', () => {
  it('record every step in order, with who, when and the reason', async () => {
    const application = await fx.walk(await fx.knowInstitution(), Status.SUBMITTED);
    const applicant = applicantOf(application.institutionId);
    const county = countyReviewerOf(XIAODIAN);
    await declineApplication(fx.em(), county, decline(application.id, TaiyuanStep.COUNTY, DeclineAction.RETURN, '补充材料'), '2023-03-18');
    await submitApplication(fx.em(), applicant, application.id, '2023-03-19');
    await recommendApplication(fx.em(), county, recommendInput(application.id), '2023-03-21');
    await recordExpertReview(fx.em(), expertOf(2023), reviewInput(application.id, true, '2023-04-10'), '2023-04-10');
    await designateApplication(fx.em(), CITY_REVIEWER, { applicationId: application.id }, '2023-04-20');

    const history = await fx.em().find(StatusChange, { recordType: 'TaiyuanApplication', recordId: application.id }, { orderBy: { seq: 'asc' } });
    expect(history.map((h) => [h.fromStatus, h.action, h.toStatus, h.on, h.actorRole])).toEqual([
      [null, 'CREATE', Status.DRAFT, '2023-03-16', Role.APPLICANT],
      [Status.DRAFT, 'SUBMIT', Status.SUBMITTED, '2023-03-17', Role.APPLICANT],
      [Status.SUBMITTED, 'COUNTY_RETURN', Status.RETURNED, '2023-03-18', Role.COUNTY_REVIEWER],
      [Status.RETURNED, 'RESUBMIT', Status.SUBMITTED, '2023-03-19', Role.APPLICANT],
      [Status.SUBMITTED, 'COUNTY_RECOMMEND', Status.COUNTY_RECOMMENDED, '2023-03-21', Role.COUNTY_REVIEWER],
      [Status.COUNTY_RECOMMENDED, 'RECORD_EXPERT_REVIEW', Status.EXPERT_REVIEWED, '2023-04-10', Role.EXPERT],
      [Status.EXPERT_REVIEWED, 'DESIGNATE', Status.DESIGNATED, '2023-04-20', Role.CITY_REVIEWER],
    ]);
    expect(history[2].reason).toBe('补充材料');
    expect(history[6].reason).toContain('2026-04-19');

    // one audit entry per change (entries of the same millisecond have no order between them, so compare as sets)
    const audit = await fx.em().find(AuditEntry, { recordType: 'TaiyuanApplication', recordId: application.id });
    expect(audit.map((a) => a.action).sort()).toEqual(['COUNTY_RECOMMEND', 'COUNTY_RETURN', 'CREATE', 'DESIGNATE', 'RECORD_EXPERT_REVIEW', 'RESUBMIT', 'SUBMIT']);
    expect(audit.find((a) => a.action === 'COUNTY_RETURN')).toMatchObject({ actorId: county.id, reason: '补充材料', before: expect.objectContaining({ status: Status.SUBMITTED }), after: expect.objectContaining({ status: Status.RETURNED }) });
  });
});
