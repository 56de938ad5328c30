import type { GraphQLSchema } from 'graphql';
import { Role, addDays, chinaToday, type AuthUser } from '@sme/kernel';
import { GUIDELINE_RULES, type LibraryConfig } from '../src/library-config';
import { LibraryCategory } from '../src/categories';
import { Member } from '../src/members/member.entity';
import { MemberStatus, RemovalGround } from '../src/members/member-status';
import { removeMemberByDecision } from '../src/members/removal';
import { EvaluationRating } from '../src/evaluations/annual-evaluation.entity';
import { recordEvaluation } from '../src/evaluations/evaluations.service';
import { fileQuarterlyReport } from '../src/quarterly-reports/quarterly-reports.service';
import { Appointment } from '../src/appointments/appointment.entity';
import { appointmentDueBy } from '../src/appointments/appointment-deadlines';
import { ADMIN, openLibrary, refusedWith, testConfig, type LibraryFixture } from './support/library-fixture';
import { applicantOf, execute, librarySchema, userOf } from './support/library-graphql';

/** 第十二条 annual evaluations; Shanxi's guideline has no appointment duty, Hebei's (第十三条（二）) does. */
const PROVINCE = userOf(Role.PROVINCE_REVIEWER, { region: '140000' });

const evaluate = (lib: LibraryFixture, member: Member, year: number, today: string, rating = EvaluationRating.PASS, user: AuthUser = PROVINCE, comments = '定期评价与实地核查：服务规范') =>
  recordEvaluation(lib.em(), lib.config, user, { memberId: member.id, year, rating, comments }, today);


describe('Shanxi', () => {
  let lib: LibraryFixture;
  let schema: GraphQLSchema;
  let e: Member, f: Member, g: Member;
  let instE: string;
  const file = (member: Member, dueOn: string, today: string) =>
    fileQuarterlyReport(lib.em(), lib.config, ADMIN, { memberId: member.id, dueOn, enterprisesServed: 5, publicWelfareActivities: 1, summary: '季度服务情况' }, today);

  beforeAll(async () => {
    lib = await openLibrary();
    schema = await librarySchema(lib);
    instE = await lib.knowInstitution();
    e = await lib.admit(instE, '2024-03-07'); // admitted 2024-03-15, first due 2024-06-15
    f = await lib.admit(await lib.knowInstitution(), '2024-03-07');
    g = await lib.admit(await lib.knowInstitution(), '2024-03-07');
    await file(e, '2024-06-15', '2024-06-10'); // on time
    await file(e, '2024-09-15', '2024-09-20'); // late: still missed
  });
  afterAll(() => lib?.close());

  it('snapshots the year’s missed periods (late or none) and no appointment count where there is no such duty', async () => {
    const evaluation = await evaluate(lib, e, 2024, '2025-01-10', EvaluationRating.GOOD);
    expect(evaluation).toMatchObject({ year: 2024, rating: EvaluationRating.GOOD, missedReports: 2, overdueAppointments: null, evaluatedOn: '2025-01-10', evaluatedBy: PROVINCE.id });
  });

  it('counts a due date as missed only once it is over (the day after)', async () => {
    expect(await evaluate(lib, f, 2024, '2024-12-15')).toMatchObject({ missedReports: 2 }); // 06-15, 09-15
    expect(await evaluate(lib, g, 2024, '2024-12-16')).toMatchObject({ missedReports: 3 }); // and 12-15
  });

  it('takes years from the admission year to the current year, once each', async () => {
    expect(await evaluate(lib, e, 2025, '2025-01-10')).toMatchObject({ year: 2025, missedReports: 0 });
    await refusedWith(lib, () => evaluate(lib, e, 2023, '2025-01-10'), { code: 'BAD_USER_INPUT', reason: 'YEAR_OUT_OF_RANGE' });
    await refusedWith(lib, () => evaluate(lib, f, 2026, '2025-12-31'), { code: 'BAD_USER_INPUT', reason: 'YEAR_OUT_OF_RANGE' });
    await refusedWith(lib, () => evaluate(lib, e, 2024, '2025-02-01', EvaluationRating.FAIL), { code: 'CONFLICT', reason: 'DUPLICATE' });
  });

  it('is the province’s act, with comments', async () => {
    await refusedWith(lib, () => evaluate(lib, f, 2025, '2025-06-01', EvaluationRating.PASS, userOf(Role.CITY_REVIEWER, { region: '140100' })), { code: 'FORBIDDEN' });
    await refusedWith(lib, () => evaluate(lib, f, 2025, '2025-06-01', EvaluationRating.PASS, userOf(Role.PROVINCE_REVIEWER, { region: '130000' })), { code: 'FORBIDDEN' });
    await refusedWith(lib, () => evaluate(lib, f, 2025, '2025-06-01', EvaluationRating.PASS, applicantOf(instE)), { code: 'FORBIDDEN' });
    await refusedWith(lib, () => evaluate(lib, f, 2025, '2025-06-01', EvaluationRating.PASS, userOf(Role.ANALYST)), { code: 'FORBIDDEN' });
    await refusedWith(lib, () => evaluate(lib, f, 2025, '2025-06-01', EvaluationRating.PASS, PROVINCE, ''), { code: 'BAD_USER_INPUT', reason: 'INVALID_TEXT' });
  });

  it('a FAIL removes nobody by itself: the province removes by decision, from the evaluation’s day, without a ban', async () => {
    const decide = (member: Member, decidedOn: string) =>
      removeMemberByDecision(lib.em(), lib.config, PROVINCE, { memberId: member.id, ground: RemovalGround.EVALUATION_FAILED, reason: '年度评价不合格，经会议研究移出', decidedOn }, '2025-07-01');
    await evaluate(lib, f, 2025, '2025-06-01', EvaluationRating.FAIL, PROVINCE, '实地核查发现服务场所不足');
    expect((await lib.em().findOneOrFail(Member, { id: f.id })).status).toBe(MemberStatus.ACTIVE);
    await refusedWith(lib, () => decide(e, '2025-06-01'), { code: 'BAD_USER_INPUT', reason: 'NO_FAILED_EVALUATION' }); // e passed
    await refusedWith(lib, () => decide(f, '2025-05-31'), { code: 'BAD_USER_INPUT', reason: 'NO_FAILED_EVALUATION' }); // before the rating
    expect(await decide(f, '2025-06-01')).toMatchObject({ status: MemberStatus.REMOVED, removedOn: '2025-06-01', removalGround: RemovalGround.EVALUATION_FAILED, reentryBannedUntil: null });
    await refusedWith(lib, () => evaluate(lib, f, 2025, '2025-07-01'), { code: 'INVALID_TRANSITION' });
  });

  it('shows evaluations to those entitled, latest year first, and records through the schema', async () => {
    const QUERY = `query ($id: ID!) { libraryLibraryMember(id: $id) { evaluations { year rating missedReports overdueAppointments } } }`;
    expect((await execute(lib, schema, null, QUERY, { id: e.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const seen = await execute(lib, schema, applicantOf(instE), QUERY, { id: e.id });
    expect(seen.data!.libraryLibraryMember.evaluations).toEqual([
      { year: 2025, rating: 'PASS', missedReports: 0, overdueAppointments: null },
      { year: 2024, rating: 'GOOD', missedReports: 2, overdueAppointments: null },
    ]);
    const year = Number(chinaToday().slice(0, 4));
    const MUTATION = `mutation ($input: RecordLibraryEvaluationInput!) { libraryRecordLibraryEvaluation(input: $input) { year rating } }`;
    const refused = await execute(lib, schema, PROVINCE, MUTATION, { input: { memberId: g.id, year: year + 1, rating: 'EXCELLENT', comments: '优秀' } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'YEAR_OUT_OF_RANGE' });
    const recorded = await execute(lib, schema, PROVINCE, MUTATION, { input: { memberId: g.id, year, rating: 'EXCELLENT', comments: '优秀' } });
    expect(recorded.data!.libraryRecordLibraryEvaluation).toEqual({ year, rating: 'EXCELLENT' });
  });
});

describe('Hebei (第十三条（二）: overdue appointments are counted)', () => {
  const hebei: LibraryConfig = testConfig({
    provinceCode: '130000', abbreviation: '冀', categories: Object.values(LibraryCategory).filter((c) => c !== LibraryCategory.COMPLIANCE),
    rules: { ...GUIDELINE_RULES, appointmentWorkingDays: 5 },
  });
  let lib: LibraryFixture;
  let h: Member;

  beforeAll(async () => {
    lib = await openLibrary(hebei);
    h = await lib.admit(await lib.knowInstitution({ regionCode: '130102' }), '2024-03-07');
    const em = lib.em();
    /** handled on its deadline, a day after it, or not at all */
    const book = (requestedOn: string, handled: 'on deadline' | 'day late' | 'open') => {
      const dueBy = appointmentDueBy(hebei, requestedOn);
      const handledOn = handled === 'open' ? null : handled === 'on deadline' ? dueBy : addDays(dueBy, 1);
      em.persist(em.create(Appointment, { memberId: h.id, enterpriseName: '石家庄某制造企业', contactPerson: '李四', contactPhone: '0311-12345678', service: '融资对接', requestedOn, dueBy, handledOn }));
    };
    book('2024-05-06', 'on deadline'); // 05-11, a make-up working day, is the 5th
    book('2024-05-06', 'day late');
    book('2024-12-20', 'open'); // still open after its deadline
    book('2025-01-06', 'day late'); // another year
    await em.flush();
  });
  afterAll(() => lib?.close());

  it('snapshots the year’s overdue appointments beside the missed periods', async () => {
    const evaluation = await recordEvaluation(lib.em(), hebei, userOf(Role.PROVINCE_REVIEWER, { region: '130000' }), { memberId: h.id, year: 2024, rating: EvaluationRating.PASS, comments: '合格' }, '2025-01-10');
    expect(evaluation).toMatchObject({ overdueAppointments: 2, missedReports: 3 });
  });
});
