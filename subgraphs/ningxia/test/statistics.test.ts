import { FunctionAttestation, FunctionMeasure, PlatformDecision, PlatformFunction, RevocationGround } from '@sme/demonstration-platform';
import { addDays, sqlStatementCount } from '@sme/kernel';
import { ADMIN, openPlatforms, passingDeclaration, type PlatformFixture } from '../../../packages/demonstration-platform/test/support/platform-fixture';
import { createApplication } from '../../../packages/demonstration-platform/src/applications/application.service';
import { decideAfterNotice } from '../../../packages/demonstration-platform/src/designations/designation.service';
import { Designation } from '../../../packages/demonstration-platform/src/designations/designation.entity';
import { listDesignations } from '../../../packages/demonstration-platform/src/designations/designation-list';
import { revokeDesignation } from '../../../packages/demonstration-platform/src/designations/revocation';
import { fileAnnualSummary } from '../../../packages/demonstration-platform/src/summaries/summaries.service';
import { platformStatistics } from '../../../packages/demonstration-platform/src/platform-statistics';
import { ningxiaProgramme } from '../src/programme';

/**
 * The dashboard counts (SPEC §6) and the public platform database (宁 第十五条) over platforms made through the
 * whole workflow, counted on a date: by status, function, city and year, the platforms expiring within 90 days
 * at the boundary, the summaries overdue (宁 第十六条), and the SQL statements each costs.
 */

const config = ningxiaProgramme;
/** The day counted: 90 days before the end of platform A's validity (2026-05-31). */
const AS_OF = '2026-03-02';

/** In public notice from `approvedOn`, designated on `designatedOn` (any day after the notice). */
async function designateOn(fx: PlatformFixture, institutionId: string, approvedOn: string, designatedOn: string, input = passingDeclaration(institutionId, approvedOn)): Promise<Designation> {
  const noticed = await fx.inNotice(institutionId, approvedOn, input);
  const decided = await decideAfterNotice(fx.em(), config, ADMIN, { applicationId: noticed.id, decision: PlatformDecision.DESIGNATE }, designatedOn);
  return fx.em().findOneOrFail(Designation, { id: decided.designationId! });
}

const withFunctions = (institutionId: string, on: string, functions: ReturnType<typeof passingDeclaration>['functions']) => ({ ...passingDeclaration(institutionId, on), functions });
const INFORMATION = passingDeclaration('', '2023-05-22').functions[0];
const MARKET = { function: PlatformFunction.MARKET, attested: [], figures: [{ measure: FunctionMeasure.ENTERPRISE_TIMES, value: 60 }] };
const TRAINING = { function: PlatformFunction.TRAINING, attested: [FunctionAttestation.TRAINING_QUALIFICATION], figures: [{ measure: FunctionMeasure.PERSON_TIMES, value: 600 }] };

const counts = (rows: { key: string; count: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.count]));

describe('platformStatistics', () => {
  let fx: PlatformFixture;
  let a: Designation;
  let b: Designation;
  let c: Designation;

  beforeAll(async () => {
    fx = await openPlatforms(config);
    // E: 银川, designated 2022-05-17, valid through 2025-05-16: expired on AS_OF
    await fx.designate(await fx.knowInstitution(), '2022-05-09');
    // R: 石嘴山, designated 2023-05-30, revoked 2024-03-01
    const r = await fx.designate(await fx.knowInstitution({ regionCode: '640202' }), '2023-05-22');
    await revokeDesignation(fx.em(), config, ADMIN, { designationId: r.id, ground: RevocationGround.VIOLATION, reason: '违规收费' }, '2024-03-01');
    // A: 银川, 信息 and 市场, valid through 2026-05-31 = AS_OF + 90
    const institutionA = await fx.knowInstitution();
    a = await designateOn(fx, institutionA, '2023-05-22', '2023-06-01', withFunctions(institutionA, '2023-05-22', [INFORMATION, MARKET]));
    // B: 吴忠, 培训, valid through 2026-06-01 = AS_OF + 91
    const institutionB = await fx.knowInstitution({ regionCode: '640302' });
    b = await designateOn(fx, institutionB, '2023-05-22', '2023-06-02', withFunctions(institutionB, '2023-05-22', [TRAINING]));
    // C: 银川, designated 2025-10-14, filed its 2025 summary on time
    c = await fx.designate(await fx.knowInstitution(), '2025-09-29');
    await fileAnnualSummary(fx.em(), config, ADMIN, { designationId: c.id, year: 2025, summary: '2025 年度工作总结' }, '2025-12-30');
    // F: designated after AS_OF (2026-03-10): not counted on AS_OF
    await designateOn(fx, await fx.knowInstitution(), AS_OF, '2026-03-10');
    // one draft and one submitted application
    const drafted = await fx.knowInstitution();
    await createApplication(fx.em(), config, ADMIN, passingDeclaration(drafted, '2026-02-02'), '2026-02-02');
    await fx.submitted(await fx.knowInstitution(), '2026-02-03');
  });
  afterAll(() => fx?.close());

  it('sets up the dates it counts around', () => {
    expect([a.validUntil, b.validUntil, c.validUntil]).toEqual([addDays(AS_OF, 90), addDays(AS_OF, 91), '2028-10-13']);
    expect(a.functions).toEqual([PlatformFunction.INFORMATION, PlatformFunction.MARKET]);
    expect(b.functions).toEqual([PlatformFunction.TRAINING]);
  });

  it('counts designations by status, function, city and year on the date asked, in 8 statements', async () => {
    const before = sqlStatementCount();
    const stats = await platformStatistics(fx.em(), config, AS_OF);
    expect(sqlStatementCount() - before).toBe(8);

    expect(stats).toMatchObject({ programme: '自治区中小企业公共服务示范平台', asOf: AS_OF, designated: 3 });
    expect(counts(stats.designationsByStatus)).toEqual({ DESIGNATED: 3, EXPIRED: 1, REVOKED: 1 });
    expect(counts(stats.designatedByFunction)).toEqual({ INFORMATION: 2, MARKET: 1, TRAINING: 1 });
    expect(stats.designatedByCity).toEqual([{ key: '640100', label: '银川市', count: 2 }, { key: '640300', label: '吴忠市', count: 1 }]);
    expect(counts(stats.designationsByYear)).toEqual({ 2022: 1, 2023: 3, 2025: 1 });
    expect(counts(stats.applicationsByStatus)).toEqual({ DESIGNATED: 6, DRAFT: 1, SUBMITTED: 1 });
    expect(counts(stats.applicationsByYear)).toEqual({ 2022: 1, 2023: 3, 2025: 1, 2026: 2 });
    expect(stats.pendingRevocationRequests).toBe(0);
  });

  it('counts a platform DESIGNATED through validUntil and EXPIRED the day after', async () => {
    // A ends on 2026-05-31, B on 2026-06-01; F was designated on 2026-03-10
    expect(counts((await platformStatistics(fx.em(), config, '2026-05-31')).designationsByStatus)).toEqual({ DESIGNATED: 4, EXPIRED: 1, REVOKED: 1 });
    expect(counts((await platformStatistics(fx.em(), config, '2026-06-01')).designationsByStatus)).toEqual({ DESIGNATED: 3, EXPIRED: 2, REVOKED: 1 });
    expect(counts((await platformStatistics(fx.em(), config, '2026-06-02')).designationsByStatus)).toEqual({ DESIGNATED: 2, EXPIRED: 3, REVOKED: 1 });
    // R counts as designated the day before its revocation
    expect(counts((await platformStatistics(fx.em(), config, '2024-02-29')).designatedByCity)).toMatchObject({ 640200: 1 });
    expect(counts((await platformStatistics(fx.em(), config, '2024-03-01')).designatedByCity)).not.toHaveProperty('640200');
  });

  it('counts a platform whose validity ends on asOf + 90 as expiring within 90 days, and not one ending on asOf + 91', async () => {
    expect((await platformStatistics(fx.em(), config, addDays(AS_OF, -1))).expiringWithin90Days).toBe(0);
    expect((await platformStatistics(fx.em(), config, AS_OF)).expiringWithin90Days).toBe(1);
    expect((await platformStatistics(fx.em(), config, addDays(AS_OF, 1))).expiringWithin90Days).toBe(2);
    // expired platforms are no longer expiring
    expect((await platformStatistics(fx.em(), config, '2026-06-02')).expiringWithin90Days).toBe(0);
  });

  it('counts last year\'s summaries overdue (宁 第十六条): the platforms in force on 31 December that have not filed', async () => {
    // on 2026-03-02 last year is 2025: A and B owe it, C filed it; E had expired and R was revoked
    expect((await platformStatistics(fx.em(), config, AS_OF)).overdueSummaries).toBe(2);
    expect((await platformStatistics(fx.em(), config, '2026-01-01')).overdueSummaries).toBe(2);
    // on 2025-12-31 last year is 2024: E, A and B owed it and none filed
    expect((await platformStatistics(fx.em(), config, '2025-12-31')).overdueSummaries).toBe(3);
    await fileAnnualSummary(fx.em(), config, ADMIN, { designationId: a.id, year: 2025, summary: '2025 年度工作总结（补报）' }, '2026-03-03');
    expect((await platformStatistics(fx.em(), config, '2026-03-03')).overdueSummaries).toBe(1);
  });
});

describe('the platform database (宁 第十五条): keyset pages at the same cost whatever their size', () => {
  let fx: PlatformFixture;
  const APPROVED = ['2024-03-04', '2024-03-11', '2024-04-08', '2024-05-13', '2024-06-03'];

  beforeAll(async () => {
    fx = await openPlatforms(config);
    for (let i = 0; i < 25; i++) await fx.designate(await fx.knowInstitution({ regionCode: i % 2 ? '640104' : '640302' }), APPROVED[i % APPROVED.length]);
  });
  afterAll(() => fx?.close());

  const page = (first: number, after: string | null = null) => listDesignations(fx.em(), null, '2024-12-31', first, after);
  const statementsOf = async (work: () => Promise<unknown>) => {
    const before = sqlStatementCount();
    await work();
    return sqlStatementCount() - before;
  };

  it('issues the same number of statements for a page of 2 as for a page of 20 over 25 platforms', async () => {
    const two = await statementsOf(() => page(2));
    const twenty = await statementsOf(() => page(20));
    expect(two).toBe(twenty);
    expect(twenty).toBe(2);
  });

  it('walks every platform once, ordered by designation date then id, with the total on every page', async () => {
    const all = (await page(100)).edges.map((e) => e.node);
    expect(all).toHaveLength(25);
    const expected = [...all].sort((x, y) => (x.designatedOn + x.id).localeCompare(y.designatedOn + y.id)).map((d) => d.id);
    expect(all.map((d) => d.id)).toEqual(expected);

    const seen: string[] = [];
    let after: string | null = null;
    for (let n = 0; n < 20; n++) {
      const current: Awaited<ReturnType<typeof page>> = await page(2, after);
      expect(current.totalCount).toBe(25);
      seen.push(...current.edges.map((e) => e.node.id));
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);

    const first20 = await page(20);
    const rest = await page(20, first20.pageInfo.endCursor);
    expect(rest.edges.map((e) => e.node.id)).toEqual(expected.slice(20));
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by city on the date asked', async () => {
    const wuzhong = await listDesignations(fx.em(), { cityCode: '640300' }, '2024-12-31', 100);
    expect(wuzhong.totalCount).toBe(13);
    expect(wuzhong.edges.every((e) => e.node.cityCode === '640300')).toBe(true);
    // only those designated by then: the first approval date's five (designated 2024-03-12)
    expect((await listDesignations(fx.em(), { asOf: '2024-03-12' }, '2024-12-31', 100)).totalCount).toBe(5);
    expect((await listDesignations(fx.em(), { asOf: '2024-03-11' }, '2024-12-31', 100)).totalCount).toBe(0);
  });
});
