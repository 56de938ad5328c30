import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import {
  DomainError, Role, TaiyuanEvent, addDays, migrate, openDatabase, sqlStatementCount, subgraphSchema, systemActor,
  type AuthUser, type ProvincialRecommendationPayload, type StreamEvent,
} from '@sme/kernel';
import { createTestDatabase, schemaChecksums } from '@sme/testing';
import { shanxi } from '../../src/server';
import { provincialPlatformEventHandlers } from '../../src/provincial-platforms/recommendation-intake';
import { ProvincialReview } from '../../src/provincial-platforms/provincial-review.entity';
import { ProvincialDesignation } from '../../src/provincial-platforms/provincial-designation.entity';
import { ProvincialDecision } from '../../src/provincial-platforms/provincial-review-status';
import { decideProvincialPlatform, recordExpertReview, startProvincialNotice } from '../../src/provincial-platforms/provincial-review.service';

export const ADMIN: AuthUser = systemActor('test-admin');

/** A signed-in user of a role, scoped to a region or an institution. */
export const userOf = (role: Role, scope: { region?: string; institutionId?: string } = {}): AuthUser => ({
  id: `user-${role}-${scope.region ?? scope.institutionId ?? 'all'}`, name: null, role, region: scope.region ?? null, institutionId: scope.institutionId ?? null, panel: null,
});

export const SHANXI_REVIEWER = userOf(Role.PROVINCE_REVIEWER, { region: '140000' });
export const HEBEI_REVIEWER = userOf(Role.PROVINCE_REVIEWER, { region: '130000' });
export const TAIYUAN_REVIEWER = userOf(Role.CITY_REVIEWER, { region: '140100' });
export const DATONG_REVIEWER = userOf(Role.CITY_REVIEWER, { region: '140200' });
export const ANALYST = userOf(Role.ANALYST);
export const applicantOf = (institutionId: string): AuthUser => userOf(Role.APPLICANT, { institutionId });

export const PANEL = [
  { name: '王明', title: '教授', organisation: '太原理工大学' },
  { name: '李华', title: '高级会计师', organisation: '山西某会计师事务所' },
  { name: '赵强', title: '研究员', organisation: '山西省科学技术情报研究所' },
];

/**
 * The shanxi subgraph's own definition (library and provincial review) on a fresh database of the test server,
 * without a server: tests call the services with explicit dates and deliver Taiyuan's events to the handler as
 * the consumer does, on the day they choose.
 */
export async function openShanxi() {
  // empty: provincial-tables.test.ts checks which migrations of the subgraph's own list ran, and in what order
  const url = await createTestDatabase({ empty: true });
  const orm: MikroORM = await openDatabase({ schema: shanxi.name, entities: shanxi.entities, migrations: shanxi.migrations, url, poolMax: 4 });
  await migrate(orm);
  let position = 0;
  const em = (): EntityManager => orm.em.fork();

  /** Delivers an event to the provincial review's handler on `today`, in a transaction as the consumer does. */
  async function deliver(payload: ProvincialRecommendationPayload, today: string, eventId: string = randomUUID()): Promise<void> {
    const type = TaiyuanEvent.ProvincialRecommendationMade;
    const event: StreamEvent = {
      id: eventId, position: String(++position), source: 'taiyuan', type, aggregateType: 'TaiyuanProvincialRecommendation',
      aggregateId: payload.id, payload: payload as unknown as Record<string, unknown>, occurredAt: new Date().toISOString(),
    };
    await orm.em.fork().transactional(async (tx) => {
      await provincialPlatformEventHandlers()[type](tx, event);
      await tx.flush();
    });
  }

  /** A Taiyuan recommendation as the event carries it: a county of Taiyuan, a city designation valid for years. */
  const recommendation = (institutionId: string, values: Partial<ProvincialRecommendationPayload> = {}): ProvincialRecommendationPayload => ({
    id: randomUUID(), institutionId, campaignYear: 2023, recommendedOn: '2023-03-20', regionCode: '140105',
    cityDesignation: { id: randomUUID(), designatedOn: '2022-06-01', validUntil: '2025-05-31' },
    countyOpinion: '经测评，同意推荐', cityOpinion: '同意推荐', ...values,
  });

  /** A recommendation dated `on` (the day it is received, unless `values` dates it otherwise); returns the review it made (or found). */
  async function recommend(institutionId: string, on: string, values: Partial<ProvincialRecommendationPayload> = {}): Promise<ProvincialReview> {
    const payload = recommendation(institutionId, { recommendedOn: on, ...values });
    await deliver(payload, on);
    return em().findOneOrFail(ProvincialReview, { recommendationId: payload.id });
  }

  /**
   * The whole provincial path: recommended and received on `on`, expert review and notice the same day, and
   * designated on `designatedOn` (after the notice's 5 working days). Returns the designation.
   */
  async function designate(institutionId: string, on: string, designatedOn: string, values: Partial<ProvincialRecommendationPayload> = {}): Promise<ProvincialDesignation> {
    const review = await recommend(institutionId, on, { recommendedOn: on, cityDesignation: { id: randomUUID(), designatedOn: addDays(on, -300), validUntil: addDays(on, 700) }, ...values });
    await recordExpertReview(em(), ADMIN, { reviewId: review.id, panel: PANEL, opinion: '材料齐全，服务能力突出，建议认定', recommended: true }, on);
    await startProvincialNotice(em(), ADMIN, { reviewId: review.id }, on);
    await decideProvincialPlatform(em(), ADMIN, { reviewId: review.id, decision: ProvincialDecision.DESIGNATE }, designatedOn);
    return em().findOneOrFail(ProvincialDesignation, { reviewId: review.id });
  }

  return { url, orm, em, deliver, recommendation, recommend, designate, close: () => orm.close(true) };
}

export type ShanxiFixture = Awaited<ReturnType<typeof openShanxi>>;

/**
 * Runs a call that must be refused: the error is a DomainError, and not one row of the schema's tables has
 * changed (SPEC §2 Errors: no refusal changes any data). Returns the code with the error's details.
 */
export async function refused(fx: ShanxiFixture, work: () => Promise<unknown>): Promise<Record<string, any>> {
  const before = await schemaChecksums(fx.url, shanxi.name);
  const error = await work().then(
    () => {
      throw new Error('expected a refusal, but the call succeeded');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect(await schemaChecksums(fx.url, shanxi.name)).toEqual(before);
  return { code: (error as DomainError).code, ...(error as DomainError).extensions };
}

/** The shanxi subgraph's schema, served in-process: resolvers, permissions and loaders as a request meets them. */
export const shanxiSchema = (): Promise<GraphQLSchema> => subgraphSchema(shanxi);

/** One request as `user`, on a fresh unit of work with the subgraph's own loaders; `statements` is the SQL it cost. */
export async function execute(fx: ShanxiFixture, schema: GraphQLSchema, user: AuthUser | null, source: string, variableValues?: Record<string, unknown>) {
  const em = fx.em();
  const before = sqlStatementCount();
  const result: ExecutionResult<any> = await graphql({ schema, source, variableValues, contextValue: { requestId: 'test', user, em, loaders: shanxi.createLoaders(em), eventsCommitted: () => undefined } });
  return { ...result, statements: sqlStatementCount() - before };
}
