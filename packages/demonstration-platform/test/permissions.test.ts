import { ReviewAction, Role, addDays, type AuthUser } from '@sme/kernel';
import { PlatformDecision, PlatformReviewStep, RevocationGround } from '../src';
import { createApplication, reviewApplication, submitApplication, updateApplication } from '../src/applications/application.service';
import { recordExpertReview, recordOnSiteVisit } from '../src/applications/provincial-checks.service';
import { PlatformApplication } from '../src/applications/application.entity';
import { decideAfterNotice } from '../src/designations/designation.service';
import { revokeDesignation } from '../src/designations/revocation';
import { decideRevocationRequest, recordInspection } from '../src/inspections/inspections.service';
import { RevocationRequestDecision } from '../src/inspections/inspection.inputs';
import { fileAnnualSummary, fileCityReport } from '../src/summaries/summaries.service';
import { assessPerformance } from '../src/assessments/assessments.service';
import { PerformanceRating } from '../src/assessments/performance-assessment.entity';
import { ADMIN, openPlatforms, passingDeclaration, refused, type PlatformFixture } from './support/platform-fixture';
import { sampleProgramme } from './support/sample-programme';

/**
 * SPEC §2 Roles and jurisdiction, for every mutation of the engine: an applicant acts for its own institution, the
 * platform's city recommends, inspects and reports, the province reviews, designates, revokes and assesses, the
 * campaign's expert panel (`<programme>-<year>`) records its review, analysts write nothing, and nobody acts
 * anonymously. Each service is called by every outsider (each refusal changes nothing), then by the rightful user,
 * who succeeds on the same record — so the refusals are about the user and nothing else. Platforms are in 370102
 * (济南市历下区), so the city is 370100 and the province 370000; the day acted on is 2024-05-06 unless noted.
 */

const config = sampleProgramme();
const DAY = '2024-05-06';

const person = (id: string, role: AuthUser['role'], values: Partial<AuthUser> = {}): AuthUser =>
  ({ id, name: id, role, region: null, institutionId: null, panel: null, ...values });
const applicantOf = (institutionId: string) => person(`applicant-${institutionId.slice(0, 8)}`, Role.APPLICANT, { institutionId });
const cityReviewer = person('jinan-city', Role.CITY_REVIEWER, { region: '370100' });
const provinceReviewer = person('province', Role.PROVINCE_REVIEWER, { region: '370000' });

/** Everyone who may not act, whatever the service: the names say why. */
const OUTSIDERS: readonly [string, AuthUser | null, string][] = [
  ['an applicant of another institution', person('other-applicant', Role.APPLICANT, { institutionId: '00000000-0000-4000-8000-000000000001' }), 'FORBIDDEN'],
  ['an ANALYST', person('analyst', Role.ANALYST), 'FORBIDDEN'],
  ['a city reviewer of another city (青岛 370200)', person('qingdao-city', Role.CITY_REVIEWER, { region: '370200' }), 'FORBIDDEN'],
  ['a province reviewer of another province (宁夏 640000)', person('ningxia-province', Role.PROVINCE_REVIEWER, { region: '640000' }), 'FORBIDDEN'],
  ['no user', null, 'UNAUTHENTICATED'],
];

let fx: PlatformFixture;
beforeAll(async () => (fx = await openPlatforms(config)));
afterAll(() => fx?.close());

const em = () => fx.em();
const draft = async (institution: string) => createApplication(em(), config, ADMIN, passingDeclaration(institution, DAY), DAY);
const recommended = async (institution: string): Promise<PlatformApplication> => {
  const application = await fx.submitted(institution, DAY);
  return reviewApplication(em(), config, ADMIN, { applicationId: application.id, step: PlatformReviewStep.CITY, action: ReviewAction.APPROVE, assessment: fx.assessment() }, DAY);
};
const expertReview = (applicationId: string) => ({ applicationId, panel: [{ name: '专家甲', title: '研究员', organisation: '省中小企业研究院' }], opinion: '建议认定', recommended: true, reviewedOn: DAY });
const visit = (applicationId: string) => ({ applicationId, visitedOn: DAY, visitors: '省厅处室', findings: '场地、人员属实', confirmed: true });

interface ServiceCase {
  /** The service and the step it acts at. */
  service: string;
  rightful: (institution: string) => AuthUser;
  /** Brings a fresh institution's record to where the service acts; returns what `act` needs. */
  prepare: (institution: string) => Promise<string>;
  act: (user: AuthUser | null, id: string, institution: string) => Promise<unknown>;
}

const CASES: ServiceCase[] = [
  {
    service: 'createApplication (applicant)', rightful: applicantOf, prepare: async () => '',
    act: (user, _, institution) => createApplication(em(), config, user, passingDeclaration(institution, DAY), DAY),
  },
  {
    service: 'updateApplication (applicant)', rightful: applicantOf, prepare: async (i) => (await draft(i)).id,
    act: (user, id) => updateApplication(em(), config, user, id, { contactPerson: '李联系' }, DAY),
  },
  {
    service: 'submitApplication (applicant)', rightful: applicantOf, prepare: async (i) => (await draft(i)).id,
    act: (user, id) => submitApplication(em(), config, user, id, DAY),
  },
  {
    service: 'reviewApplication at the CITY step (the platform’s city)', rightful: () => cityReviewer, prepare: async (i) => (await fx.submitted(i, DAY)).id,
    act: (user, id) => reviewApplication(em(), config, user, { applicationId: id, step: PlatformReviewStep.CITY, action: ReviewAction.APPROVE, assessment: fx.assessment() }, DAY),
  },
  {
    service: 'recordExpertReview (the province)', rightful: () => provinceReviewer, prepare: async (i) => (await recommended(i)).id,
    act: (user, id) => recordExpertReview(em(), config, user, expertReview(id), DAY),
  },
  {
    service: 'recordOnSiteVisit (the province)', rightful: () => provinceReviewer, prepare: async (i) => (await recommended(i)).id,
    act: (user, id) => recordOnSiteVisit(em(), config, user, visit(id), DAY),
  },
  {
    service: 'reviewApplication at the PROVINCE step (the province)', rightful: () => provinceReviewer,
    prepare: async (i) => {
      const { id } = await recommended(i);
      await recordExpertReview(em(), config, ADMIN, expertReview(id), DAY);
      await recordOnSiteVisit(em(), config, ADMIN, visit(id), DAY);
      return id;
    },
    act: (user, id) => reviewApplication(em(), config, user, { applicationId: id, step: PlatformReviewStep.PROVINCE, action: ReviewAction.APPROVE }, DAY),
  },
  {
    service: 'decideAfterNotice (the province)', rightful: () => provinceReviewer, prepare: async (i) => (await fx.inNotice(i, DAY)).id,
    act: async (user, id) => {
      const { noticeEndsOn } = await em().findOneOrFail(PlatformApplication, { id });
      return decideAfterNotice(em(), config, user, { applicationId: id, decision: PlatformDecision.DESIGNATE }, addDays(noticeEndsOn!, 1));
    },
  },
  {
    service: 'revokeDesignation (the province)', rightful: () => provinceReviewer, prepare: async (i) => (await fx.designate(i, '2023-06-01')).id,
    act: (user, id) => revokeDesignation(em(), config, user, { designationId: id, ground: RevocationGround.VIOLATION, reason: '违规收费' }, DAY),
  },
  {
    service: 'recordInspection (the platform’s city)', rightful: () => cityReviewer, prepare: async (i) => (await fx.designate(i, '2023-06-01')).id,
    act: (user, id) => recordInspection(em(), config, user, { designationId: id, inspectedOn: DAY, findings: '服务收费不规范', passed: false, requestRevocation: true }, DAY),
  },
  {
    service: 'decideRevocationRequest (the province)', rightful: () => provinceReviewer,
    prepare: async (i) => {
      const designation = await fx.designate(i, '2023-06-01');
      const inspection = await recordInspection(em(), config, ADMIN, { designationId: designation.id, inspectedOn: DAY, findings: '满意度下降', passed: false, requestRevocation: true }, DAY);
      return inspection.id;
    },
    act: (user, id) => decideRevocationRequest(em(), config, user, { inspectionId: id, decision: RevocationRequestDecision.UPHOLD, reason: '经查属实' }, DAY),
  },
  {
    service: 'fileAnnualSummary (the platform’s applicant)', rightful: applicantOf, prepare: async (i) => (await fx.designate(i, '2023-06-01')).id,
    act: (user, id) => fileAnnualSummary(em(), config, user, { designationId: id, year: 2024, summary: '2024 年度工作总结', nextYearPlan: '2025 年度工作打算' }, DAY),
  },
  {
    service: 'fileCityReport (the city)', rightful: () => cityReviewer, prepare: async () => '370100',
    act: (user, cityCode) => fileCityReport(em(), config, user, { cityCode, year: 2023, summaryReport: '2023 年度工作总结汇总报告', inspectionReport: '2023 年度检查情况报告' }, DAY),
  },
  {
    service: 'assessPerformance (the province)', rightful: () => provinceReviewer, prepare: async (i) => (await fx.designate(i, '2023-06-01')).id,
    act: (user, id) => assessPerformance(em(), config, user, { designationId: id, year: 2023, rating: PerformanceRating.PASS, comments: '完成年度服务目标' }, DAY),
  },
];

describe('every mutation refuses outsiders and changes nothing; the rightful user succeeds (SPEC §2 Roles)', () => {
  it.each(CASES.map((c) => [c.service, c] as const))('%s', async (_, c) => {
    const institution = await fx.knowInstitution();
    const id = await c.prepare(institution);
    for (const [who, user, code] of OUTSIDERS) {
      const error = await refused(fx, () => c.act(user, id, institution)).catch((e: Error) => {
        throw new Error(`${who}: ${e.message}`);
      });
      expect({ who, code: error.code }).toEqual({ who, code });
    }
    await expect(c.act(c.rightful(institution), id, institution)).resolves.toBeTruthy();
  });
});

describe('the expert review: the panel of the application’s campaign (`sample-<year>`), not another year’s', () => {
  const ours = person('expert-sample-2024', Role.EXPERT, { panel: 'sample-2024' });

  it('an EXPERT of sample-2023 is FORBIDDEN on a 2024 application; sample-2024 records it', async () => {
    const application = await recommended(await fx.knowInstitution());
    expect(application.campaignYear).toBe(2024);
    for (const panel of ['sample-2023', 'sample-2025', 'ningxia-2024']) {
      const expert = person(`expert-${panel}`, Role.EXPERT, { panel });
      expect(await refused(fx, () => recordExpertReview(em(), config, expert, expertReview(application.id), DAY))).toMatchObject({ code: 'FORBIDDEN' });
    }
    const recorded = await recordExpertReview(em(), config, ours, expertReview(application.id), DAY);
    expect(recorded.expertReview).toMatchObject({ recordedBy: 'expert-sample-2024', recommended: true, reviewedOn: DAY });
  });

  it('the campaign’s panel records its review and nothing else: the visit and the provincial approval are FORBIDDEN to it', async () => {
    const application = await recommended(await fx.knowInstitution());
    await recordExpertReview(em(), config, ours, expertReview(application.id), DAY);
    expect(await refused(fx, () => recordOnSiteVisit(em(), config, ours, visit(application.id), DAY))).toMatchObject({ code: 'FORBIDDEN' });
    await recordOnSiteVisit(em(), config, ADMIN, visit(application.id), DAY);
    expect(await refused(fx, () => reviewApplication(em(), config, ours, { applicationId: application.id, step: PlatformReviewStep.PROVINCE, action: ReviewAction.APPROVE }, DAY)))
      .toMatchObject({ code: 'FORBIDDEN' });
  });
});
