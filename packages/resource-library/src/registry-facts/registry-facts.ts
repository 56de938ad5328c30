import type { EntityManager } from '@mikro-orm/postgresql';
import { KnownAnnualFacts, KnownCreditRecord, findKnownInstitution } from '@sme/kernel';
import type { RegistryFacts } from '../eligibility/library-eligibility';

/** The registry's facts about one institution, as this library has learned them, for the eligibility check. */
export async function registryFacts(em: EntityManager, institutionId: string, figuresYear: number | null): Promise<RegistryFacts> {
  const institution = await findKnownInstitution(em, institutionId);
  const creditRecords = await em.find(KnownCreditRecord, { institutionId });
  const facts = figuresYear == null ? null : await em.findOne(KnownAnnualFacts, { institutionId, year: figuresYear });
  return { institution, creditRecords, annualFigures: facts?.figures ?? null };
}
