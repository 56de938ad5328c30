import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { DomainError, ReviewAction, RegistryEvent, migrate, openDatabase, systemActor, type AuthUser, type StreamEvent } from '@sme/kernel';
import { createTestDatabase, schemaChecksums } from '@sme/testing';
import { GUIDELINE_RULES, type LibraryConfig } from '../../src/library-config';
import { LibraryCategory, ServiceNature } from '../../src/categories';
import { MATERIALS } from '../../src/materials';
import { LIBRARY_ENTITIES } from '../../src/library-entities';
import { libraryMigrations } from '../../src/migrations/library-tables';
import { registryEventHandlers } from '../../src/registry-facts/registry-event-handlers';
import { attachMaterial, createApplication, reviewApplication, submitApplication } from '../../src/applications/application.service';
import { startPublicNotice } from '../../src/applications/public-notice.service';
import { runSchedule } from '../../src/schedule/daily-schedule';
import { ReviewStep } from '../../src/applications/application-status';
import { Member } from '../../src/members/member.entity';
import type { Application } from '../../src/applications/application.entity';
import type { DeclaredFiguresInput } from '../../src/applications/declared-figures';

/** A province configured like Shanxi's guideline (seed 000), in schema `library`. */
export const testConfig = (overrides: Partial<LibraryConfig> = {}): LibraryConfig => ({
  name: 'library',
  provinceCode: '140000',
  abbreviation: '晋',
  document: '山西省优质中小企业公共服务资源库管理指南（试行）',
  libraryName: '山西省优质中小企业公共服务资源库',
  applicationForm: '山西省优质中小企业公共服务资源库入库申请表',
  summaryTableTitle: '{unit}优质中小企业公共服务资源库入库机构推荐汇总表',
  categories: Object.values(LibraryCategory),
  platform: null,
  rules: GUIDELINE_RULES,
  ...overrides,
});

export const ADMIN: AuthUser = systemActor('test-admin');

/** The three steps of 第八条, in order. */
export const STEPS = [ReviewStep.COUNTY, ReviewStep.CITY, ReviewStep.PROVINCE] as const;

/** Figures that meet every 第六条 threshold, declared for `year`. */
export const passingFigures = (year: number): DeclaredFiguresInput => ({
  year, seniorExperts: 10, relatedExperts: 20, partnerAgencies: 5, floorAreaOwned: 150, floorAreaRented: 0, totalAssets: 200, smesServed: 100, pointToPointServed: 10,
});

const ATTESTED = { politicalCommitment: true, serviceCapability: true, legalRepresentativePledge: true };

/**
 * The engine on a fresh database of the test server, without a GraphQL server: tests call the services with
 * explicit dates, so a rule can be tested on any day (a holiday, the last day of a ban).
 */
export async function openLibrary(config: LibraryConfig = testConfig()) {
  const url = await createTestDatabase();
  const orm: MikroORM = await openDatabase({ schema: config.name, entities: LIBRARY_ENTITIES, migrations: libraryMigrations(config.name), url, poolMax: 4 });
  await migrate(orm);
  const handlers = registryEventHandlers(config);
  let position = 0;

  /** Delivers a registry event to the library's handler, as the consumer does (in a transaction). */
  async function deliver(type: string, payload: Record<string, unknown>): Promise<void> {
    const event: StreamEvent = {
      id: randomUUID(), position: String(++position), source: 'registry', type, aggregateType: 'Institution',
      aggregateId: String(payload.institutionId ?? payload.id), payload, occurredAt: new Date().toISOString(),
    };
    await orm.em.fork().transactional(async (em) => {
      await handlers[type](em, event);
      await em.flush();
    });
  }

  /** An institution the registry has announced; returns its id. */
  async function knowInstitution(values: { regionCode?: string; legalForm?: string; establishedOn?: string; name?: string } = {}): Promise<string> {
    const id = randomUUID();
    await deliver(RegistryEvent.InstitutionRegistered, {
      id, creditCode: `91140105MA0${id.slice(0, 7).toUpperCase()}`, name: values.name ?? `测试机构 ${id.slice(0, 8)}`, legalForm: values.legalForm ?? 'ENTERPRISE',
      regionCode: values.regionCode ?? '140105', establishedOn: values.establishedOn ?? '2015-01-01', address: null, legalRepresentative: '张三', version: 1,
    });
    return id;
  }

  async function addCreditRecord(institutionId: string, kind: string, listedOn: string, removedOn: string | null = null): Promise<string> {
    const id = randomUUID();
    await deliver(RegistryEvent.CreditRecordAdded, { id, institutionId, creditCode: 'x', kind, listedOn, removedOn, source: '信用中国' });
    return id;
  }

  const em = (): EntityManager => orm.em.fork();

  /** A submitted application (all materials attached) on `on`. */
  async function submitted(institutionId: string, on: string, declared: DeclaredFiguresInput = passingFigures(Number(on.slice(0, 4)) - 1)): Promise<Application> {
    const application = await createApplication(em(), config, ADMIN, { institutionId, categories: [config.categories[0]], nature: ServiceNature.PUBLIC_WELFARE, declared, attestations: ATTESTED }, on);
    for (const m of MATERIALS.filter((x) => x.required)) {
      await attachMaterial(em(), ADMIN, { applicationId: application.id, item: m.item, fileName: `${m.item}.pdf`, mediaType: 'application/pdf', sizeBytes: 1000, sha256: 'a'.repeat(64) });
    }
    return submitApplication(em(), config, ADMIN, application.id, on);
  }

  /**
   * The whole 第八条 path on `on` (submission, the three reviews, the notice), then the schedule the day after
   * the notice ends: returns the member admitted.
   */
  async function admit(institutionId: string, on: string): Promise<Member> {
    const application = await submitted(institutionId, on);
    for (const step of STEPS) await reviewApplication(em(), config, ADMIN, { applicationId: application.id, step, action: ReviewAction.APPROVE }, on);
    const [noticed] = await startPublicNotice(em(), config, ADMIN, { applicationIds: [application.id], startsOn: on }, on);
    const nextDay = new Date(Date.parse(`${noticed.noticeEndsOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await runSchedule(em(), config, nextDay, ADMIN);
    return em().findOneOrFail(Member, { applicationId: application.id });
  }

  return { url, orm, config, em, deliver, knowInstitution, addCreditRecord, submitted, admit, close: () => orm.close(true) };
}

export type LibraryFixture = Awaited<ReturnType<typeof openLibrary>>;

/**
 * Runs a call that must be refused: the error is a DomainError, and not one row of the schema's tables has
 * changed (SPEC §2 Errors: no refusal changes any data). Returns the code with the error's details.
 */
export async function refused(lib: LibraryFixture, work: () => Promise<unknown>): Promise<Record<string, any>> {
  const before = await schemaChecksums(lib.url, lib.config.name);
  const error = await work().then(
    () => {
      throw new Error('expected a refusal, but the call succeeded');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect(await schemaChecksums(lib.url, lib.config.name)).toEqual(before);
  return { code: (error as DomainError).code, ...(error as DomainError).extensions };
}

/** `refused`, checking the code and, when given, the `reason`. */
export async function refusedWith(lib: LibraryFixture, work: () => Promise<unknown>, expected: { code: string; reason?: string }): Promise<void> {
  expect(await refused(lib, work)).toMatchObject({ code: expected.code, ...(expected.reason ? { reason: expected.reason } : {}) });
}
