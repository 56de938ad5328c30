import { randomUUID } from 'node:crypto';
import { AuditEntry, ErrorCode, PlatformDesignationStatus, StatusChange, type AuthUser } from '@sme/kernel';
import { ProvincialReview } from '../src/provincial-platforms/provincial-review.entity';
import { ProvincialExpertReview } from '../src/provincial-platforms/expert-review.entity';
import { ProvincialDesignation } from '../src/provincial-platforms/provincial-designation.entity';
import { ProvincialDecision, ProvincialRejectionGround, ProvincialReviewStatus as Status } from '../src/provincial-platforms/provincial-review-status';
import { PROVINCIAL_PLATFORM, PROVINCIAL_REVIEW } from '../src/provincial-platforms/provincial-review-history';
import { decideProvincialPlatform, recordExpertReview, startProvincialNotice } from '../src/provincial-platforms/provincial-review.service';
import { asPlatformDesignation, validUntilFor } from '../src/provincial-platforms/designation-validity';
import { listProvincialPlatforms } from '../src/provincial-platforms/provincial-platform-list';
import { ADMIN, HEBEI_REVIEWER, PANEL, SHANXI_REVIEWER, TAIYUAN_REVIEWER, applicantOf, openShanxi, refused, type ShanxiFixture } from './support/provincial-fixture';

let fx: ShanxiFixture;
beforeAll(async () => (fx = await openShanxi()));
afterAll(() => fx?.close());

const expertReview = (reviewId: string, on: string, user: AuthUser = SHANXI_REVIEWER, values: Record<string, unknown> = {}) =>
  recordExpertReview(fx.em(), user, { reviewId, panel: PANEL, opinion: '服务能力突出，建议认定', recommended: true, reviewedOn: on, ...values }, on);
const notice = (reviewId: string, on: string, user: AuthUser = SHANXI_REVIEWER, startsOn: string = on) => startProvincialNotice(fx.em(), user, { reviewId, startsOn }, on);
const designate = (reviewId: string, on: string, user: AuthUser = SHANXI_REVIEWER, expectedVersion?: number) =>
  decideProvincialPlatform(fx.em(), user, { reviewId, decision: ProvincialDecision.DESIGNATE, expectedVersion }, on);
const reject = (reviewId: string, on: string, reason: string | null = '服务业绩不足以示范', user: AuthUser = SHANXI_REVIEWER, expectedVersion?: number) =>
  decideProvincialPlatform(fx.em(), user, { reviewId, decision: ProvincialDecision.REJECT, reason, expectedVersion }, on);

/** A review received on 2023-03-24, the expert review recorded on 2023-04-10. */
async function expertReviewed(): Promise<ProvincialReview> {
  const review = await fx.recommend(randomUUID(), '2023-03-24');
  return expertReview(review.id, '2023-04-10');
}

describe('the provincial path: expert review, public notice, designation', () => {
  it('ends a notice started before Labour Day on the 5th working day, designates the day after, and records every step', async () => {
    const received = await fx.recommend(randomUUID(), '2023-03-24');
    const reviewed = await expertReview(received.id, '2023-04-10');
    expect(reviewed).toMatchObject({ status: Status.EXPERT_REVIEWED, expertReviewedOn: '2023-04-10' });
    const panel = await fx.em().findOneOrFail(ProvincialExpertReview, { reviewId: received.id });
    expect(panel).toMatchObject({ reviewedOn: '2023-04-10', panel: PANEL, recommended: true, recordedBy: SHANXI_REVIEWER.id });
    // 2023-04-29..05-03 劳动节 off, 05-06 (Saturday) a make-up working day: 05-04, 05-05, 05-06, 05-08, 05-09
    const noticed = await notice(received.id, '2023-04-28');
    expect(noticed).toMatchObject({ status: Status.IN_PUBLIC_NOTICE, noticeStartsOn: '2023-04-28', noticeEndsOn: '2023-05-09' });

    expect(await refused(fx, () => designate(received.id, '2023-05-09'))).toMatchObject({
      code: ErrorCode.INVALID_TRANSITION, reason: 'NOTICE_NOT_ENDED', noticeEndsOn: '2023-05-09', allowedActions: ['REJECT'], currentState: 'IN_PUBLIC_NOTICE',
    });
    const designated = await designate(received.id, '2023-05-10');
    expect(designated).toMatchObject({ status: Status.DESIGNATED, decidedOn: '2023-05-10' });
    const designation = await fx.em().findOneOrFail(ProvincialDesignation, { reviewId: received.id });
    expect(designation).toMatchObject({ institutionId: received.institutionId, recommendationId: received.recommendationId, designatedOn: '2023-05-10', validUntil: '2026-05-09', revokedOn: null });

    const history = await fx.em().find(StatusChange, { recordType: PROVINCIAL_REVIEW, recordId: received.id }, { orderBy: { seq: 'asc' } });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.action, h.on])).toEqual([
      [null, 'RECEIVED', 'RECEIVE', '2023-03-24'],
      ['RECEIVED', 'EXPERT_REVIEWED', 'RECORD_EXPERT_REVIEW', '2023-04-10'],
      ['EXPERT_REVIEWED', 'IN_PUBLIC_NOTICE', 'START_PUBLIC_NOTICE', '2023-04-28'],
      ['IN_PUBLIC_NOTICE', 'DESIGNATED', 'DESIGNATE', '2023-05-10'],
    ]);
    const audit = await fx.em().find(AuditEntry, { recordType: { $in: [PROVINCIAL_REVIEW, PROVINCIAL_PLATFORM] }, recordId: { $in: [received.id, designation.id] } }, { orderBy: { at: 'asc', id: 'asc' } });
    expect(audit.map((a) => [a.recordType, a.action, a.actorId])).toEqual(expect.arrayContaining([
      [PROVINCIAL_REVIEW, 'RECORD_EXPERT_REVIEW', SHANXI_REVIEWER.id],
      [PROVINCIAL_REVIEW, 'START_PUBLIC_NOTICE', SHANXI_REVIEWER.id],
      [PROVINCIAL_REVIEW, 'DESIGNATE', SHANXI_REVIEWER.id],
      [PROVINCIAL_PLATFORM, 'DESIGNATE', SHANXI_REVIEWER.id],
    ]));
    const decision = audit.find((a) => a.recordType === PROVINCIAL_REVIEW && a.action === 'DESIGNATE')!;
    expect(decision.before).toMatchObject({ status: 'IN_PUBLIC_NOTICE' });
    expect(decision.after).toMatchObject({ status: 'DESIGNATED', decidedOn: '2023-05-10' });
  });

  it('is valid three years counting the day of designation: 2023-06-01 through 2026-05-31', async () => {
    expect(validUntilFor('2023-06-01')).toBe('2026-05-31');
    const review = await expertReviewed();
    expect((await notice(review.id, '2023-05-24')).noticeEndsOn).toBe('2023-05-31');
    await designate(review.id, '2023-06-01');
    const designation = await fx.em().findOneOrFail(ProvincialDesignation, { reviewId: review.id });
    expect(designation).toMatchObject({ designatedOn: '2023-06-01', validUntil: '2026-05-31' });
    expect(asPlatformDesignation(designation, '2026-05-31')).toEqual({
      id: designation.id, title: '山西省中小企业公共服务示范平台', status: PlatformDesignationStatus.DESIGNATED,
      designatedOn: '2023-06-01', validUntil: '2026-05-31', revokedOn: null, revocationReason: null,
    });
    expect(asPlatformDesignation(designation, '2026-06-01').status).toBe(PlatformDesignationStatus.EXPIRED);
    // the public list's status filter agrees with the computed status on both days
    const ids = async (status: PlatformDesignationStatus, today: string) =>
      (await listProvincialPlatforms(fx.em(), { status }, today, 100)).edges.map((e) => e.node.id);
    expect(await ids(PlatformDesignationStatus.DESIGNATED, '2026-05-31')).toContain(designation.id);
    expect(await ids(PlatformDesignationStatus.EXPIRED, '2026-05-31')).not.toContain(designation.id);
    expect(await ids(PlatformDesignationStatus.EXPIRED, '2026-06-01')).toContain(designation.id);
    expect(await ids(PlatformDesignationStatus.DESIGNATED, '2026-06-01')).not.toContain(designation.id);
  });
});

describe('rejection (final, with a reason, from any open step)', () => {
  it.each([Status.RECEIVED, Status.EXPERT_REVIEWED, Status.IN_PUBLIC_NOTICE])('rejects from %s', async (from) => {
    let review = await fx.recommend(randomUUID(), '2023-03-24');
    if (from !== Status.RECEIVED) review = await expertReview(review.id, '2023-04-10');
    if (from === Status.IN_PUBLIC_NOTICE) review = await notice(review.id, '2023-04-11');
    expect(review.status).toBe(from);
    const rejected = await reject(review.id, '2023-04-12');
    expect(rejected).toMatchObject({ status: Status.REJECTED, decidedOn: '2023-04-12', rejectionGround: ProvincialRejectionGround.PROVINCIAL_DECISION, rejectionReason: '服务业绩不足以示范' });
    const last = (await fx.em().find(StatusChange, { recordType: PROVINCIAL_REVIEW, recordId: review.id }, { orderBy: { seq: 'desc' }, limit: 1 }))[0];
    expect(last).toMatchObject({ fromStatus: from, toStatus: 'REJECTED', action: 'REJECT', reason: '服务业绩不足以示范', actorRole: 'PROVINCE_REVIEWER' });
  });

  it('needs a reason', async () => {
    const review = await fx.recommend(randomUUID(), '2023-03-24');
    expect(await refused(fx, () => reject(review.id, '2023-04-12', null))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'REASON_REQUIRED' });
    expect(await refused(fx, () => reject(review.id, '2023-04-12', '   '))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'REASON_REQUIRED' });
  });

  it('frees the institution for a new recommendation once rejected', async () => {
    const institution = randomUUID();
    const first = await fx.recommend(institution, '2023-03-24');
    await reject(first.id, '2023-04-12');
    expect((await fx.recommend(institution, '2023-04-13')).status).toBe(Status.RECEIVED);
  });
});

describe('transitions the workflow does not allow', () => {
  it('refuses each step out of order, naming what is allowed', async () => {
    const review = await fx.recommend(randomUUID(), '2023-03-24');
    expect(await refused(fx, () => notice(review.id, '2023-04-11'))).toMatchObject({ code: ErrorCode.INVALID_TRANSITION, currentState: 'RECEIVED', allowedActions: ['RECORD_EXPERT_REVIEW', 'REJECT'] });
    expect(await refused(fx, () => designate(review.id, '2023-06-01'))).toMatchObject({ code: ErrorCode.INVALID_TRANSITION, currentState: 'RECEIVED', action: 'DESIGNATE' });
    await expertReview(review.id, '2023-04-10');
    expect(await refused(fx, () => expertReview(review.id, '2023-04-11'))).toMatchObject({ code: ErrorCode.INVALID_TRANSITION, currentState: 'EXPERT_REVIEWED', allowedActions: ['START_PUBLIC_NOTICE', 'REJECT'] });
    expect(await refused(fx, () => designate(review.id, '2023-06-01'))).toMatchObject({ code: ErrorCode.INVALID_TRANSITION, currentState: 'EXPERT_REVIEWED' });
    await notice(review.id, '2023-04-11');
    expect(await refused(fx, () => notice(review.id, '2023-04-12'))).toMatchObject({ code: ErrorCode.INVALID_TRANSITION, currentState: 'IN_PUBLIC_NOTICE', allowedActions: ['REJECT'] });
    expect(await refused(fx, () => notice(review.id, '2023-06-01'))).toMatchObject({ allowedActions: ['DESIGNATE', 'REJECT'] });
    await designate(review.id, '2023-06-01');
    // the decision is final: nothing follows a designation or a rejection
    expect(await refused(fx, () => reject(review.id, '2023-06-02'))).toMatchObject({ code: ErrorCode.INVALID_TRANSITION, currentState: 'DESIGNATED', allowedActions: [] });
    expect(await refused(fx, () => designate(review.id, '2023-06-02'))).toMatchObject({ code: ErrorCode.INVALID_TRANSITION, currentState: 'DESIGNATED', allowedActions: [] });
    const rejected = await fx.recommend(randomUUID(), '2023-03-24', { cityDesignation: { id: randomUUID(), designatedOn: '2019-01-01', validUntil: '2021-12-31' } });
    expect(await refused(fx, () => expertReview(rejected.id, '2023-04-10'))).toMatchObject({ code: ErrorCode.INVALID_TRANSITION, currentState: 'REJECTED', allowedActions: [] });
    expect(await refused(fx, () => reject(rejected.id, '2023-04-10'))).toMatchObject({ code: ErrorCode.INVALID_TRANSITION, currentState: 'REJECTED' });
  });

  it('refuses an unknown review', async () => {
    expect(await refused(fx, () => expertReview(randomUUID(), '2023-04-10'))).toMatchObject({ code: ErrorCode.NOT_FOUND });
    expect(await refused(fx, () => reject('not-an-id', '2023-04-10'))).toMatchObject({ code: ErrorCode.NOT_FOUND });
  });
});

describe('inputs are checked before anything is written', () => {
  it('refuses dates in the future or before the step they follow', async () => {
    const review = await fx.recommend(randomUUID(), '2023-03-24');
    expect(await refused(fx, () => recordExpertReview(fx.em(), SHANXI_REVIEWER, { reviewId: review.id, panel: PANEL, opinion: '同意', recommended: true, reviewedOn: '2023-04-11' }, '2023-04-10')))
      .toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'FUTURE_DATE', field: 'reviewedOn' });
    expect(await refused(fx, () => expertReview(review.id, '2023-03-23'))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'DATE_ORDER', field: 'reviewedOn' });
    await expertReview(review.id, '2023-04-10');
    expect(await refused(fx, () => notice(review.id, '2023-04-10', SHANXI_REVIEWER, '2023-04-11'))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'FUTURE_DATE', field: 'startsOn' });
    expect(await refused(fx, () => notice(review.id, '2023-04-12', SHANXI_REVIEWER, '2023-04-09'))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'DATE_ORDER', field: 'startsOn' });
  });

  it('refuses an empty panel, a panel member without a name, and an empty opinion', async () => {
    const review = await fx.recommend(randomUUID(), '2023-03-24');
    expect(await refused(fx, () => expertReview(review.id, '2023-04-10', SHANXI_REVIEWER, { panel: [] }))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'OUT_OF_RANGE', field: 'panel' });
    expect(await refused(fx, () => expertReview(review.id, '2023-04-10', SHANXI_REVIEWER, { panel: [{ name: ' ', title: '教授', organisation: '某大学' }] })))
      .toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_TEXT', field: 'panel[0].name' });
    expect(await refused(fx, () => expertReview(review.id, '2023-04-10', SHANXI_REVIEWER, { opinion: '' }))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'opinion' });
  });
});

describe('who may act: a Shanxi province reviewer or an admin', () => {
  it('refuses a Hebei province reviewer, the Taiyuan city reviewer, the applicant and an anonymous caller at every step', async () => {
    const review = await fx.recommend(randomUUID(), '2023-03-24');
    const outsiders: [AuthUser | null, string][] = [
      [HEBEI_REVIEWER, ErrorCode.FORBIDDEN], [TAIYUAN_REVIEWER, ErrorCode.FORBIDDEN], [applicantOf(review.institutionId), ErrorCode.FORBIDDEN], [null, ErrorCode.UNAUTHENTICATED],
    ];
    for (const [user, code] of outsiders) {
      expect(await refused(fx, () => expertReview(review.id, '2023-04-10', user as AuthUser))).toMatchObject({ code });
      expect(await refused(fx, () => reject(review.id, '2023-04-10', '不符合', user as AuthUser))).toMatchObject({ code });
    }
    await expertReview(review.id, '2023-04-10', ADMIN);
    for (const [user, code] of outsiders) expect(await refused(fx, () => notice(review.id, '2023-04-11', user as AuthUser))).toMatchObject({ code });
    await notice(review.id, '2023-04-11');
    for (const [user, code] of outsiders) expect(await refused(fx, () => designate(review.id, '2023-06-01', user as AuthUser))).toMatchObject({ code });
    expect((await designate(review.id, '2023-06-01', ADMIN)).status).toBe(Status.DESIGNATED);
  });
});

/** Waits until `n` connections to the test database wait for a lock. */
async function waitForLockWaiters(n: number): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const [row] = await fx.em().execute(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    if (row.n >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`fewer than ${n} connections came to wait for the lock`);
}

describe('concurrent deciders', () => {
  it('refuses a decision made against an older version', async () => {
    const review = await expertReviewed();
    const noticed = await notice(review.id, '2023-04-11');
    expect(await refused(fx, () => designate(review.id, '2023-06-01', SHANXI_REVIEWER, noticed.version - 1))).toMatchObject({ code: ErrorCode.CONFLICT, reason: 'STALE_VERSION' });
    expect((await designate(review.id, '2023-06-01', SHANXI_REVIEWER, noticed.version)).status).toBe(Status.DESIGNATED);
  });

  it('lets exactly one of two simultaneous decisions through; the other gets CONFLICT', async () => {
    const review = await expertReviewed();
    await notice(review.id, '2023-04-11');
    // Hold the row so that both deciders have read the same version before either may write.
    const holder = await fx.orm.em.getConnection().getKnex().transaction();
    await holder.raw('select id from shanxi.provincial_platform_reviews where id = ? for update', [review.id]);
    const decisions = Promise.allSettled([designate(review.id, '2023-06-01'), reject(review.id, '2023-06-01')]);
    await waitForLockWaiters(2);
    await holder.commit();
    const outcomes = await decisions;
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
    expect(failed.reason.extensions.code).toBe(ErrorCode.CONFLICT);
    const stored = await fx.em().findOneOrFail(ProvincialReview, { id: review.id });
    const designations = await fx.em().count(ProvincialDesignation, { reviewId: review.id });
    expect(designations).toBe(stored.status === Status.DESIGNATED ? 1 : 0);
    expect(await fx.em().count(StatusChange, { recordType: PROVINCIAL_REVIEW, recordId: review.id, toStatus: { $in: ['DESIGNATED', 'REJECTED'] } })).toBe(1);
  });
});
