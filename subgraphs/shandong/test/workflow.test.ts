import { EligibilityOutcome, PlatformDesignationStatus, ReviewAction, Role, designationStatus, type AuthUser } from '@sme/kernel';
import { AssessmentItem, PlatformApplicationStatus as Status, PlatformDecision, PlatformReviewStep, PriorRecognitionKind } from '@sme/demonstration-platform';
import { createApplication, reviewApplication, submitApplication } from '../../../packages/demonstration-platform/src/applications/application.service';
import { eligibilityOf } from '../../../packages/demonstration-platform/src/applications/application-eligibility';
import { decideAfterNotice } from '../../../packages/demonstration-platform/src/designations/designation.service';
import { Designation } from '../../../packages/demonstration-platform/src/designations/designation.entity';
import { PlatformApplication } from '../../../packages/demonstration-platform/src/applications/application.entity';
import type { CreateApplicationInput } from '../../../packages/demonstration-platform/src/applications/application.inputs';
import { ADMIN, openPlatforms, passingDeclaration, refused, type PlatformFixture } from '../../../packages/demonstration-platform/test/support/platform-fixture';
import { criterion } from '../../../packages/demonstration-platform/test/support/report-helpers';
import { shandongProgramme } from '../src/programme';

/**
 * The Shandong workflow (鲁工信发〔2020〕4号 第十七条至第二十三条、第二十九条): the measures' dates, the city's
 * assessment and recommendation, the provincial review, the notice of 5 working days and the 3-year designation.
 * Institutions are in 济南市历下区 (370102) unless a test says otherwise, so the recommending city is 济南 (370100).
 */

const config = shandongProgramme;
const RULE_SET = 'lu-gongxinfa-2020-4';

const applicant = (institutionId: string): AuthUser => ({ id: `applicant-${institutionId.slice(0, 8)}`, name: '申报人', role: Role.APPLICANT, region: null, institutionId, panel: null });
const jinanReviewer: AuthUser = { id: 'jinan-city', name: '济南市工信局', role: Role.CITY_REVIEWER, region: '370100', institutionId: null, panel: null };
const provinceReviewer: AuthUser = { id: 'shandong-province', name: '省工信厅', role: Role.PROVINCE_REVIEWER, region: '370000', institutionId: null, panel: null };

let fx: PlatformFixture;
beforeAll(async () => (fx = await openPlatforms(config)));
afterAll(() => fx?.close());

const create = (institutionId: string, on: string, input: CreateApplicationInput = passingDeclaration(institutionId, on)) =>
  createApplication(fx.em(), config, ADMIN, input, on);

const recommend = (application: PlatformApplication, on: string, items: readonly AssessmentItem[] = config.workflow.assessmentItems, user: AuthUser = ADMIN) =>
  reviewApplication(fx.em(), config, user, {
    applicationId: application.id, step: PlatformReviewStep.CITY, action: ReviewAction.APPROVE,
    assessment: { findings: items.map((item) => ({ item, finding: '情况良好' })), opinion: '同意推荐' },
  }, on);

describe('鲁 第二十九条: the measures apply to submissions from 2020-10-07 through 2023-10-06', () => {
  it('2020-10-06, the day before: no draft, BAD_USER_INPUT NO_RULE_SET_IN_FORCE, nothing written', async () => {
    const institution = await fx.knowInstitution();
    const error = await refused(fx, () => create(institution, '2020-10-06'));
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT', reason: 'NO_RULE_SET_IN_FORCE', jurisdiction: '370000', submittedOn: '2020-10-06',
      ruleSets: [{ id: RULE_SET, inForceFrom: '2020-10-07', inForceUntil: '2023-10-06', article: '鲁 第二十九条' }],
    });
    expect(error.messageZh).toContain('鲁工信发〔2020〕4号');
  });

  it.each(['2020-10-07', '2023-10-06'])('%s, a day in force: created, submitted and judged by 鲁工信发〔2020〕4号', async (day) => {
    const institution = await fx.knowInstitution();
    const application = await fx.submitted(institution, day);
    expect(application).toMatchObject({ status: Status.SUBMITTED, submittedOn: day, ruleSetId: RULE_SET, campaignYear: Number(day.slice(0, 4)), cityCode: '370100' });
    const report = await eligibilityOf(fx.em(), config, application, day);
    // no FAIL; the online system is attested, which a reviewer confirms (NEEDS_REVIEW)
    expect(report).toMatchObject({ asOf: day, outcome: EligibilityOutcome.NEEDS_REVIEW });
    expect(report.ruleSet).toContain('鲁工信发〔2020〕4号');
  });

  it('2023-10-07, the day after: no draft, NO_RULE_SET_IN_FORCE', async () => {
    const institution = await fx.knowInstitution();
    expect(await refused(fx, () => create(institution, '2023-10-07'))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_RULE_SET_IN_FORCE', submittedOn: '2023-10-07' });
  });

  it('a draft created on 2023-10-06 and submitted on 2023-10-07 is refused at submission and stays a draft', async () => {
    const institution = await fx.knowInstitution();
    const draft = await create(institution, '2023-10-06');
    expect(draft).toMatchObject({ status: Status.DRAFT, submittedOn: null, ruleSetId: null });
    const error = await refused(fx, () => submitApplication(fx.em(), config, ADMIN, draft.id, '2023-10-07'));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_RULE_SET_IN_FORCE', submittedOn: '2023-10-07' });
    expect(await fx.em().findOneOrFail(PlatformApplication, { id: draft.id })).toMatchObject({ status: Status.DRAFT, submittedOn: null });
  });
});

describe('鲁 第十八条: the city recommends with its assessment of four items, 完成政府部门委托的任务情况 among them', () => {
  it('Shandong’s form has the four items, in the article’s order', () => {
    expect(config.workflow.assessmentItems).toEqual([AssessmentItem.OPERATION, AssessmentItem.PERFORMANCE, AssessmentItem.SATISFACTION, AssessmentItem.GOVERNMENT_TASKS]);
  });

  it('refuses a recommendation without GOVERNMENT_TASKS (3 of 4) or without an assessment, and accepts the four', async () => {
    const application = await fx.submitted(await fx.knowInstitution(), '2022-06-01');
    const threeItems = [AssessmentItem.OPERATION, AssessmentItem.PERFORMANCE, AssessmentItem.SATISFACTION];
    expect(await refused(fx, () => recommend(application, '2022-06-02', threeItems))).toMatchObject({
      code: 'BAD_USER_INPUT', reason: 'ASSESSMENT_INCOMPLETE', missing: [AssessmentItem.GOVERNMENT_TASKS],
    });
    expect(await refused(fx, () => reviewApplication(fx.em(), config, ADMIN, { applicationId: application.id, step: PlatformReviewStep.CITY, action: ReviewAction.APPROVE }, '2022-06-02')))
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ASSESSMENT_REQUIRED', items: config.workflow.assessmentItems });

    const recommended = await recommend(application, '2022-06-02');
    expect(recommended.status).toBe(Status.CITY_RECOMMENDED);
    expect(recommended.cityAssessment).toMatchObject({ recommendedOn: '2022-06-02', opinion: '同意推荐' });
    expect(recommended.cityAssessment!.findings.map((f) => f.item)).toEqual(config.workflow.assessmentItems);
  });
});

describe('鲁 第二十条: the province reviews the materials; no expert review or on-site visit is a precondition', () => {
  it('requiredChecks is empty, and the province approves with neither recorded', async () => {
    expect(config.workflow.requiredChecks).toEqual([]);
    const application = await fx.submitted(await fx.knowInstitution(), '2022-06-01');
    await recommend(application, '2022-06-02');
    const approved = await reviewApplication(fx.em(), config, provinceReviewer, { applicationId: application.id, step: PlatformReviewStep.PROVINCE, action: ReviewAction.APPROVE }, '2022-06-06');
    expect(approved).toMatchObject({ status: Status.IN_PUBLIC_NOTICE, expertReview: null, onSiteVisit: null, noticeStartsOn: '2022-06-06' });
  });
});

describe('鲁 第十四条（四）: a city-level platform or a provincial department / association recognition on the submission date', () => {
  const SUBMITTED_ON = '2022-06-01';
  const withRecognitions = (institutionId: string, recognisedOn: string[]): CreateApplicationInput => ({
    ...passingDeclaration(institutionId, SUBMITTED_ON),
    priorRecognitions: recognisedOn.map((day) => ({ kind: PriorRecognitionKind.PROVINCIAL_DEPARTMENT, issuer: '山东省科学技术厅', documentNumber: '鲁科字〔2022〕1号', recognisedOn: day })),
  });

  it.each<[string, string[]]>([
    ['no recognition at all', []],
    ['a recognition dated the day after the submission (2022-06-02)', ['2022-06-02']],
  ])('%s: the city cannot recommend (NOT_ELIGIBLE naming PRIOR_RECOGNITION)', async (_, dates) => {
    const institution = await fx.knowInstitution();
    const application = await fx.submitted(institution, SUBMITTED_ON, withRecognitions(institution, dates));
    const error = await refused(fx, () => recommend(application, '2022-06-03'));
    expect(error.code).toBe('NOT_ELIGIBLE');
    expect(error.failing).toEqual([expect.objectContaining({ code: 'PRIOR_RECOGNITION', article: '鲁 第十四条（四）', actual: '无' })]);
  });

  it('a recognition dated on the submission day counts: recommended', async () => {
    const institution = await fx.knowInstitution();
    const application = await fx.submitted(institution, SUBMITTED_ON, withRecognitions(institution, [SUBMITTED_ON]));
    expect((await recommend(application, '2022-06-03')).status).toBe(Status.CITY_RECOMMENDED);
  });
});

describe('鲁 第十四条第二款: 事业单位、民办非企、社团法人 — assets ≥ 100万元 and full-time staff ≥ 10', () => {
  const ON = '2022-06-01';
  const relaxedFigures = (institutionId: string, totalAssets: number, serviceStaff: number, qualifiedServiceStaff: number) =>
    passingDeclaration(institutionId, ON, { totalAssets, serviceStaff, qualifiedServiceStaff });

  it.each(['PUBLIC_INSTITUTION', 'PRIVATE_NON_ENTERPRISE', 'SOCIAL_ORGANIZATION'])('%s with 100万元 and 10 staff (8 qualified, 80%%): RELAXED_PASS, recommended', async (legalForm) => {
    const institution = await fx.knowInstitution({ legalForm });
    const application = await fx.submitted(institution, ON, relaxedFigures(institution, 100, 10, 8));
    const report = await eligibilityOf(fx.em(), config, application, ON);
    expect(criterion(report, 'TOTAL_ASSETS')).toMatchObject({ outcome: EligibilityOutcome.RELAXED_PASS, actual: '100 万元' });
    expect(criterion(report, 'SERVICE_STAFF')).toMatchObject({ outcome: EligibilityOutcome.RELAXED_PASS, actual: '10 人' });
    expect(criterion(report, 'TOTAL_ASSETS').note).toContain('鲁 第十四条第二款');
    expect(criterion(report, 'QUALIFIED_STAFF_SHARE').outcome).toBe(EligibilityOutcome.PASS);
    expect((await recommend(application, '2022-06-02')).status).toBe(Status.CITY_RECOMMENDED);
  });

  it('a PUBLIC_INSTITUTION with 99万元: NOT_ELIGIBLE on TOTAL_ASSETS alone', async () => {
    const institution = await fx.knowInstitution({ legalForm: 'PUBLIC_INSTITUTION' });
    const application = await fx.submitted(institution, ON, relaxedFigures(institution, 99, 10, 8));
    const error = await refused(fx, () => recommend(application, '2022-06-02'));
    expect(error).toMatchObject({ code: 'NOT_ELIGIBLE', failing: [{ code: 'TOTAL_ASSETS', article: '鲁 第十四条（一）', actual: '99 万元' }] });
  });

  it('a PUBLIC_INSTITUTION with 9 full-time staff: NOT_ELIGIBLE on SERVICE_STAFF alone', async () => {
    const institution = await fx.knowInstitution({ legalForm: 'PUBLIC_INSTITUTION' });
    const application = await fx.submitted(institution, ON, relaxedFigures(institution, 100, 9, 8));
    const error = await refused(fx, () => recommend(application, '2022-06-02'));
    expect(error).toMatchObject({ code: 'NOT_ELIGIBLE', failing: [{ code: 'SERVICE_STAFF', article: '鲁 第十四条（六）', actual: '9 人' }] });
  });

  it('an ENTERPRISE gets no relaxation: 100万元 and 10 staff fail both', async () => {
    const institution = await fx.knowInstitution({ legalForm: 'ENTERPRISE' });
    const application = await fx.submitted(institution, ON, relaxedFigures(institution, 100, 10, 8));
    const error = await refused(fx, () => recommend(application, '2022-06-02'));
    expect(error.failing.map((f: { code: string }) => f.code)).toEqual(['TOTAL_ASSETS', 'SERVICE_STAFF']);
  });
});

describe('鲁 第二十条、第二十一条、第二十三条: notice of 5 working days across National Day, then a designation valid 3 years', () => {
  it('approved on 2022-09-29: notice through 2022-10-11 (10-01..10-07 off, 10-08 and 10-09 worked); designated 2022-10-12, valid through 2025-10-11', async () => {
    const institution = await fx.knowInstitution();
    const user = applicant(institution);
    const draft = await createApplication(fx.em(), config, user, passingDeclaration(institution, '2022-09-29'), '2022-09-29');
    const submitted = await submitApplication(fx.em(), config, user, draft.id, '2022-09-29');
    await recommend(submitted, '2022-09-29', config.workflow.assessmentItems, jinanReviewer);
    const inNotice = await reviewApplication(fx.em(), config, provinceReviewer, { applicationId: submitted.id, step: PlatformReviewStep.PROVINCE, action: ReviewAction.APPROVE }, '2022-09-29');
    expect(inNotice).toMatchObject({ status: Status.IN_PUBLIC_NOTICE, noticeStartsOn: '2022-09-29', noticeEndsOn: '2022-10-11' });

    const early = await refused(fx, () => decideAfterNotice(fx.em(), config, provinceReviewer, { applicationId: submitted.id, decision: PlatformDecision.DESIGNATE }, '2022-10-11'));
    expect(early).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'NOTICE_NOT_ENDED', noticeEndsOn: '2022-10-11' });

    const decided = await decideAfterNotice(fx.em(), config, provinceReviewer, { applicationId: submitted.id, decision: PlatformDecision.DESIGNATE }, '2022-10-12');
    expect(decided).toMatchObject({ status: Status.DESIGNATED, closedOn: '2022-10-12' });
    const designation = await fx.em().findOneOrFail(Designation, { id: decided.designationId! });
    expect(designation).toMatchObject({
      institutionId: institution, ruleSetId: RULE_SET, campaignYear: 2022, cityCode: '370100', functions: ['INFORMATION'],
      designatedOn: '2022-10-12', validUntil: '2025-10-11', revokedOn: null,
    });
    expect(designationStatus(designation, '2025-10-11')).toBe(PlatformDesignationStatus.DESIGNATED);
    expect(designationStatus(designation, '2025-10-12')).toBe(PlatformDesignationStatus.EXPIRED);
  });
});
