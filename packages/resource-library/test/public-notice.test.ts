import { ReviewAction, Role, StatusChange, type AuthUser } from '@sme/kernel';
import { createApplication, reviewApplication } from '../src/applications/application.service';
import { decideObjection, recordObjection, startPublicNotice } from '../src/applications/public-notice.service';
import { LibraryApplicationStatus as Status } from '../src/applications/application-status';
import { Application } from '../src/applications/application.entity';
import { Objection, ObjectionStatus } from '../src/applications/objection.entity';
import { LibraryCategory, ServiceNature } from '../src/categories';
import { Member } from '../src/members/member.entity';
import { runSchedule } from '../src/schedule/daily-schedule';
import { ADMIN, STEPS, openLibrary, passingFigures, refused, type LibraryFixture } from './support/library-fixture';

/**
 * 第八条（四）拟入库名单…公示五个工作日；公示无异议的，直接纳入. The notice's last day is the 5th working day
 * after the start (the start day is not counted; weekends and holidays skipped, make-up working days counted);
 * the schedule admits on the run for the day after it; an objection holds the admission until it is decided.
 */


/** An application the province approved on `on` (submitted and reviewed the same day). */
async function provinceApproved(lib: LibraryFixture, on: string): Promise<Application> {
  const application = await lib.submitted(await lib.knowInstitution(), on);
  for (const step of STEPS) await reviewApplication(lib.em(), lib.config, ADMIN, { applicationId: application.id, step, action: ReviewAction.APPROVE }, on);
  return lib.em().findOneOrFail(Application, { id: application.id });
}

async function inNotice(lib: LibraryFixture, startsOn: string): Promise<Application> {
  const application = await provinceApproved(lib, startsOn);
  const [noticed] = await startPublicNotice(lib.em(), lib.config, ADMIN, { applicationIds: [application.id], startsOn }, startsOn);
  return noticed;
}

const load = (lib: LibraryFixture, id: string) => lib.em().findOneOrFail(Application, { id });
const membersOf = (lib: LibraryFixture, applicationId: string) => lib.em().find(Member, { applicationId });
const object = (lib: LibraryFixture, applicationId: string, receivedOn: string, today = receivedOn) =>
  recordObjection(lib.em(), lib.config, ADMIN, { applicationId, receivedOn, summary: '该机构服务业绩与实际不符' }, today);
const decide = (lib: LibraryFixture, objectionId: string, upheld: boolean, today: string) =>
  decideObjection(lib.em(), lib.config, ADMIN, { objectionId, upheld, reason: upheld ? '经核实，异议成立' : '经核实，异议不成立' }, today);

describe('the notice ends on the 5th working day after its start', () => {
  let lib: LibraryFixture;
  beforeAll(async () => (lib = await openLibrary()));
  afterAll(() => lib?.close());

  it.each([
    // National Day 2024: 10-01..10-07 off, Sunday 09-29 a make-up working day: 09-29, 09-30, 10-08, 10-09, 10-10
    ['National Day 2024, from the Friday before', '2024-09-27', '2024-10-10'],
    // started on the make-up Sunday itself: that day is the start, not day 1
    ['National Day 2024, from the make-up Sunday', '2024-09-29', '2024-10-11'],
    // started inside the holiday: 10-08..10-11, then Saturday 10-12 (make-up) is day 5
    ['National Day 2024, from inside the holiday', '2024-10-01', '2024-10-12'],
    // Spring Festival 2025: 01-28..02-04 off, Sunday 01-26 and Saturday 02-08 make-up days
    ['Spring Festival 2025, from the Friday before', '2025-01-24', '2025-02-07'],
    ['Spring Festival 2025, from the Monday before', '2025-01-27', '2025-02-10'],
    ['a plain week, from a Monday', '2024-11-04', '2024-11-11'],
    ['a plain week, from a Friday', '2024-11-08', '2024-11-15'],
  ])('%s: %s → %s', async (_label, startsOn, endsOn) => {
    const noticed = await inNotice(lib, startsOn);
    expect(noticed).toMatchObject({ status: Status.IN_PUBLIC_NOTICE, noticeStartsOn: startsOn, noticeEndsOn: endsOn });
    const [change] = await lib.em().find(StatusChange, { recordId: noticed.id, action: 'START_PUBLIC_NOTICE' });
    expect(change).toMatchObject({ fromStatus: 'PROVINCE_APPROVED', toStatus: 'IN_PUBLIC_NOTICE', on: startsOn, reason: `公示至 ${endsOn}` });
  });

  it('one notice lists several applications, all with the same end date', async () => {
    const a = await provinceApproved(lib, '2024-09-27');
    const b = await provinceApproved(lib, '2024-09-27');
    const noticed = await startPublicNotice(lib.em(), lib.config, ADMIN, { applicationIds: [a.id, b.id, a.id] }, '2024-09-27');
    expect(noticed.map((x) => [x.id, x.noticeStartsOn, x.noticeEndsOn])).toEqual([
      [a.id, '2024-09-27', '2024-10-10'],
      [b.id, '2024-09-27', '2024-10-10'],
    ]);
  });

  it('a list with one application not approved by the province is refused as a whole', async () => {
    const approved = await provinceApproved(lib, '2024-09-27');
    const notYet = await lib.submitted(await lib.knowInstitution(), '2024-09-27');
    const error = await refused(lib, () => startPublicNotice(lib.em(), lib.config, ADMIN, { applicationIds: [approved.id, notYet.id], startsOn: '2024-09-27' }, '2024-09-27'));
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'SUBMITTED' });
    expect((await load(lib, approved.id)).status).toBe(Status.PROVINCE_APPROVED);
  });

  it('refuses a start before the province’s decision, or after today', async () => {
    const application = await provinceApproved(lib, '2024-09-26');
    const early = await refused(lib, () => startPublicNotice(lib.em(), lib.config, ADMIN, { applicationIds: [application.id], startsOn: '2024-09-25' }, '2024-09-27'));
    expect(early).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_ORDER', field: 'startsOn' });
    const future = await refused(lib, () => startPublicNotice(lib.em(), lib.config, ADMIN, { applicationIds: [application.id], startsOn: '2024-09-28' }, '2024-09-27'));
    expect(future).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FUTURE_DATE', field: 'startsOn' });
    // the day of the decision itself is fine
    const [noticed] = await startPublicNotice(lib.em(), lib.config, ADMIN, { applicationIds: [application.id], startsOn: '2024-09-26' }, '2024-09-27');
    expect(noticed).toMatchObject({ noticeStartsOn: '2024-09-26', noticeEndsOn: '2024-10-09' });
  });

  it('only the province publishes the notice and records objections', async () => {
    const application = await provinceApproved(lib, '2024-09-27');
    const cityReviewer: AuthUser = { id: 'city', name: null, role: Role.CITY_REVIEWER, region: '140100', institutionId: null, panel: null };
    const otherProvince: AuthUser = { id: 'hebei', name: null, role: Role.PROVINCE_REVIEWER, region: '130000', institutionId: null, panel: null };
    for (const actor of [cityReviewer, otherProvince]) {
      expect(await refused(lib, () => startPublicNotice(lib.em(), lib.config, actor, { applicationIds: [application.id] }, '2024-09-27'))).toMatchObject({ code: 'FORBIDDEN' });
    }
    const shanxi: AuthUser = { ...otherProvince, id: 'shanxi', region: '140000' };
    await startPublicNotice(lib.em(), lib.config, shanxi, { applicationIds: [application.id] }, '2024-09-27');
    expect(await refused(lib, () => recordObjection(lib.em(), lib.config, cityReviewer, { applicationId: application.id, receivedOn: '2024-09-30', summary: '异议' }, '2024-09-30')))
      .toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('admission after the notice (第八条（四）公示无异议的，直接纳入)', () => {
  // each test has its own database: the schedule acts on every application whose notice is over
  let lib: LibraryFixture;
  beforeEach(async () => (lib = await openLibrary()));
  afterEach(() => lib?.close());

  it('happens on the run for the day after noticeEndsOn, not on noticeEndsOn itself', async () => {
    const application = await inNotice(lib, '2024-09-27');
    expect(application.noticeEndsOn).toBe('2024-10-10');
    for (const day of ['2024-09-30', '2024-10-09', '2024-10-10']) {
      expect((await runSchedule(lib.em(), lib.config, day)).admitted).toBe(0);
    }
    expect((await load(lib, application.id)).status).toBe(Status.IN_PUBLIC_NOTICE);
    expect(await membersOf(lib, application.id)).toEqual([]);

    expect((await runSchedule(lib.em(), lib.config, '2024-10-11')).admitted).toBe(1);
    const [member] = await membersOf(lib, application.id);
    expect(member).toMatchObject({ institutionId: application.institutionId, status: 'ACTIVE', admittedOn: '2024-10-11', firstReportDueOn: '2024-12-15', regionCode: '140105', unitCode: '140100' });
    expect(await load(lib, application.id)).toMatchObject({ status: Status.ADMITTED, closedOn: '2024-10-11', memberId: member.id });
  });

  it('a late run still dates the admission the day after the notice', async () => {
    const application = await inNotice(lib, '2024-11-08');
    await runSchedule(lib.em(), lib.config, '2024-11-20');
    expect((await membersOf(lib, application.id))[0].admittedOn).toBe('2024-11-16');
  });

  it('replaying the schedule admits nothing twice', async () => {
    const application = await inNotice(lib, '2024-09-27');
    expect((await runSchedule(lib.em(), lib.config, '2024-10-11')).admitted).toBe(1);
    for (const day of ['2024-10-11', '2024-10-12', '2024-10-10', '2024-10-11']) {
      expect((await runSchedule(lib.em(), lib.config, day)).admitted).toBe(0);
    }
    expect(await membersOf(lib, application.id)).toHaveLength(1);
    expect(await lib.em().count(StatusChange, { recordId: application.id, action: 'ADMIT' })).toBe(1);
  });

  it('a pending objection holds the admission; once dismissed, the application is admitted on the next run', async () => {
    const application = await inNotice(lib, '2024-09-27');
    const objection = await object(lib, application.id, '2024-10-08');
    expect(objection.status).toBe(ObjectionStatus.PENDING);
    for (const day of ['2024-10-11', '2024-10-12', '2024-10-14']) {
      expect((await runSchedule(lib.em(), lib.config, day)).admitted).toBe(0);
    }
    expect((await load(lib, application.id)).status).toBe(Status.IN_PUBLIC_NOTICE);

    expect(await decide(lib, objection.id, false, '2024-10-15')).toMatchObject({ status: ObjectionStatus.DISMISSED, decidedOn: '2024-10-15' });
    expect((await load(lib, application.id)).status).toBe(Status.IN_PUBLIC_NOTICE);
    // a replay of a day before the dismissal does not admit: the objection was still pending then
    expect((await runSchedule(lib.em(), lib.config, '2024-10-14')).admitted).toBe(0);
    expect((await runSchedule(lib.em(), lib.config, '2024-10-16')).admitted).toBe(1);
    const [member] = await membersOf(lib, application.id);
    expect(member.admittedOn).toBe('2024-10-15');
    expect(await load(lib, application.id)).toMatchObject({ status: Status.ADMITTED, closedOn: '2024-10-15' });
  });

  it('an objection dismissed during the notice does not delay the admission', async () => {
    const application = await inNotice(lib, '2024-09-27');
    const objection = await object(lib, application.id, '2024-09-30');
    await decide(lib, objection.id, false, '2024-10-08');
    expect((await runSchedule(lib.em(), lib.config, '2024-10-10')).admitted).toBe(0);
    expect((await runSchedule(lib.em(), lib.config, '2024-10-11')).admitted).toBe(1);
    expect((await membersOf(lib, application.id))[0].admittedOn).toBe('2024-10-11');
  });

  it('every objection is decided first: one dismissed and one pending still hold it', async () => {
    const application = await inNotice(lib, '2024-09-27');
    const first = await object(lib, application.id, '2024-09-30');
    const second = await object(lib, application.id, '2024-10-10');
    await decide(lib, first.id, false, '2024-10-09');
    expect((await runSchedule(lib.em(), lib.config, '2024-10-11')).admitted).toBe(0);
    await decide(lib, second.id, false, '2024-10-12');
    expect((await runSchedule(lib.em(), lib.config, '2024-10-13')).admitted).toBe(1);
    expect((await membersOf(lib, application.id))[0].admittedOn).toBe('2024-10-12');
  });

  it('an upheld objection ends the application with OBJECTION_UPHELD and no member', async () => {
    const application = await inNotice(lib, '2024-09-27');
    const objection = await object(lib, application.id, '2024-10-09');
    expect(await decide(lib, objection.id, true, '2024-10-14')).toMatchObject({ status: ObjectionStatus.UPHELD, decidedOn: '2024-10-14', decisionReason: '经核实，异议成立' });
    expect(await load(lib, application.id)).toMatchObject({ status: Status.OBJECTION_UPHELD, closedOn: '2024-10-14', rejectionReason: '经核实，异议成立' });
    for (const day of ['2024-10-11', '2024-10-15', '2024-12-31']) {
      expect((await runSchedule(lib.em(), lib.config, day)).admitted).toBe(0);
    }
    expect(await membersOf(lib, application.id)).toEqual([]);
    const [change] = await lib.em().find(StatusChange, { recordId: application.id, action: 'UPHOLD_OBJECTION' });
    expect(change).toMatchObject({ fromStatus: 'IN_PUBLIC_NOTICE', toStatus: 'OBJECTION_UPHELD', on: '2024-10-14' });
    // not a removal: no re-entry ban, the institution may apply again
    const again = await createApplication(lib.em(), lib.config, ADMIN, {
      institutionId: application.institutionId, categories: [LibraryCategory.FINANCING], nature: ServiceNature.COMMERCIAL, declared: passingFigures(2023),
    }, '2024-10-15');
    expect(again.status).toBe(Status.DRAFT);
  });

  it('refuses objections outside the notice period, and accepts them on its first and last day', async () => {
    const application = await inNotice(lib, '2024-09-27');
    const before = await refused(lib, () => object(lib, application.id, '2024-09-26', '2024-09-27'));
    expect(before).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OUTSIDE_NOTICE_PERIOD', field: 'receivedOn' });
    const after = await refused(lib, () => object(lib, application.id, '2024-10-11', '2024-10-11'));
    expect(after).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OUTSIDE_NOTICE_PERIOD' });
    expect(after.messageZh).toContain('2024-09-27 至 2024-10-10');
    const future = await refused(lib, () => object(lib, application.id, '2024-10-09', '2024-10-08'));
    expect(future).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FUTURE_DATE' });

    await object(lib, application.id, '2024-09-27');
    await object(lib, application.id, '2024-10-10', '2024-10-11'); // received on the last day, recorded the next morning
    expect(await lib.em().count(Objection, { applicationId: application.id })).toBe(2);
  });

  it('refuses an objection once the application has been admitted', async () => {
    const application = await inNotice(lib, '2024-09-27');
    await runSchedule(lib.em(), lib.config, '2024-10-11');
    expect(await refused(lib, () => object(lib, application.id, '2024-10-10', '2024-10-11'))).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'ADMITTED' });
  });
});
