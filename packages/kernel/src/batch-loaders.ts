import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { isUuid } from './input-validation';
import { StatusChange } from './status-change';
import { AuditEntry } from './audit-entry';
import { KnownAnnualFacts } from './registry-mirror/known-annual-facts.entity';

/**
 * The DataLoaders every subgraph builds per request on its EntityManager fork: one statement per kind of read,
 * whatever the number of keys (a page of 100 costs what a page of 10 costs). Keys are uuids: a malformed key
 * matches nothing and never reaches a uuid column.
 */

/** Every row whose `key` is one of the keys, grouped per key in the keys' order (DataLoader's contract). */
export function manyByKey<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  key: keyof T & string,
  orderBy: Record<string, 'asc' | 'desc'> = {},
  where: FilterQuery<T> = {} as FilterQuery<T>,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const valid = [...new Set(keys.filter(isUuid))];
    const rows = valid.length ? await em.find(entity, { ...(where as object), [key]: { $in: valid } } as FilterQuery<T>, { orderBy: orderBy as never }) : [];
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(String(row[key]))?.push(row);
    return keys.map((k) => groups.get(k)!);
  });
}

/** The one row whose `key` (unique) is each key, or null. */
export function oneByKey<T extends object>(em: EntityManager, entity: EntityName<T>, key: keyof T & string): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (keys) => {
    const valid = [...new Set(keys.filter(isUuid))];
    const rows = valid.length ? await em.find(entity, { [key]: { $in: valid } } as FilterQuery<T>) : [];
    const byKey = new Map(rows.map((r) => [String(r[key]), r]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** As `oneByKey`, for a unique key that is not a uuid (a campaign's year): every key is looked up as given. */
export function oneByValue<T extends object, K extends string | number>(em: EntityManager, entity: EntityName<T>, key: keyof T & string): DataLoader<K, T | null> {
  return new DataLoader<K, T | null>(async (keys) => {
    const rows = await em.find(entity, { [key]: { $in: [...new Set(keys)] } } as FilterQuery<T>);
    const byKey = new Map(rows.map((r) => [r[key] as unknown as K, r]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** The status history of records of the given types, oldest first (served by the (record_type, record_id, seq) index). */
export function statusHistoryLoader(em: EntityManager, recordTypes: readonly string[]): DataLoader<string, StatusChange[]> {
  return manyByKey(em, StatusChange, 'recordId', { seq: 'asc' }, { recordType: { $in: [...recordTypes] } });
}

/** A record whose audit trail is read: its type and id, as `recordAudit` stored them. */
export interface AuditedRecord {
  recordType: string;
  recordId: string;
}

/**
 * Audit trails, oldest first, for any records of any types: `auditTrail` on a list of N records costs one
 * statement, not N (kernel audit.ts reads one record's). Served by the (record_type, record_id, at) index.
 */
export function auditTrailLoader(em: EntityManager): DataLoader<AuditedRecord, AuditEntry[], string> {
  const keyOf = (r: AuditedRecord) => `${r.recordType}\u0000${r.recordId}`;
  return new DataLoader<AuditedRecord, AuditEntry[], string>(
    async (records) => {
      // record_id is text: any id is a valid key, and the pairs the types and ids make are sorted out below
      const rows = await em.find(
        AuditEntry,
        { recordType: { $in: [...new Set(records.map((r) => r.recordType))] }, recordId: { $in: [...new Set(records.map((r) => r.recordId))] } },
        { orderBy: { at: 'asc', id: 'asc' } },
      );
      const groups = new Map<string, AuditEntry[]>(records.map((r) => [keyOf(r), []]));
      for (const row of rows) groups.get(keyOf(row))?.push(row);
      return records.map((r) => groups.get(keyOf(r))!);
    },
    { cacheKeyFn: keyOf },
  );
}

/** The registry mirror's annual facts, keyed `institutionId:year` (the figures shown beside the declared ones). */
export function annualFactsLoader(em: EntityManager): DataLoader<string, KnownAnnualFacts | null> {
  return new DataLoader<string, KnownAnnualFacts | null>(async (keys) => {
    const pairs = keys.map((k) => k.split(':')).filter(([id, year]) => isUuid(id) && /^\d{4}$/.test(year));
    const rows = pairs.length ? await em.find(KnownAnnualFacts, { $or: pairs.map(([institutionId, year]) => ({ institutionId, year: Number(year) })) }) : [];
    const map = new Map(rows.map((r) => [`${r.institutionId}:${r.year}`, r]));
    return keys.map((k) => map.get(k) ?? null);
  });
}
