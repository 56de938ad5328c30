import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@sme/kernel';
import { KnownInstitution } from './known-institution.entity';
import { KnownCreditRecord } from './known-credit-record.entity';
import { KnownAnnualFacts } from './known-annual-facts.entity';
import type { RegistryFacts } from '../eligibility/library-eligibility';

const INSTITUTION = { zh: '机构（登记库中未登记，或登记信息尚未同步）', en: 'Institution (not in the registry, or not yet synchronised from it)' };

export async function findKnownInstitution(em: EntityManager, institutionId: string): Promise<KnownInstitution> {
  const institution = await em.findOne(KnownInstitution, { id: institutionId });
  if (!institution) throw notFound(INSTITUTION, institutionId);
  return institution;
}

/** The registry's facts about one institution, as this library has learned them, for the eligibility check. */
export async function registryFacts(em: EntityManager, institutionId: string, figuresYear: number | null): Promise<RegistryFacts> {
  const institution = await findKnownInstitution(em, institutionId);
  const creditRecords = await em.find(KnownCreditRecord, { institutionId });
  const facts = figuresYear == null ? null : await em.findOne(KnownAnnualFacts, { institutionId, year: figuresYear });
  return { institution, creditRecords, annualFigures: facts?.figures ?? null };
}
