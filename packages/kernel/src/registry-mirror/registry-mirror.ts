import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventHandler } from '../event-consumer';
import { notFound } from '../errors';
import { isUuid } from '../input-validation';
import { RegistryEvent, type AnnualFactsPayload, type CreditRecordPayload, type InstitutionPayload } from '../registry-events';
import { KnownInstitution } from './known-institution.entity';
import { KnownCreditRecord } from './known-credit-record.entity';
import { KnownAnnualFacts } from './known-annual-facts.entity';

/**
 * What a programme subgraph knows of the registry: its own copy of the institutions, credit records and annual
 * figures, kept from the registry's events (SPEC §1: a subgraph never reads another's tables). Each programme
 * keeps the copy in its own schema; its first migration creates the tables.
 */
export const REGISTRY_MIRROR_ENTITIES = [KnownInstitution, KnownCreditRecord, KnownAnnualFacts];

export function registryMirrorTablesSql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `create table ${s}.known_institutions (
      id uuid primary key, credit_code text not null, name text not null, legal_form text not null,
      region_code text not null, established_on date not null, legal_representative text,
      registry_version integer not null, updated_at timestamptz not null)`,
    `create table ${s}.known_credit_records (
      id uuid primary key, institution_id uuid not null, kind text not null, listed_on date not null,
      removed_on date, source text not null)`,
    `create index known_credit_records_institution_idx on ${s}.known_credit_records (institution_id)`,
    `create table ${s}.known_annual_facts (
      institution_id uuid not null, year integer not null, figures jsonb not null, primary key (institution_id, year))`,
  ];
}

/** What a programme does beyond keeping its copy, in the same transaction (e.g. 资源库 第十二条 direct removal). */
export interface RegistryMirrorHooks {
  creditRecordAdded?: (em: EntityManager, record: CreditRecordPayload) => Promise<unknown>;
}

/**
 * The handlers that keep the copy. Each runs in the consumer's transaction with the record that the event was
 * handled, so it takes effect once.
 */
export function registryMirrorHandlers(schema: string, hooks: RegistryMirrorHooks = {}): Record<string, EventHandler> {
  const s = `"${schema}"`;
  const upsertInstitution: EventHandler = async (em, event) => {
    const p = event.payload as unknown as InstitutionPayload;
    // an older version never overwrites a newer one (events of one institution arrive in order, but a replay may not)
    await em.execute(
      `insert into ${s}.known_institutions (id, credit_code, name, legal_form, region_code, established_on, legal_representative, registry_version, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, now())
       on conflict (id) do update set credit_code = excluded.credit_code, name = excluded.name, legal_form = excluded.legal_form,
         region_code = excluded.region_code, established_on = excluded.established_on, legal_representative = excluded.legal_representative,
         registry_version = excluded.registry_version, updated_at = now()
       where ${s}.known_institutions.registry_version <= excluded.registry_version`,
      [p.id, p.creditCode, p.name, p.legalForm, p.regionCode, p.establishedOn, p.legalRepresentative, p.version],
    );
  };
  // a record is cleared once and stays cleared: a repeated CreditRecordAdded (removedOn null) never lists it again
  const upsertCreditRecord = async (em: EntityManager, p: CreditRecordPayload) => {
    await em.execute(
      `insert into ${s}.known_credit_records (id, institution_id, kind, listed_on, removed_on, source) values (?, ?, ?, ?, ?, ?)
       on conflict (id) do update set removed_on = coalesce(excluded.removed_on, ${s}.known_credit_records.removed_on)`,
      [p.id, p.institutionId, p.kind, p.listedOn, p.removedOn, p.source],
    );
  };
  return {
    [RegistryEvent.InstitutionRegistered]: upsertInstitution,
    [RegistryEvent.InstitutionUpdated]: upsertInstitution,
    [RegistryEvent.AnnualFactsRecorded]: async (em, event) => {
      const { institutionId, creditCode: _code, year, ...figures } = event.payload as unknown as AnnualFactsPayload;
      await em.execute(
        `insert into ${s}.known_annual_facts (institution_id, year, figures) values (?, ?, ?)
         on conflict (institution_id, year) do update set figures = excluded.figures`,
        [institutionId, year, JSON.stringify(figures)],
      );
    },
    [RegistryEvent.CreditRecordAdded]: async (em, event) => {
      const record = event.payload as unknown as CreditRecordPayload;
      await upsertCreditRecord(em, record);
      await hooks.creditRecordAdded?.(em, record);
    },
    [RegistryEvent.CreditRecordCleared]: async (em, event) => {
      await upsertCreditRecord(em, event.payload as unknown as CreditRecordPayload);
    },
  };
}

const INSTITUTION = { zh: '机构（登记库中未登记，或登记信息尚未同步）', en: 'Institution (not in the registry, or not yet synchronised from it)' };

/** An institution of the copy, or NOT_FOUND naming both reasons it may be missing. */
export async function findKnownInstitution(em: EntityManager, institutionId: string): Promise<KnownInstitution> {
  const institution = isUuid(institutionId) ? await em.findOne(KnownInstitution, { id: institutionId }) : null;
  if (!institution) throw notFound(INSTITUTION, institutionId);
  return institution;
}
