import { Client } from 'pg';
import { DomainError, ReviewAction, Role, StatusChange, type AuthUser } from '@sme/kernel';
import { schemaChecksums } from '@sme/testing';
import { attachMaterial, createApplication, recordSpotCheck, removeMaterial, reviewApplication, submitApplication, updateApplication } from '../src/applications/application.service';
import { decideObjection, recordObjection, startPublicNotice } from '../src/applications/public-notice.service';
import { LibraryApplicationStatus as Status, ReviewStep, stepWaitingIn } from '../src/applications/application-status';
import { Application } from '../src/applications/application.entity';
import { ApplicationMaterial } from '../src/applications/application-material.entity';
import type { DeclaredFiguresInput } from '../src/applications/declared-figures';
import type { CreateApplicationInput } from '../src/applications/application.inputs';
import { LibraryCategory, ServiceNature } from '../src/categories';
import { runSchedule } from '../src/schedule/daily-schedule';
import { MATERIALS, MaterialItem } from '../src/materials';
import { ADMIN, STEPS, openLibrary, passingFigures, refused, testConfig, type LibraryFixture } from './support/library-fixture';

/**
 * 第八条 workflow through the engine's services on a real database: creation, submission (第七条 materials,
 * the declaration), the three review steps with their refusals, returns and resubmissions, concurrency, the
 * status history, and who may act at each step (county, city or city-acting unit, province, applicant).
 */

const ON = '2024-09-27';
const FIGURES = passingFigures(2023);
const ATTESTED = { politicalCommitment: true, serviceCapability: true, legalRepresentativePledge: true };

const user = (role: AuthUser['role'], region: string | null, institutionId: string | null = null): AuthUser => ({
  id: `${role.toLowerCase()}-${region ?? institutionId}`, name: null, role, region, institutionId, panel: null,
});
const county = (region: string) => user(Role.COUNTY_REVIEWER, region);
const city = (region: string) => user(Role.CITY_REVIEWER, region);
const province = (region: string) => user(Role.PROVINCE_REVIEWER, region);
const applicant = (institutionId: string) => user(Role.APPLICANT, null, institutionId);

const draft = (institutionId: string, values: Partial<CreateApplicationInput> = {}): CreateApplicationInput => ({
  institutionId, categories: [LibraryCategory.TECHNOLOGY_INNOVATION], nature: ServiceNature.PUBLIC_WELFARE, declared: FIGURES, attestations: ATTESTED, ...values,
});

const pdf = (applicationId: string, item: MaterialItem, n = 0) => ({
  applicationId, item, fileName: `${item}.pdf`, mediaType: 'application/pdf', sizeBytes: 2048, sha256: String(n).padStart(64, 'a'),
});


/** The step an application waits for (any step where none waits: the service refuses it either way). */
const stepOf = async (lib: LibraryFixture, id: string) => stepWaitingIn((await lib.em().findOneOrFail(Application, { id })).status) ?? ReviewStep.COUNTY;

const review = async (lib: LibraryFixture, id: string, action: ReviewAction, on = ON, actor: AuthUser | null = ADMIN, extra: { reason?: string | null; expectedVersion?: number } = {}) =>
  reviewApplication(lib.em(), lib.config, actor, { applicationId: id, step: await stepOf(lib, id), action, reason: action === ReviewAction.APPROVE ? null : '材料需补充说明', ...extra }, on);

async function approveSteps(lib: LibraryFixture, id: string, steps: number, on = ON): Promise<Application> {
  let application!: Application;
  for (let i = 0; i < steps; i++) application = await review(lib, id, ReviewAction.APPROVE, on);
  return application;
}

async function history(lib: LibraryFixture, id: string) {
  const rows = await lib.em().find(StatusChange, { recordType: 'LibraryApplication', recordId: id }, { orderBy: { seq: 'asc' } });
  return rows.map((r) => ({ action: r.action, from: r.fromStatus, to: r.toStatus, on: r.on }));
}

let lib: LibraryFixture;
beforeAll(async () => (lib = await openLibrary()));
afterAll(() => lib?.close());

describe('creating an application', () => {
  it('refuses an institution registered in another province with NOT_ELIGIBLE (第六条 注册地)', async () => {
    const hebeiInstitution = await lib.knowInstitution({ regionCode: '130102' });
    const error = await refused(lib, () => createApplication(lib.em(), lib.config, ADMIN, draft(hebeiInstitution), ON));
    expect(error).toMatchObject({ code: 'NOT_ELIGIBLE', failing: [{ code: 'REGISTERED_IN_PROVINCE', article: '晋 第六条', required: '140000' }] });
    expect(error.messageZh).toContain('注册地在山西');
  });

  it('refuses an institution the registry has not announced with NOT_FOUND', async () => {
    const error = await refused(lib, () => createApplication(lib.em(), lib.config, ADMIN, draft('7f0c2a8e-5d7b-4c1e-9a61-0b2f3e4d5c6a'), ON));
    expect(error).toMatchObject({ code: 'NOT_FOUND', key: '7f0c2a8e-5d7b-4c1e-9a61-0b2f3e4d5c6a' });
  });

  it('refuses a second open application with CONFLICT, and accepts a new one once the first is closed', async () => {
    const institution = await lib.knowInstitution();
    const first = await createApplication(lib.em(), lib.config, ADMIN, draft(institution), ON);
    expect(first.status).toBe(Status.DRAFT);
    expect(await refused(lib, () => createApplication(lib.em(), lib.config, ADMIN, draft(institution), ON))).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE' });

    // still open while under review
    const submitted = await lib.submitted(await lib.knowInstitution(), ON);
    expect(await refused(lib, () => createApplication(lib.em(), lib.config, ADMIN, draft(submitted.institutionId), ON))).toMatchObject({ code: 'CONFLICT' });
    await review(lib, submitted.id, ReviewAction.REJECT);
    const again = await createApplication(lib.em(), lib.config, ADMIN, draft(submitted.institutionId), ON);
    expect(again.status).toBe(Status.DRAFT);
  });

  it('refuses a member with CONFLICT (ALREADY_MEMBER)', async () => {
    const institution = await lib.knowInstitution();
    await lib.admit(institution, '2024-05-06');
    expect(await refused(lib, () => createApplication(lib.em(), lib.config, ADMIN, draft(institution), '2024-06-03'))).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_MEMBER' });
  });

  it('takes the region and the recommending unit from the registry', async () => {
    const application = await createApplication(lib.em(), lib.config, ADMIN, draft(await lib.knowInstitution({ regionCode: '140106' })), ON);
    expect(application).toMatchObject({ regionCode: '140106', unitCode: '140100' });
  });
});

describe('第九条 categories: Hebei has no 合规管理类', () => {
  let hebei: LibraryFixture;
  beforeAll(async () => {
    hebei = await openLibrary(testConfig({ categories: Object.values(LibraryCategory).filter((c) => c !== LibraryCategory.COMPLIANCE), abbreviation: '冀', provinceCode: '130000' }));
  });
  afterAll(() => hebei?.close());

  it('refuses COMPLIANCE in Hebei with CATEGORY_NOT_OFFERED, and accepts the nine others', async () => {
    const institution = await hebei.knowInstitution({ regionCode: '130102' });
    const error = await refused(hebei, () =>
      createApplication(hebei.em(), hebei.config, ADMIN, draft(institution, { categories: [LibraryCategory.DIGITAL_ENABLEMENT, LibraryCategory.COMPLIANCE] }), ON));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CATEGORY_NOT_OFFERED', field: 'categories', value: ['COMPLIANCE'] });
    expect(error.messageZh).toContain('冀 第九条');
    const nine = Object.values(LibraryCategory).filter((c) => c !== LibraryCategory.COMPLIANCE);
    const application = await createApplication(hebei.em(), hebei.config, ADMIN, draft(institution, { categories: nine }), ON);
    expect(application.categories).toEqual(nine);
  });

  it('refuses COMPLIANCE on an update in Hebei too', async () => {
    const institution = await hebei.knowInstitution({ regionCode: '130102' });
    const application = await createApplication(hebei.em(), hebei.config, ADMIN, draft(institution), ON);
    expect(await refused(hebei, () => updateApplication(hebei.em(), hebei.config, ADMIN, application.id, { categories: [LibraryCategory.COMPLIANCE] }, ON)))
      .toMatchObject({ reason: 'CATEGORY_NOT_OFFERED' });
  });

  it('accepts COMPLIANCE in Shanxi', async () => {
    const application = await createApplication(lib.em(), lib.config, ADMIN, draft(await lib.knowInstitution(), { categories: [LibraryCategory.COMPLIANCE] }), ON);
    expect(application.categories).toEqual([LibraryCategory.COMPLIANCE]);
  });

  it('refuses an application without a category', async () => {
    expect(await refused(lib, () => createApplication(lib.em(), lib.config, ADMIN, draft('00000000-0000-4000-8000-000000000000', { categories: [] }), ON)))
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_CATEGORY' });
  });
});

describe('submission (第七条 materials, 第六条 declaration)', () => {
  it('refuses each missing required item by name, and submits without the optional 其他佐证材料', async () => {
    const application = await createApplication(lib.em(), lib.config, ADMIN, draft(await lib.knowInstitution()), ON);
    const required = MATERIALS.filter((m) => m.required);
    expect(required).toHaveLength(11);
    const attached = new Map<MaterialItem, ApplicationMaterial>();
    for (const m of required) attached.set(m.item, await attachMaterial(lib.em(), ADMIN, pdf(application.id, m.item)));

    for (const [n, m] of required.entries()) {
      await removeMaterial(lib.em(), ADMIN, attached.get(m.item)!.id);
      const error = await refused(lib, () => submitApplication(lib.em(), lib.config, ADMIN, application.id, ON));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MATERIALS_MISSING', missing: [m.item] });
      expect(error.messageZh).toContain(`晋 第七条`);
      expect(error.messageZh).toContain(m.article);
      attached.set(m.item, await attachMaterial(lib.em(), ADMIN, pdf(application.id, m.item, n + 1)));
    }
    const application1 = await lib.em().findOneOrFail(Application, { id: application.id });
    expect(application1.status).toBe(Status.DRAFT);

    const submitted = await submitApplication(lib.em(), lib.config, ADMIN, application.id, ON);
    expect(submitted).toMatchObject({ status: Status.SUBMITTED, submittedOn: ON });
    expect(await lib.em().count(ApplicationMaterial, { applicationId: application.id, item: MaterialItem.OTHER_EVIDENCE })).toBe(0);
  });

  it('names the application form of the province for item (一)', async () => {
    const application = await createApplication(lib.em(), lib.config, ADMIN, draft(await lib.knowInstitution()), ON);
    const error = await refused(lib, () => submitApplication(lib.em(), lib.config, ADMIN, application.id, ON));
    expect(error.missing).toEqual(MATERIALS.filter((m) => m.required).map((m) => m.item));
    expect(error.messageZh).toContain('第七条（一） 山西省优质中小企业公共服务资源库入库申请表');
  });

  it('refuses an incomplete declaration, naming what is missing', async () => {
    const institution = await lib.knowInstitution();
    const application = await createApplication(lib.em(), lib.config, ADMIN, draft(institution, { declared: { ...FIGURES, smesServed: null, year: null } }), ON);
    for (const m of MATERIALS.filter((x) => x.required)) await attachMaterial(lib.em(), ADMIN, pdf(application.id, m.item));
    const error = await refused(lib, () => submitApplication(lib.em(), lib.config, ADMIN, application.id, ON));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INCOMPLETE_DECLARATION', missing: ['year', 'smesServed'] });

    await updateApplication(lib.em(), lib.config, ADMIN, application.id, { declared: { smesServed: 100, year: 2023 } }, ON);
    expect((await submitApplication(lib.em(), lib.config, ADMIN, application.id, ON)).status).toBe(Status.SUBMITTED);
  });

  it('accepts a floor area that is all rented (one of the two areas is enough)', async () => {
    const declared: DeclaredFiguresInput = { ...FIGURES, floorAreaOwned: null, floorAreaRented: 150 };
    const application = await lib.submitted(await lib.knowInstitution(), ON, declared);
    expect(application.status).toBe(Status.SUBMITTED);
    expect((await review(lib, application.id, ReviewAction.APPROVE)).status).toBe(Status.COUNTY_APPROVED);
  });

  it('refuses a declaration with no floor area at all', async () => {
    const application = await createApplication(lib.em(), lib.config, ADMIN, draft(await lib.knowInstitution(), { declared: { ...FIGURES, floorAreaOwned: null, floorAreaRented: null } }), ON);
    const error = await refused(lib, () => submitApplication(lib.em(), lib.config, ADMIN, application.id, ON));
    expect(error).toMatchObject({ reason: 'INCOMPLETE_DECLARATION', missing: ['floorAreaOwned', 'floorAreaRented'] });
  });
});

describe('review steps (第八条（二）（三）)', () => {
  it('refuses the county APPROVE with NOT_ELIGIBLE while a criterion FAILs; REJECT and RETURN still work', async () => {
    const failing: DeclaredFiguresInput = { ...FIGURES, seniorExperts: 9 };
    const rejected = await lib.submitted(await lib.knowInstitution(), ON, failing);
    const error = await refused(lib, () => review(lib, rejected.id, ReviewAction.APPROVE));
    expect(error).toMatchObject({ code: 'NOT_ELIGIBLE', failing: [{ code: 'SENIOR_EXPERTS', article: '晋 第六条（四）', required: '≥ 10 人', actual: '9' }] });
    expect(error.messageZh).toContain('晋 第六条（四）');

    const afterReject = await review(lib, rejected.id, ReviewAction.REJECT, ON, ADMIN, { reason: '合作专家不足 10 人' });
    expect(afterReject).toMatchObject({ status: Status.COUNTY_REJECTED, rejectionReason: '合作专家不足 10 人', closedOn: ON, countyReviewedOn: ON });

    const returned = await lib.submitted(await lib.knowInstitution(), ON, failing);
    const afterReturn = await review(lib, returned.id, ReviewAction.RETURN, ON, ADMIN, { reason: '请核实合作专家人数' });
    expect(afterReturn).toMatchObject({ status: Status.RETURNED, returnedStep: ReviewStep.COUNTY, returnReason: '请核实合作专家人数' });
    await updateApplication(lib.em(), lib.config, ADMIN, returned.id, { declared: { seniorExperts: 10 } }, ON);
    expect((await submitApplication(lib.em(), lib.config, ADMIN, returned.id, ON)).status).toBe(Status.SUBMITTED);
    expect((await review(lib, returned.id, ReviewAction.APPROVE)).status).toBe(Status.COUNTY_APPROVED);
  });

  it('refuses the county APPROVE for a credit record active in the two years before submission', async () => {
    const institution = await lib.knowInstitution();
    await lib.addCreditRecord(institution, 'ABNORMAL_OPERATION', '2021-01-04', '2022-09-28');
    const application = await lib.submitted(institution, ON);
    expect(await refused(lib, () => review(lib, application.id, ReviewAction.APPROVE))).toMatchObject({ code: 'NOT_ELIGIBLE', failing: [{ code: 'CREDIT_CLEAN', article: '晋 第六条（七）' }] });

    const clean = await lib.knowInstitution();
    await lib.addCreditRecord(clean, 'ABNORMAL_OPERATION', '2021-01-04', '2022-09-27'); // lifted the day the window opens
    expect((await review(lib, (await lib.submitted(clean, ON)).id, ReviewAction.APPROVE)).status).toBe(Status.COUNTY_APPROVED);
  });

  it('refuses a later APPROVE too when the report fails after the county: figures changed on a return', async () => {
    const application = await lib.submitted(await lib.knowInstitution(), ON);
    await review(lib, application.id, ReviewAction.APPROVE);
    await review(lib, application.id, ReviewAction.RETURN, ON, ADMIN, { reason: '请补充场地证明' });
    await updateApplication(lib.em(), lib.config, ADMIN, application.id, { declared: { floorAreaOwned: 100, floorAreaRented: 0 } }, ON);
    expect((await submitApplication(lib.em(), lib.config, ADMIN, application.id, ON)).status).toBe(Status.COUNTY_APPROVED);
    expect(await refused(lib, () => review(lib, application.id, ReviewAction.APPROVE))).toMatchObject({ code: 'NOT_ELIGIBLE', failing: [{ code: 'FLOOR_AREA' }] });
    expect((await review(lib, application.id, ReviewAction.REJECT, ON, ADMIN, { reason: '场地不足 150 平方米' })).status).toBe(Status.CITY_REJECTED);
  });

  it('refuses a later APPROVE too when the registry reports a credit record listed before submission', async () => {
    const institution = await lib.knowInstitution();
    const application = await lib.submitted(institution, ON);
    await approveSteps(lib, application.id, 2);
    await lib.addCreditRecord(institution, 'SERIOUS_DISHONESTY_LIST', '2024-09-01');
    expect(await refused(lib, () => review(lib, application.id, ReviewAction.APPROVE))).toMatchObject({ code: 'NOT_ELIGIBLE', failing: [{ code: 'CREDIT_CLEAN' }] });
  });

  it('RETURN sends the application back with the step, and the resubmission goes to the same step', async () => {
    const cases: [ReviewStep, number, Status][] = [
      [ReviewStep.COUNTY, 0, Status.SUBMITTED],
      [ReviewStep.CITY, 1, Status.COUNTY_APPROVED],
      [ReviewStep.PROVINCE, 2, Status.CITY_RECOMMENDED],
    ];
    for (const [step, approvals, waiting] of cases) {
      const application = await lib.submitted(await lib.knowInstitution(), ON);
      await approveSteps(lib, application.id, approvals);
      const returned = await review(lib, application.id, ReviewAction.RETURN, '2024-09-30', ADMIN, { reason: '补充近两年审计报告' });
      expect(returned).toMatchObject({ status: Status.RETURNED, returnedStep: step, returnReason: '补充近两年审计报告' });
      await attachMaterial(lib.em(), ADMIN, pdf(application.id, MaterialItem.AUDITED_FINANCIALS, 7));
      const resubmitted = await submitApplication(lib.em(), lib.config, ADMIN, application.id, '2024-10-08');
      expect(resubmitted).toMatchObject({ status: waiting, returnedStep: null, returnReason: null, submittedOn: '2024-10-08' });
    }
  });

  it('REJECT and RETURN need a reason at every step', async () => {
    const application = await lib.submitted(await lib.knowInstitution(), ON);
    for (let step = 0; step < 3; step++) {
      for (const action of [ReviewAction.REJECT, ReviewAction.RETURN]) {
        for (const reason of [null, '', '   ']) {
          expect(await refused(lib, () => review(lib, application.id, action, ON, ADMIN, { reason }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED', field: 'reason' });
        }
      }
      await review(lib, application.id, ReviewAction.APPROVE);
    }
    expect((await lib.em().findOneOrFail(Application, { id: application.id })).status).toBe(Status.PROVINCE_APPROVED);
  });

  it('keeps the status history of every step in order', async () => {
    const application = await lib.submitted(await lib.knowInstitution(), '2024-09-23');
    await review(lib, application.id, ReviewAction.APPROVE, '2024-09-24');
    await review(lib, application.id, ReviewAction.RETURN, '2024-09-25', ADMIN, { reason: '补充典型案例' });
    await submitApplication(lib.em(), lib.config, ADMIN, application.id, '2024-09-26');
    await review(lib, application.id, ReviewAction.APPROVE, '2024-09-26');
    await review(lib, application.id, ReviewAction.APPROVE, '2024-09-27');
    await startPublicNotice(lib.em(), lib.config, ADMIN, { applicationIds: [application.id], startsOn: '2024-09-27' }, '2024-09-27');
    await runSchedule(lib.em(), lib.config, '2024-10-11');

    expect(await history(lib, application.id)).toEqual([
      { action: 'CREATE', from: null, to: 'DRAFT', on: '2024-09-23' },
      { action: 'SUBMIT', from: 'DRAFT', to: 'SUBMITTED', on: '2024-09-23' },
      { action: 'COUNTY_APPROVE', from: 'SUBMITTED', to: 'COUNTY_APPROVED', on: '2024-09-24' },
      { action: 'CITY_RETURN', from: 'COUNTY_APPROVED', to: 'RETURNED', on: '2024-09-25' },
      { action: 'RESUBMIT', from: 'RETURNED', to: 'COUNTY_APPROVED', on: '2024-09-26' },
      { action: 'CITY_APPROVE', from: 'COUNTY_APPROVED', to: 'CITY_RECOMMENDED', on: '2024-09-26' },
      { action: 'PROVINCE_APPROVE', from: 'CITY_RECOMMENDED', to: 'PROVINCE_APPROVED', on: '2024-09-27' },
      { action: 'START_PUBLIC_NOTICE', from: 'PROVINCE_APPROVED', to: 'IN_PUBLIC_NOTICE', on: '2024-09-27' },
      { action: 'ADMIT', from: 'IN_PUBLIC_NOTICE', to: 'ADMITTED', on: '2024-10-11' },
    ]);
    const rejected = await lib.submitted(await lib.knowInstitution(), '2024-09-23');
    await review(lib, rejected.id, ReviewAction.REJECT, '2024-09-24', county('140105'), { reason: '材料不实' });
    const rows = await lib.em().find(StatusChange, { recordId: rejected.id }, { orderBy: { seq: 'asc' } });
    expect(rows.at(-1)).toMatchObject({ action: 'COUNTY_REJECT', fromStatus: 'SUBMITTED', toStatus: 'COUNTY_REJECTED', actorRole: 'COUNTY_REVIEWER', actorId: 'county_reviewer-140105', reason: '材料不实' });
  });
});

describe('concurrent reviews', () => {
  const settle = async (results: PromiseSettledResult<Application>[]) => {
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(DomainError);
    expect(lost[0].reason.code).toBe('CONFLICT');
    return lost[0].reason as DomainError;
  };

  it('of two approvals of the version read, exactly one succeeds and the other gets CONFLICT', async () => {
    const application = await lib.submitted(await lib.knowInstitution(), ON);
    const reviewer = county('140105');
    const results = await Promise.allSettled([
      review(lib, application.id, ReviewAction.APPROVE, ON, reviewer, { expectedVersion: application.version }),
      review(lib, application.id, ReviewAction.APPROVE, ON, reviewer, { expectedVersion: application.version }),
    ]);
    await settle(results);
    expect((await lib.em().findOneOrFail(Application, { id: application.id })).status).toBe(Status.COUNTY_APPROVED);
    expect((await history(lib, application.id)).filter((h) => h.action === 'COUNTY_APPROVE')).toHaveLength(1);
  });

  it('when both read the row before either writes, the database lets one through and the other gets CONFLICT', async () => {
    // Hold the row so that both transactions have read the same version before either writes: no expectedVersion
    // is given, so the version check of the UPDATE itself has to refuse the second.
    const application = await lib.submitted(await lib.knowInstitution({ regionCode: '140171' }), ON);
    const reviewer = city('140171');
    const holder = new Client({ connectionString: lib.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query(`select id from "${lib.config.name}".applications where id = $1 for update`, [application.id]);
      const racing = Promise.allSettled([
        review(lib, application.id, ReviewAction.APPROVE, ON, reviewer),
        review(lib, application.id, ReviewAction.APPROVE, ON, reviewer),
      ]);
      for (let waited = 0; ; waited += 20) {
        const { rows } = await holder.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
        if (rows[0].n === 2) break;
        if (waited > 10_000) throw new Error('the two reviews never both waited for the row');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await holder.query('commit');
      const error = await settle(await racing);
      expect(error.extensions).toMatchObject({ reason: 'STALE_VERSION' });
    } finally {
      await holder.end();
    }
    const stored = await lib.em().findOneOrFail(Application, { id: application.id });
    expect(stored).toMatchObject({ status: Status.COUNTY_APPROVED, version: application.version + 1 });
    expect((await history(lib, application.id)).map((h) => h.action)).toEqual(['CREATE', 'SUBMIT', 'COUNTY_APPROVE']);
  });

  it('an approval against an older version is refused with CONFLICT', async () => {
    const application = await lib.submitted(await lib.knowInstitution(), ON);
    await review(lib, application.id, ReviewAction.APPROVE);
    expect(await refused(lib, () => review(lib, application.id, ReviewAction.APPROVE, ON, ADMIN, { expectedVersion: application.version })))
      .toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', currentVersion: application.version + 1 });
  });
});

describe('every illegal transition from every status is INVALID_TRANSITION', () => {
  const DAY = '2025-06-03';
  let matrix: LibraryFixture;
  const byStatus = new Map<Status, Application>();
  let decidedObjection: string;

  beforeAll(async () => {
    matrix = await openLibrary();
    const fresh = () => matrix.knowInstitution();
    const submitted = async () => matrix.submitted(await fresh(), DAY);
    const act = async (id: string, action: ReviewAction) => reviewApplication(matrix.em(), matrix.config, ADMIN, { applicationId: id, step: await stepOf(matrix, id), action, reason: '理由' }, DAY);
    const approved = async (n: number) => {
      const a = await submitted();
      for (let i = 0; i < n; i++) await act(a.id, ReviewAction.APPROVE);
      return a.id;
    };
    const load = (id: string) => matrix.em().findOneOrFail(Application, { id });

    // admitted first: its schedule run must not meet the notices started below
    const member = await matrix.admit(await fresh(), DAY);
    byStatus.set(Status.ADMITTED, await load(member.applicationId));
    byStatus.set(Status.DRAFT, await createApplication(matrix.em(), matrix.config, ADMIN, draft(await fresh()), DAY));
    byStatus.set(Status.SUBMITTED, await submitted());
    for (const [status, approvals, action] of [
      [Status.RETURNED, 0, ReviewAction.RETURN],
      [Status.COUNTY_REJECTED, 0, ReviewAction.REJECT],
      [Status.COUNTY_APPROVED, 1, null],
      [Status.CITY_REJECTED, 1, ReviewAction.REJECT],
      [Status.CITY_RECOMMENDED, 2, null],
      [Status.PROVINCE_REJECTED, 2, ReviewAction.REJECT],
      [Status.PROVINCE_APPROVED, 3, null],
    ] as const) {
      const id = await approved(approvals);
      if (action) await act(id, action);
      byStatus.set(status, await load(id));
    }
    for (const status of [Status.IN_PUBLIC_NOTICE, Status.OBJECTION_UPHELD]) {
      const id = await approved(3);
      await startPublicNotice(matrix.em(), matrix.config, ADMIN, { applicationIds: [id], startsOn: DAY }, DAY);
      if (status === Status.OBJECTION_UPHELD) {
        const objection = await recordObjection(matrix.em(), matrix.config, ADMIN, { applicationId: id, receivedOn: DAY, summary: '服务业绩不实' }, DAY);
        await decideObjection(matrix.em(), matrix.config, ADMIN, { objectionId: objection.id, upheld: true, reason: '经核实异议成立' }, DAY);
        decidedObjection = objection.id;
      }
      byStatus.set(status, await load(id));
    }
    for (const [status, application] of byStatus) expect(application.status).toBe(status);
  });
  afterAll(() => matrix?.close());

  /** What each status advertises as allowed, and which of the attempts below it accepts. */
  const ALLOWED: Record<Status, string[]> = {
    DRAFT: ['UPDATE', 'ATTACH_MATERIAL', 'REMOVE_MATERIAL', 'SUBMIT'],
    RETURNED: ['UPDATE', 'ATTACH_MATERIAL', 'REMOVE_MATERIAL', 'RESUBMIT'],
    SUBMITTED: ['APPROVE', 'REJECT', 'RETURN'],
    COUNTY_APPROVED: ['APPROVE', 'REJECT', 'RETURN'],
    CITY_RECOMMENDED: ['APPROVE', 'REJECT', 'RETURN', 'SPOT_CHECK'],
    PROVINCE_APPROVED: ['START_PUBLIC_NOTICE'],
    IN_PUBLIC_NOTICE: ['RECORD_OBJECTION', 'UPHOLD_OBJECTION', 'DISMISS_OBJECTION', 'ADMIT'],
    COUNTY_REJECTED: [],
    CITY_REJECTED: [],
    PROVINCE_REJECTED: [],
    ADMITTED: [],
    OBJECTION_UPHELD: [],
  };

  const attempts: Record<string, (a: Application) => Promise<unknown>> = {
    UPDATE: (a) => updateApplication(matrix.em(), matrix.config, ADMIN, a.id, { nature: ServiceNature.COMMERCIAL }, DAY),
    ATTACH_MATERIAL: (a) => attachMaterial(matrix.em(), ADMIN, pdf(a.id, MaterialItem.OTHER_EVIDENCE, 9)),
    REMOVE_MATERIAL: async (a) => removeMaterial(matrix.em(), ADMIN, (await matrix.em().findOneOrFail(ApplicationMaterial, { applicationId: a.id })).id),
    SUBMIT: (a) => submitApplication(matrix.em(), matrix.config, ADMIN, a.id, DAY),
    APPROVE: async (a) => reviewApplication(matrix.em(), matrix.config, ADMIN, { applicationId: a.id, step: await stepOf(matrix, a.id), action: ReviewAction.APPROVE }, DAY),
    REJECT: async (a) => reviewApplication(matrix.em(), matrix.config, ADMIN, { applicationId: a.id, step: await stepOf(matrix, a.id), action: ReviewAction.REJECT, reason: '理由' }, DAY),
    RETURN: async (a) => reviewApplication(matrix.em(), matrix.config, ADMIN, { applicationId: a.id, step: await stepOf(matrix, a.id), action: ReviewAction.RETURN, reason: '理由' }, DAY),
    SPOT_CHECK: (a) => recordSpotCheck(matrix.em(), matrix.config, ADMIN, { applicationId: a.id, checkedOn: DAY, inspectors: '李四、王五', findings: '场地与申报一致', passed: true }, DAY),
    START_PUBLIC_NOTICE: (a) => startPublicNotice(matrix.em(), matrix.config, ADMIN, { applicationIds: [a.id], startsOn: DAY }, DAY),
    RECORD_OBJECTION: (a) => recordObjection(matrix.em(), matrix.config, ADMIN, { applicationId: a.id, receivedOn: DAY, summary: '异议' }, DAY),
  };
  const accepted = (status: Status, attempt: string) => ALLOWED[status].includes(attempt) || (attempt === 'SUBMIT' && status === Status.RETURNED);

  it.each(Object.values(Status))('from %s', async (status) => {
    const application = byStatus.get(status)!;
    const illegal = Object.keys(attempts).filter((attempt) => !accepted(status, attempt) && !(attempt === 'REMOVE_MATERIAL' && status === Status.DRAFT));
    expect(illegal.length).toBeGreaterThan(0);
    const before = await schemaChecksums(matrix.url, matrix.config.name);
    for (const attempt of illegal) {
      const error = await attempts[attempt](application).then(
        () => {
          throw new Error(`${attempt} succeeded in ${status}`);
        },
        (e: DomainError) => e,
      );
      expect({ attempt, code: error.code, ...error.extensions }).toMatchObject({ attempt, code: 'INVALID_TRANSITION', currentState: status, allowedActions: ALLOWED[status] });
      expect(error.extensions.messageZh).toContain(status);
    }
    expect(await schemaChecksums(matrix.url, matrix.config.name)).toEqual(before);
  });

  it('an objection is decided once', async () => {
    const error = await refused(matrix, () => decideObjection(matrix.em(), matrix.config, ADMIN, { objectionId: decidedObjection, upheld: false, reason: '再议' }, DAY));
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'UPHELD', action: 'DISMISS_OBJECTION' });
  });
});

describe('who may review (第八条: county, city or city-acting unit, province)', () => {
  async function atStep(fixture: LibraryFixture, regionCode: string, approvals: number): Promise<Application> {
    const application = await fixture.submitted(await fixture.knowInstitution({ regionCode }), ON);
    for (const step of STEPS.slice(0, approvals)) await reviewApplication(fixture.em(), fixture.config, ADMIN, { applicationId: application.id, step, action: ReviewAction.APPROVE }, ON);
    return fixture.em().findOneOrFail(Application, { id: application.id });
  }
  const approveAs = async (fixture: LibraryFixture, application: Application, actor: AuthUser | null) =>
    reviewApplication(fixture.em(), fixture.config, actor, { applicationId: application.id, step: await stepOf(fixture, application.id), action: ReviewAction.APPROVE }, ON);
  const forbiddenFor = async (fixture: LibraryFixture, application: Application, actor: AuthUser | null, code = 'FORBIDDEN') =>
    expect(await refused(fixture, () => approveAs(fixture, application, actor))).toMatchObject({ code });

  it('a county reviewer of 140105 reviews an application from 140105, not one from 140106', async () => {
    const fromXiaodian = await atStep(lib, '140105', 0);
    const fromYingze = await atStep(lib, '140106', 0);
    await forbiddenFor(lib, fromYingze, county('140105'));
    expect((await approveAs(lib, fromXiaodian, county('140105'))).status).toBe(Status.COUNTY_APPROVED);
    expect((await approveAs(lib, fromYingze, county('140106'))).status).toBe(Status.COUNTY_APPROVED);
  });

  it('a city reviewer of 140100 does the city step for 140105, not the county step; another city not at all', async () => {
    const application = await atStep(lib, '140105', 0);
    await forbiddenFor(lib, application, city('140100'));
    await approveAs(lib, application, county('140105'));
    const atCity = await lib.em().findOneOrFail(Application, { id: application.id });
    await forbiddenFor(lib, atCity, city('140200'));
    await forbiddenFor(lib, atCity, county('140105'));
    expect(await approveAs(lib, atCity, city('140100'))).toMatchObject({ status: Status.CITY_RECOMMENDED, cityRecommendedOn: ON });
  });

  it('综改区 140171 acts as its own city: its reviewer, not 太原 140100, does both first steps', async () => {
    const application = await atStep(lib, '140171', 0);
    expect(application).toMatchObject({ regionCode: '140171', unitCode: '140171' });
    await forbiddenFor(lib, application, city('140100'));
    await forbiddenFor(lib, application, county('140105'));
    await approveAs(lib, application, city('140171'));
    const atCity = await lib.em().findOneOrFail(Application, { id: application.id });
    await forbiddenFor(lib, atCity, city('140100'));
    expect((await approveAs(lib, atCity, city('140171'))).status).toBe(Status.CITY_RECOMMENDED);
  });

  it('the province step belongs to the province’s own reviewer', async () => {
    const application = await atStep(lib, '140105', 2);
    await forbiddenFor(lib, application, province('130000'));
    await forbiddenFor(lib, application, city('140100'));
    await forbiddenFor(lib, application, user(Role.ANALYST, null));
    await forbiddenFor(lib, application, user(Role.EXPERT, null));
    await forbiddenFor(lib, application, null, 'UNAUTHENTICATED');
    expect(await approveAs(lib, application, province('140000'))).toMatchObject({ status: Status.PROVINCE_APPROVED, provinceDecidedOn: ON });
  });

  it('an applicant acts for its own institution only, and never reviews', async () => {
    const own = await lib.knowInstitution();
    const other = await lib.knowInstitution();
    const me = applicant(own);
    expect(await refused(lib, () => createApplication(lib.em(), lib.config, me, draft(other), ON))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(lib, () => createApplication(lib.em(), lib.config, null, draft(own), ON))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refused(lib, () => createApplication(lib.em(), lib.config, county('140105'), draft(own), ON))).toMatchObject({ code: 'FORBIDDEN' });
    const application = await createApplication(lib.em(), lib.config, me, draft(own), ON);
    const theirs = await createApplication(lib.em(), lib.config, applicant(other), draft(other), ON);
    for (const m of MATERIALS.filter((x) => x.required)) await attachMaterial(lib.em(), me, pdf(application.id, m.item));
    expect(await refused(lib, () => attachMaterial(lib.em(), me, pdf(theirs.id, MaterialItem.OVERVIEW)))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(lib, () => updateApplication(lib.em(), lib.config, me, theirs.id, { nature: ServiceNature.COMMERCIAL }, ON))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(lib, () => submitApplication(lib.em(), lib.config, applicant(other), application.id, ON))).toMatchObject({ code: 'FORBIDDEN' });
    const submitted = await submitApplication(lib.em(), lib.config, me, application.id, ON);
    expect(submitted.status).toBe(Status.SUBMITTED);
    await forbiddenFor(lib, submitted, me);
  });

  describe('Hebei: 定州、辛集 and 雄安新区 act as cities (冀 第八条（二）)', () => {
    let hebei: LibraryFixture;
    beforeAll(async () => {
      hebei = await openLibrary(testConfig({ categories: Object.values(LibraryCategory).filter((c) => c !== LibraryCategory.COMPLIANCE), abbreviation: '冀', provinceCode: '130000' }));
    });
    afterAll(() => hebei?.close());

    it.each([
      ['定州', '130682', '130600'],
      ['辛集', '130181', '130100'],
      ['雄安新区', '139900', '130600'],
    ])('%s %s: its own reviewer does the city step, not the prefecture %s', async (_name, unit, prefecture) => {
      const application = await atStep(hebei, unit, 0);
      expect(application.unitCode).toBe(unit);
      await forbiddenFor(hebei, application, city(prefecture));
      await approveAs(hebei, application, city(unit));
      const atCity = await hebei.em().findOneOrFail(Application, { id: application.id });
      expect(atCity.status).toBe(Status.COUNTY_APPROVED);
      await forbiddenFor(hebei, atCity, city(prefecture));
      expect((await approveAs(hebei, atCity, city(unit))).status).toBe(Status.CITY_RECOMMENDED);
    });

    it('保定 130600 reviews its own counties, and the 定州 reviewer does not', async () => {
      const application = await atStep(hebei, '130602', 1);
      expect(application.unitCode).toBe('130600');
      await forbiddenFor(hebei, application, city('130682'));
      expect((await approveAs(hebei, application, city('130600'))).status).toBe(Status.CITY_RECOMMENDED);
    });

    it('the Hebei province step: 130000 yes, Shanxi’s province reviewer no', async () => {
      const application = await atStep(hebei, '130682', 2);
      await forbiddenFor(hebei, application, province('140000'));
      expect((await approveAs(hebei, application, province('130000'))).status).toBe(Status.PROVINCE_APPROVED);
    });
  });
});
