import { DomainError, PlatformDesignationStatus, ReviewAction, addDays, designationStatus } from '@sme/kernel';
import { schemaChecksums } from '@sme/testing';
import {
  PlatformApplicationStatus as Status, PlatformDecision, PlatformReviewStep, REVIEW_STEPS, allowedActions,
} from '../src/applications/application-status';
import { createApplication, reviewApplication, submitApplication, updateApplication } from '../src/applications/application.service';
import { recordExpertReview, recordOnSiteVisit } from '../src/applications/provincial-checks.service';
import { PlatformApplication } from '../src/applications/application.entity';
import { decideAfterNotice } from '../src/designations/designation.service';
import { Designation } from '../src/designations/designation.entity';
import { RevocationGround } from '../src/designations/revocation-ground';
import { revokeDesignation } from '../src/designations/revocation';
import { Inspection, RevocationRequestStatus } from '../src/inspections/inspection.entity';
import { RevocationRequestDecision } from '../src/inspections/inspection.inputs';
import { decideRevocationRequest, recordInspection } from '../src/inspections/inspections.service';
import { ADMIN, openPlatforms, passingDeclaration, type PlatformFixture } from './support/platform-fixture';
import { sampleProgramme } from './support/sample-programme';

/**
 * Every (state, action) pair the demonstration-platform workflow (鲁 第十七条至第二十一条, 宁 第九条至第十三条) does not
 * allow, derived from the machine's own data: the states are the status enum, the actions everything
 * `allowedActions` offers in any status, and a review action is allowed only at the step `REVIEW_STEPS` says waits
 * there. A record is put into each status through the services; each disallowed action must be INVALID_TRANSITION
 * with the current state and exactly what the machine allows there, changing no table. DESIGNATE while the notice
 * still runs is refused the same way (only REJECT_AFTER_NOTICE is open then).
 *
 * A designation and a city's revocation request have no transition table; their machines are enumerated from the
 * documents: only a designation in force can be revoked or inspected (鲁 第二十四条、第二十五条, 宁 第十七条), and a
 * revocation request is decided once, only when one was made (鲁 第二十五条).
 */

const config = sampleProgramme();
const ON = '2024-05-06';
const DURING_NOTICE = '2024-05-08';
const AFTER_NOTICE = '2024-05-20';

let fx: PlatformFixture;
const byStatus = new Map<Status, PlatformApplication>();

const review = (id: string, step: PlatformReviewStep, action: ReviewAction, on = ON) =>
  reviewApplication(fx.em(), config, ADMIN, {
    applicationId: id, step, action, reason: action === ReviewAction.APPROVE ? null : '需补充说明',
    assessment: step === PlatformReviewStep.CITY && action === ReviewAction.APPROVE ? fx.assessment() : null,
  }, on);

beforeAll(async () => {
  fx = await openPlatforms(config);
  const fresh = () => fx.knowInstitution();
  const load = (id: string) => fx.em().findOneOrFail(PlatformApplication, { id });
  const institution = await fresh();
  byStatus.set(Status.DRAFT, await createApplication(fx.em(), config, ADMIN, passingDeclaration(institution, ON), ON));
  byStatus.set(Status.SUBMITTED, await fx.submitted(await fresh(), ON));
  for (const [status, approvals, step, action] of [
    [Status.RETURNED, 0, PlatformReviewStep.CITY, ReviewAction.RETURN],
    [Status.CITY_REJECTED, 0, PlatformReviewStep.CITY, ReviewAction.REJECT],
    [Status.CITY_RECOMMENDED, 1, null, null],
    [Status.PROVINCE_REJECTED, 1, PlatformReviewStep.PROVINCE, ReviewAction.REJECT],
  ] as const) {
    const application = await fx.submitted(await fresh(), ON);
    if (approvals) await review(application.id, PlatformReviewStep.CITY, ReviewAction.APPROVE);
    if (step && action) await review(application.id, step, action);
    byStatus.set(status, await load(application.id));
  }
  byStatus.set(Status.IN_PUBLIC_NOTICE, await fx.inNotice(await fresh(), ON));
  const designation = await fx.designate(await fresh(), ON);
  byStatus.set(Status.DESIGNATED, await load(designation.applicationId));
  const rejected = await fx.inNotice(await fresh(), ON);
  await decideAfterNotice(fx.em(), config, ADMIN, { applicationId: rejected.id, decision: PlatformDecision.REJECT, reason: '公示期间异议成立' }, AFTER_NOTICE);
  byStatus.set(Status.NOT_DESIGNATED, await load(rejected.id));
}, 60_000);
afterAll(() => fx?.close());

async function refusalOf(work: () => Promise<unknown>): Promise<Record<string, any>> {
  const error = await work().then(() => new Error('accepted'), (e: unknown) => e);
  if (!(error instanceof DomainError)) throw error;
  return { code: error.code, ...error.extensions };
}

async function withoutChange<T>(work: () => Promise<T>): Promise<T> {
  const before = await schemaChecksums(fx.url, config.name);
  const result = await work();
  expect(await schemaChecksums(fx.url, config.name)).toEqual(before);
  return result;
}

/** One thing a caller can do to an application, the machine's action names it performs, and the step it addresses. */
interface Attempt {
  name: string;
  performs: readonly string[];
  step?: PlatformReviewStep;
  run(application: PlatformApplication, day: string): Promise<unknown>;
}

const ATTEMPTS: Attempt[] = [
  { name: 'UPDATE', performs: ['UPDATE'], run: (a, day) => updateApplication(fx.em(), config, ADMIN, a.id, { contactPerson: '李联系' }, day) },
  { name: 'SUBMIT', performs: ['SUBMIT', 'RESUBMIT'], run: (a, day) => submitApplication(fx.em(), config, ADMIN, a.id, day) },
  ...Object.values(PlatformReviewStep).flatMap((step) =>
    Object.values(ReviewAction).map((action): Attempt => ({ name: `${step}_${action}`, performs: [`${step}_${action}`], step, run: (a, day) => review(a.id, step, action, day) })),
  ),
  {
    name: 'RECORD_EXPERT_REVIEW', performs: ['RECORD_EXPERT_REVIEW'],
    run: (a, day) => recordExpertReview(fx.em(), config, ADMIN, { applicationId: a.id, panel: [{ name: '专家乙', title: '教授', organisation: '某大学' }], opinion: '建议认定', recommended: true, reviewedOn: day }, day),
  },
  {
    name: 'RECORD_ON_SITE_VISIT', performs: ['RECORD_ON_SITE_VISIT'],
    run: (a, day) => recordOnSiteVisit(fx.em(), config, ADMIN, { applicationId: a.id, visitedOn: day, visitors: '省厅', findings: '属实', confirmed: true }, day),
  },
  { name: 'DESIGNATE', performs: ['DESIGNATE'], run: (a, day) => decideAfterNotice(fx.em(), config, ADMIN, { applicationId: a.id, decision: PlatformDecision.DESIGNATE }, day) },
  {
    name: 'REJECT_AFTER_NOTICE', performs: ['REJECT_AFTER_NOTICE'],
    run: (a, day) => decideAfterNotice(fx.em(), config, ADMIN, { applicationId: a.id, decision: PlatformDecision.REJECT, reason: '异议成立' }, day),
  },
];

const STATES = Object.values(Status);
const isAllowed = (status: Status, attempt: Attempt) =>
  attempt.performs.some((action) => allowedActions(status).includes(action)) && (!attempt.step || REVIEW_STEPS[attempt.step].waiting === status);
const DISALLOWED = STATES.flatMap((status) => ATTEMPTS.filter((attempt) => !isAllowed(status, attempt)).map((attempt) => ({ status, attempt })));

describe('the application machine', () => {
  it('has an attempt for every action the machine names, and a record in every state', () => {
    const named = new Set(STATES.flatMap((s) => allowedActions(s)));
    const covered = new Set(ATTEMPTS.flatMap((a) => a.performs));
    expect([...named].filter((action) => !covered.has(action))).toEqual([]);
    expect(STATES.filter((s) => byStatus.get(s)?.status !== s)).toEqual([]);
    expect(ATTEMPTS.filter((attempt) => !STATES.some((s) => isAllowed(s, attempt))).map((a) => a.name)).toEqual([]);
  });

  it.each(STATES)('refuses every disallowed action from %s with its state and allowed actions', async (status) => {
    const application = byStatus.get(status)!;
    const pairs = DISALLOWED.filter((pair) => pair.status === status);
    expect(pairs.length).toBeGreaterThan(0);
    await withoutChange(async () => {
      for (const { attempt } of pairs) {
        expect({ attempt: attempt.name, ...(await refusalOf(() => attempt.run(application, AFTER_NOTICE))) }).toMatchObject({
          attempt: attempt.name, code: 'INVALID_TRANSITION', currentState: status, allowedActions: allowedActions(status),
        });
      }
    });
  });

  it('refuses DESIGNATE while the notice runs: only the rejection after notice is open', async () => {
    const noticed = byStatus.get(Status.IN_PUBLIC_NOTICE)!;
    expect(DURING_NOTICE <= noticed.noticeEndsOn! && AFTER_NOTICE > noticed.noticeEndsOn!).toBe(true);
    const designate = ATTEMPTS.find((a) => a.name === 'DESIGNATE')!;
    expect(await withoutChange(() => refusalOf(() => designate.run(noticed, DURING_NOTICE))))
      .toMatchObject({ code: 'INVALID_TRANSITION', reason: 'NOTICE_NOT_ENDED', currentState: Status.IN_PUBLIC_NOTICE, allowedActions: ['REJECT_AFTER_NOTICE'] });
  });
});

describe('designations and revocation requests (enumerated from the documents)', () => {
  const EXPIRED_ON = '2021-03-01';

  it('refuses revoking or inspecting a designation that is not in force (EXPIRED, REVOKED × REVOKE, INSPECT)', async () => {
    const expired = await fx.designate(await fx.knowInstitution(), EXPIRED_ON);
    const revoked = await fx.designate(await fx.knowInstitution(), ON);
    await revokeDesignation(fx.em(), config, ADMIN, { designationId: revoked.id, ground: RevocationGround.VIOLATION, reason: '违法违规' }, AFTER_NOTICE);
    // each tried on a day it is out of force: after its validity, after its revocation
    const situations = [
      { designation: await fx.em().findOneOrFail(Designation, { id: expired.id }), day: addDays(expired.validUntil, 10) },
      { designation: await fx.em().findOneOrFail(Designation, { id: revoked.id }), day: addDays(AFTER_NOTICE, 1) },
    ];
    expect(situations.map(({ designation, day }) => designationStatus(designation, day))).toEqual([PlatformDesignationStatus.EXPIRED, PlatformDesignationStatus.REVOKED]);
    let pairs = 0;
    await withoutChange(async () => {
      for (const { designation, day } of situations) {
        const state = designationStatus(designation, day);
        const attempts = {
          REVOKE: () => revokeDesignation(fx.em(), config, ADMIN, { designationId: designation.id, ground: RevocationGround.VIOLATION, reason: '违法违规' }, day),
          INSPECT: () => recordInspection(fx.em(), config, ADMIN, { designationId: designation.id, inspectedOn: day, findings: '不合格', passed: false, requestRevocation: false }, day),
        };
        for (const [action, run] of Object.entries(attempts)) {
          expect({ action, ...(await refusalOf(run)) }).toMatchObject({ action, code: 'INVALID_TRANSITION', currentState: state, allowedActions: [] });
          pairs++;
        }
      }
    });
    expect(pairs).toBe(4);
  });

  it('refuses deciding a revocation request that was never made or is already decided (NO_REQUEST, UPHELD, DISMISSED × UPHOLD, DISMISS)', async () => {
    const inspected = async (requestRevocation: boolean) => {
      const designation = await fx.designate(await fx.knowInstitution(), ON);
      return recordInspection(fx.em(), config, ADMIN, { designationId: designation.id, inspectedOn: AFTER_NOTICE, findings: '服务不达标', passed: false, requestRevocation }, AFTER_NOTICE);
    };
    const none = await inspected(false);
    const upheld = await inspected(true);
    await decideRevocationRequest(fx.em(), config, ADMIN, { inspectionId: upheld.id, decision: RevocationRequestDecision.UPHOLD, reason: '经查实' }, AFTER_NOTICE);
    const dismissed = await inspected(true);
    await decideRevocationRequest(fx.em(), config, ADMIN, { inspectionId: dismissed.id, decision: RevocationRequestDecision.DISMISS, reason: '经查不实' }, AFTER_NOTICE);
    let pairs = 0;
    await withoutChange(async () => {
      for (const inspection of [none, upheld, dismissed]) {
        const state = (await fx.em().findOneOrFail(Inspection, { id: inspection.id })).requestStatus ?? 'NO_REQUEST';
        expect(state).not.toBe(RevocationRequestStatus.PENDING);
        for (const decision of Object.values(RevocationRequestDecision)) {
          expect(await refusalOf(() => decideRevocationRequest(fx.em(), config, ADMIN, { inspectionId: inspection.id, decision, reason: '再议' }, AFTER_NOTICE)))
            .toMatchObject({ code: 'INVALID_TRANSITION', currentState: state, allowedActions: [] });
          pairs++;
        }
      }
    });
    expect(pairs).toBe(6);
  });
});

afterAll(() => {
  process.stdout.write(`disallowed (state, action) pairs tried, demonstration platform: application ${DISALLOWED.length} + designate during the notice 1 + designations 4 + revocation requests 6\n`);
});
