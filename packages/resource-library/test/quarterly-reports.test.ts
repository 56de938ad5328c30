import type { GraphQLSchema } from 'graphql';
import { AuditEntry, Role, StatusChange } from '@sme/kernel';
import { ServiceNature } from '../src/categories';
import { createApplication } from '../src/applications/application.service';
import { LibraryApplicationStatus } from '../src/applications/application-status';
import { Member } from '../src/members/member.entity';
import { MemberStatus, RemovalGround } from '../src/members/member-status';
import { MemberNotice } from '../src/quarterly-reports/member-notice.entity';
import { QuarterlyReport } from '../src/quarterly-reports/quarterly-report.entity';
import { fileQuarterlyReport } from '../src/quarterly-reports/quarterly-reports.service';
import { runSchedule } from '../src/schedule/daily-schedule';
import { ADMIN, openLibrary, passingFigures, refusedWith, type LibraryFixture } from './support/library-fixture';
import { applicantOf, execute, librarySchema, userOf } from './support/library-graphql';

/**
 * 第十条 on one timeline. Members a, b and c are admitted on 2024-03-15 (a due date), so each first owes the
 * period due 2024-06-15. a reports on time, then late; b misses twice (notice), reports, then misses three
 * times (removal); c never reports (removal after three periods). d, admitted later, is judged in one run.
 */
let lib: LibraryFixture;
let schema: GraphQLSchema;
let a: Member, b: Member, c: Member;
let instA: string, instB: string, instC: string;

const file = (member: Member, dueOn: string, today: string, user = ADMIN) =>
  fileQuarterlyReport(lib.em(), lib.config, user, { memberId: member.id, dueOn, enterprisesServed: 12, publicWelfareActivities: 2, summary: '本季度为 12 家中小企业提供数字化诊断服务' }, today);
const run = (asOf: string) => runSchedule(lib.em(), lib.config, asOf, ADMIN);
const reload = (member: Member) => lib.em().findOneOrFail(Member, { id: member.id });
const noticesOf = (member: Member) => lib.em().find(MemberNotice, { memberId: member.id }, { orderBy: { issuedOn: 'asc' } });
const auditCount = (member: Member) => lib.em().count(AuditEntry, { recordType: 'LibraryMembership', recordId: member.id });


beforeAll(async () => {
  lib = await openLibrary();
  schema = await librarySchema(lib);
  [instA, instB, instC] = [await lib.knowInstitution(), await lib.knowInstitution(), await lib.knowInstitution()];
  // 2024-03-07 + 5 working days = 03-14, the notice's last day: admitted on 03-15
  a = await lib.admit(instA, '2024-03-07');
  b = await lib.admit(instB, '2024-03-07');
  c = await lib.admit(instC, '2024-03-07');
});
afterAll(() => lib?.close());

it('admitted on a due date, a member first owes the next one', () => {
  for (const m of [a, b, c]) expect(m).toMatchObject({ admittedOn: '2024-03-15', firstReportDueOn: '2024-06-15', status: MemberStatus.ACTIVE, missedReportStreak: 0 });
});

describe('refusals change nothing', () => {
  it('refuses a date that is not a due date', () =>
    refusedWith(lib, () => file(a, '2024-06-14', '2024-05-01'), { code: 'BAD_USER_INPUT', reason: 'NOT_A_DUE_DATE' }));

  it('refuses a period before the member’s first due date', () =>
    refusedWith(lib, () => file(a, '2024-03-15', '2024-03-15'), { code: 'BAD_USER_INPUT', reason: 'BEFORE_FIRST_DUE_DATE' }));

  it('refuses a period that has not started (the period due 09-15 starts on 06-16)', () =>
    refusedWith(lib, () => file(a, '2024-09-15', '2024-06-15'), { code: 'BAD_USER_INPUT', reason: 'PERIOD_NOT_STARTED' }));

  it('refuses another institution’s applicant, an anonymous caller, an unknown member and bad figures', async () => {
    await refusedWith(lib, () => file(a, '2024-06-15', '2024-06-01', applicantOf(instB)), { code: 'FORBIDDEN' });
    await refusedWith(lib, () => file(a, '2024-06-15', '2024-06-01', null as never), { code: 'UNAUTHENTICATED' });
    await refusedWith(lib, () => file({ ...a, id: '00000000-0000-4000-8000-000000000000' } as Member, '2024-06-15', '2024-06-01'), { code: 'NOT_FOUND' });
    await refusedWith(lib, 
      () => fileQuarterlyReport(lib.em(), lib.config, ADMIN, { memberId: a.id, dueOn: '2024-06-15', enterprisesServed: -1, publicWelfareActivities: 0, summary: 'x' }, '2024-06-01'),
      { code: 'BAD_USER_INPUT', reason: 'NEGATIVE' },
    );
  });
});

it('takes a report on its due date as on time, once per period', async () => {
  const report = await file(a, '2024-06-15', '2024-06-15', applicantOf(instA));
  expect(report).toMatchObject({ dueOn: '2024-06-15', filedOn: '2024-06-15', onTime: true, filedBy: applicantOf(instA).id });
  await refusedWith(lib, () => file(a, '2024-06-15', '2024-06-15'), { code: 'CONFLICT', reason: 'DUPLICATE' });
  const audit = await lib.em().find(AuditEntry, { recordType: 'LibraryMembership', recordId: a.id, action: 'FILE_QUARTERLY_REPORT' });
  expect(audit).toHaveLength(1);
});

it('one missed period: streak 1, still ACTIVE', async () => {
  await run('2024-06-16');
  expect(await reload(a)).toMatchObject({ status: MemberStatus.ACTIVE, missedReportStreak: 0 });
  expect(await reload(b)).toMatchObject({ status: MemberStatus.ACTIVE, missedReportStreak: 1, reportsEvaluatedThrough: '2024-06-15' });
  expect(await noticesOf(b)).toHaveLength(0);
  const audit = await lib.em().find(AuditEntry, { recordType: 'LibraryMembership', recordId: b.id, action: 'MISSED_REPORT_PERIOD' });
  expect(audit).toHaveLength(1);
});

it('takes a report from the first day of its period', async () => {
  expect(await file(a, '2024-09-15', '2024-06-16')).toMatchObject({ onTime: true, filedOn: '2024-06-16' });
});

it('the 2nd consecutive missed period brings one notice; a late report does not cure; replays add nothing', async () => {
  // b reports the period due 09-15 a day late, before the schedule judges it: recorded, not on time
  expect(await file(b, '2024-09-15', '2024-09-16')).toMatchObject({ onTime: false, filedOn: '2024-09-16' });
  expect(await run('2024-09-16')).toMatchObject({ noticed: 2, removed: 0 }); // b and c
  expect(await reload(b)).toMatchObject({ status: MemberStatus.NOTIFIED, missedReportStreak: 2 });
  expect(await noticesOf(b)).toEqual([expect.objectContaining({ issuedOn: '2024-09-16', triggeredByDueOn: '2024-09-15', missedPeriods: 2 })]);
  const history = await lib.em().find(StatusChange, { recordId: b.id }, { orderBy: { seq: 'asc' } });
  expect(history.map((h) => [h.action, h.toStatus, h.on])).toEqual([['ADMIT', 'ACTIVE', '2024-03-15'], ['NOTIFY_MISSED_REPORTS', 'NOTIFIED', '2024-09-16']]);

  const audits = await auditCount(b);
  expect(await run('2024-09-16')).toMatchObject({ noticed: 0, removed: 0 });
  expect(await run('2024-06-16')).toMatchObject({ noticed: 0, removed: 0 });
  expect(await noticesOf(b)).toHaveLength(1);
  expect(await auditCount(b)).toBe(audits);
  expect(await reload(b)).toMatchObject({ status: MemberStatus.NOTIFIED, missedReportStreak: 2 });
});

it('an on-time report after the notice: ACTIVE, streak 0; the 3rd consecutive missed period removes without a re-entry ban', async () => {
  await file(b, '2024-12-15', '2024-12-15');
  // the next day is late, and a late report does not cure
  expect(await file(a, '2024-12-15', '2024-12-16')).toMatchObject({ onTime: false });
  expect(await run('2024-12-16')).toMatchObject({ noticed: 0, removed: 1 });

  expect(await reload(b)).toMatchObject({ status: MemberStatus.ACTIVE, missedReportStreak: 0 });
  expect(await reload(a)).toMatchObject({ status: MemberStatus.ACTIVE, missedReportStreak: 1 });
  expect(await reload(c)).toMatchObject({
    status: MemberStatus.REMOVED, removedOn: '2024-12-16', removalGround: RemovalGround.MISSED_REPORTS, reentryBannedUntil: null, missedReportStreak: 3,
  });
  // 第十条 removal is not one of 第十二条's banning grounds: the institution may apply again at once
  const again = await createApplication(lib.em(), lib.config, ADMIN, { institutionId: instC, categories: [lib.config.categories[0]], nature: ServiceNature.PUBLIC_WELFARE, declared: passingFigures(2023) }, '2024-12-17');
  expect(again.status).toBe(LibraryApplicationStatus.DRAFT);
});

it('refuses a report from a removed member', () =>
  refusedWith(lib, () => file(c, '2025-03-15', '2024-12-20'), { code: 'INVALID_TRANSITION' }));

it('counts a new streak from zero after an on-time report: notice at the 2nd, removal at the 3rd', async () => {
  await run('2025-03-16');
  expect(await reload(b)).toMatchObject({ status: MemberStatus.ACTIVE, missedReportStreak: 1 });
  await run('2025-06-16');
  expect(await reload(b)).toMatchObject({ status: MemberStatus.NOTIFIED, missedReportStreak: 2 });
  expect((await noticesOf(b)).map((n) => n.triggeredByDueOn)).toEqual(['2024-09-15', '2025-06-15']);
  await run('2025-09-16');
  expect(await reload(b)).toMatchObject({ status: MemberStatus.REMOVED, removedOn: '2025-09-16', removalGround: RemovalGround.MISSED_REPORTS, reentryBannedUntil: null });
  const history = await lib.em().find(StatusChange, { recordId: b.id }, { orderBy: { seq: 'asc' } });
  expect(history.map((h) => h.action)).toEqual(['ADMIT', 'NOTIFY_MISSED_REPORTS', 'REPORTING_RESUMED', 'NOTIFY_MISSED_REPORTS', 'REMOVE_MISSED_REPORTS']);
});

it('judges every period owed in order when the schedule catches up in one run', async () => {
  const d = await lib.admit(await lib.knowInstitution(), '2025-09-19'); // admitted 2025-09-27 (National Day, make-up days)
  expect(d.firstReportDueOn).toBe('2025-12-15');
  await run('2026-06-16');
  expect(await reload(d)).toMatchObject({ status: MemberStatus.REMOVED, removedOn: '2026-06-16', missedReportStreak: 3 });
  expect(await noticesOf(d)).toEqual([expect.objectContaining({ issuedOn: '2026-03-16', triggeredByDueOn: '2026-03-15' })]);
});

describe('on the membership', () => {
  const MEMBER = `query ($id: ID!, $asOf: Date) { libraryLibraryMember(id: $id) { nextReportDueOn(asOf: $asOf) quarterlyReports { dueOn filedOn onTime } notices { triggeredByDueOn } } }`;
  const PUBLIC = `query ($id: ID!, $asOf: Date) { libraryLibraryMember(id: $id) { nextReportDueOn(asOf: $asOf) } }`;

  it('shows the next due date to everyone, reports and notices to those entitled', async () => {
    const anonymous = await execute(lib, schema, null, PUBLIC, { id: a.id, asOf: '2024-06-16' });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data!.libraryLibraryMember.nextReportDueOn).toBe('2024-09-15');

    for (const user of [null, applicantOf(instB), userOf(Role.CITY_REVIEWER, { region: '140200' }), userOf(Role.EXPERT)]) {
      const refused = await execute(lib, schema, user, MEMBER, { id: a.id });
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    for (const user of [applicantOf(instA), userOf(Role.CITY_REVIEWER, { region: '140100' }), userOf(Role.PROVINCE_REVIEWER, { region: '140000' }), userOf(Role.ANALYST)]) {
      const seen = await execute(lib, schema, user, MEMBER, { id: a.id, asOf: '2024-06-16' });
      expect(seen.errors).toBeUndefined();
      expect(seen.data!.libraryLibraryMember.quarterlyReports).toEqual([
        { dueOn: '2024-12-15', filedOn: '2024-12-16', onTime: false },
        { dueOn: '2024-09-15', filedOn: '2024-06-16', onTime: true },
        { dueOn: '2024-06-15', filedOn: '2024-06-15', onTime: true },
      ]);
    }
    const removed = await execute(lib, schema, ADMIN, MEMBER, { id: b.id, asOf: '2025-09-16' });
    expect(removed.data!.libraryLibraryMember).toMatchObject({ nextReportDueOn: null, notices: [{ triggeredByDueOn: '2025-06-15' }, { triggeredByDueOn: '2024-09-15' }] });
  });

  it('files through the schema with the province’s field name', async () => {
    const e = await lib.admit(await lib.knowInstitution(), '2025-09-19');
    const result = await execute(lib, schema, ADMIN, `mutation ($input: FileLibraryQuarterlyReportInput!) { libraryFileLibraryQuarterlyReport(input: $input) { dueOn onTime } }`, {
      input: { memberId: e.id, dueOn: '2099-03-15', enterprisesServed: 1, publicWelfareActivities: 0, summary: '未来周期' },
    });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_NOT_STARTED' });
    expect(await lib.em().count(QuarterlyReport, { memberId: e.id })).toBe(0);
  });

  it('reads reports and notices of a page of members in as many statements as of one member', async () => {
    const LIST = `query ($first: Int, $status: LibraryMemberStatus) { libraryLibraryMembers(first: $first, filter: { status: $status }) { edges { node { id nextReportDueOn quarterlyReports { dueOn } notices { issuedOn } } } } }`;
    const one = await execute(lib, schema, ADMIN, LIST, { first: 1, status: 'REMOVED' });
    const many = await execute(lib, schema, ADMIN, LIST, { first: 4, status: 'REMOVED' });
    expect(one.errors).toBeUndefined();
    expect(many.data!.libraryLibraryMembers.edges.length).toBeGreaterThanOrEqual(3);
    expect(many.statements).toBe(one.statements);
  });
});
