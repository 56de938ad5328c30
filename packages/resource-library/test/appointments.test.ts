import { graphql, printType, type ExecutionResult, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import {
  AuditEntry, DomainError, Role, StatusChange, chinaToday, isWorkingDay, sqlStatementCount, subgraphSchema, workingDaysBetween, type AuthUser, type SubgraphDefinition,
} from '@sme/kernel';
import { schemaChecksums } from '@sme/testing';
import { GUIDELINE_RULES, type LibraryConfig } from '../src/library-config';
import { LibraryCategory } from '../src/categories';
import { defineLibrarySubgraph } from '../src/library-subgraph';
import { createLibraryLoaders } from '../src/loaders';
import { RemovalGround } from '../src/members/member-status';
import { removeMemberByDecision } from '../src/members/removal';
import type { Member } from '../src/members/member.entity';
import { Appointment } from '../src/appointments/appointment.entity';
import { appointmentDueBy, isOverdue, overdueAppointmentsInYear } from '../src/appointments/appointment-deadlines';
import { APPOINTMENT, bookAppointment, handleAppointment } from '../src/appointments/appointments.service';
import { listAppointments } from '../src/appointments/appointment-list';
import { summarizeAppointments } from '../src/appointments/appointment-summary';
import type { BookAppointmentInput } from '../src/appointments/appointment.inputs';
import { ADMIN, openLibrary, testConfig, type LibraryFixture } from './support/library-fixture';

/** A province configured like Hebei's guideline (seed 001): nine categories, 第十三条（二） 5 working days. */
const hebei: LibraryConfig = testConfig({
  provinceCode: '130000',
  abbreviation: '冀',
  document: '河北省优质中小企业服务资源库管理指南',
  libraryName: '河北省优质中小企业服务资源库',
  applicationForm: '河北省优质中小企业服务资源库入库申请表',
  categories: Object.values(LibraryCategory).filter((c) => c !== LibraryCategory.COMPLIANCE),
  platform: '河北工业企业服务平台',
  rules: { ...GUIDELINE_RULES, appointmentWorkingDays: 5 },
});
/** Shanxi's guideline sets no appointment duty. */
const shanxi: LibraryConfig = testConfig();

const signedIn = (role: Role, scope: { region?: string; institutionId?: string } = {}): AuthUser => ({
  id: `u-${role}-${scope.region ?? scope.institutionId ?? 'all'}`, name: null, role, region: scope.region ?? null, institutionId: scope.institutionId ?? null, panel: null,
});
const ANALYST = signedIn(Role.ANALYST);
const EXPERT = signedIn(Role.EXPERT);

let lib: LibraryFixture;
/** m1, m2, m3 in 石家庄 长安区 (130102); m4 in 保定 竞秀区 (130602); removed: a member taken out of the library. */
let m1: Member, m2: Member, m3: Member, m4: Member, removed: Member;
let inst1: string, inst4: string;
/** m4's only appointment (booked in the listing tests). */
let m4Appointment: Appointment;

const booking = (memberId: string, overrides: Partial<BookAppointmentInput> = {}): BookAppointmentInput => ({
  memberId, enterpriseName: '石家庄某精密制造有限公司', enterpriseCreditCode: '91350100M000100Y43', contactPerson: '李四', contactPhone: '0311-87654321', service: '数字化转型诊断', ...overrides,
});
const book = (memberId: string, on: string, user: AuthUser | null = null, overrides: Partial<BookAppointmentInput> = {}) =>
  bookAppointment(lib.em(), hebei, user, booking(memberId, overrides), on);
const handle = (a: Appointment, on: string, user: AuthUser = ADMIN, expectedVersion = a.version) =>
  handleAppointment(lib.em(), user, { appointmentId: a.id, outcome: '已电话联系并安排上门服务', expectedVersion }, on);

beforeAll(async () => {
  lib = await openLibrary(hebei);
  inst1 = await lib.knowInstitution({ regionCode: '130102' });
  const inst2 = await lib.knowInstitution({ regionCode: '130102' });
  const inst3 = await lib.knowInstitution({ regionCode: '130102' });
  inst4 = await lib.knowInstitution({ regionCode: '130602' });
  const inst5 = await lib.knowInstitution({ regionCode: '130102' });
  [m1, m2, m3, m4, removed] = await Promise.all([inst1, inst2, inst3, inst4, inst5].map((i) => lib.admit(i, '2024-03-01')));
  await removeMemberByDecision(lib.em(), hebei, ADMIN, { memberId: removed.id, ground: RemovalGround.DATA_FALSIFICATION, reason: '数据造假' }, '2024-06-03');
}, 60_000);
afterAll(() => lib?.close());

/** Asserts the refusal's code (and reason) and that no table of the library changed. */
async function refusedWithoutChange(work: () => Promise<unknown>, code: string, details: Record<string, unknown> = {}): Promise<void> {
  const before = await schemaChecksums(lib.url, hebei.name);
  const error = await work().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).extensions).toMatchObject({ code, ...details });
  expect(await schemaChecksums(lib.url, hebei.name)).toEqual(before);
}

describe('冀 第十三条（二）the deadline: the 5th working day after the request', () => {
  it('runs over the National Day holiday, counting the make-up Sunday (requested 2024-09-27 → 2024-10-10)', async () => {
    const a = await book(m1.id, '2024-09-27');
    // 09-29 (Sunday) is a make-up working day (1), 09-30 (2), 10-01..10-07 off, 10-08 (3), 10-09 (4), 10-10 (5)
    expect(workingDaysBetween('2024-09-27', '2024-10-10')).toBe(5);
    expect(a).toMatchObject({ requestedOn: '2024-09-27', dueBy: '2024-10-10', handledOn: null, version: 1 });
    const stored = await lib.em().findOneOrFail(Appointment, { id: a.id });
    expect(stored).toMatchObject({ memberId: m1.id, dueBy: '2024-10-10', contactPhone: '0311-87654321', enterpriseCreditCode: '91350100M000100Y43' });
  });

  it('ends on a make-up Saturday when that is the 5th working day (requested 2024-09-30 → 2024-10-12)', async () => {
    const a = await book(m1.id, '2024-09-30');
    expect(new Date('2024-10-12T00:00:00Z').getUTCDay()).toBe(6);
    expect(isWorkingDay('2024-10-12')).toBe(true);
    expect(a.dueBy).toBe('2024-10-12');
    expect(appointmentDueBy(hebei, '2024-09-30')).toBe('2024-10-12');
  });

  it('does not count the request day, even when it is a holiday (requested 2024-10-02 → 2024-10-12)', async () => {
    const a = await book(m3.id, '2024-10-02');
    expect(a.dueBy).toBe('2024-10-12');
  });

  it('records the anonymous booking in the status history and the audit trail, naming the platform', async () => {
    const a = await book(m3.id, '2024-10-08');
    const history = await lib.em().find(StatusChange, { recordType: APPOINTMENT, recordId: a.id });
    expect(history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'OPEN', action: 'BOOK', on: '2024-10-08', actorRole: 'ANONYMOUS', actorId: 'anonymous-enterprise' })]);
    const audit = await lib.em().find(AuditEntry, { recordType: APPOINTMENT, recordId: a.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'BOOK', actorName: '河北工业企业服务平台', after: expect.objectContaining({ contactPerson: '李四', dueBy: '2024-10-14', state: 'OPEN' }) });
  });

  it('is open to every role that writes (an enterprise can also be an applicant elsewhere, a reviewer can enter one)', async () => {
    for (const user of [signedIn(Role.APPLICANT, { institutionId: inst4 }), signedIn(Role.COUNTY_REVIEWER, { region: '130602' }), EXPERT, ADMIN]) {
      await expect(book(m3.id, '2024-10-08', user)).resolves.toMatchObject({ dueBy: '2024-10-14' });
    }
  });
});

describe('handling within the deadline', () => {
  it('on the 5th working day (the make-up Saturday) is on time; on the 6th is late but recorded', async () => {
    const onTime = await book(m1.id, '2024-09-30');
    const late = await book(m1.id, '2024-09-30');
    const handledOnTime = await handle(onTime, '2024-10-12');
    expect(handledOnTime).toMatchObject({ handledOn: '2024-10-12', handledBy: ADMIN.id, outcome: '已电话联系并安排上门服务', version: 2 });
    expect(isOverdue(handledOnTime, chinaToday())).toBe(false);
    // 10-13 is a Sunday: the 6th working day is Monday 10-14
    expect(workingDaysBetween('2024-09-30', '2024-10-14')).toBe(6);
    const handledLate = await handle(late, '2024-10-14');
    expect(isOverdue(handledLate, '2024-10-14')).toBe(true);
    const history = await lib.em().find(StatusChange, { recordType: APPOINTMENT, recordId: late.id, action: 'HANDLE' });
    expect(history).toEqual([expect.objectContaining({ fromStatus: 'OPEN', toStatus: 'HANDLED', on: '2024-10-14', reason: expect.stringContaining('逾期处理') })]);
    const audit = await lib.em().find(AuditEntry, { recordType: APPOINTMENT, recordId: late.id, action: 'HANDLE' });
    expect(audit[0]).toMatchObject({ before: expect.objectContaining({ state: 'OPEN' }), after: expect.objectContaining({ state: 'HANDLED', handledOn: '2024-10-14' }) });
  });

  it('over the holiday: handled on 10-10 is on time, on 10-11 late (requested 2024-09-27)', async () => {
    const a = await book(m1.id, '2024-09-27');
    const b = await book(m1.id, '2024-09-27');
    expect(isOverdue(await handle(a, '2024-10-10'), chinaToday())).toBe(false);
    expect(isOverdue(await handle(b, '2024-10-11'), chinaToday())).toBe(true);
  });

  it('an open appointment is not overdue on its deadline and is the day after', async () => {
    const a = await book(m1.id, '2024-09-30');
    expect(isOverdue(a, '2024-10-12')).toBe(false);
    expect(isOverdue(a, '2024-10-13')).toBe(true);
  });

  it('by the member’s own applicant; the same day as the request is allowed', async () => {
    const a = await book(m1.id, '2024-10-08');
    await expect(handle(a, '2024-10-08', signedIn(Role.APPLICANT, { institutionId: inst1 }))).resolves.toMatchObject({ handledOn: '2024-10-08', handledBy: `u-APPLICANT-${inst1}` });
  });

  it('of two handlers who read the same version, exactly one wins and the other gets CONFLICT', async () => {
    const a = await book(m1.id, '2024-10-08');
    const results = await Promise.allSettled([handle(a, '2024-10-09'), handle(a, '2024-10-09', signedIn(Role.APPLICANT, { institutionId: inst1 }))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(failed.reason).toBeInstanceOf(DomainError);
    expect(failed.reason.extensions.code).toBe('CONFLICT');
    const stored = await lib.em().findOneOrFail(Appointment, { id: a.id });
    expect(stored.version).toBe(2);
    expect(await lib.em().count(StatusChange, { recordType: APPOINTMENT, recordId: a.id, action: 'HANDLE' })).toBe(1);
  });
});

describe('refusals change nothing', () => {
  let open: Appointment;
  let handled: Appointment;
  beforeAll(async () => {
    open = await book(m3.id, '2024-10-08');
    handled = await handle(await book(m3.id, '2024-10-08'), '2024-10-09');
  });

  it('analysts write nothing', async () => {
    await refusedWithoutChange(() => book(m3.id, '2024-10-08', ANALYST), 'FORBIDDEN');
  });

  it('a removed member takes no bookings (INVALID_TRANSITION); an unknown or malformed member is NOT_FOUND', async () => {
    await refusedWithoutChange(() => book(removed.id, '2024-10-08'), 'INVALID_TRANSITION', { reason: 'MEMBER_REMOVED', currentState: 'REMOVED', allowedActions: [] });
    await refusedWithoutChange(() => book('7d1e4a52-3c1b-4f0e-9a55-0b6f0c1d2e3f', '2024-10-08'), 'NOT_FOUND');
    await refusedWithoutChange(() => book('not-a-uuid', '2024-10-08'), 'NOT_FOUND');
  });

  it.each([
    ['an empty enterprise name', { enterpriseName: '   ' }, 'INVALID_TEXT', 'enterpriseName'],
    ['an enterprise name of 201 characters', { enterpriseName: '企'.repeat(201) }, 'INVALID_TEXT', 'enterpriseName'],
    ['a control character in the name', { enterpriseName: '某公司\u0007' }, 'INVALID_TEXT', 'enterpriseName'],
    ['a contact person of 51 characters', { contactPerson: '李'.repeat(51) }, 'INVALID_TEXT', 'contactPerson'],
    ['a line break in the contact person', { contactPerson: '李\n四' }, 'INVALID_TEXT', 'contactPerson'],
    ['a service of 1001 characters', { service: '服'.repeat(1001) }, 'INVALID_TEXT', 'service'],
    ['an empty service', { service: '' }, 'INVALID_TEXT', 'service'],
    ['a phone of 4 characters', { contactPhone: '1234' }, 'INVALID_PHONE', 'contactPhone'],
    ['a phone of 31 characters', { contactPhone: '1'.repeat(31) }, 'INVALID_TEXT', 'contactPhone'],
    ['a phone with letters', { contactPhone: '0311-8765abc' }, 'INVALID_PHONE', 'contactPhone'],
    ['a phone of separators only', { contactPhone: '+- - -' }, 'INVALID_PHONE', 'contactPhone'],
    ['a phone with + inside', { contactPhone: '0311+87654321' }, 'INVALID_PHONE', 'contactPhone'],
    ['a phone with a tab', { contactPhone: '0311\t8765' }, 'INVALID_TEXT', 'contactPhone'],
  ])('%s is BAD_USER_INPUT', async (_label, overrides, reason, field) => {
    await refusedWithoutChange(() => book(m3.id, '2024-10-08', null, overrides), 'BAD_USER_INPUT', { reason, field });
  });

  it('a credit code with a wrong check character is INVALID_CREDIT_CODE, naming the rule', async () => {
    await refusedWithoutChange(() => book(m3.id, '2024-10-08', null, { enterpriseCreditCode: '91350100M000100Y4Z' }), 'INVALID_CREDIT_CODE', { rule: 'CHARSET' });
    await refusedWithoutChange(() => book(m3.id, '2024-10-08', null, { enterpriseCreditCode: '91350100M000100Y44' }), 'INVALID_CREDIT_CODE', { rule: 'CHECK_CHARACTER' });
  });

  it('a date outside the published working-day calendar is refused, not guessed', async () => {
    await refusedWithoutChange(() => book(m3.id, '2030-03-01'), 'BAD_USER_INPUT', { reason: 'CALENDAR_YEAR_NOT_PUBLISHED' });
  });

  it('accepts each field at its limit', async () => {
    const a = await book(m3.id, '2024-10-08', null, {
      enterpriseName: '企'.repeat(200), contactPerson: '李'.repeat(50), service: '服'.repeat(1000), contactPhone: '12345', enterpriseCreditCode: null,
    });
    expect(a).toMatchObject({ contactPhone: '12345', enterpriseCreditCode: null });
    const longest = '+86 311-8765 4321 0000 0000 01';
    expect(longest).toHaveLength(30);
    await expect(book(m3.id, '2024-10-08', null, { contactPhone: longest })).resolves.toMatchObject({ contactPhone: longest });
  });

  it('handling twice is INVALID_TRANSITION; with the version read before the first, CONFLICT', async () => {
    await refusedWithoutChange(() => handle(handled, '2024-10-10', ADMIN, handled.version), 'INVALID_TRANSITION', { currentState: 'HANDLED', action: 'HANDLE' });
    await refusedWithoutChange(() => handle(handled, '2024-10-10', ADMIN, 1), 'CONFLICT', { reason: 'STALE_VERSION' });
  });

  it('only the member’s applicant or an admin handles it', async () => {
    await refusedWithoutChange(() => handle(open, '2024-10-09', signedIn(Role.APPLICANT, { institutionId: inst4 })), 'FORBIDDEN');
    await refusedWithoutChange(() => handle(open, '2024-10-09', signedIn(Role.PROVINCE_REVIEWER, { region: '130000' })), 'FORBIDDEN');
    await refusedWithoutChange(() => handle(open, '2024-10-09', ANALYST), 'FORBIDDEN');
    await refusedWithoutChange(() => handleAppointment(lib.em(), null, { appointmentId: open.id, outcome: '已处理', expectedVersion: 1 }, '2024-10-09'), 'UNAUTHENTICATED');
  });

  it('an empty outcome, a handling date before the request, or an unknown appointment are refused', async () => {
    await refusedWithoutChange(() => handleAppointment(lib.em(), ADMIN, { appointmentId: open.id, outcome: ' ', expectedVersion: 1 }, '2024-10-09'), 'BAD_USER_INPUT', { reason: 'INVALID_TEXT', field: 'outcome' });
    await refusedWithoutChange(() => handle(open, '2024-10-07'), 'BAD_USER_INPUT', { reason: 'DATE_ORDER' });
    await refusedWithoutChange(() => handleAppointment(lib.em(), ADMIN, { appointmentId: 'x', outcome: '已处理', expectedVersion: 1 }, '2024-10-09'), 'NOT_FOUND');
  });

  it('a province without the duty computes no deadline', async () => {
    const before = await schemaChecksums(lib.url, hebei.name);
    await expect(bookAppointment(lib.em(), shanxi, null, booking(m3.id), '2024-10-08')).rejects.toThrow('has no appointment duty');
    expect(await schemaChecksums(lib.url, hebei.name)).toEqual(before);
  });
});

describe('the yearly summary counted in the annual evaluation', () => {
  beforeAll(async () => {
    await handle(await book(m2.id, '2024-10-08'), '2024-10-14'); // due 10-14 (10-12 a make-up Saturday): on time
    await handle(await book(m2.id, '2024-10-08'), '2024-10-15'); // late
    await book(m2.id, '2024-10-08'); // open, overdue from 10-15
    await book(m2.id, '2024-10-28'); // open, due 11-04
    await book(m2.id, '2023-12-29'); // another year: due 2024-01-08 (New Year's Day off)
  });

  it('counts handled on time, late, open and open past the deadline, as of a date', async () => {
    const rows = await lib.em().find(Appointment, { memberId: m2.id });
    expect(summarizeAppointments(hebei, rows, 2024, '2024-11-04')).toEqual({
      year: 2024, asOf: '2024-11-04', workingDays: 5, article: '冀 第十三条（二）', total: 4, handledOnTime: 1, handledLate: 1, open: 2, openOverdue: 1, overdue: 2,
    });
    expect(summarizeAppointments(hebei, rows, 2024, '2024-11-05')).toMatchObject({ open: 2, openOverdue: 2, overdue: 3 });
    expect(summarizeAppointments(hebei, rows, 2023, '2024-11-05')).toMatchObject({ total: 1, open: 1, openOverdue: 1, overdue: 1 });
    expect((await lib.em().findOneOrFail(Appointment, { memberId: m2.id, requestedOn: '2023-12-29' })).dueBy).toBe('2024-01-08');
  });

  it('agrees with overdueAppointmentsInYear, member by member', async () => {
    const loaders = createLibraryLoaders(lib.em());
    for (const member of [m1, m2, m3, m4]) {
      for (const today of ['2024-10-12', '2024-11-04', '2024-11-05']) {
        const summary = summarizeAppointments(hebei, await loaders.appointments.load(member.id), 2024, today)!;
        expect(summary.overdue).toBe(await overdueAppointmentsInYear(lib.em(), member.id, 2024, today));
        expect(summary.total).toBe(summary.handledOnTime + summary.handledLate + summary.open);
      }
    }
    expect(await overdueAppointmentsInYear(lib.em(), m2.id, 2024, '2024-11-05')).toBe(3);
  });

  it('reads the appointments of many members in one statement', async () => {
    const loaders = createLibraryLoaders(lib.em());
    const before = sqlStatementCount();
    const lists = await Promise.all([m1, m2, m3, m4].map((m) => loaders.appointments.load(m.id)));
    expect(sqlStatementCount() - before).toBe(1);
    expect(lists[1]).toHaveLength(5);
    expect(lists[3]).toHaveLength(0);
  });

  it('is null where the guideline sets no appointment duty (Shanxi)', () => {
    expect(summarizeAppointments(shanxi, [], 2024, '2024-11-05')).toBeNull();
  });
});

describe('listing (restricted)', () => {
  const ids = (page: { edges: { node: Appointment }[] }) => page.edges.map((e) => e.node.id);
  const memberIds = (page: { edges: { node: Appointment }[] }) => new Set(page.edges.map((e) => e.node.memberId));
  beforeAll(async () => {
    m4Appointment = await book(m4.id, '2024-10-09');
  });

  it('orders by request date then id, keyset-paginated at two statements a page', async () => {
    const all = (await listAppointments(lib.em(), ADMIN, { memberId: m2.id }, 100, null, '2024-11-05'));
    expect(all.totalCount).toBe(5);
    const expected = [...all.edges.map((e) => e.node)].sort((a, b) => (a.requestedOn + a.id).localeCompare(b.requestedOn + b.id)).map((a) => a.id);
    expect(ids(all)).toEqual(expected);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const before = sqlStatementCount();
      const page: Awaited<ReturnType<typeof listAppointments>> = await listAppointments(lib.em(), ADMIN, { memberId: m2.id }, 2, after, '2024-11-05');
      expect(sqlStatementCount() - before).toBe(2);
      seen.push(...ids(page));
      expect(page.totalCount).toBe(5);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('filters open and overdue as isOverdue judges them on the day', async () => {
    const list = (filter: { open?: boolean; overdue?: boolean }, today: string) => listAppointments(lib.em(), ADMIN, { memberId: m2.id, ...filter }, 100, null, today);
    expect((await list({ open: true }, '2024-11-04')).totalCount).toBe(3);
    expect((await list({ open: false }, '2024-11-04')).totalCount).toBe(2);
    const rows = await lib.em().find(Appointment, { memberId: m2.id });
    for (const today of ['2024-10-14', '2024-10-15', '2024-11-04', '2024-11-05']) {
      const overdue = rows.filter((a) => isOverdue(a, today)).map((a) => a.id).sort();
      expect(ids(await list({ overdue: true }, today)).sort()).toEqual(overdue);
      expect(ids(await list({ overdue: false }, today)).sort()).toEqual(rows.filter((a) => !isOverdue(a, today)).map((a) => a.id).sort());
    }
    // open past the deadline: the 2023 one and the one of 10-08; the one due 11-04 joins them the day after
    expect((await list({ open: true, overdue: true }, '2024-11-04')).totalCount).toBe(2);
    expect((await list({ open: true, overdue: true }, '2024-11-05')).totalCount).toBe(3);
  });

  it('an applicant sees its own member’s only', async () => {
    const own = await listAppointments(lib.em(), signedIn(Role.APPLICANT, { institutionId: inst4 }), null, 100, null, '2024-11-05');
    expect(ids(own)).toEqual([m4Appointment.id]);
    const other = await listAppointments(lib.em(), signedIn(Role.APPLICANT, { institutionId: inst4 }), { memberId: m2.id }, 100, null, '2024-11-05');
    expect(other.totalCount).toBe(0);
  });

  it('a reviewer sees the members of its region; the province and analysts see all', async () => {
    const all = await listAppointments(lib.em(), ADMIN, null, 100, null, '2024-11-05');
    const shijiazhuang = await listAppointments(lib.em(), signedIn(Role.CITY_REVIEWER, { region: '130100' }), null, 100, null, '2024-11-05');
    expect(memberIds(shijiazhuang)).toEqual(new Set([m1.id, m2.id, m3.id]));
    expect(shijiazhuang.totalCount).toBe(all.totalCount - 1);
    const baoding = await listAppointments(lib.em(), signedIn(Role.COUNTY_REVIEWER, { region: '130602' }), null, 100, null, '2024-11-05');
    expect(ids(baoding)).toEqual([m4Appointment.id]);
    expect((await listAppointments(lib.em(), signedIn(Role.PROVINCE_REVIEWER, { region: '130000' }), null, 100, null, '2024-11-05')).totalCount).toBe(all.totalCount);
    expect((await listAppointments(lib.em(), ANALYST, null, 100, null, '2024-11-05')).totalCount).toBe(all.totalCount);
    expect((await listAppointments(lib.em(), signedIn(Role.PROVINCE_REVIEWER, { region: '140000' }), null, 100, null, '2024-11-05')).totalCount).toBe(0);
  });

  it('refuses anonymous callers and experts, and a bad page size or cursor', async () => {
    await expect(listAppointments(lib.em(), null, null, 10, null, '2024-11-05')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(listAppointments(lib.em(), EXPERT, null, 10, null, '2024-11-05')).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(listAppointments(lib.em(), ADMIN, null, 101, null, '2024-11-05')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'PAGE_SIZE' } });
    await expect(listAppointments(lib.em(), ADMIN, null, 10, 'garbage', '2024-11-05')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' } });
  });
});

describe('the GraphQL schema', () => {
  let hebeiSchema: GraphQLSchema;
  let shanxiSchema: GraphQLSchema;
  beforeAll(async () => {
    hebeiSchema = await subgraphSchema(defineLibrarySubgraph(hebei) as SubgraphDefinition<unknown>);
    shanxiSchema = await subgraphSchema(defineLibrarySubgraph(shanxi) as SubgraphDefinition<unknown>);
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const run = (schema: GraphQLSchema, source: string, user: AuthUser | null, variableValues?: Record<string, unknown>): Promise<ExecutionResult<any>> => {
    const em = lib.em();
    return graphql({ schema, source, variableValues, contextValue: { requestId: 't', user, em, loaders: createLibraryLoaders(em), eventsCommitted: () => undefined } });
  };
  const rootFields = (schema: GraphQLSchema) => [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())];

  it('has the appointment root fields where the duty exists, and none where it does not', () => {
    expect(rootFields(hebeiSchema)).toEqual(expect.arrayContaining(['libraryServiceAppointments', 'libraryBookServiceAppointment', 'libraryHandleServiceAppointment']));
    expect(rootFields(shanxiSchema).filter((f) => /appointment/i.test(f))).toEqual([]);
    expect(shanxiSchema.getType('ServiceAppointment')).toBeUndefined();
  });

  it('gives LibraryMembership.appointmentSummary and its type identically in both', () => {
    for (const name of ['LibraryMembership', 'LibraryAppointmentSummary']) {
      expect(printType(shanxiSchema.getType(name)!)).toBe(printType(hebeiSchema.getType(name)!));
    }
    expect((hebeiSchema.getType('LibraryMembership') as GraphQLObjectType).getFields().appointmentSummary.args.map((a) => a.name)).toEqual(['year']);
  });

  const BOOK = `mutation($input: BookServiceAppointmentInput!) { libraryBookServiceAppointment(input: $input) { id dueBy overdue contactPhone member { id } } }`;

  it('books anonymously through the API; the booker cannot read the contacts back', async () => {
    const r = await run(hebeiSchema, BOOK, null, { input: booking(m3.id) });
    expect(r.data?.libraryBookServiceAppointment).toMatchObject({ dueBy: expect.any(String), overdue: false, contactPhone: null, member: { id: m3.id } });
    expect(r.errors?.map((e) => [e.path?.join('.'), e.extensions.code])).toEqual([['libraryBookServiceAppointment.contactPhone', 'FORBIDDEN']]);
  });

  it('refuses a malformed credit code at the scalar, and an analyst', async () => {
    const before = await schemaChecksums(lib.url, hebei.name);
    const bad = await run(hebeiSchema, BOOK, null, { input: booking(m3.id, { enterpriseCreditCode: '91350100M000100Y4Z' }) });
    expect(bad.errors?.[0].extensions.code).toBe('INVALID_CREDIT_CODE');
    const analyst = await run(hebeiSchema, BOOK, ANALYST, { input: booking(m3.id) });
    expect(analyst.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await schemaChecksums(lib.url, hebei.name)).toEqual(before);
  });

  const LIST = `query($filter: ServiceAppointmentFilter) { libraryServiceAppointments(filter: $filter, first: 100) { totalCount edges { node { id overdue contactPerson contactPhone enterpriseCreditCode statusHistory { action } } } } }`;

  it('shows the contacts to those who may list them, and overdue as of today', async () => {
    const r = await run(hebeiSchema, LIST, signedIn(Role.APPLICANT, { institutionId: inst4 }), {});
    expect(r.errors).toBeUndefined();
    expect(r.data?.libraryServiceAppointments.edges).toEqual([
      { node: { id: m4Appointment.id, overdue: true, contactPerson: '李四', contactPhone: '0311-87654321', enterpriseCreditCode: '91350100M000100Y43', statusHistory: [{ action: 'BOOK' }] } },
    ]);
    const anonymous = await run(hebeiSchema, LIST, null, {});
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  const MEMBERS = `query($first: Int) { libraryLibraryMembers(first: $first) { edges { node { id appointmentSummary(year: 2024) { total handledOnTime handledLate open openOverdue overdue workingDays article } } } } }`;

  it('summarises per member in a constant number of statements, restricted', async () => {
    const count = async (first: number) => {
      const before = sqlStatementCount();
      const r = await run(hebeiSchema, MEMBERS, ADMIN, { first });
      expect(r.errors).toBeUndefined();
      return { statements: sqlStatementCount() - before, edges: r.data!.libraryLibraryMembers.edges as { node: { id: string; appointmentSummary: Record<string, unknown> } }[] };
    };
    const one = await count(1);
    const all = await count(10);
    expect(all.edges.length).toBe(4); // the removed member is not listed by default
    expect(all.statements).toBe(one.statements);
    const m2Summary = all.edges.find((e) => e.node.id === m2.id)!.node.appointmentSummary;
    // as of the real today, long after 2024: both open appointments are past their deadline
    expect(m2Summary).toEqual({ total: 4, handledOnTime: 1, handledLate: 1, open: 2, openOverdue: 2, overdue: 3, workingDays: 5, article: '冀 第十三条（二）' });
    const anonymous = await run(hebeiSchema, MEMBERS, null, { first: 1 });
    expect(anonymous.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const bad = await run(hebeiSchema, `{ libraryLibraryMembers(first: 1) { edges { node { appointmentSummary(year: 1999) { total } } } } }`, ADMIN);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('answers null in a province without the duty', async () => {
    const r = await run(shanxiSchema, MEMBERS, ADMIN, { first: 10 });
    expect(r.errors).toBeUndefined();
    const edges = r.data!.libraryLibraryMembers.edges as { node: { appointmentSummary: unknown } }[];
    expect(edges.length).toBe(4);
    expect(edges.every((e) => e.node.appointmentSummary === null)).toBe(true);
  });
});
