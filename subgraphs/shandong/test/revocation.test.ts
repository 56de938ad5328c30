import { PlatformDesignationStatus, Role, designationStatus, type AuthUser } from '@sme/kernel';
import { RevocationGround } from '@sme/demonstration-platform';
import { createApplication } from '../../../packages/demonstration-platform/src/applications/application.service';
import { revokeDesignation } from '../../../packages/demonstration-platform/src/designations/revocation';
import { Designation } from '../../../packages/demonstration-platform/src/designations/designation.entity';
import { decideRevocationRequest, recordInspection } from '../../../packages/demonstration-platform/src/inspections/inspections.service';
import { Inspection, RevocationRequestStatus } from '../../../packages/demonstration-platform/src/inspections/inspection.entity';
import { RevocationRequestDecision } from '../../../packages/demonstration-platform/src/inspections/inspection.inputs';
import { fileAnnualSummary } from '../../../packages/demonstration-platform/src/summaries/summaries.service';
import { ADMIN, openPlatforms, passingDeclaration, refused, type PlatformFixture } from '../../../packages/demonstration-platform/test/support/platform-fixture';
import { shandongProgramme } from '../src/programme';

/**
 * 鲁 第二十四条 (revocation for a violation, then no application for 3 years), 第二十五条 (the city's inspection and
 * its revocation request, established by the province) and 第二十六条 (the annual summary with the next year's plan),
 * and a credit record from the registry. The ban runs through the anniversary of the revocation (民法典 第二百零一条、
 * 第二百零二条). Platforms are in 济南 (370100); the designations below start from a submission on 2020-10-09
 * (notice through 2020-10-15, designated 2020-10-16, valid through 2023-10-15).
 */

const config = shandongProgramme;
const SUBMITTED_ON = '2020-10-09';

const user = (id: string, role: AuthUser['role'], region: string | null, institutionId: string | null = null): AuthUser =>
  ({ id, name: id, role, region, institutionId, panel: null });
const jinan = user('jinan-city', Role.CITY_REVIEWER, '370100');
const qingdao = user('qingdao-city', Role.CITY_REVIEWER, '370200');
const province = user('shandong-province', Role.PROVINCE_REVIEWER, '370000');

let fx: PlatformFixture;
beforeAll(async () => (fx = await openPlatforms(config)));
afterAll(() => fx?.close());

async function designated(on = SUBMITTED_ON): Promise<{ institution: string; designation: Designation }> {
  const institution = await fx.knowInstitution();
  return { institution, designation: await fx.designate(institution, on) };
}

const reload = (id: string) => fx.em().findOneOrFail(Designation, { id });
const apply = (institution: string, on: string) => createApplication(fx.em(), config, ADMIN, passingDeclaration(institution, on), on);
const revokeForViolation = (designationId: string, on: string, actor: AuthUser = province) =>
  revokeDesignation(fx.em(), config, actor, { designationId, ground: RevocationGround.VIOLATION, reason: '虚报服务业绩，经查实' }, on);

describe('鲁 第二十四条: revoked for a violation, no application for 3 years', () => {
  it('revoked on 2021-03-01: REVOKED from that day, banned through 2024-03-01', async () => {
    const { designation } = await designated();
    expect(designation).toMatchObject({ designatedOn: '2020-10-16', validUntil: '2023-10-15' });
    const revoked = await revokeForViolation(designation.id, '2021-03-01');
    expect(revoked).toMatchObject({ revokedOn: '2021-03-01', revocationGround: RevocationGround.VIOLATION, applicationBannedUntil: '2024-03-01' });
    expect(revoked.revocationReason).toContain('鲁 第二十四条');
    expect(designationStatus(revoked, '2021-02-28')).toBe(PlatformDesignationStatus.DESIGNATED);
    expect(designationStatus(revoked, '2021-03-01')).toBe(PlatformDesignationStatus.REVOKED);
  });

  it('an application inside the ban, while the measures are in force, is REENTRY_BANNED naming the ban’s end and the article', async () => {
    const { institution, designation } = await designated();
    await revokeForViolation(designation.id, '2021-03-01');
    for (const day of ['2021-03-01', '2022-03-01', '2023-10-06']) {
      const error = await refused(fx, () => apply(institution, day));
      expect(error).toMatchObject({ code: 'REENTRY_BANNED', bannedUntil: '2024-03-01', article: '鲁 第二十四条' });
      expect(error.messageZh).toContain('2024-03-01');
    }
    // after the ban the measures have long expired: there is no rule set to apply under
    expect(await refused(fx, () => apply(institution, '2024-03-02'))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_RULE_SET_IN_FORCE' });
  });

  it('the ban always outlasts the measures: the earliest designation (2020-10-15), revoked that day, is banned through 2023-10-15', async () => {
    const institution = await fx.knowInstitution();
    const earliest = await fx.designate(institution, '2020-10-07');
    expect(earliest.designatedOn).toBe('2020-10-15');
    const revoked = await revokeForViolation(earliest.id, '2020-10-15');
    expect(revoked.applicationBannedUntil).toBe('2023-10-15');
    expect(await refused(fx, () => apply(institution, '2023-10-06'))).toMatchObject({ code: 'REENTRY_BANNED', bannedUntil: '2023-10-15' });
  });

  it('only the province revokes; a revoked or expired designation cannot be revoked (INVALID_TRANSITION)', async () => {
    const { designation } = await designated();
    expect(await refused(fx, () => revokeForViolation(designation.id, '2021-03-01', jinan))).toMatchObject({ code: 'FORBIDDEN' });
    await revokeForViolation(designation.id, '2021-03-01');
    expect(await refused(fx, () => revokeForViolation(designation.id, '2021-03-02'))).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'REVOKED' });

    const other = await designated();
    expect(await refused(fx, () => revokeForViolation(other.designation.id, '2023-10-16'))).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'EXPIRED' });
    expect((await revokeForViolation(other.designation.id, '2023-10-15')).revokedOn).toBe('2023-10-15');
  });
});

describe('鲁 第二十五条: the city inspects its platforms and may ask the province to revoke a failed one', () => {
  const inspect = (designationId: string, passed: boolean, requestRevocation: boolean, actor: AuthUser = jinan, on = '2021-05-10') =>
    recordInspection(fx.em(), config, actor, { designationId, inspectedOn: on, findings: passed ? '服务质量良好' : '服务收费不规范，满意度下降', passed, requestRevocation }, on);
  const decide = (inspectionId: string, decision: RevocationRequestDecision, on = '2021-06-01', actor: AuthUser = province) =>
    decideRevocationRequest(fx.em(), config, actor, { inspectionId, decision, reason: decision === RevocationRequestDecision.UPHOLD ? '经查属实' : '经核查不属实' }, on);

  it('a failed inspection by the platform’s city with a request is PENDING; another city’s reviewer is FORBIDDEN', async () => {
    const { designation } = await designated();
    expect(await refused(fx, () => inspect(designation.id, false, true, qingdao))).toMatchObject({ code: 'FORBIDDEN' });
    const inspection = await inspect(designation.id, false, true);
    expect(inspection).toMatchObject({ designationId: designation.id, cityCode: '370100', inspectedOn: '2021-05-10', passed: false, requestStatus: RevocationRequestStatus.PENDING, recordedBy: 'jinan-city' });
    expect(designationStatus(await reload(designation.id), '2021-05-10')).toBe(PlatformDesignationStatus.DESIGNATED);
  });

  it('a passed inspection cannot request revocation (REQUEST_NEEDS_FAILED_INSPECTION); a failed one need not', async () => {
    const { designation } = await designated();
    expect(await refused(fx, () => inspect(designation.id, true, true))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REQUEST_NEEDS_FAILED_INSPECTION', field: 'requestRevocation' });
    const withoutRequest = await inspect(designation.id, false, false);
    expect(withoutRequest.requestStatus).toBeNull();
    expect(await refused(fx, () => decide(withoutRequest.id, RevocationRequestDecision.UPHOLD))).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'NO_REQUEST' });
  });

  it('UPHOLD (经查实) revokes with ground INSPECTION_FAILED and the 3-year ban; deciding again is INVALID_TRANSITION', async () => {
    const { institution, designation } = await designated();
    const inspection = await inspect(designation.id, false, true);
    expect(await refused(fx, () => decide(inspection.id, RevocationRequestDecision.UPHOLD, '2021-06-01', jinan))).toMatchObject({ code: 'FORBIDDEN' });
    const upheld = await decide(inspection.id, RevocationRequestDecision.UPHOLD);
    expect(upheld).toMatchObject({ requestStatus: RevocationRequestStatus.UPHELD, requestDecidedOn: '2021-06-01', requestDecisionReason: '经查属实' });
    const revoked = await reload(designation.id);
    expect(revoked).toMatchObject({ revokedOn: '2021-06-01', revocationGround: RevocationGround.INSPECTION_FAILED, applicationBannedUntil: '2024-06-01' });
    expect(revoked.revocationReason).toContain('2021-05-10');
    expect(revoked.revocationReason).toContain('鲁 第二十五条');
    expect(await refused(fx, () => decide(inspection.id, RevocationRequestDecision.DISMISS, '2021-06-02'))).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'UPHELD' });
    expect(await refused(fx, () => apply(institution, '2022-06-01'))).toMatchObject({ code: 'REENTRY_BANNED', bannedUntil: '2024-06-01', article: '鲁 第二十四条' });
  });

  it('DISMISS leaves the designation in force; deciding again is INVALID_TRANSITION', async () => {
    const { designation } = await designated();
    const inspection = await inspect(designation.id, false, true);
    const dismissed = await decide(inspection.id, RevocationRequestDecision.DISMISS);
    expect(dismissed).toMatchObject({ requestStatus: RevocationRequestStatus.DISMISSED, requestDecidedOn: '2021-06-01' });
    const kept = await reload(designation.id);
    expect(kept).toMatchObject({ revokedOn: null, revocationGround: null, applicationBannedUntil: null });
    expect(designationStatus(kept, '2021-06-01')).toBe(PlatformDesignationStatus.DESIGNATED);
    expect(await refused(fx, () => decide(inspection.id, RevocationRequestDecision.UPHOLD, '2021-06-02'))).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'DISMISSED' });
    expect((await fx.em().findOneOrFail(Inspection, { id: inspection.id })).requestStatus).toBe(RevocationRequestStatus.DISMISSED);
  });
});

describe('鲁 第二十六条: the annual summary comes with the next year’s plan, by the year’s end', () => {
  it('without a plan (or a blank one): PLAN_REQUIRED; with one on 12-31: filed on time; on 01-01 after its year: late', async () => {
    const { institution, designation } = await designated();
    const own = user(`applicant-${institution.slice(0, 8)}`, Role.APPLICANT, null, institution);
    const file = (year: number, on: string, nextYearPlan?: string | null) =>
      fileAnnualSummary(fx.em(), config, own, { designationId: designation.id, year, summary: `${year} 年度服务中小企业工作总结`, nextYearPlan }, on);
    for (const plan of [undefined, null, '  ']) {
      expect(await refused(fx, () => file(2021, '2021-12-31', plan))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PLAN_REQUIRED', field: 'nextYearPlan' });
    }
    expect(await file(2021, '2021-12-31', '2022 年计划新增培训 1500 人次')).toMatchObject({ year: 2021, dueOn: '2021-12-31', filedOn: '2021-12-31', late: false, nextYearPlan: '2022 年计划新增培训 1500 人次' });
    expect(await file(2022, '2023-01-01', '2023 年工作打算')).toMatchObject({ year: 2022, dueOn: '2022-12-31', late: true });
  });
});

describe('a credit record from the registry revokes the designation (鲁 第二十四条: 违法违规)', () => {
  it('listed as 失信被执行人, handled on 2021-05-10: revoked with ground CREDIT_RECORD, banned through 2024-05-10', async () => {
    const { institution, designation } = await designated();
    await fx.addCreditRecord(institution, 'DISHONEST_JUDGMENT_DEBTOR', '2021-05-01', '2021-05-10');
    const revoked = await reload(designation.id);
    expect(revoked).toMatchObject({ revokedOn: '2021-05-10', revocationGround: RevocationGround.CREDIT_RECORD, applicationBannedUntil: '2024-05-10' });
    expect(revoked.revocationReason).toContain('失信被执行人');
    expect(revoked.revocationReason).toContain('鲁 第二十四条');
    expect(await refused(fx, () => apply(institution, '2022-05-10'))).toMatchObject({ code: 'REENTRY_BANNED', bannedUntil: '2024-05-10', article: '鲁 第二十四条' });
  });
});
