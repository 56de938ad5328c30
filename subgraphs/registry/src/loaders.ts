import DataLoader from 'dataloader';
import { isUuid } from '@sme/kernel';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Institution } from './institutions/institution.entity';
import { CreditRecord } from './credit-records/credit-record.entity';
import { AnnualFacts } from './annual-facts/annual-facts.entity';

/** Groups rows by a key in the order of the requested keys (DataLoader's contract). */
function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k)!);
}

/**
 * One loader per kind of read, made per request on the request's EntityManager fork: however many
 * institutions a page or a federated `_entities` call asks for, each kind costs one statement.
 */
export function createLoaders(em: EntityManager) {
  return {
    institutionById: new DataLoader<string, Institution | null>(async (ids) => {
      const valid = ids.filter(isUuid); // one malformed id must not fail the whole batch (e.g. a federated `_entities` call)
      const rows = valid.length ? await em.find(Institution, { id: { $in: valid } }) : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    institutionByCreditCode: new DataLoader<string, Institution | null>(async (codes) => {
      const rows = await em.find(Institution, { creditCode: { $in: [...codes] } });
      const byCode = new Map(rows.map((r) => [r.creditCode, r]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
    creditRecordsByInstitution: new DataLoader<string, CreditRecord[]>(async (ids) =>
      groupBy(ids, await em.find(CreditRecord, { institutionId: { $in: [...ids] } }, { orderBy: { listedOn: 'desc', id: 'asc' } }), (r) => r.institutionId),
    ),
    annualFactsByInstitution: new DataLoader<string, AnnualFacts[]>(async (ids) =>
      groupBy(ids, await em.find(AnnualFacts, { institutionId: { $in: [...ids] } }, { orderBy: { year: 'desc' } }), (r) => r.institutionId),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
