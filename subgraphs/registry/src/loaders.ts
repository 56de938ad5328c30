import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { auditTrailLoader, manyByKey, oneByKey } from '@sme/kernel';
import { Institution } from './institutions/institution.entity';
import { CreditRecord } from './credit-records/credit-record.entity';
import { AnnualFacts } from './annual-facts/annual-facts.entity';

/**
 * One loader per kind of read, made per request on the request's EntityManager fork: however many
 * institutions a page or a federated `_entities` call asks for, each kind costs one statement.
 */
export function createLoaders(em: EntityManager) {
  return {
    // a malformed id matches nothing: it must not fail the whole batch (e.g. a federated `_entities` call)
    institutionById: oneByKey(em, Institution, 'id'),
    institutionByCreditCode: new DataLoader<string, Institution | null>(async (codes) => {
      const rows = await em.find(Institution, { creditCode: { $in: [...codes] } });
      const byCode = new Map(rows.map((r) => [r.creditCode, r]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
    creditRecordsByInstitution: manyByKey(em, CreditRecord, 'institutionId', { listedOn: 'desc', id: 'asc' }),
    annualFactsByInstitution: manyByKey(em, AnnualFacts, 'institutionId', { year: 'desc' }),
    auditTrail: auditTrailLoader(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
