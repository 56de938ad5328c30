import { DomainError, ReviewAction } from '@sme/kernel';
import { schemaChecksums } from '@sme/testing';
import { GUIDELINE_RULES } from '../src/library-config';
import { LibraryCategory, ServiceNature } from '../src/categories';
import { MaterialItem } from '../src/materials';
import { Application } from '../src/applications/application.entity';
import { ApplicationMaterial } from '../src/applications/application-material.entity';
import { Objection, ObjectionStatus } from '../src/applications/objection.entity';
import { LibraryApplicationStatus as Status, REVIEW_STEPS, ReviewStep, allowedActions } from '../src/applications/application-status';
import {
  attachMaterial, createApplication, recordSpotCheck, removeMaterial, reviewApplication, submitApplication, updateApplication,
} from '../src/applications/application.service';
import { decideObjection, recordObjection, startPublicNotice } from '../src/applications/public-notice.service';
import { MemberStatus, RemovalGround } from '../src/members/member-status';
import type { Member } from '../src/members/member.entity';
import { removeMemberByDecision } from '../src/members/removal';
import { fileQuarterlyReport } from '../src/quarterly-reports/quarterly-reports.service';
import { MajorChangeKind, MajorChangeVerification, type MajorChange } from '../src/major-changes/major-change.entity';
import { reportMajorChange, verifyMajorChange } from '../src/major-changes/major-changes.service';
import { EvaluationRating } from '../src/evaluations/annual-evaluation.entity';
import { recordEvaluation } from '../src/evaluations/evaluations.service';
import { OfferingKind, type ServiceOffering } from '../src/offerings/service-offering.entity';
import { publishOffering, withdrawOffering } from '../src/offerings/offerings.service';
import { type Appointment } from '../src/appointments/appointment.entity';
import { AppointmentState, bookAppointment, handleAppointment } from '../src/appointments/appointments.service';
import { ADMIN, openLibrary, testConfig, type LibraryFixture } from './support/library-fixture';

/**
 * Every (state, action) pair the 第八条 machine does not allow, derived from the machine's own data: the states
 * are the status enum, the actions are everything `allowedActions` offers in any status, and a review action
 * is allowed only at the step `REVIEW_STEPS` says waits in that status. A record is put into each status through
 * the services, each disallowed action is attempted on it, and each must be INVALID_TRANSITION carrying the
 * current state and exactly what the machine allows there, with no table changed.
 *
 * The records that hang off the workflow have no transition table of their own; their machines are enumerated
 * here from the documents: an objection is decided once (第八条（四）), a removed member has no more duties or
 * rights (第十条–第十三条), a major change is verified once (第十一条), an offering is withdrawn once and an
 * appointment handled once (第十三条).
 */

/** A Hebei-like library (nine categories, appointments), so the appointment machine runs too. */
const config = testConfig({
  provinceCode: '130000', abbreviation: '冀', categories: Object.values(LibraryCategory).filter((c) => c !== LibraryCategory.COMPLIANCE),
  platform: '河北工业企业服务平台', rules: { ...GUIDELINE_RULES, appointmentWorkingDays: 5 },
});
const REGION = '130102';
const DAY = '2025-06-03';

let lib: LibraryFixture;
const byStatus = new Map<Status, Application>();
/** A second objection, still pending, on the application whose first objection was upheld. */
let pendingOnClosed: Objection;
beforeAll(async () => {
  lib = await openLibrary(config);
  const fresh = () => lib.knowInstitution({ regionCode: REGION });
  const review = (id: string, step: ReviewStep, action: ReviewAction) =>
    reviewApplication(lib.em(), config, ADMIN, { applicationId: id, step, action, reason: action === ReviewAction.APPROVE ? null : '需补充说明' }, DAY);
  const approved = async (steps: number) => {
    const application = await lib.submitted(await fresh(), DAY);
    for (const step of [ReviewStep.COUNTY, ReviewStep.CITY, ReviewStep.PROVINCE].slice(0, steps)) await review(application.id, step, ReviewAction.APPROVE);
    return application.id;
  };
  const load = (id: string) => lib.em().findOneOrFail(Application, { id });

  // admitted first: the schedule run inside `admit` must not meet the notices started below
  const member = await lib.admit(await fresh(), DAY);
  byStatus.set(Status.ADMITTED, await load(member.applicationId));
  const draft = await createApplication(lib.em(), config, ADMIN, {
    institutionId: await fresh(), categories: [config.categories[0]], nature: ServiceNature.PUBLIC_WELFARE, declared: null, attestations: null,
  }, DAY);
  await attachMaterial(lib.em(), ADMIN, { applicationId: draft.id, item: MaterialItem.APPLICATION_FORM, fileName: 'form.pdf', mediaType: 'application/pdf', sizeBytes: 100, sha256: 'c'.repeat(64) });
  byStatus.set(Status.DRAFT, await load(draft.id));
  byStatus.set(Status.SUBMITTED, await load(await approved(0)));
  for (const [status, approvals, step, action] of [
    [Status.RETURNED, 0, ReviewStep.COUNTY, ReviewAction.RETURN],
    [Status.COUNTY_REJECTED, 0, ReviewStep.COUNTY, ReviewAction.REJECT],
    [Status.COUNTY_APPROVED, 1, null, null],
    [Status.CITY_REJECTED, 1, ReviewStep.CITY, ReviewAction.REJECT],
    [Status.CITY_RECOMMENDED, 2, null, null],
    [Status.PROVINCE_REJECTED, 2, ReviewStep.PROVINCE, ReviewAction.REJECT],
    [Status.PROVINCE_APPROVED, 3, null, null],
  ] as const) {
    const id = await approved(approvals);
    if (step && action) await review(id, step, action);
    byStatus.set(status, await load(id));
  }
  for (const status of [Status.IN_PUBLIC_NOTICE, Status.OBJECTION_UPHELD]) {
    const id = await approved(3);
    await startPublicNotice(lib.em(), config, ADMIN, { applicationIds: [id], startsOn: DAY }, DAY);
    if (status === Status.OBJECTION_UPHELD) {
      const first = await recordObjection(lib.em(), config, ADMIN, { applicationId: id, receivedOn: DAY, summary: '服务业绩不实' }, DAY);
      pendingOnClosed = await recordObjection(lib.em(), config, ADMIN, { applicationId: id, receivedOn: DAY, summary: '场地面积不实' }, DAY);
      await decideObjection(lib.em(), config, ADMIN, { objectionId: first.id, upheld: true, reason: '经核实异议成立' }, DAY);
    }
    byStatus.set(status, await load(id));
  }
}, 90_000);
afterAll(() => lib?.close());

/** The refusal of a call that must fail, as its code and extensions. */
async function refusalOf(work: () => Promise<unknown>): Promise<Record<string, any>> {
  const error = await work().then(
    () => new Error('accepted'),
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return { code: error.code, ...error.extensions };
}

/** Runs `work` and fails if any table of the library changed meanwhile. */
async function withoutChange<T>(work: () => Promise<T>): Promise<T> {
  const before = await schemaChecksums(lib.url, config.name);
  const result = await work();
  expect(await schemaChecksums(lib.url, config.name)).toEqual(before);
  return result;
}

const refusedTransition = (work: () => Promise<unknown>) => withoutChange(() => refusalOf(work));

/**
 * One thing a caller can do to an application: the machine's action names it performs (submitting a returned
 * application is RESUBMIT), and, for a review, the step it is addressed to.
 */
interface Attempt {
  name: string;
  performs: readonly string[];
  step?: ReviewStep;
  run(application: Application): Promise<unknown>;
}

const reviewAttempts: Attempt[] = Object.values(ReviewStep).flatMap((step) =>
  Object.values(ReviewAction).map((action) => ({
    name: `${step}_${action}`, performs: [action], step,
    run: (a: Application) => reviewApplication(lib.em(), config, ADMIN, { applicationId: a.id, step, action, reason: action === ReviewAction.APPROVE ? null : '理由' }, DAY),
  })),
);

const ATTEMPTS: Attempt[] = [
  { name: 'UPDATE', performs: ['UPDATE'], run: (a) => updateApplication(lib.em(), config, ADMIN, a.id, { nature: ServiceNature.COMMERCIAL }, DAY) },
  {
    name: 'ATTACH_MATERIAL', performs: ['ATTACH_MATERIAL'],
    run: (a) => attachMaterial(lib.em(), ADMIN, { applicationId: a.id, item: MaterialItem.OTHER_EVIDENCE, fileName: 'x.pdf', mediaType: 'application/pdf', sizeBytes: 10, sha256: 'd'.repeat(64) }),
  },
  {
    name: 'REMOVE_MATERIAL', performs: ['REMOVE_MATERIAL'],
    run: async (a) => removeMaterial(lib.em(), ADMIN, (await lib.em().findOneOrFail(ApplicationMaterial, { applicationId: a.id }, { orderBy: { id: 'asc' } })).id),
  },
  { name: 'SUBMIT', performs: ['SUBMIT', 'RESUBMIT'], run: (a) => submitApplication(lib.em(), config, ADMIN, a.id, DAY) },
  ...reviewAttempts,
  {
    name: 'SPOT_CHECK', performs: ['SPOT_CHECK'],
    run: (a) => recordSpotCheck(lib.em(), config, ADMIN, { applicationId: a.id, checkedOn: DAY, inspectors: '李四', findings: '场地与申报一致', passed: true }, DAY),
  },
  { name: 'START_PUBLIC_NOTICE', performs: ['START_PUBLIC_NOTICE'], run: (a) => startPublicNotice(lib.em(), config, ADMIN, { applicationIds: [a.id], startsOn: DAY }, DAY) },
  { name: 'RECORD_OBJECTION', performs: ['RECORD_OBJECTION'], run: (a) => recordObjection(lib.em(), config, ADMIN, { applicationId: a.id, receivedOn: DAY, summary: '异议' }, DAY) },
];

/**
 * Actions that are not a call on one application, so no (state, action) pair of them can be attempted: deciding
 * an objection acts on an objection, which exists only from the notice on (tried below on the one status that
 * can still hold a pending objection), and ADMIT is the daily schedule's sweep of ended notices.
 */
const NOT_A_CALL_ON_AN_APPLICATION = new Set(['UPHOLD_OBJECTION', 'DISMISS_OBJECTION', 'ADMIT']);

const isAllowed = (status: Status, attempt: Attempt) =>
  attempt.performs.some((action) => allowedActions(status).includes(action)) && (!attempt.step || REVIEW_STEPS[attempt.step].waiting === status);

const STATES = Object.values(Status);
const DISALLOWED = STATES.flatMap((status) => ATTEMPTS.filter((attempt) => !isAllowed(status, attempt)).map((attempt) => ({ status, attempt })));

describe('第八条 application machine', () => {
  it('has an attempt for every action the machine names, and a record in every state', () => {
    const named = new Set(STATES.flatMap((s) => allowedActions(s)));
    const covered = new Set([...ATTEMPTS.flatMap((a) => a.performs), ...NOT_A_CALL_ON_AN_APPLICATION]);
    expect([...named].filter((action) => !covered.has(action))).toEqual([]);
    expect(STATES.filter((s) => byStatus.get(s)?.status !== s)).toEqual([]);
    // 12 states × 14 attempts, less the 19 allowed pairs
    expect(DISALLOWED).toHaveLength(STATES.length * ATTEMPTS.length - STATES.reduce((n, s) => n + ATTEMPTS.filter((a) => isAllowed(s, a)).length, 0));
  });

  it.each(STATES)('refuses every disallowed action from %s with its state and allowed actions', async (status) => {
    const application = byStatus.get(status)!;
    const pairs = DISALLOWED.filter((pair) => pair.status === status);
    expect(pairs.length).toBeGreaterThan(0);
    // one checksum around all the attempts on this record: any accepted one changes a table
    await withoutChange(async () => {
      for (const { attempt } of pairs) {
        const refusal = await refusalOf(() => attempt.run(application));
        expect({ attempt: attempt.name, ...refusal }).toMatchObject({
          attempt: attempt.name, code: 'INVALID_TRANSITION', currentState: status, allowedActions: allowedActions(status),
        });
      }
    });
  });

  it('refuses deciding a pending objection once the application has left the notice', async () => {
    const closed = byStatus.get(Status.OBJECTION_UPHELD)!;
    for (const upheld of [true, false]) {
      expect(await refusedTransition(() => decideObjection(lib.em(), config, ADMIN, { objectionId: pendingOnClosed.id, upheld, reason: '再议' }, DAY)))
        .toMatchObject({ code: 'INVALID_TRANSITION', currentState: closed.status, allowedActions: allowedActions(closed.status) });
    }
  });
});

describe('the machines that hang off the workflow (enumerated from the documents)', () => {
  /** 第八条（四）: an objection is decided once. */
  it('refuses deciding a decided objection (UPHELD, DISMISSED × UPHOLD, DISMISS)', async () => {
    const noticed = byStatus.get(Status.IN_PUBLIC_NOTICE)!;
    const dismissed = await recordObjection(lib.em(), config, ADMIN, { applicationId: noticed.id, receivedOn: DAY, summary: '异议' }, DAY);
    await decideObjection(lib.em(), config, ADMIN, { objectionId: dismissed.id, upheld: false, reason: '异议不成立' }, DAY);
    const upheld = await lib.em().findOneOrFail(Objection, { applicationId: byStatus.get(Status.OBJECTION_UPHELD)!.id, status: ObjectionStatus.UPHELD });
    let pairs = 0;
    for (const objection of [dismissed, upheld]) {
      const state = (await lib.em().findOneOrFail(Objection, { id: objection.id })).status;
      for (const decision of [true, false]) {
        expect(await refusedTransition(() => decideObjection(lib.em(), config, ADMIN, { objectionId: objection.id, upheld: decision, reason: '再议' }, DAY)))
          .toMatchObject({ code: 'INVALID_TRANSITION', currentState: state, allowedActions: [] });
        pairs++;
      }
    }
    expect(pairs).toBe(4);
  });

  describe('a removed member, its major change, offering and appointment', () => {
    let removed: Member;
    let offering: ServiceOffering;
    let verified: MajorChange;
    let handled: Appointment;
    const ADMITTED_ON = '2024-03-01';

    beforeAll(async () => {
      const institution = await lib.knowInstitution({ regionCode: REGION });
      const member = await lib.admit(institution, ADMITTED_ON);
      offering = await publishOffering(lib.em(), config, ADMIN, { memberId: member.id, kind: OfferingKind.PRODUCT, category: config.categories[0], title: '诊断服务', summary: '数字化诊断' }, '2024-04-01');
      const change = await reportMajorChange(lib.em(), config, ADMIN, { memberId: member.id, kind: MajorChangeKind.RELOCATION, changedOn: '2024-04-01', description: '迁址' }, '2024-04-02');
      verified = await verifyMajorChange(lib.em(), config, ADMIN, { changeId: change.id, stillQualifies: true, note: '已核实' }, '2024-04-03');
      const booked = await bookAppointment(lib.em(), config, null, { memberId: member.id, enterpriseName: '某制造有限公司', contactPerson: '李四', contactPhone: '0311-87654321', service: '诊断' }, '2024-04-08');
      handled = await handleAppointment(lib.em(), ADMIN, { appointmentId: booked.id, outcome: '已上门服务', expectedVersion: booked.version }, '2024-04-09');
      removed = await removeMemberByDecision(lib.em(), config, ADMIN, { memberId: member.id, ground: RemovalGround.DATA_FALSIFICATION, reason: '数据造假' }, '2024-06-03');
      expect(removed.status).toBe(MemberStatus.REMOVED);
    }, 60_000);

    /** 第十条–第十三条 are duties and rights of 入库机构: a removed member has none, and is not removed twice. */
    it('refuses every member action on a REMOVED member', async () => {
      const memberActions: Record<string, () => Promise<unknown>> = {
        REMOVE: () => removeMemberByDecision(lib.em(), config, ADMIN, { memberId: removed.id, ground: RemovalGround.CREDIT_RECORD, reason: '再次移出' }, '2024-06-10'),
        FILE_QUARTERLY_REPORT: () => fileQuarterlyReport(lib.em(), config, ADMIN, { memberId: removed.id, dueOn: '2024-06-15', enterprisesServed: 5, publicWelfareActivities: 1, summary: '季度服务情况' }, '2024-06-10'),
        REPORT_MAJOR_CHANGE: () => reportMajorChange(lib.em(), config, ADMIN, { memberId: removed.id, kind: MajorChangeKind.RENAME, changedOn: '2024-06-05', description: '更名' }, '2024-06-10'),
        RECORD_EVALUATION: () => recordEvaluation(lib.em(), config, ADMIN, { memberId: removed.id, year: 2024, rating: EvaluationRating.PASS, comments: '合格' }, '2024-06-10'),
        PUBLISH_OFFERING: () => publishOffering(lib.em(), config, ADMIN, { memberId: removed.id, kind: OfferingKind.CASE, category: config.categories[0], title: '案例', summary: '案例' }, '2024-06-10'),
        WITHDRAW_OFFERING: () => withdrawOffering(lib.em(), ADMIN, offering.id, '2024-06-10'),
        BOOK: () => bookAppointment(lib.em(), config, null, { memberId: removed.id, enterpriseName: '某公司', contactPerson: '王五', contactPhone: '0311-12345678', service: '咨询' }, '2024-06-11'),
      };
      for (const [action, run] of Object.entries(memberActions)) {
        expect({ action, ...(await refusedTransition(run)) }).toMatchObject({ action, code: 'INVALID_TRANSITION', currentState: MemberStatus.REMOVED, allowedActions: [] });
      }
      expect(Object.keys(memberActions)).toHaveLength(7);
    });

    /** 第十一条: the city verifies a change once; 第十三条: an item is withdrawn once, an appointment handled once. */
    it('refuses verifying a verified change, handling a handled appointment', async () => {
      expect(await refusedTransition(() => verifyMajorChange(lib.em(), config, ADMIN, { changeId: verified.id, stillQualifies: false, note: '复核' }, '2024-06-10')))
        .toMatchObject({ code: 'INVALID_TRANSITION', currentState: MajorChangeVerification.STILL_QUALIFIES, allowedActions: [] });
      expect(await refusedTransition(() => handleAppointment(lib.em(), ADMIN, { appointmentId: handled.id, outcome: '再次处理', expectedVersion: handled.version }, '2024-06-10')))
        .toMatchObject({ code: 'INVALID_TRANSITION', currentState: AppointmentState.HANDLED, allowedActions: [] });
    });
  });
});

afterAll(() => {
  // the report's numbers: pairs per machine
  process.stdout.write(`disallowed (state, action) pairs tried, resource library: application ${DISALLOWED.length} + objection on a closed application 2 + decided objections 4 + removed member 7 + verified change 1 + handled appointment 1\n`);
});
