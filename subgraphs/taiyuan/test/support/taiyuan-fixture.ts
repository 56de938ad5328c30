import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import {
  DomainError, RegistryEvent, Role, migrate, openDatabase, sqlStatementCount, subgraphSchema, systemActor, type AuthUser, type StreamEvent,
} from '@sme/kernel';
import { createTestDatabase, schemaChecksums } from '@sme/testing';
import { taiyuan } from '../../src/server';
import { TaiyuanApplication } from '../../src/applications/application.entity';
import { TaiyuanApplicationStatus as Status } from '../../src/applications/application-status';
import { createApplication, designateApplication, recommendApplication, recordExpertReview, submitApplication } from '../../src/applications/application.service';
import { SurveyMethod, SurveyRating, type SurveyEntryInput } from '../../src/county-recommendations/survey';
import { CityDesignation } from '../../src/designations/city-designation.entity';
import { sampleReport } from '../../src/demo-report';
import type { ApplicationReportInput } from '../../src/applications/application-report';

export const ADMIN: AuthUser = systemActor('test-admin');

/** Regions the tests use (SPEC §2 Regions): two counties and the local development zone of Taiyuan, and those outside it. */
export const XIAODIAN = '140105'; // 小店区
export const YINGZE = '140106'; // 迎泽区
export const ZONE = '140199'; // 太原中北高新技术产业开发区 (local code; recommends like a county)
export const ZONGGAI = '140171'; // 山西转型综改示范区: acts as a city and reports to the province, not to Taiyuan
export const HEBEI_CHANGAN = '130102'; // 石家庄市长安区

/** A signed-in user of a role, scoped to a region, an institution or an expert panel. */
export const userOf = (role: Role, scope: { region?: string; institutionId?: string; panel?: string } = {}): AuthUser => ({
  id: `user-${role}-${scope.region ?? scope.institutionId ?? scope.panel ?? 'all'}`, name: null, role,
  region: scope.region ?? null, institutionId: scope.institutionId ?? null, panel: scope.panel ?? null,
});
export const applicantOf = (institutionId: string): AuthUser => userOf(Role.APPLICANT, { institutionId });
export const countyReviewerOf = (region: string): AuthUser => userOf(Role.COUNTY_REVIEWER, { region });
export const CITY_REVIEWER = userOf(Role.CITY_REVIEWER, { region: '140100' });
export const expertOf = (year: number): AuthUser => userOf(Role.EXPERT, { panel: `taiyuan-${year}` });
export const ANALYST = userOf(Role.ANALYST);

export const PANEL = [
  { name: '张教授', title: '教授', organisation: '太原理工大学' },
  { name: '刘高工', title: '正高级工程师', organisation: '太原市中小企业发展促进中心' },
];

/** 附件1: one sampled enterprise per rating given, in that order. */
export const surveyOf = (ratings: readonly SurveyRating[], tag = 's'): SurveyEntryInput[] =>
  ratings.map((rating, i) => ({
    enterprise: `太原市受访企业${tag}-${i + 1}有限公司`, interviewee: `受访人${i + 1}`, title: '总经理', phone: `1380351${String(i).padStart(4, '0')}`,
    serviceReceived: '融资对接', rating,
  }));

/** `n` sampled enterprises, all very satisfied. */
export const survey = (n: number, tag = 's'): SurveyEntryInput[] => surveyOf(Array.from({ length: n }, () => SurveyRating.VERY_SATISFIED), tag);

/** The days an application passes each step on. */
export interface FlowDates {
  created: string;
  submitted: string;
  recommended: string;
  reviewed: string;
  designated: string;
}

/** The 2023 campaign (并工信字〔2023〕26号: opens 2023-03-15, deadline 2023-03-23): all in time; designated 2023-04-20. */
export const DATES_2023: FlowDates = { created: '2023-03-16', submitted: '2023-03-17', recommended: '2023-03-21', reviewed: '2023-04-10', designated: '2023-04-20' };

/** The statuses `walk` can bring an application to, in the order of the flow. */
const ORDER: readonly string[] = [Status.DRAFT, Status.SUBMITTED, Status.COUNTY_RECOMMENDED, Status.EXPERT_REVIEWED, Status.DESIGNATED];
/** A status by its enum member or its name ('SUBMITTED'). */
export type WalkTarget = `${Status.DRAFT | Status.SUBMITTED | Status.COUNTY_RECOMMENDED | Status.EXPERT_REVIEWED | Status.DESIGNATED}`;

/**
 * The taiyuan subgraph's own definition (entities, migrations, registry handlers) on a fresh database of the test
 * server, without a server: tests call the services with explicit dates (`today`), so a rule can be tested on the
 * deadline day and the day after.
 */
export async function openTaiyuan() {
  const url = await createTestDatabase();
  const orm: MikroORM = await openDatabase({ schema: taiyuan.name, entities: taiyuan.entities, migrations: taiyuan.migrations, url, poolMax: 4 });
  await migrate(orm);
  const handlers = taiyuan.eventHandlers!;
  let position = 0;
  const em = (): EntityManager => orm.em.fork();

  /** Delivers a registry event to taiyuan's handler, as the consumer does (in a transaction). */
  async function deliver(type: string, payload: Record<string, unknown>): Promise<void> {
    const event: StreamEvent = {
      id: randomUUID(), position: String(++position), source: 'registry', type, aggregateType: 'Institution',
      aggregateId: String(payload.institutionId ?? payload.id), payload, occurredAt: new Date().toISOString(),
    };
    await orm.em.fork().transactional(async (tx) => {
      await handlers[type](tx, event);
      await tx.flush();
    });
  }

  /** An institution the registry has announced (by default in 小店区); returns its id. */
  async function knowInstitution(values: { regionCode?: string; name?: string } = {}): Promise<string> {
    const id = randomUUID();
    await deliver(RegistryEvent.InstitutionRegistered, {
      id, creditCode: `91140105MA0${id.slice(0, 7).toUpperCase()}`, name: values.name ?? `测试服务机构 ${id.slice(0, 8)}`, legalForm: 'ENTERPRISE',
      regionCode: values.regionCode ?? XIAODIAN, establishedOn: '2015-01-01', address: null, legalRepresentative: '张三', version: 1,
    });
    return id;
  }

  /**
   * An application of `institutionId` brought to `until` through the services, each step by the role the notice
   * gives it (applicant, its county, the campaign's panel, the city) on the day `dates` gives. Returns it as stored.
   */
  async function walk(
    institutionId: string,
    until: WalkTarget,
    options: { year?: number; dates?: Partial<FlowDates>; report?: ApplicationReportInput; survey?: SurveyEntryInput[]; recommends?: boolean } = {},
  ): Promise<TaiyuanApplication> {
    const year = options.year ?? 2023;
    const dates = { ...DATES_2023, ...options.dates };
    const reached = (status: Status) => ORDER.indexOf(until) >= ORDER.indexOf(status);
    const applicant = applicantOf(institutionId);
    const application = await createApplication(em(), applicant, { institutionId, campaignYear: year, report: options.report ?? sampleReport(year, 0) }, dates.created);
    if (reached(Status.SUBMITTED)) await submitApplication(em(), applicant, application.id, dates.submitted);
    if (reached(Status.COUNTY_RECOMMENDED)) {
      await recommendApplication(em(), countyReviewerOf(application.regionCode), {
        applicationId: application.id, methods: [SurveyMethod.VISIT, SurveyMethod.PHONE], survey: options.survey ?? survey(10),
        impactStatement: '带动区域中小企业融资与管理水平提升。', opinion: '经测评和实地考察，同意推荐。',
      }, dates.recommended);
    }
    if (reached(Status.EXPERT_REVIEWED)) {
      await recordExpertReview(em(), expertOf(year), {
        applicationId: application.id, panel: PANEL, opinion: options.recommends === false ? '服务业绩不足，不建议认定。' : '服务功能完善，建议认定。',
        recommendsDesignation: options.recommends ?? true, reviewedOn: dates.reviewed,
      }, dates.reviewed);
    }
    if (reached(Status.DESIGNATED)) await designateApplication(em(), CITY_REVIEWER, { applicationId: application.id }, dates.designated);
    return em().findOneOrFail(TaiyuanApplication, { id: application.id });
  }

  /** The city designation an application led to. */
  const designationOf = (applicationId: string) => em().findOneOrFail(CityDesignation, { applicationId });

  /** The application as stored now (a fresh unit of work: nothing cached). */
  const reload = (id: string) => em().findOneOrFail(TaiyuanApplication, { id });

  /**
   * Makes a race certain rather than likely: holds a row lock on the application while `race` starts its writers,
   * waits until `writers` of them are blocked on a lock (so each has read the row as it was), then lets them go.
   */
  async function race<T>(applicationId: string, writers: number, start: () => Promise<T>[]): Promise<PromiseSettledResult<T>[]> {
    const knex = orm.em.getConnection().getKnex();
    const lock = await knex.transaction();
    try {
      await lock.raw(`select 1 from "${taiyuan.name}".applications where id = ? for update`, [applicationId]);
      const settled = Promise.allSettled(start());
      for (let waited = 0; ; waited += 20) {
        const { rows } = await knex.raw(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
        if (rows[0].n >= writers) break;
        if (waited > 10_000) throw new Error(`only ${rows[0].n} of ${writers} writers reached the lock`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await lock.commit();
      return await settled;
    } finally {
      if (!lock.isCompleted()) await lock.rollback();
    }
  }

  return { url, orm, em, deliver, knowInstitution, walk, designationOf, reload, race, close: () => orm.close(true) };
}

export type TaiyuanFixture = Awaited<ReturnType<typeof openTaiyuan>>;

/**
 * Runs a call that must be refused: the error is a DomainError, and not one row of the schema's tables has
 * changed (SPEC §2 Errors: no refusal changes any data). Returns the code with the error's details.
 */
export async function refused(fx: TaiyuanFixture, work: () => Promise<unknown>): Promise<Record<string, any>> {
  const before = await schemaChecksums(fx.url, taiyuan.name);
  const error = await work().then(
    () => {
      throw new Error('expected a refusal, but the call succeeded');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect(await schemaChecksums(fx.url, taiyuan.name)).toEqual(before);
  return { code: (error as DomainError).code, ...(error as DomainError).extensions };
}

/** `refused`, checking the code and, when given, the `reason`. */
export async function refusedWith(fx: TaiyuanFixture, work: () => Promise<unknown>, expected: { code: string; reason?: string }): Promise<Record<string, any>> {
  const details = await refused(fx, work);
  expect(details).toMatchObject({ code: expected.code, ...(expected.reason ? { reason: expected.reason } : {}) });
  return details;
}

/** The taiyuan subgraph's schema, served in-process: resolvers, permissions and loaders as a request meets them. */
export const taiyuanSchema = (): Promise<GraphQLSchema> => subgraphSchema(taiyuan);

/** One request as `user`, on a fresh unit of work with the subgraph's own loaders; `statements` is the SQL it cost. */
export async function execute(fx: TaiyuanFixture, schema: GraphQLSchema, user: AuthUser | null, source: string, variableValues?: Record<string, unknown>) {
  const em = fx.em();
  const before = sqlStatementCount();
  const result: ExecutionResult<any> = await graphql({ schema, source, variableValues, contextValue: { requestId: 'test', user, em, loaders: taiyuan.createLoaders(em), eventsCommitted: () => undefined } });
  return { ...result, statements: sqlStatementCount() - before };
}
