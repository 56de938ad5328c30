import { AssessmentItem } from '@sme/demonstration-platform';
import { DomainError, ReviewAction, Role, StatusChange, addDays, auditTrail, type AuthUser } from '@sme/kernel';
import { ADMIN, openPlatforms, passingDeclaration, refused, type PlatformFixture } from '../../../packages/demonstration-platform/test/support/platform-fixture';
import { createApplication, reviewApplication, submitApplication, updateApplication } from '../../../packages/demonstration-platform/src/applications/application.service';
import { recordExpertReview, recordOnSiteVisit } from '../../../packages/demonstration-platform/src/applications/provincial-checks.service';
import { decideAfterNotice } from '../../../packages/demonstration-platform/src/designations/designation.service';
import { PlatformApplication } from '../../../packages/demonstration-platform/src/applications/application.entity';
import { PlatformApplicationStatus as Status, PlatformDecision, PlatformReviewStep as Step } from '../../../packages/demonstration-platform/src/applications/application-status';
import { Designation } from '../../../packages/demonstration-platform/src/designations/designation.entity';
import { ningxiaProgramme } from '../src/programme';

/**
 * 宁 第九条至第十三条 through the engine's services on a real database: the applicant submits, the city assesses
 * and recommends (第十条), the region reviews with experts and an on-site visit (第十二条), publishes a notice of 5
 * working days (第十二条) and designates (第十三条), each refusal at its boundary. The platform is in 银川市兴庆区
 * (640104, city 640100) unless a test says otherwise.
 */

const config = ningxiaProgramme;
const RULE_SET = 'ningxia-measures';

const user = (role: AuthUser['role'], region: string | null, id: string, institutionId: string | null = null): AuthUser => ({
  id, name: null, role, region, institutionId, panel: null,
});
const YINCHUAN = user(Role.CITY_REVIEWER, '640100', 'city-yinchuan');
const REGION = user(Role.PROVINCE_REVIEWER, '640000', 'province-reviewer-a');
const REGION_B = user(Role.PROVINCE_REVIEWER, '640000', 'province-reviewer-b');
const applicantOf = (institutionId: string) => user(Role.APPLICANT, null, `applicant-${institutionId.slice(0, 8)}`, institutionId);

const ALL_ITEMS = [AssessmentItem.OPERATION, AssessmentItem.PERFORMANCE, AssessmentItem.SATISFACTION];
const assessment = (items: AssessmentItem[] = ALL_ITEMS) => ({ findings: items.map((item) => ({ item, finding: '情况属实' })), opinion: '同意推荐' });

let fx: PlatformFixture;
beforeAll(async () => (fx = await openPlatforms(config)));
afterAll(() => fx?.close());

const load = (id: string) => fx.em().findOneOrFail(PlatformApplication, { id });

type ReviewExtra = { reason?: string | null; assessment?: ReturnType<typeof assessment> | null; expectedVersion?: number | null; actor?: AuthUser };
const review = (id: string, step: Step, action: ReviewAction, on: string, extra: ReviewExtra = {}) => {
  const { actor, ...rest } = extra;
  return reviewApplication(fx.em(), config, actor ?? ADMIN, { applicationId: id, step, action, ...rest }, on);
};
const recommend = (id: string, on: string) => review(id, Step.CITY, ReviewAction.APPROVE, on, { assessment: assessment(), actor: YINCHUAN });
const expertReview = (id: string, on: string) =>
  recordExpertReview(fx.em(), config, REGION, { applicationId: id, panel: [{ name: '专家甲', title: '研究员', organisation: '宁夏大学' }], opinion: '建议认定', recommended: true, reviewedOn: on }, on);
const onSiteVisit = (id: string, on: string) =>
  recordOnSiteVisit(fx.em(), config, REGION, { applicationId: id, visitedOn: on, visitors: '自治区工业和信息化厅企业服务处', findings: '场所、设施与申报一致', confirmed: true }, on);

/** Submitted and recommended on `on`, both provincial checks recorded that day: waiting for the region's approval. */
async function recommended(on: string, institutionId?: string) {
  const application = await fx.submitted(institutionId ?? (await fx.knowInstitution()), on);
  await recommend(application.id, on);
  await expertReview(application.id, on);
  return onSiteVisit(application.id, on);
}

async function history(id: string) {
  const rows = await fx.em().find(StatusChange, { recordType: 'PlatformApplication', recordId: id }, { orderBy: { seq: 'asc' } });
  return rows.map((r) => ({ action: r.action, from: r.fromStatus, to: r.toStatus, on: r.on }));
}

describe('宁 第九条: application and submission', () => {
  it('refuses an institution registered outside Ningxia (济南市历下区 370102) with NOT_ELIGIBLE at create', async () => {
    const shandong = await fx.knowInstitution({ regionCode: '370102' });
    const error = await refused(fx, () => createApplication(fx.em(), config, ADMIN, passingDeclaration(shandong, '2025-09-01'), '2025-09-01'));
    expect(error).toMatchObject({ code: 'NOT_ELIGIBLE', failing: [{ code: 'REGISTERED_IN_PROVINCE', required: '640000', actual: '370102' }] });
  });

  it('takes the region and the recommending city from the registry: 石嘴山市大武口区 is recommended by 石嘴山市', async () => {
    const institution = await fx.knowInstitution({ regionCode: '640202' });
    const draft = await createApplication(fx.em(), config, applicantOf(institution), passingDeclaration(institution, '2025-09-01'), '2025-09-01');
    expect(draft).toMatchObject({ status: Status.DRAFT, regionCode: '640202', cityCode: '640200' });
  });

  it('fixes the campaign year and the rule set on the submission date, not on the day the draft was started', async () => {
    const institution = await fx.knowInstitution();
    const draft = await createApplication(fx.em(), config, applicantOf(institution), passingDeclaration(institution, '2026-01-05'), '2025-12-31');
    expect(draft).toMatchObject({ status: Status.DRAFT, campaignYear: 2025, ruleSetId: null, submittedOn: null });
    const submitted = await submitApplication(fx.em(), config, applicantOf(institution), draft.id, '2026-01-05');
    expect(submitted).toMatchObject({ status: Status.SUBMITTED, campaignYear: 2026, ruleSetId: RULE_SET, submittedOn: '2026-01-05' });
  });

  it('宁 第二十二条: refuses a draft on 2019-04-03 with NO_RULE_SET_IN_FORCE and judges one on 2019-04-04 by the measures', async () => {
    const institution = await fx.knowInstitution();
    expect(await refused(fx, () => createApplication(fx.em(), config, ADMIN, passingDeclaration(institution, '2019-04-03'), '2019-04-03')))
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_RULE_SET_IN_FORCE', jurisdiction: '640000' });
    const submitted = await fx.submitted(institution, '2019-04-04');
    expect(submitted).toMatchObject({ status: Status.SUBMITTED, campaignYear: 2019, ruleSetId: RULE_SET, submittedOn: '2019-04-04' });
  });

  it('refuses a second open application of the same institution with CONFLICT, and accepts one once the first is closed', async () => {
    const institution = await fx.knowInstitution();
    const first = await createApplication(fx.em(), config, ADMIN, passingDeclaration(institution, '2025-09-01'), '2025-09-01');
    expect(await refused(fx, () => createApplication(fx.em(), config, ADMIN, passingDeclaration(institution, '2025-09-02'), '2025-09-02')))
      .toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE' });
    await submitApplication(fx.em(), config, ADMIN, first.id, '2025-09-02');
    await recommend(first.id, '2025-09-03');
    expect(await refused(fx, () => createApplication(fx.em(), config, ADMIN, passingDeclaration(institution, '2025-09-04'), '2025-09-04')))
      .toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE' });
    await review(first.id, Step.PROVINCE, ReviewAction.REJECT, '2025-09-05', { reason: '服务业绩材料不实' });
    expect(await createApplication(fx.em(), config, ADMIN, passingDeclaration(institution, '2025-09-08'), '2025-09-08')).toMatchObject({ status: Status.DRAFT });
  });
});

describe('宁 第十条: the city recommends with its assessment of 运营情况、服务业绩、满意度', () => {
  it('refuses an approval without the assessment, naming the three items', async () => {
    const application = await fx.submitted(await fx.knowInstitution(), '2025-09-10');
    const error = await refused(fx, () => review(application.id, Step.CITY, ReviewAction.APPROVE, '2025-09-19', { actor: YINCHUAN }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ASSESSMENT_REQUIRED', items: ALL_ITEMS });
    expect(error.messageZh).toContain('宁 第十条');
  });

  it('refuses an assessment missing an item, one with an item Ningxia does not ask for, and one with an item twice', async () => {
    const application = await fx.submitted(await fx.knowInstitution(), '2025-09-10');
    const approve = (a: ReturnType<typeof assessment>) => review(application.id, Step.CITY, ReviewAction.APPROVE, '2025-09-19', { assessment: a, actor: YINCHUAN });

    expect(await refused(fx, () => approve(assessment([AssessmentItem.OPERATION, AssessmentItem.PERFORMANCE]))))
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ASSESSMENT_INCOMPLETE', missing: [AssessmentItem.SATISFACTION] });
    // 完成政府部门委托的任务情况 is an item of 鲁 第十八条, not of 宁 第十条
    expect(await refused(fx, () => approve(assessment([...ALL_ITEMS, AssessmentItem.GOVERNMENT_TASKS]))))
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_ASSESSMENT_ITEM', value: AssessmentItem.GOVERNMENT_TASKS });
    expect(await refused(fx, () => approve(assessment([AssessmentItem.OPERATION, AssessmentItem.PERFORMANCE, AssessmentItem.SATISFACTION, AssessmentItem.PERFORMANCE]))))
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DUPLICATE_ASSESSMENT_ITEM', value: AssessmentItem.PERFORMANCE });

    const approved = await approve(assessment([AssessmentItem.SATISFACTION, AssessmentItem.OPERATION, AssessmentItem.PERFORMANCE]));
    expect(approved.status).toBe(Status.CITY_RECOMMENDED);
    expect(approved.cityAssessment).toMatchObject({ opinion: '同意推荐', recommendedOn: '2025-09-19' });
    expect(approved.cityAssessment!.findings.map((f) => f.item)).toEqual([AssessmentItem.SATISFACTION, AssessmentItem.OPERATION, AssessmentItem.PERFORMANCE]);
  });


  it('refuses the approval with NOT_ELIGIBLE for 49 SMEs served in 2024 (宁 第六条（二）), and approves 50', async () => {
    const declaring = async (served: number) => {
      const institution = await fx.knowInstitution();
      return fx.submitted(institution, '2025-09-10', passingDeclaration(institution, '2025-09-10', { servedByYear: [{ year: 2023, smesServed: 45 }, { year: 2024, smesServed: served }] }));
    };
    const short = await declaring(49);
    const error = await refused(fx, () => recommend(short.id, '2025-09-19'));
    expect(error).toMatchObject({ code: 'NOT_ELIGIBLE', failing: [{ code: 'SMES_SERVED', article: '宁 第六条（二）', actual: '49 家' }] });
    expect(error.failing).toHaveLength(1);
    // REJECT is still open to the city
    expect(await review(short.id, Step.CITY, ReviewAction.REJECT, '2025-09-19', { reason: '年服务中小企业不足 50 家', actor: YINCHUAN })).toMatchObject({ status: Status.CITY_REJECTED });

    expect(await recommend((await declaring(50)).id, '2025-09-19')).toMatchObject({ status: Status.CITY_RECOMMENDED });
  });

  it('refuses a review naming the wrong step with INVALID_TRANSITION and the actions allowed', async () => {
    const application = await fx.submitted(await fx.knowInstitution(), '2025-09-10');
    expect(await refused(fx, () => review(application.id, Step.PROVINCE, ReviewAction.APPROVE, '2025-09-19'))).toMatchObject({
      code: 'INVALID_TRANSITION', currentState: Status.SUBMITTED, action: 'PROVINCE_APPROVE', allowedActions: ['CITY_APPROVE', 'CITY_REJECT', 'CITY_RETURN'],
    });
    await recommend(application.id, '2025-09-19');
    // a second click on the city's approval must not approve the provincial step
    expect(await refused(fx, () => review(application.id, Step.CITY, ReviewAction.APPROVE, '2025-09-19', { assessment: assessment() }))).toMatchObject({
      code: 'INVALID_TRANSITION', currentState: Status.CITY_RECOMMENDED, action: 'CITY_APPROVE',
      allowedActions: ['PROVINCE_APPROVE', 'PROVINCE_REJECT', 'PROVINCE_RETURN', 'RECORD_EXPERT_REVIEW', 'RECORD_ON_SITE_VISIT'],
    });
  });
});

describe('宁 第十二条: the region approves only after the expert review and the on-site visit', () => {
  it('refuses with INVALID_TRANSITION (CHECKS_MISSING) until both are recorded', async () => {
    const application = await fx.submitted(await fx.knowInstitution(), '2025-09-10');
    await recommend(application.id, '2025-09-19');
    const approve = () => review(application.id, Step.PROVINCE, ReviewAction.APPROVE, '2025-09-29', { actor: REGION });

    const none = await refused(fx, approve);
    expect(none).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CHECKS_MISSING', currentState: Status.CITY_RECOMMENDED, missing: ['EXPERT_REVIEW', 'ON_SITE_VISIT'], article: '宁 第十二条' });
    expect(none.messageZh).toContain('专家评审和实地考察');

    await expertReview(application.id, '2025-09-25');
    expect(await refused(fx, approve)).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CHECKS_MISSING', missing: ['ON_SITE_VISIT'] });

    await onSiteVisit(application.id, '2025-09-26');
    expect(await approve()).toMatchObject({ status: Status.IN_PUBLIC_NOTICE, noticeStartsOn: '2025-09-29' });
  });

  it('refuses with CHECKS_MISSING when only the on-site visit is recorded', async () => {
    const application = await fx.submitted(await fx.knowInstitution(), '2025-09-10');
    await recommend(application.id, '2025-09-19');
    await onSiteVisit(application.id, '2025-09-26');
    expect(await refused(fx, () => review(application.id, Step.PROVINCE, ReviewAction.APPROVE, '2025-09-29')))
      .toMatchObject({ code: 'INVALID_TRANSITION', reason: 'CHECKS_MISSING', missing: ['EXPERT_REVIEW'] });
  });

  it('refuses to record a check before the city has recommended, or dated before the recommendation', async () => {
    const application = await fx.submitted(await fx.knowInstitution(), '2025-09-10');
    expect(await refused(fx, () => expertReview(application.id, '2025-09-18'))).toMatchObject({ code: 'INVALID_TRANSITION', action: 'RECORD_EXPERT_REVIEW', currentState: Status.SUBMITTED });
    await recommend(application.id, '2025-09-19');
    expect(await refused(fx, () => onSiteVisit(application.id, '2025-09-18'))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_ORDER', field: 'visitedOn' });
    expect((await onSiteVisit(application.id, '2025-09-19')).onSiteVisit).toMatchObject({ visitedOn: '2025-09-19', confirmed: true });
  });
});

describe('宁 第十二条: the notice lasts 5 working days on the official calendar', () => {
  it.each([
    // 9-30 is day 1; 10-01..10-08 National Day and Mid-Autumn; 10-09, 10-10, then Saturday 10-11 is a make-up working day
    ['2025-09-29', '2025-10-13'],
    ['2025-09-30', '2025-10-14'],
    // Sunday 2024-09-29 is a make-up working day; 10-01..10-07 off
    ['2024-09-27', '2024-10-10'],
    // the last notice the calendar can carry ends on 2026-12-31
    ['2026-12-24', '2026-12-31'],
  ])('approved on %s, the notice ends on %s', async (approvedOn, endsOn) => {
    const application = await recommended(addDays(approvedOn, -3));
    const approved = await review(application.id, Step.PROVINCE, ReviewAction.APPROVE, approvedOn, { actor: REGION });
    expect(approved).toMatchObject({ status: Status.IN_PUBLIC_NOTICE, noticeStartsOn: approvedOn, noticeEndsOn: endsOn });
  });

  it('refuses an approval on 2026-12-25, whose notice would run into 2027, which the calendar does not cover', async () => {
    const application = await recommended('2026-12-21');
    expect(await refused(fx, () => review(application.id, Step.PROVINCE, ReviewAction.APPROVE, '2026-12-25')))
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CALENDAR_YEAR_NOT_PUBLISHED', year: 2027 });
  });
});

describe('宁 第十三条: designation after a notice without objection, 3 years (宁 第十七条)', () => {
  it('refuses DESIGNATE on the notice\'s last day (NOTICE_NOT_ENDED) and designates the day after, valid through the day before the third anniversary', async () => {
    const application = await recommended('2025-09-26');
    const noticed = await review(application.id, Step.PROVINCE, ReviewAction.APPROVE, '2025-09-29', { actor: REGION });
    expect(noticed.noticeEndsOn).toBe('2025-10-13');
    const designate = (on: string) => decideAfterNotice(fx.em(), config, REGION, { applicationId: application.id, decision: PlatformDecision.DESIGNATE }, on);

    expect(await refused(fx, () => designate('2025-10-13'))).toMatchObject({
      code: 'INVALID_TRANSITION', reason: 'NOTICE_NOT_ENDED', noticeEndsOn: '2025-10-13', currentState: Status.IN_PUBLIC_NOTICE, allowedActions: ['REJECT_AFTER_NOTICE'],
    });

    const designated = await designate('2025-10-14');
    expect(designated).toMatchObject({ status: Status.DESIGNATED, closedOn: '2025-10-14' });
    const designation = await fx.em().findOneOrFail(Designation, { id: designated.designationId! });
    expect(designation).toMatchObject({
      institutionId: application.institutionId, applicationId: application.id, ruleSetId: RULE_SET, campaignYear: 2025,
      regionCode: '640104', cityCode: '640100', functions: ['INFORMATION'], designatedOn: '2025-10-14', validUntil: '2028-10-13',
      revokedOn: null, applicationBannedUntil: null, nationalRecommendationYear: null,
    });

    expect(await refused(fx, () => designate('2025-10-15'))).toMatchObject({ code: 'INVALID_TRANSITION', currentState: Status.DESIGNATED, allowedActions: [] });
  });

  it('counts 3 years from the day of designation across a year end: designated 2024-12-31, valid through 2027-12-30', async () => {
    const noticed = await fx.inNotice(await fx.knowInstitution(), '2024-12-20');
    expect(noticed.noticeEndsOn).toBe('2024-12-27');
    const designated = await decideAfterNotice(fx.em(), config, ADMIN, { applicationId: noticed.id, decision: PlatformDecision.DESIGNATE }, '2024-12-31');
    expect(await fx.em().findOneOrFail(Designation, { id: designated.designationId! })).toMatchObject({ designatedOn: '2024-12-31', validUntil: '2027-12-30', campaignYear: 2024 });
  });

  it('REJECT after an objection needs a reason, and closes the application as NOT_DESIGNATED', async () => {
    const noticed = await fx.inNotice(await fx.knowInstitution(), '2025-09-29');
    const reject = (reason: string | null) => decideAfterNotice(fx.em(), config, REGION, { applicationId: noticed.id, decision: PlatformDecision.REJECT, reason }, '2025-10-13');
    for (const reason of [null, '', '  ']) {
      expect(await refused(fx, () => reject(reason))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED', field: 'reason' });
    }
    const rejected = await reject('公示期间收到实名异议，经核实服务业绩不实');
    expect(rejected).toMatchObject({ status: Status.NOT_DESIGNATED, rejectionReason: '公示期间收到实名异议，经核实服务业绩不实', closedOn: '2025-10-13', designationId: null });
    expect(await fx.em().count(Designation, { applicationId: noticed.id })).toBe(0);
    expect(await refused(fx, () => decideAfterNotice(fx.em(), config, REGION, { applicationId: noticed.id, decision: PlatformDecision.DESIGNATE }, '2025-10-14')))
      .toMatchObject({ code: 'INVALID_TRANSITION', currentState: Status.NOT_DESIGNATED, allowedActions: [] });
  });
});

describe('return for revision (退回): back to the step that returned it', () => {
  it('at the CITY step: needs what to fix; the resubmission in the next year keeps its submission date, campaign year and rule set', async () => {
    const institution = await fx.knowInstitution();
    const application = await fx.submitted(institution, '2025-12-22');
    for (const reason of [null, '']) {
      expect(await refused(fx, () => review(application.id, Step.CITY, ReviewAction.RETURN, '2025-12-29', { reason, actor: YINCHUAN })))
        .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
    }
    const returned = await review(application.id, Step.CITY, ReviewAction.RETURN, '2025-12-29', { reason: '请补充用户满意度评价', actor: YINCHUAN });
    expect(returned).toMatchObject({ status: Status.RETURNED, returnedStep: Step.CITY, returnReason: '请补充用户满意度评价' });
    expect(await refused(fx, () => recommend(application.id, '2025-12-30'))).toMatchObject({ code: 'INVALID_TRANSITION', currentState: Status.RETURNED, allowedActions: ['UPDATE', 'RESUBMIT'] });

    await updateApplication(fx.em(), config, applicantOf(institution), application.id, { declared: { satisfactionPercent: 96 } }, '2026-01-05');
    const resubmitted = await submitApplication(fx.em(), config, applicantOf(institution), application.id, '2026-01-06');
    expect(resubmitted).toMatchObject({
      status: Status.SUBMITTED, returnedStep: null, returnReason: null, submittedOn: '2025-12-22', campaignYear: 2025, ruleSetId: RULE_SET,
    });
    expect(resubmitted.declared.satisfactionPercent).toBe(96);
    expect(await recommend(application.id, '2026-01-08')).toMatchObject({ status: Status.CITY_RECOMMENDED });
  });

  it('at the PROVINCE step: the resubmission goes back to the region, with the city\'s recommendation and the checks kept', async () => {
    const application = await recommended('2025-09-19');
    for (const reason of [null, '   ']) {
      expect(await refused(fx, () => review(application.id, Step.PROVINCE, ReviewAction.RETURN, '2025-09-24', { reason, actor: REGION })))
        .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
    }
    const returned = await review(application.id, Step.PROVINCE, ReviewAction.RETURN, '2025-09-24', { reason: '补充上一年度专项审计报告', actor: REGION });
    expect(returned).toMatchObject({ status: Status.RETURNED, returnedStep: Step.PROVINCE, returnReason: '补充上一年度专项审计报告' });

    const resubmitted = await submitApplication(fx.em(), config, ADMIN, application.id, '2025-09-26');
    expect(resubmitted).toMatchObject({ status: Status.CITY_RECOMMENDED, returnedStep: null, submittedOn: '2025-09-19', campaignYear: 2025, ruleSetId: RULE_SET });
    expect(resubmitted.cityAssessment).toMatchObject({ recommendedOn: '2025-09-19' });
    expect(await review(application.id, Step.PROVINCE, ReviewAction.APPROVE, '2025-09-29', { actor: REGION })).toMatchObject({ status: Status.IN_PUBLIC_NOTICE, noticeEndsOn: '2025-10-13' });
  });
});

describe('reject (驳回) is final at each step', () => {
  it('at the CITY step: needs a reason; afterwards nothing is allowed', async () => {
    const application = await fx.submitted(await fx.knowInstitution(), '2025-09-10');
    expect(await refused(fx, () => review(application.id, Step.CITY, ReviewAction.REJECT, '2025-09-19', { actor: YINCHUAN })))
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
    const rejected = await review(application.id, Step.CITY, ReviewAction.REJECT, '2025-09-19', { reason: '服务场所与申报不符', actor: YINCHUAN });
    expect(rejected).toMatchObject({ status: Status.CITY_REJECTED, rejectionReason: '服务场所与申报不符', closedOn: '2025-09-19' });

    const none = { code: 'INVALID_TRANSITION', currentState: Status.CITY_REJECTED, allowedActions: [] };
    expect(await refused(fx, () => recommend(application.id, '2025-09-22'))).toMatchObject(none);
    expect(await refused(fx, () => review(application.id, Step.CITY, ReviewAction.RETURN, '2025-09-22', { reason: '重新考虑' }))).toMatchObject(none);
    expect(await refused(fx, () => submitApplication(fx.em(), config, ADMIN, application.id, '2025-09-22'))).toMatchObject({ ...none, action: 'SUBMIT' });
    expect(await refused(fx, () => updateApplication(fx.em(), config, ADMIN, application.id, { contactPerson: '李四' }, '2025-09-22'))).toMatchObject({ ...none, action: 'UPDATE' });
  });

  it('at the PROVINCE step: needs a reason; afterwards nothing is allowed', async () => {
    const application = await recommended('2025-09-19');
    expect(await refused(fx, () => review(application.id, Step.PROVINCE, ReviewAction.REJECT, '2025-09-29', { reason: '', actor: REGION })))
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
    const rejected = await review(application.id, Step.PROVINCE, ReviewAction.REJECT, '2025-09-29', { reason: '专家评审未通过', actor: REGION });
    expect(rejected).toMatchObject({ status: Status.PROVINCE_REJECTED, rejectionReason: '专家评审未通过', closedOn: '2025-09-29', noticeEndsOn: null });

    const none = { code: 'INVALID_TRANSITION', currentState: Status.PROVINCE_REJECTED, allowedActions: [] };
    expect(await refused(fx, () => review(application.id, Step.PROVINCE, ReviewAction.APPROVE, '2025-09-30'))).toMatchObject({ ...none, action: 'PROVINCE_APPROVE' });
    expect(await refused(fx, () => expertReview(application.id, '2025-09-30'))).toMatchObject({ ...none, action: 'RECORD_EXPERT_REVIEW' });
    expect(await refused(fx, () => decideAfterNotice(fx.em(), config, ADMIN, { applicationId: application.id, decision: PlatformDecision.DESIGNATE }, '2025-10-14')))
      .toMatchObject({ ...none, action: 'DESIGNATE' });
  });
});

describe('concurrent reviews', () => {
  it('of two regional reviewers approving the same version at once, exactly one wins and the other gets CONFLICT', async () => {
    const application = await recommended('2025-09-26');
    const { version } = await load(application.id);
    const approve = (actor: AuthUser) => review(application.id, Step.PROVINCE, ReviewAction.APPROVE, '2025-09-29', { actor, expectedVersion: version });
    const results = await Promise.allSettled([approve(REGION), approve(REGION_B)]);

    const won = results.filter((r): r is PromiseFulfilledResult<PlatformApplication> => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(DomainError);
    expect(lost[0].reason).toMatchObject({ code: 'CONFLICT', extensions: { reason: 'STALE_VERSION' } });

    const stored = await load(application.id);
    expect(stored).toMatchObject({ status: Status.IN_PUBLIC_NOTICE, noticeEndsOn: '2025-10-13', version: version + 1 });
    expect((await history(application.id)).filter((h) => h.action === 'PROVINCE_APPROVE')).toHaveLength(1);
  });

  it('refuses a review against an older version with CONFLICT, naming the current one', async () => {
    const application = await recommended('2025-09-26');
    const { version } = await load(application.id);
    expect(await refused(fx, () => review(application.id, Step.PROVINCE, ReviewAction.APPROVE, '2025-09-29', { expectedVersion: version - 1 })))
      .toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', currentVersion: version });
  });
});

describe('status history', () => {
  it('lists every transition in order, with returns, resubmissions and the designation', async () => {
    const institution = await fx.knowInstitution();
    const applicant = applicantOf(institution);
    const draft = await createApplication(fx.em(), config, applicant, passingDeclaration(institution, '2025-09-01'), '2025-09-01');
    await submitApplication(fx.em(), config, applicant, draft.id, '2025-09-02');
    await review(draft.id, Step.CITY, ReviewAction.RETURN, '2025-09-03', { reason: '补充服务协议', actor: YINCHUAN });
    await updateApplication(fx.em(), config, applicant, draft.id, { contactPhone: '0951-6038381' }, '2025-09-04');
    await submitApplication(fx.em(), config, applicant, draft.id, '2025-09-05');
    await recommend(draft.id, '2025-09-08');
    await review(draft.id, Step.PROVINCE, ReviewAction.RETURN, '2025-09-09', { reason: '补充设备清单', actor: REGION });
    await submitApplication(fx.em(), config, applicant, draft.id, '2025-09-10');
    await expertReview(draft.id, '2025-09-24');
    await onSiteVisit(draft.id, '2025-09-25');
    await review(draft.id, Step.PROVINCE, ReviewAction.APPROVE, '2025-09-29', { actor: REGION });
    const designated = await decideAfterNotice(fx.em(), config, REGION, { applicationId: draft.id, decision: PlatformDecision.DESIGNATE }, '2025-10-14');

    expect(await history(draft.id)).toEqual([
      { action: 'CREATE', from: null, to: 'DRAFT', on: '2025-09-01' },
      { action: 'SUBMIT', from: 'DRAFT', to: 'SUBMITTED', on: '2025-09-02' },
      { action: 'CITY_RETURN', from: 'SUBMITTED', to: 'RETURNED', on: '2025-09-03' },
      { action: 'RESUBMIT', from: 'RETURNED', to: 'SUBMITTED', on: '2025-09-05' },
      { action: 'CITY_APPROVE', from: 'SUBMITTED', to: 'CITY_RECOMMENDED', on: '2025-09-08' },
      { action: 'PROVINCE_RETURN', from: 'CITY_RECOMMENDED', to: 'RETURNED', on: '2025-09-09' },
      { action: 'RESUBMIT', from: 'RETURNED', to: 'CITY_RECOMMENDED', on: '2025-09-10' },
      { action: 'PROVINCE_APPROVE', from: 'CITY_RECOMMENDED', to: 'IN_PUBLIC_NOTICE', on: '2025-09-29' },
      { action: 'DESIGNATE', from: 'IN_PUBLIC_NOTICE', to: 'DESIGNATED', on: '2025-10-14' },
    ]);
    const rows = await fx.em().find(StatusChange, { recordType: 'PlatformApplication', recordId: draft.id }, { orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.actorRole, r.actorId])).toEqual([
      ['APPLICANT', applicant.id], ['APPLICANT', applicant.id], ['CITY_REVIEWER', 'city-yinchuan'], ['APPLICANT', applicant.id],
      ['CITY_REVIEWER', 'city-yinchuan'], ['PROVINCE_REVIEWER', 'province-reviewer-a'], ['APPLICANT', applicant.id], ['PROVINCE_REVIEWER', 'province-reviewer-a'],
      ['PROVINCE_REVIEWER', 'province-reviewer-a'],
    ]);
    expect(rows[2].reason).toBe('补充服务协议');
    expect(rows[7].reason).toContain('公示至 2025-10-13（宁 第十二条）');
    // the edit while returned and the provincial checks change no status: they are in the audit trail
    expect((await auditTrail(fx.em(), 'PlatformApplication', draft.id)).map((e) => e.action)).toEqual([
      'CREATE', 'SUBMIT', 'CITY_RETURN', 'UPDATE', 'RESUBMIT', 'CITY_APPROVE', 'PROVINCE_RETURN', 'RESUBMIT',
      'RECORD_EXPERT_REVIEW', 'RECORD_ON_SITE_VISIT', 'PROVINCE_APPROVE', 'DESIGNATE',
    ]);

    const designationHistory = await fx.em().find(StatusChange, { recordType: 'DemonstrationPlatform', recordId: designated.designationId! }, { orderBy: { seq: 'asc' } });
    expect(designationHistory.map((r) => [r.action, r.fromStatus, r.toStatus, r.on])).toEqual([['DESIGNATE', null, 'DESIGNATED', '2025-10-14']]);
    expect(designationHistory[0].reason).toContain('有效期至 2028-10-13');
  });
});
