import { PlatformDesignationStatus, designationStatus, designationValidUntil } from '@sme/kernel';
import { PlatformApplicationStatus as Status, PlatformDecision, RevocationGround } from '../src';
import { createApplication } from '../src/applications/application.service';
import { decideAfterNotice } from '../src/designations/designation.service';
import { revokeDesignation } from '../src/designations/revocation';
import { listDesignations } from '../src/designations/designation-list';
import { Designation } from '../src/designations/designation.entity';
import { assessPerformance } from '../src/assessments/assessments.service';
import { PerformanceRating } from '../src/assessments/performance-assessment.entity';
import { ADMIN, openPlatforms, passingDeclaration, refused, type PlatformFixture } from './support/platform-fixture';
import { openEndedSampleRuleSet, sampleProgramme } from './support/sample-programme';

/**
 * When a designated or revoked platform may apply again, on the sample rule set (样, open-ended):
 * - 第二十三条 (鲁 第二十三条): a designation is valid 3 years counting its first day, and 在有效期满当年可再次申报 — from
 *   1 January of the year its validity ends; before that CONFLICT STILL_DESIGNATED names the day it may;
 * - 第二十四条 (鲁 第二十四条): revoked for a violation, 3 年内不得申报 — REENTRY_BANNED through the anniversary of the
 *   revocation, accepted the day after; a ground outside the ban (a failed assessment) bans nothing.
 * The designations below start from a submission on 2023-06-01 (notice through 2023-06-08, designated 2023-06-09,
 * valid through 2026-06-08) unless a test says otherwise.
 */

const config = sampleProgramme();
const FROM = '2023-06-01';

let fx: PlatformFixture;
beforeAll(async () => (fx = await openPlatforms(config)));
afterAll(() => fx?.close());

const apply = (f: PlatformFixture, institution: string, on: string) => createApplication(f.em(), f.config, ADMIN, passingDeclaration(institution, on), on);

async function designated(f: PlatformFixture = fx, on = FROM): Promise<{ institution: string; designation: Designation }> {
  const institution = await f.knowInstitution();
  return { institution, designation: await f.designate(institution, on) };
}

describe('第二十三条: valid 3 years from the day of designation', () => {
  it('designated 2023-06-09: DESIGNATED through 2026-06-08, EXPIRED on 2026-06-09 (status and the platform list agree)', async () => {
    const { designation } = await designated();
    expect(designation).toMatchObject({ designatedOn: '2023-06-09', validUntil: '2026-06-08' });
    expect(designationStatus(designation, '2026-06-08')).toBe(PlatformDesignationStatus.DESIGNATED);
    expect(designationStatus(designation, '2026-06-09')).toBe(PlatformDesignationStatus.EXPIRED);

    const ids = async (status: PlatformDesignationStatus, asOf: string) =>
      (await listDesignations(fx.em(), { status, asOf }, asOf, 100)).edges.map((e) => e.node.id);
    expect(await ids(PlatformDesignationStatus.DESIGNATED, '2026-06-08')).toContain(designation.id);
    expect(await ids(PlatformDesignationStatus.EXPIRED, '2026-06-08')).not.toContain(designation.id);
    expect(await ids(PlatformDesignationStatus.EXPIRED, '2026-06-09')).toContain(designation.id);
    expect(await ids(PlatformDesignationStatus.DESIGNATED, '2026-06-09')).not.toContain(designation.id);
  });

  it('designated on 29 February 2024: valid through 2027-02-27 (the day before the clamped anniversary 2027-02-28)', async () => {
    expect(designationValidUntil('2024-02-29', 3)).toBe('2027-02-27');
    expect(designationValidUntil('2024-03-01', 3)).toBe('2027-02-28');
    const institution = await fx.knowInstitution();
    const noticed = await fx.inNotice(institution, '2024-02-01');
    expect(noticed.noticeEndsOn! < '2024-02-29').toBe(true);
    const decided = await decideAfterNotice(fx.em(), config, ADMIN, { applicationId: noticed.id, decision: PlatformDecision.DESIGNATE }, '2024-02-29');
    const designation = await fx.em().findOneOrFail(Designation, { id: decided.designationId! });
    expect(designation).toMatchObject({ designatedOn: '2024-02-29', validUntil: '2027-02-27' });
    expect(designationStatus(designation, '2027-02-27')).toBe(PlatformDesignationStatus.DESIGNATED);
    expect(designationStatus(designation, '2027-02-28')).toBe(PlatformDesignationStatus.EXPIRED);
  });
});

describe('第二十三条: 在有效期满当年可再次申报', () => {
  it('on 2025-12-31 CONFLICT STILL_DESIGNATED (may apply from 2026-01-01); on 2026-01-01 accepted', async () => {
    const { institution } = await designated();
    for (const day of ['2023-06-09', '2025-12-31']) {
      const error = await refused(fx, () => apply(fx, institution, day));
      expect(error).toMatchObject({ code: 'CONFLICT', reason: 'STILL_DESIGNATED', validUntil: '2026-06-08', mayApplyFrom: '2026-01-01', article: '样 第二十三条' });
    }
    expect((await apply(fx, institution, '2026-01-01')).status).toBe(Status.DRAFT);
  });

  describe('a rule set that does not allow re-application in the expiry year, and has no ban', () => {
    let strict: PlatformFixture;
    beforeAll(async () => (strict = await openPlatforms(sampleProgramme(openEndedSampleRuleSet({ reapplyInExpiryYear: false, revocationBan: null })))));
    afterAll(() => strict?.close());

    it('refuses while designated, through 2026-06-08 (mayApplyFrom null); accepts from the day it expires', async () => {
      const { institution } = await designated(strict);
      for (const day of ['2026-01-01', '2026-06-08']) {
        expect(await refused(strict, () => apply(strict, institution, day))).toMatchObject({ code: 'CONFLICT', reason: 'STILL_DESIGNATED', validUntil: '2026-06-08', mayApplyFrom: null });
      }
      expect((await apply(strict, institution, '2026-06-09')).status).toBe(Status.DRAFT);
    });

    it('a revocation for a violation bans nothing where the rule set has no ban', async () => {
      const { institution, designation } = await designated(strict);
      const revoked = await revokeDesignation(strict.em(), strict.config, ADMIN, { designationId: designation.id, ground: RevocationGround.VIOLATION, reason: '违规收费' }, '2024-03-01');
      expect(revoked).toMatchObject({ revokedOn: '2024-03-01', applicationBannedUntil: null });
      expect((await apply(strict, institution, '2024-03-01')).status).toBe(Status.DRAFT);
    });
  });
});

describe('第二十四条: revoked for a violation, REENTRY_BANNED through the anniversary', () => {
  it('revoked 2022-05-10: refused through 2025-05-10, the ban’s last day; accepted on 2025-05-11', async () => {
    const { institution, designation } = await designated(fx, '2021-03-01');
    expect(designation).toMatchObject({ designatedOn: '2021-03-09', validUntil: '2024-03-08' });
    const revoked = await revokeDesignation(fx.em(), config, ADMIN, { designationId: designation.id, ground: RevocationGround.VIOLATION, reason: '虚报服务业绩' }, '2022-05-10');
    expect(revoked.applicationBannedUntil).toBe('2025-05-10');
    for (const day of ['2022-05-10', '2025-05-10']) {
      expect(await refused(fx, () => apply(fx, institution, day))).toMatchObject({ code: 'REENTRY_BANNED', bannedUntil: '2025-05-10', article: '样 第二十四条' });
    }
    expect((await apply(fx, institution, '2025-05-11')).status).toBe(Status.DRAFT);
  });

  it('a revocation after a failed assessment carries no ban: the platform may apply the same day', async () => {
    const { institution, designation } = await designated();
    await assessPerformance(fx.em(), config, ADMIN, { designationId: designation.id, year: 2023, rating: PerformanceRating.FAIL, comments: '未完成年度服务目标' }, '2024-03-01');
    expect(await fx.em().findOneOrFail(Designation, { id: designation.id })).toMatchObject({
      revokedOn: '2024-03-01', revocationGround: RevocationGround.ASSESSMENT_FAILED, applicationBannedUntil: null,
    });
    expect((await apply(fx, institution, '2024-03-01')).status).toBe(Status.DRAFT);
  });
});
