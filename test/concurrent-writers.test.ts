import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ReviewAction, RegistryEvent, Role, chinaToday, systemActor } from '@sme/kernel';
import { MATERIALS, ReviewStep, ServiceNature } from '@sme/resource-library';
import { PlatformReviewStep } from '@sme/demonstration-platform';
import { tokenFor, type GraphQLResult } from '@sme/testing';
import { shanxiLibrary } from '../subgraphs/shanxi/src/library-config';
import { ningxiaProgramme } from '../subgraphs/ningxia/src/programme';
import {
  attachMaterial, createApplication as createLibraryApplication, reviewApplication as reviewLibraryApplication, submitApplication as submitLibraryApplication,
} from '../packages/resource-library/src/applications/application.service';
import { recordObjection, startPublicNotice } from '../packages/resource-library/src/applications/public-notice.service';
import { reportMajorChange } from '../packages/resource-library/src/major-changes/major-changes.service';
import { MajorChangeKind } from '../packages/resource-library/src/major-changes/major-change.entity';
import { publishOffering } from '../packages/resource-library/src/offerings/offerings.service';
import { OfferingKind } from '../packages/resource-library/src/offerings/service-offering.entity';
import {
  createApplication as createPlatformApplication, reviewApplication as reviewPlatformApplication, submitApplication as submitPlatformApplication,
} from '../packages/demonstration-platform/src/applications/application.service';
import { recordExpertReview as recordPlatformExpertReview, recordOnSiteVisit } from '../packages/demonstration-platform/src/applications/provincial-checks.service';
import { passingDeclaration } from '../packages/demonstration-platform/test/support/platform-fixture';
import { recordExpertReview as recordProvincialExpertReview, startProvincialNotice } from '../subgraphs/shanxi/src/provincial-platforms/provincial-review.service';
import { startSupergraph } from './support/supergraph';
import { admitThroughServices, openLibrarySchema } from './support/library-setup';
import { openPlatformSchema } from './support/platform-setup';
import { TAIYUAN_PANEL, TEN_SURVEYED, campaignCovering, openProvincialReviewSchema, openTaiyuanSchema, provincialReviewsOf, walkTaiyuan } from './support/taiyuan-setup';
import { freshCreditCode, registerInstitutions } from './support/institution-supply';

/**
 * SPEC §2: of two writers acting on the same record at the same moment, exactly one wins and the other gets
 * CONFLICT; the record's history holds one entry. Proven here across processes: two callers with valid tokens send
 * the same request through the gateway at once, to the subgraph's own process. Every race runs ROUNDS times. In
 * half the rounds a third connection holds the row (or, for creations, the table) until both requests are waiting
 * on it, so both have read the same state before either may write: the interleaving that a version check or a
 * unique key has to catch, forced, not hoped for. In the other half they simply go at once.
 */
const ROUNDS = 10;
const today = chinaToday();
const setup = systemActor('concurrency-setup');

let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
let db: Client;
let libraryOrm: MikroORM;
let taiyuanOrm: MikroORM;
let provincialOrm: MikroORM;
let ningxiaOrm: MikroORM;

const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await db.query(sql, params)).rows[0].n);
const versionOf = async (table: string, id: string): Promise<number> => (await db.query(`select version from ${table} where id = $1`, [id])).rows[0].version;

/** Blocks writers until both requests of a round wait for it (or one has already answered: the race is then lost). */
interface Hold {
  sql: string;
  params?: unknown[];
}

/**
 * Sends both requests at once; with `hold`, first takes the lock in a transaction of its own and releases it only
 * once both requests wait on it. Returns the winner and the loser, or fails the round.
 */
async function race(requests: (() => Promise<GraphQLResult>)[], hold?: Hold, serialised: string[] = []): Promise<{ won: GraphQLResult; lost: GraphQLResult; forced: boolean }> {
  let holder: Client | undefined;
  let holderPid = 0;
  if (hold) {
    holder = new Client({ connectionString: supergraph.databaseUrl });
    await holder.connect();
    await holder.query('begin');
    await holder.query(hold.sql, hold.params ?? []);
    holderPid = (await holder.query('select pg_backend_pid() as pid')).rows[0].pid;
  }
  let answered = 0;
  const pending = requests.map((request) => request().finally(() => (answered += 1)));
  let forced = false;
  if (holder) {
    try {
      for (;;) {
        // waiting on the holder, or queued behind a request that waits on it (a row lock's second waiter)
        const waiting = await count(
          `with recursive blocked(pid) as (select $1::int union select a.pid from pg_stat_activity a join blocked b on b.pid = any(pg_blocking_pids(a.pid)))
           select count(*) - 1 as n from blocked`,
          [holderPid],
        );
        if (waiting >= 2) {
          forced = true;
          break;
        }
        if (answered > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
    } finally {
      await holder.query('commit');
      await holder.end();
    }
  }
  const results = await Promise.all(pending);
  const won = results.filter((r) => !r.errors?.length);
  const lost = results.filter((r) => r.errors?.length);
  expect({ won: won.length, lost: lost.length }).toEqual({ won: 1, lost: 1 });
  // the loser changed nothing: CONFLICT, or, unheld, the refusal a request gets that came after the winner
  expect(['CONFLICT', ...(hold ? [] : serialised)]).toContain(lost[0].errors![0].extensions.code);
  if (hold) expect(forced).toBe(true);
  return { won: won[0], lost: lost[0], forced };
}

/** Runs ROUNDS races; returns how they ended: one winner each time, and the losers' reasons. */
async function rounds(run: (round: number, held: boolean) => Promise<{ lost: GraphQLResult; forced: boolean }>) {
  const tally = { rounds: 0, oneWinner: 0, forced: 0, reasons: {} as Record<string, number> };
  for (let round = 0; round < ROUNDS; round++) {
    const { lost, forced } = await run(round, round % 2 === 0);
    tally.rounds += 1;
    tally.oneWinner += 1;
    if (forced) tally.forced += 1;
    const reason = String(lost.errors![0].extensions.reason ?? lost.errors![0].extensions.code);
    tally.reasons[reason] = (tally.reasons[reason] ?? 0) + 1;
  }
  return tally;
}

const tokens = (role: Role, scope: { region?: string; institutionId?: string }) => Promise.all(['a', 'b'].map((who) => tokenFor(role, { ...scope, id: `${role.toLowerCase()}-${who}` })));

let library: string[];
let taiyuanRecommend: string[];
let provincial: string[];
let libraryCreate: string[];
let taiyuanCreate: string[];
let members: string[];
let objected: string[];
let ningxiaCity: string[];
let ningxiaProvince: string[];
let ningxiaCreate: string[];

beforeAll(async () => {
  supergraph = await startSupergraph();
  db = new Client({ connectionString: supergraph.databaseUrl });
  await db.connect();
  [libraryOrm, taiyuanOrm, provincialOrm, ningxiaOrm] = await Promise.all([
    openLibrarySchema(supergraph.databaseUrl, shanxiLibrary), openTaiyuanSchema(supergraph.databaseUrl),
    openProvincialReviewSchema(supergraph.databaseUrl), openPlatformSchema(supergraph.databaseUrl, ningxiaProgramme),
  ]);
  const n = ROUNDS;
  // a Shanxi library application and a Taiyuan one of the same institution do not meet: each group serves two races
  const taiyuanSide = await registerInstitutions(supergraph, 4 * n, { regionCode: '140105', label: '太原市小店区并发测试', knownTo: ['shanxi', 'taiyuan'] });
  [library, taiyuanRecommend, provincial, members] = Array.from({ length: 4 }, (_, i) => taiyuanSide.slice(i * n, (i + 1) * n));
  [taiyuanCreate, libraryCreate, objected] = [library, taiyuanRecommend, provincial];
  const ningxiaSide = await registerInstitutions(supergraph, 3 * n, { regionCode: '640106', label: '银川市金凤区并发测试', knownTo: ['ningxia'] });
  [ningxiaCity, ningxiaProvince, ningxiaCreate] = Array.from({ length: 3 }, (_, i) => ningxiaSide.slice(i * n, (i + 1) * n));
  await campaignCovering(taiyuanOrm, '2026-01-05', today);
}, 180_000);

afterAll(async () => {
  await Promise.all([libraryOrm, taiyuanOrm, provincialOrm, ningxiaOrm].map((orm) => orm?.close(true)));
  await db?.end();
  await supergraph?.stop();
});

/** A Shanxi library application of `institutionId`, submitted today through the engine's services. */
async function submittedLibraryApplication(institutionId: string): Promise<string> {
  const application = await createLibraryApplication(libraryOrm.em.fork(), shanxiLibrary, setup, {
    institutionId, categories: [shanxiLibrary.categories[0]], nature: ServiceNature.COMMERCIAL,
    declared: { year: Number(today.slice(0, 4)) - 1, seniorExperts: 11, relatedExperts: 21, partnerAgencies: 5, floorAreaOwned: 160, floorAreaRented: 0, totalAssets: 300, smesServed: 120, pointToPointServed: 12 },
    attestations: { politicalCommitment: true, serviceCapability: true, legalRepresentativePledge: true },
  }, today);
  for (const m of MATERIALS.filter((x) => x.required)) {
    await attachMaterial(libraryOrm.em.fork(), setup, { applicationId: application.id, item: m.item, fileName: `${m.item}.pdf`, mediaType: 'application/pdf', sizeBytes: 1024, sha256: 'e'.repeat(64) });
  }
  await submitLibraryApplication(libraryOrm.em.fork(), shanxiLibrary, setup, application.id, today);
  return application.id;
}

/** Members of the Shanxi library admitted in October (first report due 12-15: none missed), made once. */
let admitted: Promise<string[]> | undefined;
const admittedMembers = () =>
  (admitted ??= (async () => {
    const ids: string[] = [];
    for (const institutionId of members) {
      await admitThroughServices(libraryOrm, shanxiLibrary, institutionId, '2026-10-12');
      ids.push((await db.query('select id from shanxi.members where institution_id = $1', [institutionId])).rows[0].id);
    }
    return ids;
  })());

describe('two reviewers, the same version, at the same moment: one wins, the other gets CONFLICT', () => {
  it('resource library (shanxi, 第八条): county approval', async () => {
    const applications = await Promise.all(library.map(submittedLibraryApplication));
    const reviewers = await tokens(Role.COUNTY_REVIEWER, { region: '140105' });
    const REVIEW = `mutation($input: ReviewLibraryApplicationInput!) { shanxiReviewLibraryApplication(input: $input) { status version } }`;
    const tally = await rounds(async (round, held) => {
      const applicationId = applications[round];
      const input = { applicationId, step: 'COUNTY', action: 'APPROVE', expectedVersion: await versionOf('shanxi.applications', applicationId) };
      const result = await race(reviewers.map((token) => () => supergraph.query(REVIEW, { input }, token)), held ? { sql: 'select 1 from shanxi.applications where id = $1 for update', params: [applicationId] } : undefined);
      expect(result.won.data.shanxiReviewLibraryApplication.status).toBe('COUNTY_APPROVED');
      expect(await count(`select count(*) as n from shanxi.status_changes where record_id = $1 and action = 'COUNTY_APPROVE'`, [applicationId])).toBe(1);
      expect(await count(`select count(*) as n from shanxi.audit_entries where record_id = $1 and action = 'COUNTY_APPROVE'`, [applicationId])).toBe(1);
      return result;
    });
    expect(tally).toMatchObject({ rounds: ROUNDS, oneWinner: ROUNDS, forced: ROUNDS / 2 });
  });

  it('Taiyuan (并工信字〔2023〕26号 附件1): the county’s survey and recommendation', async () => {
    const applications = await Promise.all(taiyuanRecommend.map(async (institutionId) => (await walkTaiyuan(taiyuanOrm, institutionId, 2026, 'SUBMITTED', today)).applicationId));
    const reviewers = await tokens(Role.COUNTY_REVIEWER, { region: '140105' });
    const RECOMMEND = `mutation($input: RecommendTaiyuanApplicationInput!) { recommendTaiyuanApplication(input: $input) { status } }`;
    const tally = await rounds(async (round, held) => {
      const applicationId = applications[round];
      const input = {
        applicationId, methods: ['VISIT', 'PHONE'], survey: TEN_SURVEYED, impactStatement: '带动区域中小企业发展。', opinion: '同意推荐。',
        expectedVersion: await versionOf('taiyuan.applications', applicationId),
      };
      const result = await race(reviewers.map((token) => () => supergraph.query(RECOMMEND, { input }, token)), held ? { sql: 'select 1 from taiyuan.applications where id = $1 for update', params: [applicationId] } : undefined);
      expect(result.won.data.recommendTaiyuanApplication.status).toBe('COUNTY_RECOMMENDED');
      expect(await count(`select count(*) as n from taiyuan.status_changes where record_id = $1 and action = 'COUNTY_RECOMMEND'`, [applicationId])).toBe(1);
      expect(await count(`select count(*) as n from taiyuan.audit_entries where record_id = $1 and action = 'COUNTY_RECOMMEND'`, [applicationId])).toBe(1);
      expect(await count('select count(*) as n from taiyuan.county_recommendations where application_id = $1', [applicationId])).toBe(1);
      return result;
    });
    expect(tally).toMatchObject({ rounds: ROUNDS, oneWinner: ROUNDS, forced: ROUNDS / 2 });
  });

  it('Shanxi provincial platform review (二.3): the designation after the notice', async () => {
    const recommendations = await Promise.all(provincial.map(async (institutionId) => (await walkTaiyuan(taiyuanOrm, institutionId, 2026, 'RECOMMENDED_TO_PROVINCE', '2026-09-01')).recommendationId!));
    const reviews = await provincialReviewsOf(provincialOrm, recommendations);
    await Promise.all(reviews.map(async (review) => {
      await recordProvincialExpertReview(provincialOrm.em.fork(), setup, { reviewId: review.id, panel: TAIYUAN_PANEL, opinion: '符合省级示范平台条件', recommended: true, reviewedOn: '2026-09-07' }, '2026-09-07');
      await startProvincialNotice(provincialOrm.em.fork(), setup, { reviewId: review.id, startsOn: '2026-09-08' }, '2026-09-08');
    }));
    const deciders = await tokens(Role.PROVINCE_REVIEWER, { region: '140000' });
    const DECIDE = `mutation($input: DecideShanxiProvincialPlatformInput!) { shanxiDecideProvincialPlatform(input: $input) { status } }`;
    const tally = await rounds(async (round, held) => {
      const reviewId = reviews[round].id;
      const input = { reviewId, decision: 'DESIGNATE', expectedVersion: await versionOf('shanxi.provincial_platform_reviews', reviewId) };
      const result = await race(deciders.map((token) => () => supergraph.query(DECIDE, { input }, token)), held ? { sql: 'select 1 from shanxi.provincial_platform_reviews where id = $1 for update', params: [reviewId] } : undefined);
      expect(result.won.data.shanxiDecideProvincialPlatform.status).toBe('DESIGNATED');
      expect(await count(`select count(*) as n from shanxi.status_changes where record_id = $1 and action = 'DESIGNATE'`, [reviewId])).toBe(1);
      expect(await count(`select count(*) as n from shanxi.audit_entries where record_id = $1 and action = 'DESIGNATE'`, [reviewId])).toBe(1);
      expect(await count('select count(*) as n from shanxi.provincial_platform_designations where review_id = $1', [reviewId])).toBe(1);
      return result;
    });
    expect(tally).toMatchObject({ rounds: ROUNDS, oneWinner: ROUNDS, forced: ROUNDS / 2 });
  });

  const ASSESSMENT = { findings: ningxiaProgramme.workflow.assessmentItems.map((item) => ({ item, finding: '良好' })), opinion: '同意推荐' };
  const PLATFORM_REVIEW = `mutation($input: PlatformReviewInput!) { ningxiaReviewPlatformApplication(input: $input) { status } }`;
  const submittedPlatform = async (institutionId: string) => {
    const application = await createPlatformApplication(ningxiaOrm.em.fork(), ningxiaProgramme, setup, passingDeclaration(institutionId, today), today);
    await submitPlatformApplication(ningxiaOrm.em.fork(), ningxiaProgramme, setup, application.id, today);
    return application.id;
  };

  it('demonstration platform (Ningxia, 宁 第十一条): the city’s assessment and recommendation', async () => {
    const applications = await Promise.all(ningxiaCity.map(submittedPlatform));
    const reviewers = await tokens(Role.CITY_REVIEWER, { region: '640100' });
    const tally = await rounds(async (round, held) => {
      const applicationId = applications[round];
      const input = { applicationId, step: 'CITY', action: 'APPROVE', assessment: ASSESSMENT, expectedVersion: await versionOf('ningxia.applications', applicationId) };
      const result = await race(reviewers.map((token) => () => supergraph.query(PLATFORM_REVIEW, { input }, token)), held ? { sql: 'select 1 from ningxia.applications where id = $1 for update', params: [applicationId] } : undefined);
      expect(result.won.data.ningxiaReviewPlatformApplication.status).toBe('CITY_RECOMMENDED');
      expect(await count(`select count(*) as n from ningxia.status_changes where record_id = $1 and action = 'CITY_APPROVE'`, [applicationId])).toBe(1);
      expect(await count(`select count(*) as n from ningxia.audit_entries where record_id = $1 and action = 'CITY_APPROVE'`, [applicationId])).toBe(1);
      return result;
    });
    expect(tally).toMatchObject({ rounds: ROUNDS, oneWinner: ROUNDS, forced: ROUNDS / 2 });
  });

  it('demonstration platform (Ningxia, 宁 第十二条): the region’s approval into the notice', async () => {
    const applications = await Promise.all(ningxiaProvince.map(async (institutionId) => {
      const applicationId = await submittedPlatform(institutionId);
      const em = () => ningxiaOrm.em.fork();
      await reviewPlatformApplication(em(), ningxiaProgramme, setup, { applicationId, step: PlatformReviewStep.CITY, action: ReviewAction.APPROVE, assessment: ASSESSMENT }, today);
      await recordPlatformExpertReview(em(), ningxiaProgramme, setup, { applicationId, panel: [{ name: '杨研究员', title: '研究员', organisation: '宁夏社会科学院' }], opinion: '建议认定', recommended: true, reviewedOn: today }, today);
      await recordOnSiteVisit(em(), ningxiaProgramme, setup, { applicationId, visitedOn: today, visitors: '自治区工信厅', findings: '属实', confirmed: true }, today);
      return applicationId;
    }));
    const reviewers = await tokens(Role.PROVINCE_REVIEWER, { region: '640000' });
    const tally = await rounds(async (round, held) => {
      const applicationId = applications[round];
      const input = { applicationId, step: 'PROVINCE', action: 'APPROVE', expectedVersion: await versionOf('ningxia.applications', applicationId) };
      const result = await race(reviewers.map((token) => () => supergraph.query(PLATFORM_REVIEW, { input }, token)), held ? { sql: 'select 1 from ningxia.applications where id = $1 for update', params: [applicationId] } : undefined);
      expect(result.won.data.ningxiaReviewPlatformApplication.status).toBe('IN_PUBLIC_NOTICE');
      expect(await count(`select count(*) as n from ningxia.status_changes where record_id = $1 and action = 'PROVINCE_APPROVE'`, [applicationId])).toBe(1);
      expect(await count(`select count(*) as n from ningxia.audit_entries where record_id = $1 and action = 'PROVINCE_APPROVE'`, [applicationId])).toBe(1);
      return result;
    });
    expect(tally).toMatchObject({ rounds: ROUNDS, oneWinner: ROUNDS, forced: ROUNDS / 2 });
  });
});

describe('two creations of what must be unique, at the same moment: one wins, the other gets CONFLICT (DUPLICATE)', () => {
  it('two registrations of one credit code', async () => {
    const admins = await Promise.all(['a', 'b'].map((who) => tokenFor(Role.ADMIN, { id: `registrar-${who}` })));
    const REGISTER = `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`;
    const tally = await rounds(async (round, held) => {
      const input = { creditCode: freshCreditCode('140105'), name: `太原市小店区并发注册测试${round + 1}号有限公司`, legalForm: 'ENTERPRISE', regionCode: '140105', establishedOn: '2016-03-01' };
      const result = await race(admins.map((token) => () => supergraph.query(REGISTER, { input }, token)), held ? { sql: 'lock table registry.institutions in exclusive mode' } : undefined);
      const id = result.won.data.registerInstitution.id;
      expect(await count('select count(*) as n from registry.institutions where credit_code = $1', [input.creditCode])).toBe(1);
      expect(await count(`select count(*) as n from registry.audit_entries where action = 'REGISTER' and after ->> 'creditCode' = $1`, [input.creditCode])).toBe(1);
      expect(await count('select count(*) as n from registry.outbox where type = $1 and payload ->> $2 = $3', [RegistryEvent.InstitutionRegistered, 'creditCode', input.creditCode])).toBe(1);
      expect(id).toBeTruthy();
      return result;
    });
    expect(tally).toMatchObject({ rounds: ROUNDS, oneWinner: ROUNDS, forced: ROUNDS / 2, reasons: { DUPLICATE: ROUNDS } });
  });

  it('two resource-library applications of one institution (shanxi: one open application)', async () => {
    const CREATE = `mutation($input: CreateLibraryApplicationInput!) { shanxiCreateLibraryApplication(input: $input) { id } }`;
    const tally = await rounds(async (round, held) => {
      const institutionId = libraryCreate[round];
      const applicants = await tokens(Role.APPLICANT, { institutionId });
      const input = { institutionId, categories: ['FINANCING'], nature: 'COMMERCIAL' };
      const result = await race(applicants.map((token) => () => supergraph.query(CREATE, { input }, token)), held ? { sql: 'lock table shanxi.applications in exclusive mode' } : undefined);
      expect(await count('select count(*) as n from shanxi.applications where institution_id = $1', [institutionId])).toBe(1);
      expect(await count(`select count(*) as n from shanxi.status_changes where record_id = $1 and action = 'CREATE'`, [result.won.data.shanxiCreateLibraryApplication.id])).toBe(1);
      return result;
    });
    expect(tally).toMatchObject({ rounds: ROUNDS, oneWinner: ROUNDS, forced: ROUNDS / 2, reasons: { DUPLICATE: ROUNDS } });
  });

  it('two Taiyuan applications of one institution in one campaign', async () => {
    const CREATE = `mutation($input: CreateTaiyuanApplicationInput!) { createTaiyuanApplication(input: $input) { id } }`;
    const tally = await rounds(async (round, held) => {
      const institutionId = taiyuanCreate[round];
      const applicants = await tokens(Role.APPLICANT, { institutionId });
      const input = { institutionId, campaignYear: 2026 };
      const result = await race(applicants.map((token) => () => supergraph.query(CREATE, { input }, token)), held ? { sql: 'lock table taiyuan.applications in exclusive mode' } : undefined);
      expect(await count('select count(*) as n from taiyuan.applications where institution_id = $1 and campaign_year = 2026', [institutionId])).toBe(1);
      expect(await count(`select count(*) as n from taiyuan.audit_entries where record_id = $1`, [result.won.data.createTaiyuanApplication.id])).toBe(1);
      return result;
    });
    expect(tally).toMatchObject({ rounds: ROUNDS, oneWinner: ROUNDS, forced: ROUNDS / 2, reasons: { DUPLICATE: ROUNDS } });
  });

  it('two demonstration-platform applications of one institution in one round (Ningxia)', async () => {
    const CREATE = `mutation($input: CreatePlatformApplicationInput!) { ningxiaCreatePlatformApplication(input: $input) { id } }`;
    const tally = await rounds(async (round, held) => {
      const institutionId = ningxiaCreate[round];
      const applicants = await tokens(Role.APPLICANT, { institutionId });
      const { declared, functions, priorRecognitions, contactPerson, contactPhone } = passingDeclaration(institutionId, today);
      const input = { institutionId, declared, functions, priorRecognitions, contactPerson, contactPhone };
      const result = await race(applicants.map((token) => () => supergraph.query(CREATE, { input }, token)), held ? { sql: 'lock table ningxia.applications in exclusive mode' } : undefined);
      expect(await count('select count(*) as n from ningxia.applications where institution_id = $1', [institutionId])).toBe(1);
      expect(await count(`select count(*) as n from ningxia.status_changes where record_id = $1 and action = 'CREATE'`, [result.won.data.ningxiaCreatePlatformApplication.id])).toBe(1);
      return result;
    });
    expect(tally).toMatchObject({ rounds: ROUNDS, oneWinner: ROUNDS, forced: ROUNDS / 2, reasons: { DUPLICATE: ROUNDS } });
  });

  it('two quarterly reports of one member for one period (第十条)', async () => {
    const memberIds = await admittedMembers();
    const FILE = `mutation($input: FileLibraryQuarterlyReportInput!) { shanxiFileLibraryQuarterlyReport(input: $input) { id } }`;
    const tally = await rounds(async (round, held) => {
      const [institutionId, memberId] = [members[round], memberIds[round]];
      const applicants = await tokens(Role.APPLICANT, { institutionId });
      const input = { memberId, dueOn: '2026-12-15', enterprisesServed: 40, publicWelfareActivities: 3, summary: '本季度开展融资对接服务。' };
      const result = await race(applicants.map((token) => () => supergraph.query(FILE, { input }, token)), held ? { sql: 'lock table shanxi.quarterly_reports in exclusive mode' } : undefined);
      expect(await count(`select count(*) as n from shanxi.quarterly_reports where member_id = $1 and due_on = '2026-12-15'`, [memberId])).toBe(1);
      expect(await count(`select count(*) as n from shanxi.audit_entries where record_id = $1 and action = 'FILE_QUARTERLY_REPORT'`, [memberId])).toBe(1);
      return result;
    });
    expect(tally).toMatchObject({ rounds: ROUNDS, oneWinner: ROUNDS, forced: ROUNDS / 2, reasons: { DUPLICATE: ROUNDS } });
  });
});

/**
 * These records had no version column, and their mutations take none: two callers acting at once both succeeded,
 * each with its own audit entry. Held rounds must now end in CONFLICT; in an unheld round the second request may
 * also come after the first has committed, and then gets INVALID_TRANSITION (nothing left to do), as any later one.
 */
describe('records without a version of their own: one wins, the other gets CONFLICT', () => {
  it('two province reviewers deciding one objection to a public notice (第八条)', async () => {
    const objections = await Promise.all(objected.map(async (institutionId) => {
      const applicationId = await submittedLibraryApplication(institutionId);
      for (const step of [ReviewStep.COUNTY, ReviewStep.CITY, ReviewStep.PROVINCE]) {
        await reviewLibraryApplication(libraryOrm.em.fork(), shanxiLibrary, setup, { applicationId, step, action: ReviewAction.APPROVE }, today);
      }
      await startPublicNotice(libraryOrm.em.fork(), shanxiLibrary, setup, { applicationIds: [applicationId], startsOn: today }, today);
      return (await recordObjection(libraryOrm.em.fork(), shanxiLibrary, setup, { applicationId, receivedOn: today, summary: '反映服务场地与申报不符' }, today)).id;
    }));
    const deciders = await tokens(Role.PROVINCE_REVIEWER, { region: '140000' });
    const DECIDE = `mutation($input: DecideLibraryObjectionInput!) { shanxiDecideLibraryObjection(input: $input) { status } }`;
    const tally = await rounds(async (round, held) => {
      const objectionId = objections[round];
      const input = { objectionId, upheld: false, reason: '经核实，场地与申报一致' };
      const result = await race(deciders.map((token) => () => supergraph.query(DECIDE, { input }, token)), held ? { sql: 'select 1 from shanxi.objections where id = $1 for update', params: [objectionId] } : undefined, ['INVALID_TRANSITION']);
      expect(result.won.data.shanxiDecideLibraryObjection.status).toBe('DISMISSED');
      const applicationId = (await db.query('select application_id from shanxi.objections where id = $1', [objectionId])).rows[0].application_id;
      expect(await count(`select count(*) as n from shanxi.audit_entries where record_id = $1 and action = 'DISMISS_OBJECTION'`, [applicationId])).toBe(1);
      return result;
    });
    expect(tally).toMatchObject({ rounds: ROUNDS, oneWinner: ROUNDS, forced: ROUNDS / 2 });
  });

  it('two city reviewers verifying one major change (第十一条)', async () => {
    const memberIds = await admittedMembers();
    const changes = await Promise.all(memberIds.map(async (memberId) =>
      (await reportMajorChange(libraryOrm.em.fork(), shanxiLibrary, setup, { memberId, kind: MajorChangeKind.RENAME, changedOn: '2026-11-02', description: '机构更名' }, today)).id));
    const verifiers = await tokens(Role.CITY_REVIEWER, { region: '140100' });
    const VERIFY = `mutation($input: VerifyLibraryMajorChangeInput!) { shanxiVerifyLibraryMajorChange(input: $input) { verification } }`;
    const tally = await rounds(async (round, held) => {
      const changeId = changes[round];
      const input = { changeId, stillQualifies: true };
      const result = await race(verifiers.map((token) => () => supergraph.query(VERIFY, { input }, token)), held ? { sql: 'select 1 from shanxi.major_changes where id = $1 for update', params: [changeId] } : undefined, ['INVALID_TRANSITION']);
      expect(result.won.data.shanxiVerifyLibraryMajorChange.verification).toBe('STILL_QUALIFIES');
      expect(await count(`select count(*) as n from shanxi.status_changes where record_id = $1`, [changeId])).toBe(1);
      expect(await count(`select count(*) as n from shanxi.audit_entries where record_id = $1 and action = 'VERIFY_MAJOR_CHANGE'`, [memberIds[round]])).toBe(1);
      return result;
    });
    expect(tally).toMatchObject({ rounds: ROUNDS, oneWinner: ROUNDS, forced: ROUNDS / 2 });
  });

  it('two withdrawals of one published product (第十三条（一）)', async () => {
    const memberIds = await admittedMembers();
    const offerings = await Promise.all(memberIds.map(async (memberId) =>
      (await publishOffering(libraryOrm.em.fork(), shanxiLibrary, setup, { memberId, kind: OfferingKind.PRODUCT, category: shanxiLibrary.categories[0], title: '融资对接服务包', summary: '为中小企业对接银行与担保机构' }, today)).id));
    const WITHDRAW = `mutation($id: ID!) { shanxiWithdrawLibraryOffering(id: $id) { withdrawnOn } }`;
    const tally = await rounds(async (round, held) => {
      const id = offerings[round];
      const applicants = await tokens(Role.APPLICANT, { institutionId: members[round] });
      const result = await race(applicants.map((token) => () => supergraph.query(WITHDRAW, { id }, token)), held ? { sql: 'select 1 from shanxi.service_offerings where id = $1 for update', params: [id] } : undefined, ['INVALID_TRANSITION']);
      expect(result.won.data.shanxiWithdrawLibraryOffering.withdrawnOn).toBe(today);
      expect(await count(`select count(*) as n from shanxi.audit_entries where record_id = $1 and action = 'WITHDRAW_OFFERING'`, [memberIds[round]])).toBe(1);
      return result;
    });
    expect(tally).toMatchObject({ rounds: ROUNDS, oneWinner: ROUNDS, forced: ROUNDS / 2 });
  });
});
