import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { DomainError, RegistryEvent, ReviewAction, addDays, migrate, openDatabase, registryMirrorHandlers, systemActor, type AuthUser, type StreamEvent } from '@sme/kernel';
import { createTestDatabase, schemaChecksums } from '@sme/testing';
import { PLATFORM_ENTITIES } from '../../src/platform-entities';
import { platformMigrations } from '../../src/migrations/platform-tables';
import { revokeForCreditRecord } from '../../src/designations/revocation';
import { createApplication, reviewApplication, submitApplication } from '../../src/applications/application.service';
import { recordExpertReview, recordOnSiteVisit } from '../../src/applications/provincial-checks.service';
import { decideAfterNotice } from '../../src/designations/designation.service';
import { PlatformDecision, PlatformReviewStep } from '../../src/applications/application-status';
import { Designation } from '../../src/designations/designation.entity';
import type { PlatformApplication } from '../../src/applications/application.entity';
import type { CreateApplicationInput } from '../../src/applications/application.inputs';
import { FunctionAttestation, FunctionMeasure, PlatformFunction } from '../../src/platform-function';
import { PriorRecognitionKind } from '../../src/rule-set';
import type { PlatformProgrammeConfig } from '../../src/programme-config';

export const ADMIN: AuthUser = systemActor('test-admin');

/** A declaration that meets both provinces' tables (SPEC §4) for the years before `on`; `overrides` change the figures. */
export function passingDeclaration(institutionId: string, on: string, overrides: Partial<CreateApplicationInput['declared']> = {}): CreateApplicationInput {
  const year = Number(on.slice(0, 4)) - 1;
  return {
    institutionId,
    declared: {
      figuresYear: year, totalAssets: 300, servedByYear: [{ year: year - 1, smesServed: 130 }, { year, smesServed: 150 }], satisfactionPercent: 95,
      aggregatedAgencies: 6, publicWelfareSharePercent: 25, serviceStaff: 20, qualifiedServiceStaff: 17, ...overrides,
    },
    functions: [{
      function: PlatformFunction.INFORMATION, attested: [FunctionAttestation.ONLINE_SYSTEM],
      figures: [{ measure: FunctionMeasure.OFFLINE_ENTERPRISES, value: 130 }, { measure: FunctionMeasure.ACTIVITIES, value: 7 }],
    }],
    priorRecognitions: [{ kind: PriorRecognitionKind.CITY_PLATFORM, issuer: '市工业和信息化局', documentNumber: '市工信发〔2019〕8号', recognisedOn: `${year - 1}-06-01` }],
    contactPerson: '王联系', contactPhone: '0531-88001234',
  };
}

/**
 * The engine on a fresh database of the test server, without a GraphQL server: tests call the services with
 * explicit dates, so a rule can be tested on any day (the day after a document expires, a holiday notice).
 */
export async function openPlatforms(config: PlatformProgrammeConfig) {
  const url = await createTestDatabase();
  const orm: MikroORM = await openDatabase({ schema: config.name, entities: PLATFORM_ENTITIES, migrations: platformMigrations(config.name), url, poolMax: 4 });
  await migrate(orm);
  const handlers = registryMirrorHandlers(config.name, { creditRecordAdded: (em, record) => revokeForCreditRecord(em, config, record) });
  let position = 0;
  const em = (): EntityManager => orm.em.fork();

  /** Delivers a registry event to the programme's handler, as the consumer does (in a transaction). */
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

  /** An institution the registry has announced (by default in the province's capital district); returns its id. */
  async function knowInstitution(values: { regionCode?: string; legalForm?: string; establishedOn?: string } = {}): Promise<string> {
    const id = randomUUID();
    const regionCode = values.regionCode ?? (config.provinceCode === '640000' ? '640104' : '370102');
    await deliver(RegistryEvent.InstitutionRegistered, {
      id, creditCode: `91${regionCode}MA0${id.slice(0, 6).toUpperCase()}`, name: `测试平台 ${id.slice(0, 8)}`, legalForm: values.legalForm ?? 'ENTERPRISE',
      regionCode, establishedOn: values.establishedOn ?? '2012-01-01', address: null, legalRepresentative: '张三', version: 1,
    });
    return id;
  }

  /**
   * A credit record the registry publishes, handled as the consumer handles it, with the day it arrives standing
   * for `on` (the handler dates the revocation on the day it runs).
   */
  async function addCreditRecord(institutionId: string, kind: string, listedOn: string, on: string): Promise<void> {
    const record = { id: randomUUID(), institutionId, creditCode: 'x', kind, listedOn, removedOn: null, source: '信用中国' };
    const mirror = registryMirrorHandlers(config.name);
    const event: StreamEvent = {
      id: randomUUID(), position: String(++position), source: 'registry', type: RegistryEvent.CreditRecordAdded, aggregateType: 'Institution',
      aggregateId: institutionId, payload: record, occurredAt: new Date().toISOString(),
    };
    await orm.em.fork().transactional(async (tx) => {
      await mirror[RegistryEvent.CreditRecordAdded](tx, event);
      await revokeForCreditRecord(tx, config, record, on);
      await tx.flush();
    });
  }

  /** A submitted application on `on`. */
  async function submitted(institutionId: string, on: string, input: CreateApplicationInput = passingDeclaration(institutionId, on)): Promise<PlatformApplication> {
    const application = await createApplication(em(), config, ADMIN, input, on);
    return submitApplication(em(), config, ADMIN, application.id, on);
  }

  const assessment = () => ({ findings: config.workflow.assessmentItems.map((item) => ({ item, finding: '情况良好' })), opinion: '同意推荐' });

  /** Submitted, recommended, reviewed (with the checks the province requires) and approved on `on`: in public notice. */
  async function inNotice(institutionId: string, on: string, input?: CreateApplicationInput): Promise<PlatformApplication> {
    const application = await submitted(institutionId, on, input);
    await reviewApplication(em(), config, ADMIN, { applicationId: application.id, step: PlatformReviewStep.CITY, action: ReviewAction.APPROVE, assessment: assessment() }, on);
    await recordExpertReview(em(), config, ADMIN, { applicationId: application.id, panel: [{ name: '专家甲', title: '教授', organisation: '某大学' }], opinion: '建议认定', recommended: true, reviewedOn: on }, on);
    await recordOnSiteVisit(em(), config, ADMIN, { applicationId: application.id, visitedOn: on, visitors: '省厅', findings: '属实', confirmed: true }, on);
    return reviewApplication(em(), config, ADMIN, { applicationId: application.id, step: PlatformReviewStep.PROVINCE, action: ReviewAction.APPROVE }, on);
  }

  /** The whole path from `on`, designated the day after the notice ends; returns the designation. */
  async function designate(institutionId: string, on: string, input?: CreateApplicationInput): Promise<Designation> {
    const noticed = await inNotice(institutionId, on, input);
    const day = addDays(noticed.noticeEndsOn!, 1);
    const decided = await decideAfterNotice(em(), config, ADMIN, { applicationId: noticed.id, decision: PlatformDecision.DESIGNATE }, day);
    return em().findOneOrFail(Designation, { id: decided.designationId! });
  }

  return { url, orm, config, em, deliver, knowInstitution, addCreditRecord, submitted, inNotice, designate, assessment, close: () => orm.close(true) };
}

export type PlatformFixture = Awaited<ReturnType<typeof openPlatforms>>;

/**
 * Runs a call that must be refused: the error is a DomainError, and not one row of the schema's tables has
 * changed (SPEC §2 Errors). Returns the code with the error's details.
 */
export async function refused(fx: PlatformFixture, work: () => Promise<unknown>): Promise<Record<string, any>> {
  const before = await schemaChecksums(fx.url, fx.config.name);
  const error = await work().then(
    () => {
      throw new Error('expected a refusal, but the call succeeded');
    },
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw error;
  expect(await schemaChecksums(fx.url, fx.config.name)).toEqual(before);
  return { code: error.code, ...error.extensions };
}
