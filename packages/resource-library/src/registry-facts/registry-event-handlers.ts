import type { EntityManager } from '@mikro-orm/postgresql';
import { RegistryEvent, type AnnualFactsPayload, type CreditRecordPayload, type EventHandler, type InstitutionPayload } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { removeForCreditRecord } from '../members/credit-removal';

/**
 * How a library learns the registry's facts (SPEC §1: events, never the registry's tables). Each handler
 * runs in the consumer's transaction with the record that the event was handled, so it takes effect once.
 */
export function registryEventHandlers(config: LibraryConfig): Record<string, EventHandler> {
  const s = `"${config.name}"`;
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
      await removeForCreditRecord(em, config, record); // 第十二条 direct removal
    },
    [RegistryEvent.CreditRecordCleared]: async (em, event) => {
      await upsertCreditRecord(em, event.payload as unknown as CreditRecordPayload);
    },
  };
}
