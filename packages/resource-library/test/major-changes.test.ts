import type { GraphQLSchema } from 'graphql';
import { AuditEntry, Role, StatusChange, type AuthUser } from '@sme/kernel';
import { Member } from '../src/members/member.entity';
import { MemberStatus, RemovalGround } from '../src/members/member-status';
import { removeMemberByDecision } from '../src/members/removal';
import { MajorChange, MajorChangeKind, MajorChangeVerification } from '../src/major-changes/major-change.entity';
import { reportMajorChange, verifyMajorChange } from '../src/major-changes/major-changes.service';
import { ADMIN, openLibrary, refusedWith, type LibraryFixture } from './support/library-fixture';
import { applicantOf, execute, librarySchema, userOf } from './support/library-graphql';

/** 第十一条: members in 太原 小店区 (140105), so the verifying unit is 太原市 (140100). */
let lib: LibraryFixture;
let schema: GraphQLSchema;
let m: Member, n: Member;
let instM: string, instN: string;
const TAIYUAN = userOf(Role.CITY_REVIEWER, { region: '140100' });
const DATONG = userOf(Role.CITY_REVIEWER, { region: '140200' });
const PROVINCE = userOf(Role.PROVINCE_REVIEWER, { region: '140000' });

const report = (member: Member, changedOn: string, today: string, user: AuthUser = ADMIN, description = '机构由小店区迁至迎泽区') =>
  reportMajorChange(lib.em(), lib.config, user, { memberId: member.id, kind: MajorChangeKind.RELOCATION, changedOn, description }, today);
const verify = (change: MajorChange, stillQualifies: boolean, today: string, user: AuthUser = TAIYUAN, note: string | null = '已实地核实') =>
  verifyMajorChange(lib.em(), lib.config, user, { changeId: change.id, stillQualifies, note }, today);
const remove = (member: Member, decidedOn: string, user: AuthUser = PROVINCE) =>
  removeMemberByDecision(lib.em(), lib.config, user, { memberId: member.id, ground: RemovalGround.NO_LONGER_QUALIFIES, reason: '经市级核实不再符合入库条件，省厅会议研究决定移出' }, decidedOn);
const reload = (member: Member) => lib.em().findOneOrFail(Member, { id: member.id });


beforeAll(async () => {
  lib = await openLibrary();
  schema = await librarySchema(lib);
  [instM, instN] = [await lib.knowInstitution(), await lib.knowInstitution()];
  m = await lib.admit(instM, '2024-03-07'); // admitted 2024-03-15
  n = await lib.admit(instN, '2024-03-07');
});
afterAll(() => lib?.close());

describe('reporting (3 months after the change)', () => {
  it('is on time on the same day three months later, late the next day', async () => {
    const onLastDay = await report(m, '2024-04-30', '2024-07-30', applicantOf(instM));
    expect(onLastDay).toMatchObject({ changedOn: '2024-04-30', dueBy: '2024-07-30', reportedOn: '2024-07-30', late: false, verification: MajorChangeVerification.PENDING });
    const nextDay = await report(m, '2024-04-30', '2024-07-31');
    expect(nextDay).toMatchObject({ dueBy: '2024-07-30', late: true });
    const audit = await lib.em().find(AuditEntry, { recordType: 'LibraryMembership', recordId: m.id, action: 'REPORT_MAJOR_CHANGE' });
    expect(audit).toHaveLength(2);
  });

  it('clamps the deadline to the end of a shorter month, and takes a change on the day of admission or today', async () => {
    expect(await report(n, '2024-11-30', '2024-12-01')).toMatchObject({ dueBy: '2025-02-28', late: false });
    expect(await report(n, '2024-03-15', '2024-06-15')).toMatchObject({ dueBy: '2024-06-15', late: false });
    expect(await report(n, '2024-12-02', '2024-12-02')).toMatchObject({ dueBy: '2025-03-02', late: false });
  });

  it('refuses a future change, one before admission, another institution, an empty description; nothing changes', async () => {
    await refusedWith(lib, () => report(m, '2024-08-02', '2024-08-01'), { code: 'BAD_USER_INPUT', reason: 'FUTURE_DATE' });
    await refusedWith(lib, () => report(m, '2024-03-14', '2024-08-01'), { code: 'BAD_USER_INPUT', reason: 'BEFORE_ADMISSION' });
    await refusedWith(lib, () => report(m, '2024-05-01', '2024-08-01', applicantOf(instN)), { code: 'FORBIDDEN' });
    await refusedWith(lib, () => report(m, '2024-05-01', '2024-08-01', userOf(Role.CITY_REVIEWER, { region: '140100' })), { code: 'FORBIDDEN' });
    await refusedWith(lib, () => report(m, '2024-05-01', '2024-08-01', ADMIN, '   '), { code: 'BAD_USER_INPUT', reason: 'INVALID_TEXT' });
  });
});

describe('verification by the city, removal by the province', () => {
  let still: MajorChange, lost: MajorChange, pending: MajorChange;
  beforeAll(async () => {
    still = await report(m, '2024-06-01', '2024-06-20');
    lost = await report(m, '2024-07-01', '2024-07-20');
    pending = await report(m, '2024-07-05', '2024-07-20');
  });

  it('is the member’s own city’s (or the province’s), and a finding that it no longer qualifies needs a note', async () => {
    await refusedWith(lib, () => verify(still, true, '2024-08-01', DATONG), { code: 'FORBIDDEN' });
    await refusedWith(lib, () => verify(still, true, '2024-08-01', applicantOf(instM)), { code: 'FORBIDDEN' });
    await refusedWith(lib, () => verify(still, true, '2024-08-01', userOf(Role.COUNTY_REVIEWER, { region: '140105' })), { code: 'FORBIDDEN' });
    await refusedWith(lib, () => verify(lost, false, '2024-08-01', TAIYUAN, null), { code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
    await refusedWith(lib, () => verify({ ...still, id: '00000000-0000-4000-8000-000000000000' } as MajorChange, true, '2024-08-01'), { code: 'NOT_FOUND' });
  });

  it('records STILL_QUALIFIES once, with its status change; the member stays', async () => {
    expect(await verify(still, true, '2024-08-01', TAIYUAN, null)).toMatchObject({ verification: MajorChangeVerification.STILL_QUALIFIES, verifiedOn: '2024-08-01', verificationNote: null });
    await refusedWith(lib, () => verify(still, false, '2024-08-02'), { code: 'INVALID_TRANSITION' });
    const history = await lib.em().find(StatusChange, { recordType: 'LibraryMajorChange', recordId: still.id });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.actorRole])).toEqual([['PENDING', 'STILL_QUALIFIES', 'CITY_REVIEWER']]);
    expect((await reload(m)).status).toBe(MemberStatus.ACTIVE);
  });

  it('refuses removal on NO_LONGER_QUALIFIES without the city’s finding', () =>
    refusedWith(lib, () => remove(m, '2024-08-05'), { code: 'BAD_USER_INPUT', reason: 'NO_VERIFIED_CHANGE' }));

  it('the city’s NO_LONGER_QUALIFIES goes to the province; the province removes by decision from that day, without a ban', async () => {
    await verify(lost, false, '2024-08-10', TAIYUAN, '迁出山西省，不再符合注册地在山西省的条件');
    expect((await reload(m)).status).toBe(MemberStatus.ACTIVE); // the city reports; it does not remove
    await refusedWith(lib, () => remove(m, '2024-08-09'), { code: 'BAD_USER_INPUT', reason: 'NO_VERIFIED_CHANGE' });
    await refusedWith(lib, () => remove(n, '2024-08-10'), { code: 'BAD_USER_INPUT', reason: 'NO_VERIFIED_CHANGE' }); // another member's finding
    await refusedWith(lib, () => remove(m, '2024-08-10', TAIYUAN), { code: 'FORBIDDEN' });

    const removed = await remove(m, '2024-08-10');
    expect(removed).toMatchObject({ status: MemberStatus.REMOVED, removedOn: '2024-08-10', removalGround: RemovalGround.NO_LONGER_QUALIFIES, reentryBannedUntil: null });
    const history = await lib.em().find(StatusChange, { recordType: 'LibraryMembership', recordId: m.id }, { orderBy: { seq: 'asc' } });
    expect(history.map((h) => h.action)).toEqual(['ADMIT', 'REMOVE_NO_LONGER_QUALIFIES']);
  });

  it('takes no report and no verification for a removed member', async () => {
    await refusedWith(lib, () => report(m, '2024-08-01', '2024-08-11'), { code: 'INVALID_TRANSITION' });
    await refusedWith(lib, () => verify(pending, true, '2024-08-12'), { code: 'INVALID_TRANSITION' });
  });
});

describe('through the schema', () => {
  it('lists a member’s changes to those entitled, newest change first', async () => {
    const QUERY = `query ($id: ID!) { libraryLibraryMember(id: $id) { majorChanges { changedOn dueBy late verification } } }`;
    for (const user of [null, applicantOf(instM), DATONG]) {
      expect((await execute(lib, schema, user, QUERY, { id: n.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const seen = await execute(lib, schema, applicantOf(instN), QUERY, { id: n.id });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.libraryLibraryMember.majorChanges.map((c: { changedOn: string }) => c.changedOn)).toEqual(['2024-12-02', '2024-11-30', '2024-03-15']);
  });

  it('reports and verifies with the province’s field names', async () => {
    const reported = await execute(lib, schema, applicantOf(instN), `mutation ($input: ReportLibraryMajorChangeInput!) { libraryReportLibraryMajorChange(input: $input) { id kind late verification } }`, {
      input: { memberId: n.id, kind: 'RENAME', changedOn: '2024-01-01', description: '更名' },
    });
    // before n's admission: refused through the schema as well
    expect(reported.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BEFORE_ADMISSION' });
    const [change] = await lib.em().find(MajorChange, { memberId: n.id, verification: MajorChangeVerification.PENDING });
    const verified = await execute(lib, schema, TAIYUAN, `mutation ($input: VerifyLibraryMajorChangeInput!) { libraryVerifyLibraryMajorChange(input: $input) { verification verificationNote } }`, {
      input: { changeId: change.id, stillQualifies: true, note: '仍在太原市内' },
    });
    expect(verified.errors).toBeUndefined();
    expect(verified.data!.libraryVerifyLibraryMajorChange).toEqual({ verification: 'STILL_QUALIFIES', verificationNote: '仍在太原市内' });
  });
});
