import { PerformanceRating, RevocationGround } from '@sme/demonstration-platform';
import { PlatformDesignationStatus as DS, Role, StatusChange, designationStatus, sqlStatementCount, type AuthUser } from '@sme/kernel';
import { ADMIN, openPlatforms, passingDeclaration, refused, type PlatformFixture } from '../../../packages/demonstration-platform/test/support/platform-fixture';
import { createApplication, submitApplication } from '../../../packages/demonstration-platform/src/applications/application.service';
import { Designation } from '../../../packages/demonstration-platform/src/designations/designation.entity';
import { listDesignations } from '../../../packages/demonstration-platform/src/designations/designation-list';
import { revokeDesignation } from '../../../packages/demonstration-platform/src/designations/revocation';
import { cityReportDuties, fileAnnualSummary, fileCityReport, summaryDuties, DutyStatus } from '../../../packages/demonstration-platform/src/summaries/summaries.service';
import { assessPerformance } from '../../../packages/demonstration-platform/src/assessments/assessments.service';
import { PerformanceAssessment } from '../../../packages/demonstration-platform/src/assessments/performance-assessment.entity';
import { recordInspection } from '../../../packages/demonstration-platform/src/inspections/inspections.service';
import { ningxiaProgramme } from '../src/programme';

/**
 * 宁 第十五条至第十九条 on designations made through the whole workflow: validity and expiry, re-application in the
 * expiry year, revocation (no application ban in Ningxia), annual summaries to the city, the cities' reports due at
 * the end of February, the performance assessment, city inspections and credit records from the registry.
 *
 * Most platforms are approved on 2023-05-22 (notice through 2023-05-29), designated on 2023-05-30 and valid
 * through 2026-05-29; the older ones are approved on 2019-05-06, designated on 2019-05-14 and valid through
 * 2022-05-13.
 */

const config = ningxiaProgramme;
const DESIGNATED_ON = '2023-05-30';
const VALID_UNTIL = '2026-05-29';
const OLD_VALID_UNTIL = '2022-05-13';

const user = (role: AuthUser['role'], region: string | null, id: string): AuthUser => ({ id, name: null, role, region, institutionId: null, panel: null });
const YINCHUAN = user(Role.CITY_REVIEWER, '640100', 'city-yinchuan');
const SHIZUISHAN = user(Role.CITY_REVIEWER, '640200', 'city-shizuishan');
const WUZHONG = user(Role.CITY_REVIEWER, '640300', 'city-wuzhong');
const REGION = user(Role.PROVINCE_REVIEWER, '640000', 'province-reviewer');

let fx: PlatformFixture;
beforeAll(async () => (fx = await openPlatforms(config)));
afterAll(() => fx?.close());

/** A platform designated on 2023-05-30 (valid through 2026-05-29), by default in 银川市兴庆区. */
const platform = async (regionCode?: string) => fx.designate(await fx.knowInstitution({ regionCode }), '2023-05-22');
/** A platform designated on 2019-05-14, valid through 2022-05-13. */
const oldPlatform = async () => fx.designate(await fx.knowInstitution(), '2019-05-06');
const reload = (d: Designation) => fx.em().findOneOrFail(Designation, { id: d.id });
const apply = (institutionId: string, on: string) => createApplication(fx.em(), config, ADMIN, passingDeclaration(institutionId, on), on);
const revoke = (d: Designation, on: string, reason = '经查实存在虚假宣传行为', ground = RevocationGround.VIOLATION) =>
  revokeDesignation(fx.em(), config, REGION, { designationId: d.id, ground, reason }, on);
const historyOf = async (d: Designation) =>
  (await fx.em().find(StatusChange, { recordType: 'DemonstrationPlatform', recordId: d.id }, { orderBy: { seq: 'asc' } })).map((r) => [r.action, r.fromStatus, r.toStatus, r.on]);

describe('宁 第十七条: valid for three years, expired from the day after', () => {
  let d: Designation;
  beforeAll(async () => (d = await platform()));
  const listed = async (status: DS | null, asOf: string) =>
    (await listDesignations(fx.em(), { status, asOf }, '2026-06-01', 100)).edges.map((e) => e.node.id).includes(d.id);

  it('is DESIGNATED from the day of designation through validUntil, and EXPIRED the day after', () => {
    expect(d).toMatchObject({ designatedOn: DESIGNATED_ON, validUntil: VALID_UNTIL });
    expect(designationStatus(d, DESIGNATED_ON)).toBe(DS.DESIGNATED);
    expect(designationStatus(d, '2026-05-29')).toBe(DS.DESIGNATED);
    expect(designationStatus(d, '2026-05-30')).toBe(DS.EXPIRED);
  });

  it('is listed in the platform database (宁 第十五条) by its status on the date asked', async () => {
    expect(await listed(DS.DESIGNATED, '2026-05-29')).toBe(true);
    expect(await listed(DS.EXPIRED, '2026-05-29')).toBe(false);
    expect(await listed(DS.DESIGNATED, '2026-05-30')).toBe(false);
    expect(await listed(DS.EXPIRED, '2026-05-30')).toBe(true);
    expect(await listed(DS.REVOKED, '2026-05-30')).toBe(false);
    // not yet designated: not in the database at all the day before
    expect(await listed(null, '2023-05-29')).toBe(false);
    expect(await listed(null, DESIGNATED_ON)).toBe(true);
  });
});

describe('宁 第十七条: re-application in the year the designation ends (在有效期满当年可再次申报)', () => {
  it('refuses an application on 2025-12-31 with CONFLICT (STILL_DESIGNATED) and accepts one on 2026-01-01', async () => {
    const d = await platform();
    const error = await refused(fx, () => apply(d.institutionId, '2025-12-31'));
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'STILL_DESIGNATED', validUntil: VALID_UNTIL, mayApplyFrom: '2026-01-01', article: '宁 第十七条' });
    const application = await apply(d.institutionId, '2026-01-01');
    expect(application.status).toBe('DRAFT');
    expect((await submitApplication(fx.em(), config, ADMIN, application.id, '2026-01-05')).status).toBe('SUBMITTED');
  });

  it('accepts an application any time once the designation has expired', async () => {
    const d = await oldPlatform();
    expect((await apply(d.institutionId, '2022-05-14')).status).toBe('DRAFT');
  });
});

describe('宁 第十七条: revocation for a violation', () => {
  it('needs a reason, revokes on the day without an application ban, and an application the next day is accepted', async () => {
    const d = await platform();
    for (const reason of ['', '   ']) {
      expect(await refused(fx, () => revoke(d, '2024-06-03', reason))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
    }
    // an assessment or a credit record revokes through its own procedure, not by hand
    expect(await refused(fx, () => revoke(d, '2024-06-03', '考核不合格', RevocationGround.ASSESSMENT_FAILED))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GROUND_NOT_MANUAL' });

    const revoked = await revoke(d, '2024-06-03');
    expect(revoked).toMatchObject({ revokedOn: '2024-06-03', revocationGround: RevocationGround.VIOLATION, applicationBannedUntil: null });
    expect(revoked.revocationReason).toBe('经查实存在虚假宣传行为（宁 第十七条）');
    expect(designationStatus(revoked, '2024-06-02')).toBe(DS.DESIGNATED);
    expect(designationStatus(revoked, '2024-06-03')).toBe(DS.REVOKED);
    expect(await historyOf(d)).toEqual([
      ['DESIGNATE', null, 'DESIGNATED', DESIGNATED_ON],
      ['REVOKE_VIOLATION', 'DESIGNATED', 'REVOKED', '2024-06-03'],
    ]);

    expect((await apply(d.institutionId, '2024-06-04')).status).toBe('DRAFT');
  });

  it('refuses to revoke twice with INVALID_TRANSITION', async () => {
    const d = await platform();
    await revoke(d, '2024-06-03');
    expect(await refused(fx, () => revoke(d, '2024-06-04'))).toMatchObject({ code: 'INVALID_TRANSITION', currentState: DS.REVOKED, action: 'REVOKE', allowedActions: [] });
  });

  it('revokes on validUntil, and refuses to revoke an expired designation the day after with INVALID_TRANSITION', async () => {
    const last = await oldPlatform();
    expect((await revoke(last, OLD_VALID_UNTIL)).revokedOn).toBe(OLD_VALID_UNTIL);
    const expired = await oldPlatform();
    expect(await refused(fx, () => revoke(expired, '2022-05-14'))).toMatchObject({ code: 'INVALID_TRANSITION', currentState: DS.EXPIRED });
  });
});

describe('宁 第十六条: the annual work summary to the city, due by the year end', () => {
  let onTime: Designation;
  let late: Designation;
  let silent: Designation;
  beforeAll(async () => {
    [onTime, late, silent] = [await platform(), await platform(), await platform()];
  });
  const file = (d: Designation, year: number, on: string) =>
    fileAnnualSummary(fx.em(), config, ADMIN, { designationId: d.id, year, summary: `${year} 年度服务中小企业 160 家，开展活动 8 次` }, on);

  it('refuses a summary for a year the platform was not designated at the year end with NO_DUTY', async () => {
    expect(await refused(fx, () => file(onTime, 2022, '2023-06-01'))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_DUTY', value: 2022 });
    // revoked on 31 December: not a platform at the year end
    const revoked = await platform();
    await revoke(revoked, '2023-12-31');
    expect(await refused(fx, () => file(revoked, 2023, '2023-12-31'))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_DUTY', value: 2023 });
  });

  it('records a summary filed on 12-31 as on time and one filed on the next 01-01 as late; a second one is CONFLICT', async () => {
    expect(await file(onTime, 2023, '2023-12-31')).toMatchObject({ year: 2023, dueOn: '2023-12-31', filedOn: '2023-12-31', late: false, nextYearPlan: null });
    expect(await file(late, 2023, '2024-01-01')).toMatchObject({ year: 2023, dueOn: '2023-12-31', filedOn: '2024-01-01', late: true });
    expect(await refused(fx, () => file(onTime, 2023, '2024-01-02'))).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE' });
  });

  it('shows a platform that has not filed as DUE on 12-31 and OVERDUE on 01-01, in two statements', async () => {
    const statusOf = async (d: Designation, asOf: string) => (await summaryDuties(fx.em(), 2023, asOf)).find((duty) => duty.designation.id === d.id)?.status;
    expect(await statusOf(silent, '2023-12-31')).toBe(DutyStatus.DUE);
    expect(await statusOf(silent, '2024-01-01')).toBe(DutyStatus.OVERDUE);
    expect(await statusOf(onTime, '2024-01-01')).toBe(DutyStatus.FILED);
    expect(await statusOf(late, '2024-01-01')).toBe(DutyStatus.FILED_LATE);

    const before = sqlStatementCount();
    const duties = await summaryDuties(fx.em(), 2023, '2024-01-01');
    expect(sqlStatementCount() - before).toBe(2);
    expect(duties.every((duty) => duty.dueOn === '2023-12-31')).toBe(true);
  });
});

describe('宁 第十八条: the cities report on the previous year by the end of February', () => {
  const report = (actor: AuthUser, cityCode: string, year: number, on: string) =>
    fileCityReport(fx.em(), config, actor, { cityCode, year, summaryReport: '辖区示范平台工作总结汇总', inspectionReport: '检查情况报告' }, on);

  it('is due on 2024-02-29 for 2023 (a leap year) and on 2025-02-28 for 2024: on time on the due date, late the day after', async () => {
    expect(await report(YINCHUAN, '640100', 2023, '2024-02-29')).toMatchObject({ cityCode: '640100', year: 2023, dueOn: '2024-02-29', late: false });
    expect(await report(SHIZUISHAN, '640200', 2023, '2024-03-01')).toMatchObject({ year: 2023, dueOn: '2024-02-29', late: true });
    expect(await report(YINCHUAN, '640100', 2024, '2025-02-28')).toMatchObject({ year: 2024, dueOn: '2025-02-28', late: false });
    expect(await report(SHIZUISHAN, '640200', 2024, '2025-03-01')).toMatchObject({ year: 2024, dueOn: '2025-02-28', late: true });
    expect(await refused(fx, () => report(YINCHUAN, '640100', 2023, '2024-03-04'))).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE' });
  });

  it('reports on a year already ended (上一年度): 2019 refused on 2019-12-31, accepted in 2020', async () => {
    expect(await refused(fx, () => report(YINCHUAN, '640100', 2019, '2019-12-31'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year', value: 2019 });
    expect(await report(YINCHUAN, '640100', 2019, '2020-01-02')).toMatchObject({ year: 2019, late: false });
  });

  it('is filed by the city itself: another city is FORBIDDEN', async () => {
    expect(await refused(fx, () => report(SHIZUISHAN, '640300', 2022, '2023-02-28'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await report(WUZHONG, '640300', 2022, '2023-02-28')).toMatchObject({ cityCode: '640300', late: false });
  });

  it('flags a city with platforms and no report as DUE on 2025-02-28 and OVERDUE on 2025-03-01', async () => {
    await platform('640502'); // 中卫市沙坡头区, designated 2023-05-30: a platform at the end of 2024
    const statusOf = async (cityCode: string, asOf: string) => (await cityReportDuties(fx.em(), 2024, asOf)).find((r) => r.cityCode === cityCode);
    expect(await statusOf('640500', '2025-02-28')).toMatchObject({ cityName: '中卫市', dueOn: '2025-02-28', status: DutyStatus.DUE, report: null });
    expect(await statusOf('640500', '2025-03-01')).toMatchObject({ status: DutyStatus.OVERDUE });
    expect(await statusOf('640100', '2025-03-01')).toMatchObject({ status: DutyStatus.FILED });
    expect(await statusOf('640200', '2025-03-01')).toMatchObject({ status: DutyStatus.FILED_LATE });
    // as it stood on the due date: 石嘴山's report of 2025-03-01 was not filed yet
    expect(await statusOf('640200', '2025-02-28')).toMatchObject({ status: DutyStatus.DUE, report: null });
    // 固原市 has no platform and filed nothing: it owes nothing
    expect(await statusOf('640400', '2025-03-01')).toBeUndefined();
  });
});

describe('宁 第十九条: the annual performance assessment of the previous year', () => {
  const assess = (d: Designation, year: number, rating: PerformanceRating, on: string) =>
    assessPerformance(fx.em(), config, REGION, { designationId: d.id, year, rating, comments: `${year} 年度服务绩效考核` }, on);

  it('refuses a year not yet ended: 2024 on 2024-12-31, accepted on 2025-01-01; EXCELLENT recommends the platform to the national programme', async () => {
    const d = await platform();
    expect(await refused(fx, () => assess(d, 2024, PerformanceRating.EXCELLENT, '2024-12-31'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year', value: 2024 });
    expect(await assess(d, 2024, PerformanceRating.EXCELLENT, '2025-01-01')).toMatchObject({ year: 2024, rating: PerformanceRating.EXCELLENT, assessedOn: '2025-01-01' });
    expect(await reload(d)).toMatchObject({ nationalRecommendationYear: 2024, revokedOn: null });
  });

  it('refuses a year the platform was not designated in, and assesses the year it was designated in', async () => {
    const d = await platform();
    expect(await refused(fx, () => assess(d, 2022, PerformanceRating.GOOD, '2024-03-01'))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_DESIGNATED_IN_YEAR', value: 2022 });
    expect(await assess(d, 2023, PerformanceRating.GOOD, '2024-03-01')).toMatchObject({ year: 2023, rating: PerformanceRating.GOOD });
    expect(await reload(d)).toMatchObject({ nationalRecommendationYear: null, revokedOn: null });
  });

  it('refuses a year that began after the designation was revoked, and assesses the year it was revoked in', async () => {
    const revokedOnNewYear = await platform();
    await revoke(revokedOnNewYear, '2024-01-01');
    expect(await refused(fx, () => assess(revokedOnNewYear, 2024, PerformanceRating.GOOD, '2025-03-03'))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_DESIGNATED_IN_YEAR', value: 2024 });

    const revokedNextDay = await platform();
    await revoke(revokedNextDay, '2024-01-02');
    expect(await assess(revokedNextDay, 2024, PerformanceRating.FAIL, '2025-03-03')).toMatchObject({ year: 2024, rating: PerformanceRating.FAIL });
    // already revoked: the FAIL is recorded and the revocation stays as it was
    expect(await reload(revokedNextDay)).toMatchObject({ revokedOn: '2024-01-02', revocationGround: RevocationGround.VIOLATION });
  });

  it('refuses a second assessment of the same year with CONFLICT', async () => {
    const d = await platform();
    await assess(d, 2024, PerformanceRating.PASS, '2025-03-03');
    expect(await refused(fx, () => assess(d, 2024, PerformanceRating.EXCELLENT, '2025-03-04'))).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE' });
  });

  it('revokes the designation on a FAIL (ASSESSMENT_FAILED, no ban), in the same transaction as the assessment', async () => {
    const d = await platform();
    const row = await assess(d, 2024, PerformanceRating.FAIL, '2025-03-03');
    const revoked = await reload(d);
    expect(revoked).toMatchObject({ revokedOn: '2025-03-03', revocationGround: RevocationGround.ASSESSMENT_FAILED, applicationBannedUntil: null });
    expect(revoked.revocationReason).toContain('宁 第十九条');
    expect(await historyOf(d)).toEqual([
      ['DESIGNATE', null, 'DESIGNATED', DESIGNATED_ON],
      ['REVOKE_ASSESSMENT_FAILED', 'DESIGNATED', 'REVOKED', '2025-03-03'],
    ]);
    expect(await fx.em().count(PerformanceAssessment, { id: row.id })).toBe(1);

    // a FAIL that cannot be recorded (the year is already assessed) revokes nothing
    const assessed = await platform();
    await assess(assessed, 2024, PerformanceRating.PASS, '2025-03-03');
    expect(await refused(fx, () => assess(assessed, 2024, PerformanceRating.FAIL, '2025-03-04'))).toMatchObject({ code: 'CONFLICT' });
    expect((await reload(assessed)).revokedOn).toBeNull();
  });
});

describe('宁 第十八条: city inspections', () => {
  const inspect = (actor: AuthUser, d: Designation, values: { passed: boolean; requestRevocation?: boolean }, on: string) =>
    recordInspection(fx.em(), config, actor, { designationId: d.id, inspectedOn: on, findings: '服务收费与公示一致', requestRevocation: false, ...values }, on);

  it('is recorded by the platform\'s city; another city is FORBIDDEN', async () => {
    const d = await platform();
    expect(await inspect(YINCHUAN, d, { passed: true }, '2024-09-10')).toMatchObject({ designationId: d.id, cityCode: '640100', inspectedOn: '2024-09-10', passed: true, requestStatus: null });
    expect(await refused(fx, () => inspect(SHIZUISHAN, d, { passed: true }, '2024-09-11'))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('cannot ask the region to revoke in Ningxia (REQUEST_NOT_PROVIDED); a failed inspection is recorded and revokes nothing', async () => {
    const d = await platform();
    const error = await refused(fx, () => inspect(YINCHUAN, d, { passed: false, requestRevocation: true }, '2024-09-10'));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REQUEST_NOT_PROVIDED', field: 'requestRevocation' });
    expect(error.messageZh).toContain('宁 第十八条');
    expect(await inspect(YINCHUAN, d, { passed: false }, '2024-09-10')).toMatchObject({ passed: false, requestStatus: null });
    expect((await reload(d)).revokedOn).toBeNull();
  });

  it('inspects a designation in force only: refused with INVALID_TRANSITION the day after it expired', async () => {
    const d = await oldPlatform();
    expect(await inspect(YINCHUAN, d, { passed: true }, OLD_VALID_UNTIL)).toMatchObject({ inspectedOn: OLD_VALID_UNTIL });
    expect(await refused(fx, () => inspect(YINCHUAN, d, { passed: true }, '2022-05-14'))).toMatchObject({ code: 'INVALID_TRANSITION', currentState: DS.EXPIRED });
  });
});

describe('credit records from the registry (宁 第十七条 违法违规)', () => {
  it('revokes the designation in force on the day the record arrives (CREDIT_RECORD, no ban); an application the next day is accepted', async () => {
    const d = await platform();
    await fx.addCreditRecord(d.institutionId, 'DISHONEST_JUDGMENT_DEBTOR', '2024-07-01', '2024-07-05');
    const revoked = await reload(d);
    expect(revoked).toMatchObject({ revokedOn: '2024-07-05', revocationGround: RevocationGround.CREDIT_RECORD, applicationBannedUntil: null });
    expect(revoked.revocationReason).toContain('失信被执行人');
    expect(await historyOf(d)).toEqual([
      ['DESIGNATE', null, 'DESIGNATED', DESIGNATED_ON],
      ['REVOKE_CREDIT_RECORD', 'DESIGNATED', 'REVOKED', '2024-07-05'],
    ]);
    expect((await apply(d.institutionId, '2024-07-06')).status).toBe('DRAFT');
  });

  it('revokes a designation on its last day, and changes nothing for one expired the day before the record arrives', async () => {
    const last = await oldPlatform();
    await fx.addCreditRecord(last.institutionId, 'ABNORMAL_OPERATION', '2022-05-10', OLD_VALID_UNTIL);
    expect(await reload(last)).toMatchObject({ revokedOn: OLD_VALID_UNTIL, revocationGround: RevocationGround.CREDIT_RECORD });

    const expired = await oldPlatform();
    const before = await reload(expired);
    await fx.addCreditRecord(expired.institutionId, 'ABNORMAL_OPERATION', '2022-05-14', '2022-05-14');
    expect(await reload(expired)).toEqual(before);
    expect(await historyOf(expired)).toEqual([['DESIGNATE', null, 'DESIGNATED', '2019-05-14']]);
  });
});
