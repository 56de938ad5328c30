import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  OutboxRelay, PostgresEventTransport, ReviewAction, Role, addDays, addWorkingDays, allRegions, chinaToday, composeCreditCode, systemActor,
} from '@sme/kernel';
import { MATERIALS, ReviewStep, ServiceNature, type LibraryConfig } from '@sme/resource-library';
import { graphqlClient, tokenFor } from '@sme/testing';
import { Application } from '../../packages/resource-library/src/applications/application.entity';
import { attachMaterial, createApplication, reviewApplication, submitApplication } from '../../packages/resource-library/src/applications/application.service';
import { recordObjection, startPublicNotice } from '../../packages/resource-library/src/applications/public-notice.service';
import { Member } from '../../packages/resource-library/src/members/member.entity';
import { reportMajorChange } from '../../packages/resource-library/src/major-changes/major-changes.service';
import { MajorChangeKind } from '../../packages/resource-library/src/major-changes/major-change.entity';
import { publishOffering } from '../../packages/resource-library/src/offerings/offerings.service';
import { OfferingKind } from '../../packages/resource-library/src/offerings/service-offering.entity';
import { bookAppointment } from '../../packages/resource-library/src/appointments/appointments.service';
import { nextReportDueOn } from '../../packages/resource-library/src/quarterly-reports/next-report-due';
import type { CaseSet, CaseSetFactory, Cell, MatrixEndpoints, MutationCase, Target } from '../support/authorization-matrix';
import { admitThroughServices, openLibrarySchema, waitUntilKnown } from '../support/library-setup';
import { eventsSettled } from '../support/event-quiescence';

/**
 * The resource-library engine's mutations in one province (SPEC §3; 山西 seed 000, 河北 seed 001), for the
 * authorization matrix. Who acts (SPEC §2 Roles, 第八条 and the duties of 第十条 to 第十三条): the member's or
 * applicant's own institution drafts, submits and files its duties; the county does the first review (第八条（二）),
 * the city or a unit acting as one recommends and verifies major changes (第八条（二）, 第十一条), the province
 * reviews, spot-checks, publishes the notice, decides objections, evaluates and removes (第八条（三）（四）, 第十二条);
 * no step has an expert panel; ANALYST writes nothing; ADMIN does everything.
 *
 * Records are prepared through the engine's services on the subgraph's schema (a member's admission needs past
 * dates); each prepare ends with the events at rest, so the denied cells' "nothing changed" compares like with like.
 */

const APPLICANT: readonly Cell[] = ['APPLICANT:in', 'ADMIN'];
const COUNTY: readonly Cell[] = ['COUNTY_REVIEWER:in', 'ADMIN'];
const CITY: readonly Cell[] = ['CITY_REVIEWER:in', 'ADMIN'];
const PROVINCE: readonly Cell[] = ['PROVINCE_REVIEWER:in', 'ADMIN'];

/** The setup a prepare needs: the subgraph's schema, today's date, institutions the library knows. */
interface Setup {
  config: LibraryConfig;
  today(): string;
  institutionIn(regionCode: string): Promise<string>;
  application(stage: ApplicationStage, regionCode?: string): Promise<Application>;
  member(regionCode?: string): Promise<Member>;
  orm: MikroORM;
  /** Returns the target once the events the preparation published are handled everywhere. */
  ready(target: Target): Promise<Target>;
}

type ApplicationStage = 'DRAFT' | 'COMPLETE' | 'SUBMITTED' | 'COUNTY_APPROVED' | 'CITY_RECOMMENDED' | 'PROVINCE_APPROVED' | 'IN_PUBLIC_NOTICE';

/** A case before its records can be prepared: what the test names and the coverage check reads. */
interface LibraryCaseSpec extends Omit<MutationCase, 'prepare'> {
  prepare(setup: Setup): Promise<Target>;
}

/** Where the province's ordinary records are registered: its first county-level division (a plain county under a city). */
const homeCounty = (config: LibraryConfig) =>
  allRegions().find((r) => r.provinceCode === config.provinceCode && r.level === 'COUNTY' && r.kind === 'DIVISION' && !r.localCode)!.code;

/** The province's units acting as a city (山西 第八条 综改区; 河北 第八条 定州、辛集、雄安新区). */
const cityActingUnits = (config: LibraryConfig) => allRegions().filter((r) => r.provinceCode === config.provinceCode && r.actsAsCity).map((r) => r.code);

const FIGURES = (year: number) => ({
  year, seniorExperts: 11, relatedExperts: 21, partnerAgencies: 5, floorAreaOwned: 160, floorAreaRented: 0, totalAssets: 300, smesServed: 120, pointToPointServed: 12,
});
const ATTESTED = { politicalCommitment: true, serviceCapability: true, legalRepresentativePledge: true };

const onApplication = (a: Application, variables: Record<string, unknown>, extra: Partial<Target> = {}): Target =>
  ({ regionCode: a.regionCode, institutionId: a.institutionId, variables, ...extra });
const onMember = (m: Member, variables: Record<string, unknown>, extra: Partial<Target> = {}): Target =>
  ({ regionCode: m.regionCode, institutionId: m.institutionId, variables, ...extra });

/** Every case of one province's library, in the order of the workflow. */
function librarySpecs(config: LibraryConfig): LibraryCaseSpec[] {
  const n = config.name;
  const units = cityActingUnits(config);
  const reviewUnit = units[0];
  const verifyUnit = units[units.length - 1];
  const REVIEW = `mutation($input: ReviewLibraryApplicationInput!) { ${n}ReviewLibraryApplication(input: $input) { id status } }`;
  const VERIFY = `mutation($input: VerifyLibraryMajorChangeInput!) { ${n}VerifyLibraryMajorChange(input: $input) { id verification } }`;
  const review = (stage: ApplicationStage, step: ReviewStep, regionCode?: string) => async (s: Setup) => {
    const a = await s.application(stage, regionCode);
    // a city-acting unit's reviewer sits at the unit itself, which is also the record's registered region
    return s.ready(onApplication(a, { input: { applicationId: a.id, step, action: 'APPROVE' } }, regionCode ? { scopes: { CITY_REVIEWER: regionCode } } : {}));
  };
  const verify = (regionCode?: string) => {
    let member: Member | undefined;
    return async (s: Setup) => {
      // one member per case: each prepare reports a new change, and verifying one leaves the member as it was
      member ??= await s.member(regionCode);
      const change = await reportMajorChange(s.orm.em.fork(), config, systemActor('matrix-setup'), { memberId: member.id, kind: MajorChangeKind.RELOCATION, changedOn: s.today(), description: '服务场所迁址' }, s.today());
      return s.ready(onMember(member, { input: { changeId: change.id, stillQualifies: true, note: '经核实仍符合入库条件' } }, regionCode ? { scopes: { CITY_REVIEWER: regionCode } } : {}));
    };
  };
  /** A member shared by the prepares of one case, where acting on it leaves it in the state the case acts on. */
  const sharedMember = () => {
    let member: Member | undefined;
    return async (s: Setup) => (member ??= await s.member());
  };
  const publishMember = sharedMember();
  const reportMember = sharedMember();
  const withdrawMember = sharedMember();
  const bookMember = sharedMember();
  const handleMember = sharedMember();

  const specs: LibraryCaseSpec[] = [
    {
      mutation: `${n}CreateLibraryApplication`, subgraph: n, allowed: APPLICANT,
      document: `mutation($input: CreateLibraryApplicationInput!) { ${n}CreateLibraryApplication(input: $input) { id status } }`,
      async prepare(s) {
        const institutionId = await s.institutionIn(homeCounty(config));
        const input = { institutionId, categories: [config.categories[0]], nature: 'COMMERCIAL', declared: FIGURES(Number(s.today().slice(0, 4)) - 1), attestations: ATTESTED };
        return s.ready({ regionCode: homeCounty(config), institutionId, variables: { input } });
      },
    },
    {
      mutation: `${n}UpdateLibraryApplication`, subgraph: n, allowed: APPLICANT,
      document: `mutation($id: ID!, $input: UpdateLibraryApplicationInput!) { ${n}UpdateLibraryApplication(id: $id, input: $input) { id version } }`,
      async prepare(s) {
        const a = await s.application('DRAFT');
        return s.ready(onApplication(a, { id: a.id, input: { nature: 'PUBLIC_WELFARE' } }));
      },
    },
    {
      mutation: `${n}AttachLibraryMaterial`, subgraph: n, allowed: APPLICANT,
      document: `mutation($input: AttachLibraryMaterialInput!) { ${n}AttachLibraryMaterial(input: $input) { id } }`,
      async prepare(s) {
        const a = await s.application('DRAFT');
        return s.ready(onApplication(a, { input: { applicationId: a.id, item: 'OTHER_EVIDENCE', fileName: '佐证材料.pdf', mediaType: 'application/pdf', sizeBytes: 2048, sha256: 'e'.repeat(64) } }));
      },
    },
    {
      mutation: `${n}RemoveLibraryMaterial`, subgraph: n, allowed: APPLICANT,
      document: `mutation($id: ID!) { ${n}RemoveLibraryMaterial(materialId: $id) { id } }`,
      async prepare(s) {
        const a = await s.application('DRAFT');
        const material = await attachMaterial(s.orm.em.fork(), systemActor('matrix-setup'), { applicationId: a.id, item: MATERIALS[0].item, fileName: '申请表.pdf', mediaType: 'application/pdf', sizeBytes: 2048, sha256: 'f'.repeat(64) });
        return s.ready(onApplication(a, { id: material.id }));
      },
    },
    {
      mutation: `${n}SubmitLibraryApplication`, subgraph: n, allowed: APPLICANT,
      document: `mutation($id: ID!) { ${n}SubmitLibraryApplication(id: $id) { id status } }`,
      async prepare(s) {
        const a = await s.application('COMPLETE');
        return s.ready(onApplication(a, { id: a.id }));
      },
    },
    // 第八条（二）: the county of the applicant's region does the first review; its city may not (the record is county-level)
    { mutation: `${n}ReviewLibraryApplication`, label: 'COUNTY step', subgraph: n, allowed: COUNTY, document: REVIEW, prepare: review('SUBMITTED', ReviewStep.COUNTY) },
    { mutation: `${n}ReviewLibraryApplication`, label: 'CITY step', subgraph: n, allowed: CITY, document: REVIEW, prepare: review('COUNTY_APPROVED', ReviewStep.CITY) },
    {
      mutation: `${n}ReviewLibraryApplication`, label: `CITY step of the city-acting unit ${reviewUnit}`, subgraph: n, allowed: CITY, document: REVIEW,
      prepare: review('COUNTY_APPROVED', ReviewStep.CITY, reviewUnit),
    },
    { mutation: `${n}ReviewLibraryApplication`, label: 'PROVINCE step', subgraph: n, allowed: PROVINCE, document: REVIEW, prepare: review('CITY_RECOMMENDED', ReviewStep.PROVINCE) },
    {
      mutation: `${n}RecordLibrarySpotCheck`, subgraph: n, allowed: PROVINCE,
      document: `mutation($input: RecordLibrarySpotCheckInput!) { ${n}RecordLibrarySpotCheck(input: $input) { id } }`,
      async prepare(s) {
        const a = await s.application('CITY_RECOMMENDED');
        return s.ready(onApplication(a, { input: { applicationId: a.id, checkedOn: a.cityRecommendedOn, inspectors: '省厅抽查组', findings: '场地与申报一致', passed: true } }));
      },
    },
    {
      mutation: `${n}StartLibraryPublicNotice`, subgraph: n, allowed: PROVINCE,
      document: `mutation($input: StartLibraryPublicNoticeInput!) { ${n}StartLibraryPublicNotice(input: $input) { id status } }`,
      async prepare(s) {
        const a = await s.application('PROVINCE_APPROVED');
        return s.ready(onApplication(a, { input: { applicationIds: [a.id] } }));
      },
    },
    {
      mutation: `${n}RecordLibraryObjection`, subgraph: n, allowed: PROVINCE,
      document: `mutation($input: RecordLibraryObjectionInput!) { ${n}RecordLibraryObjection(input: $input) { id status } }`,
      async prepare(s) {
        const a = await s.application('IN_PUBLIC_NOTICE');
        return s.ready(onApplication(a, { input: { applicationId: a.id, receivedOn: a.noticeStartsOn, summary: '服务业绩与实际不符' } }));
      },
    },
    {
      mutation: `${n}DecideLibraryObjection`, subgraph: n, allowed: PROVINCE,
      document: `mutation($input: DecideLibraryObjectionInput!) { ${n}DecideLibraryObjection(input: $input) { id status } }`,
      async prepare(s) {
        const a = await s.application('IN_PUBLIC_NOTICE');
        const objection = await recordObjection(s.orm.em.fork(), config, systemActor('matrix-setup'), { applicationId: a.id, receivedOn: a.noticeStartsOn!, summary: '服务业绩与实际不符' }, s.today());
        return s.ready(onApplication(a, { input: { objectionId: objection.id, upheld: false, reason: '经核实异议不成立' } }));
      },
    },
    {
      mutation: `${n}RemoveLibraryMember`, subgraph: n, allowed: PROVINCE,
      document: `mutation($input: RemoveLibraryMemberInput!) { ${n}RemoveLibraryMember(input: $input) { id status } }`,
      async prepare(s) {
        const m = await s.member();
        return s.ready(onMember(m, { input: { memberId: m.id, ground: 'DATA_FALSIFICATION', reason: '服务业绩数据造假，经会议研究移出' } }));
      },
    },
    {
      // 第八条（四）、第十条 apply by themselves (the daily schedule); replaying a day is an operator's act, no workflow role's
      mutation: `${n}RunLibrarySchedule`, subgraph: n, allowed: ['ADMIN'],
      document: `mutation { ${n}RunLibrarySchedule { asOf admitted } }`,
      prepare: (s) => s.ready({ regionCode: config.provinceCode, institutionId: '00000000-0000-4000-8000-000000000001', variables: {} }),
    },
    {
      mutation: `${n}FileLibraryQuarterlyReport`, subgraph: n, allowed: APPLICANT,
      document: `mutation($input: FileLibraryQuarterlyReportInput!) { ${n}FileLibraryQuarterlyReport(input: $input) { id } }`,
      async prepare(s) {
        const m = await s.member();
        const dueOn = nextReportDueOn(m, s.today(), config.rules.reportDueDates);
        return s.ready(onMember(m, { input: { memberId: m.id, dueOn, enterprisesServed: 30, publicWelfareActivities: 2, summary: '本周期开展政策咨询与融资对接服务' } }));
      },
    },
    {
      mutation: `${n}ReportLibraryMajorChange`, subgraph: n, allowed: APPLICANT,
      document: `mutation($input: ReportLibraryMajorChangeInput!) { ${n}ReportLibraryMajorChange(input: $input) { id verification } }`,
      async prepare(s) {
        const m = await reportMember(s);
        return s.ready(onMember(m, { input: { memberId: m.id, kind: 'RENAME', changedOn: s.today(), description: '机构更名' } }));
      },
    },
    // 第十一条: the member's city (or the unit acting as one) verifies; the province removes on that finding
    { mutation: `${n}VerifyLibraryMajorChange`, subgraph: n, allowed: CITY, document: VERIFY, prepare: verify() },
    { mutation: `${n}VerifyLibraryMajorChange`, label: `member of the city-acting unit ${verifyUnit}`, subgraph: n, allowed: CITY, document: VERIFY, prepare: verify(verifyUnit) },
    {
      mutation: `${n}RecordLibraryEvaluation`, subgraph: n, allowed: PROVINCE,
      document: `mutation($input: RecordLibraryEvaluationInput!) { ${n}RecordLibraryEvaluation(input: $input) { id rating } }`,
      async prepare(s) {
        const m = await s.member();
        return s.ready(onMember(m, { input: { memberId: m.id, year: Number(s.today().slice(0, 4)), rating: 'PASS', comments: '年度评价合格' } }));
      },
    },
    {
      mutation: `${n}PublishLibraryOffering`, subgraph: n, allowed: APPLICANT,
      document: `mutation($input: PublishLibraryOfferingInput!) { ${n}PublishLibraryOffering(input: $input) { id } }`,
      async prepare(s) {
        const m = await publishMember(s);
        return s.ready(onMember(m, { input: { memberId: m.id, kind: 'PRODUCT', category: config.categories[0], title: '中小企业数字化诊断', summary: '上门诊断并出具报告' } }));
      },
    },
    {
      mutation: `${n}WithdrawLibraryOffering`, subgraph: n, allowed: APPLICANT,
      document: `mutation($id: ID!) { ${n}WithdrawLibraryOffering(id: $id) { id withdrawnOn } }`,
      async prepare(s) {
        const m = await withdrawMember(s);
        const offering = await publishOffering(s.orm.em.fork(), config, systemActor('matrix-setup'), { memberId: m.id, kind: OfferingKind.CASE, category: config.categories[0], title: '服务案例', summary: '案例内容' }, s.today());
        return s.ready(onMember(m, { id: offering.id }));
      },
    },
  ];

  if (config.rules.appointmentWorkingDays != null) {
    specs.push(
      {
        // 河北 第十三条（二）: enterprises book on the province's platform and hold no account here, so booking is open
        // to anyone (a signed-in caller could as well drop its token); only the analyst, who writes nothing, is refused
        mutation: `${n}BookServiceAppointment`, subgraph: n,
        allowed: ['ANONYMOUS', 'APPLICANT:in', 'APPLICANT:out', 'COUNTY_REVIEWER:in', 'COUNTY_REVIEWER:out', 'CITY_REVIEWER:in', 'CITY_REVIEWER:out', 'PROVINCE_REVIEWER:in', 'PROVINCE_REVIEWER:out', 'EXPERT:in', 'EXPERT:out', 'ADMIN'],
        document: `mutation($input: BookServiceAppointmentInput!) { ${n}BookServiceAppointment(input: $input) { id } }`,
        async prepare(s) {
          const m = await bookMember(s);
          return s.ready(onMember(m, { input: { memberId: m.id, enterpriseName: '石家庄某科技有限公司', contactPerson: '王经理', contactPhone: '0311-87654321', service: '融资对接咨询' } }));
        },
      },
      {
        mutation: `${n}HandleServiceAppointment`, subgraph: n, allowed: APPLICANT,
        document: `mutation($input: HandleServiceAppointmentInput!) { ${n}HandleServiceAppointment(input: $input) { id version } }`,
        async prepare(s) {
          const m = await handleMember(s);
          const booked = await bookAppointment(s.orm.em.fork(), config, null, { memberId: m.id, enterpriseName: '保定某制造有限公司', contactPerson: '李工', contactPhone: '0312-1234567', service: '检验检测' }, s.today());
          return s.ready(onMember(m, { input: { appointmentId: booked.id, outcome: '已电话对接并安排上门服务', expectedVersion: booked.version } }));
        },
      },
    );
  }
  return specs;
}

/** What the matrix test names before anything runs: one entry per case, in order. */
export function resourceLibraryCaseNames(config: LibraryConfig): { mutation: string; label?: string }[] {
  return librarySpecs(config).map(({ mutation, label }) => ({ mutation, label }));
}

const REGISTER = `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`;
/** Institutions registered at a time: one batch, one wait for the library to learn them. */
const BATCH = 10;

/** The cases of one province's resource library (shanxi or hebei), bound to a running supergraph. */
export function resourceLibraryCases(config: LibraryConfig): CaseSetFactory {
  return async (endpoints: MatrixEndpoints): Promise<CaseSet> => {
    const orm = await openLibrarySchema(endpoints.databaseUrl, config);
    // the services here write the subgraph's outbox from this process: relaying it now, as the subgraph would
    // within its polling interval, keeps each prepare short
    const relay = new OutboxRelay(orm, new PostgresEventTransport(orm.em.getConnection().getKnex(), endpoints.databaseUrl), config.name);
    const gateway = graphqlClient(endpoints.gatewayUrl);
    const admin = await tokenFor(Role.ADMIN, { id: 'matrix-setup' });
    const actor = systemActor('matrix-setup');
    const today = () => chinaToday();
    const pools = new Map<string, string[]>();

    async function institutionIn(regionCode: string): Promise<string> {
      const pool = pools.get(regionCode) ?? [];
      pools.set(regionCode, pool);
      if (pool.length === 0) {
        const results = await Promise.all(Array.from({ length: BATCH }, () => {
          const body = randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase();
          const input = { creditCode: composeCreditCode('9', '1', regionCode, body), name: `矩阵测试服务机构${body}有限公司`, legalForm: 'ENTERPRISE', regionCode, establishedOn: '2015-06-01' };
          return gateway(REGISTER, { input }, admin);
        }));
        for (const r of results) {
          if (r.errors?.length) throw new Error(`registering an institution failed: ${JSON.stringify(r.errors[0])}`);
          pool.push(r.data.registerInstitution.id);
        }
        await waitUntilKnown(endpoints.databaseUrl, config.name, pool);
      }
      return pool.pop()!;
    }

    async function application(stage: ApplicationStage, regionCode = homeCounty(config)): Promise<Application> {
      const on = today();
      const institutionId = await institutionIn(regionCode);
      let a = await createApplication(orm.em.fork(), config, actor, {
        institutionId, categories: [config.categories[0]], nature: ServiceNature.COMMERCIAL, declared: FIGURES(Number(on.slice(0, 4)) - 1), attestations: ATTESTED,
      }, on);
      if (stage === 'DRAFT') return a;
      for (const m of MATERIALS.filter((x) => x.required)) {
        await attachMaterial(orm.em.fork(), actor, { applicationId: a.id, item: m.item, fileName: `${m.item}.pdf`, mediaType: 'application/pdf', sizeBytes: 2048, sha256: 'b'.repeat(64) });
      }
      if (stage === 'COMPLETE') return a;
      a = await submitApplication(orm.em.fork(), config, actor, a.id, on);
      const steps = { SUBMITTED: 0, COUNTY_APPROVED: 1, CITY_RECOMMENDED: 2, PROVINCE_APPROVED: 3, IN_PUBLIC_NOTICE: 3 }[stage];
      for (const step of [ReviewStep.COUNTY, ReviewStep.CITY, ReviewStep.PROVINCE].slice(0, steps)) {
        a = await reviewApplication(orm.em.fork(), config, actor, { applicationId: a.id, step, action: ReviewAction.APPROVE }, on);
      }
      if (stage === 'IN_PUBLIC_NOTICE') [a] = await startPublicNotice(orm.em.fork(), config, actor, { applicationIds: [a.id], startsOn: on }, on);
      return a;
    }

    /** A member admitted through the whole 第八条 path, begun on the latest day whose notice has ended by today. */
    async function member(regionCode = homeCounty(config)): Promise<Member> {
      const now = today();
      let on = addDays(now, -8);
      while (addDays(addWorkingDays(on, config.rules.noticeWorkingDays), 1) > now) on = addDays(on, -1);
      const applicationId = await admitThroughServices(orm, config, await institutionIn(regionCode), on);
      return orm.em.fork().findOneOrFail(Member, { applicationId });
    }

    async function ready(target: Target): Promise<Target> {
      while ((await relay.relayOnce()) > 0);
      await eventsSettled(endpoints.databaseUrl);
      return target;
    }

    const setup: Setup = { config, today, institutionIn, application, member, orm, ready };
    const cases: MutationCase[] = librarySpecs(config).map((spec) => ({ ...spec, prepare: () => spec.prepare(setup) }));
    return { cases, close: () => orm.close(true) };
  };
}
