import { randomUUID } from 'node:crypto';
import { RegistryEvent, ReviewAction, Role, StatusChange, addYears, chinaToday, type AuthUser, type CreditRecordPayload } from '@sme/kernel';
import { KnownCreditRecord } from '@sme/kernel';
import { createApplication, reviewApplication } from '../src/applications/application.service';
import { LibraryApplicationStatus as Status, ReviewStep } from '../src/applications/application-status';
import { LibraryCategory, ServiceNature } from '../src/categories';
import { Member } from '../src/members/member.entity';
import { GROUND_OF_CREDIT_KIND, MemberStatus, RemovalGround } from '../src/members/member-status';
import { removeForCreditRecord } from '../src/members/credit-removal';
import { removeMemberByDecision } from '../src/members/removal';
import { recordEvaluation } from '../src/evaluations/evaluations.service';
import { EvaluationRating } from '../src/evaluations/annual-evaluation.entity';
import { runSchedule } from '../src/schedule/daily-schedule';
import { ADMIN, openLibrary, passingFigures, refused, type LibraryFixture } from './support/library-fixture';

/**
 * 第十二条 第二款: a member listed by the credit authorities (or evading tax, its legal representative listed,
 * its data falsified) is removed directly and may not enter again for at least two years; the ban's last day
 * is the second anniversary of the removal (民法典 第二百零一条、第二百零二条: the period starts the next day and
 * ends on the corresponding day, the month's last day when there is none). Other removals carry no ban.
 */


const apply = (lib: LibraryFixture, institutionId: string, today: string) =>
  createApplication(lib.em(), lib.config, ADMIN, {
    institutionId, categories: [LibraryCategory.TESTING_AND_INSPECTION], nature: ServiceNature.COMMERCIAL, declared: passingFigures(Number(today.slice(0, 4)) - 1),
    attestations: { politicalCommitment: true, serviceCapability: true, legalRepresentativePledge: true },
  }, today);

const memberOf = (lib: LibraryFixture, id: string) => lib.em().findOneOrFail(Member, { id });
const removals = (lib: LibraryFixture, memberId: string) => lib.em().find(StatusChange, { recordId: memberId, toStatus: 'REMOVED' });

/** The registry's CreditRecordAdded payload for a record listed on `listedOn`. */
const record = (institutionId: string, kind: string, listedOn: string, removedOn: string | null = null): CreditRecordPayload => ({
  id: randomUUID(), institutionId, creditCode: '91140105MA0XXXXXX1', kind, listedOn, removedOn, source: '信用中国',
});

/** Handles the record on `today`, as the event handler does, in one transaction. */
const handleOn = (lib: LibraryFixture, payload: CreditRecordPayload, today: string) =>
  lib.em().transactional(async (em) => {
    const removed = await removeForCreditRecord(em, lib.config, payload, today);
    await em.flush();
    return removed;
  });

const decide = (lib: LibraryFixture, memberId: string, ground: RemovalGround, decidedOn: string, actor: AuthUser = ADMIN) =>
  removeMemberByDecision(lib.em(), lib.config, actor, { memberId, ground, reason: '经厅务会研究决定移出', decidedOn }, decidedOn);

let lib: LibraryFixture;
beforeAll(async () => (lib = await openLibrary()));
afterAll(() => lib?.close());

describe('a credit record event removes a member directly (第十二条)', () => {
  it.each(Object.entries(GROUND_OF_CREDIT_KIND))('%s removes an ACTIVE member with ground %s, banned through the 2nd anniversary', async (kind, ground) => {
    const institution = await lib.knowInstitution();
    const member = await lib.admit(institution, '2024-09-27');
    expect(member.status).toBe(MemberStatus.ACTIVE);
    const today = chinaToday();
    await lib.addCreditRecord(institution, kind, '2025-03-01');
    const removed = await memberOf(lib, member.id);
    expect(removed).toMatchObject({ status: MemberStatus.REMOVED, removalGround: ground, removedOn: today, reentryBannedUntil: addYears(today, 2) });
    expect(removed.removalReason).toContain('晋 第十二条');
    expect(removed.removalReason).toContain('2025-03-01');
    const [change] = await removals(lib, member.id);
    expect(change).toMatchObject({ fromStatus: 'ACTIVE', action: `REMOVE_${ground}`, on: today, actorId: 'library-credit-watch' });
  });

  it('removes a NOTIFIED member too', async () => {
    const own = await openLibrary(); // the schedule below judges every member's reports
    try {
      const institution = await own.knowInstitution();
      const member = await own.admit(institution, '2024-09-27');
      await runSchedule(own.em(), own.config, '2025-03-16'); // 2024-12-15 and 2025-03-15 missed: 通报 (第十条)
      expect((await memberOf(own, member.id)).status).toBe(MemberStatus.NOTIFIED);
      const removed = await handleOn(own, record(institution, 'DISHONEST_JUDGMENT_DEBTOR', '2025-04-01'), '2025-04-02');
      expect(removed).toMatchObject({ id: member.id, status: MemberStatus.REMOVED, removedOn: '2025-04-02', removalGround: RemovalGround.CREDIT_RECORD, reentryBannedUntil: '2027-04-02' });
      const [change] = await removals(own, member.id);
      expect(change).toMatchObject({ fromStatus: 'NOTIFIED', on: '2025-04-02' });
    } finally {
      await own.close();
    }
  });

  it('a record delivered twice, or a second record, does not remove twice', async () => {
    const institution = await lib.knowInstitution();
    const member = await lib.admit(institution, '2024-09-27');
    const payload = record(institution, 'SERIOUS_DISHONESTY_LIST', '2025-03-01');
    await lib.deliver(RegistryEvent.CreditRecordAdded, { ...payload });
    const first = await memberOf(lib, member.id);
    await lib.deliver(RegistryEvent.CreditRecordAdded, { ...payload });
    await lib.addCreditRecord(institution, 'MAJOR_TAX_VIOLATION', '2025-04-01');
    expect(await memberOf(lib, member.id)).toMatchObject({
      status: MemberStatus.REMOVED, removedOn: first.removedOn, removalGround: RemovalGround.CREDIT_RECORD, reentryBannedUntil: first.reentryBannedUntil, version: first.version,
    });
    expect(await removals(lib, member.id)).toHaveLength(1);
    expect(await lib.em().count(KnownCreditRecord, { institutionId: institution })).toBe(2);
    expect(await handleOn(lib, payload, '2025-05-01')).toBeNull();
  });

  it('a record already lifted when it is announced removes nobody', async () => {
    const institution = await lib.knowInstitution();
    const member = await lib.admit(institution, '2024-09-27');
    await lib.addCreditRecord(institution, 'ABNORMAL_OPERATION', '2025-01-02', '2025-02-03');
    expect((await memberOf(lib, member.id)).status).toBe(MemberStatus.ACTIVE);
  });

  it('a cleared record stays cleared when its CreditRecordAdded is delivered again', async () => {
    const institution = await lib.knowInstitution();
    const payload = record(institution, 'ABNORMAL_OPERATION', '2023-01-02');
    await lib.deliver(RegistryEvent.CreditRecordAdded, { ...payload });
    await lib.deliver(RegistryEvent.CreditRecordCleared, { ...payload, removedOn: '2023-03-01', reason: '信用修复' });
    await lib.deliver(RegistryEvent.CreditRecordAdded, { ...payload });
    expect((await lib.em().findOneOrFail(KnownCreditRecord, { id: payload.id })).removedOn).toBe('2023-03-01');
  });

  it('a record of a non-member removes nothing, bans nothing, and is kept for the eligibility check', async () => {
    const institution = await lib.knowInstitution();
    await lib.addCreditRecord(institution, 'ABNORMAL_OPERATION', '2024-01-02');
    expect(await lib.em().count(Member, { institutionId: institution })).toBe(0);
    expect(await lib.em().findOneOrFail(KnownCreditRecord, { institutionId: institution })).toMatchObject({ kind: 'ABNORMAL_OPERATION', listedOn: '2024-01-02', removedOn: null });
    const application = await lib.submitted(institution, '2024-09-27');
    expect(application.status).toBe(Status.SUBMITTED);
    const error = await refused(lib, () => reviewApplication(lib.em(), lib.config, ADMIN, { applicationId: application.id, step: ReviewStep.COUNTY, action: ReviewAction.APPROVE }, '2024-09-27'));
    expect(error).toMatchObject({ code: 'NOT_ELIGIBLE', failing: [{ code: 'CREDIT_CLEAN', actual: 'ABNORMAL_OPERATION 2024-01-02' }] });
  });
});

describe('the re-entry ban (REENTRY_BANNED through reentryBannedUntil)', () => {
  it('refuses an application on the ban’s last day and accepts it the day after', async () => {
    const institution = await lib.knowInstitution();
    const member = await lib.admit(institution, '2023-09-25');
    const removed = await handleOn(lib, record(institution, 'TAX_EVASION', '2024-03-01'), '2024-03-10');
    expect(removed).toMatchObject({ removedOn: '2024-03-10', removalGround: RemovalGround.TAX_VIOLATION, reentryBannedUntil: '2026-03-10' });
    expect((await memberOf(lib, member.id)).reentryBannedUntil).toBe('2026-03-10');

    for (const day of ['2024-03-10', '2025-03-10', '2026-03-10']) {
      const error = await refused(lib, () => apply(lib, institution, day));
      expect(error).toMatchObject({ code: 'REENTRY_BANNED', bannedUntil: '2026-03-10', article: '晋 第十二条' });
      expect(error.messageZh).toContain('2026-03-10');
    }
    expect((await apply(lib, institution, '2026-03-11')).status).toBe(Status.DRAFT);
  });

  it('a removal on 29 February is banned through 28 February two years on (no 29th: the month’s last day)', async () => {
    const institution = await lib.knowInstitution();
    await lib.admit(institution, '2023-09-25');
    const removed = await handleOn(lib, record(institution, 'LEGAL_REPRESENTATIVE_RECORD', '2024-02-20'), '2024-02-29');
    expect(removed?.reentryBannedUntil).toBe('2026-02-28');
    expect(await refused(lib, () => apply(lib, institution, '2026-02-28'))).toMatchObject({ code: 'REENTRY_BANNED', bannedUntil: '2026-02-28' });
    expect((await apply(lib, institution, '2026-03-01')).status).toBe(Status.DRAFT);
  });
});

describe('removal by the province’s decision', () => {
  it('DATA_FALSIFICATION removes and bans from the date decided', async () => {
    const institution = await lib.knowInstitution();
    const member = await lib.admit(institution, '2024-09-27');
    const removed = await decide(lib, member.id, RemovalGround.DATA_FALSIFICATION, '2025-01-15');
    expect(removed).toMatchObject({ status: MemberStatus.REMOVED, removedOn: '2025-01-15', removalGround: RemovalGround.DATA_FALSIFICATION, removalReason: '经厅务会研究决定移出', reentryBannedUntil: '2027-01-15' });
    expect(await removals(lib, member.id)).toMatchObject([{ fromStatus: 'ACTIVE', action: 'REMOVE_DATA_FALSIFICATION', on: '2025-01-15', actorRole: Role.ADMIN }]);
    expect(await refused(lib, () => apply(lib, institution, '2027-01-15'))).toMatchObject({ code: 'REENTRY_BANNED', bannedUntil: '2027-01-15' });
    expect((await apply(lib, institution, '2027-01-16')).status).toBe(Status.DRAFT);
  });

  it('EVALUATION_FAILED needs a failing evaluation, and carries no ban', async () => {
    const institution = await lib.knowInstitution();
    const member = await lib.admit(institution, '2024-09-27');
    expect(await refused(lib, () => decide(lib, member.id, RemovalGround.EVALUATION_FAILED, '2025-01-15'))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_FAILED_EVALUATION' });
    await recordEvaluation(lib.em(), lib.config, ADMIN, { memberId: member.id, year: 2024, rating: EvaluationRating.PASS, comments: '服务情况良好' }, '2025-01-10');
    expect(await refused(lib, () => decide(lib, member.id, RemovalGround.EVALUATION_FAILED, '2025-01-15'))).toMatchObject({ reason: 'NO_FAILED_EVALUATION' });

    const other = await lib.knowInstitution();
    const failing = await lib.admit(other, '2024-09-27');
    await recordEvaluation(lib.em(), lib.config, ADMIN, { memberId: failing.id, year: 2024, rating: EvaluationRating.FAIL, comments: '未开展公益性服务' }, '2025-01-10');
    const removed = await decide(lib, failing.id, RemovalGround.EVALUATION_FAILED, '2025-01-15');
    expect(removed).toMatchObject({ status: MemberStatus.REMOVED, removalGround: RemovalGround.EVALUATION_FAILED, removedOn: '2025-01-15', reentryBannedUntil: null });
    expect((await apply(lib, other, '2025-01-16')).status).toBe(Status.DRAFT);
  });

  it('MISSED_REPORTS is the schedule’s to decide, never a decision', async () => {
    const member = await lib.admit(await lib.knowInstitution(), '2024-09-27');
    expect(await refused(lib, () => decide(lib, member.id, RemovalGround.MISSED_REPORTS, '2025-01-15'))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GROUND_BY_SCHEDULE_ONLY', field: 'ground' });
    expect((await memberOf(lib, member.id)).status).toBe(MemberStatus.ACTIVE);
  });

  it('refuses a second removal, a date before admission or after today, and anyone but the province', async () => {
    const member = await lib.admit(await lib.knowInstitution(), '2024-09-27');
    expect(await refused(lib, () => decide(lib, member.id, RemovalGround.DATA_FALSIFICATION, '2024-10-10'))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_ORDER' });
    expect(await refused(lib, () => removeMemberByDecision(lib.em(), lib.config, ADMIN, { memberId: member.id, ground: RemovalGround.DATA_FALSIFICATION, reason: '造假', decidedOn: '2025-01-16' }, '2025-01-15')))
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FUTURE_DATE' });
    const city: AuthUser = { id: 'city', name: null, role: Role.CITY_REVIEWER, region: '140100', institutionId: null, panel: null };
    const hebei: AuthUser = { id: 'hebei', name: null, role: Role.PROVINCE_REVIEWER, region: '130000', institutionId: null, panel: null };
    for (const actor of [city, hebei]) {
      expect(await refused(lib, () => decide(lib, member.id, RemovalGround.DATA_FALSIFICATION, '2025-01-15', actor))).toMatchObject({ code: 'FORBIDDEN' });
    }
    await decide(lib, member.id, RemovalGround.DATA_FALSIFICATION, '2025-01-15', { ...hebei, id: 'shanxi', region: '140000' });
    expect(await refused(lib, () => decide(lib, member.id, RemovalGround.DATA_FALSIFICATION, '2025-01-16'))).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'REMOVED' });
  });
});
