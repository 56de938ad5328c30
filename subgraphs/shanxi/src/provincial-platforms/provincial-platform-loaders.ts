import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { StatusChange, isUuid } from '@sme/kernel';
import { ProvincialReview } from './provincial-review.entity';
import { ProvincialExpertReview } from './expert-review.entity';
import { ProvincialDesignation } from './provincial-designation.entity';
import { PROVINCIAL_REVIEW } from './provincial-review-history';

/** One statement per kind of read, whatever the number of keys; malformed keys match nothing and never reach a uuid column. */
function oneByKey<T extends object>(em: EntityManager, entity: EntityName<T>, key: keyof T & string) {
  return new DataLoader<string, T | null>(async (keys) => {
    const valid = [...new Set(keys.filter(isUuid))];
    const rows = valid.length ? await em.find(entity, { [key]: { $in: valid } } as FilterQuery<T>) : [];
    const map = new Map(rows.map((r) => [String(r[key]), r]));
    return keys.map((k) => map.get(k) ?? null);
  });
}

/**
 * The provincial review's per-request loaders, merged with the library's in server.ts: a page of N reviews, or
 * `_entities` for N recommendations or institutions, costs the statements of one.
 */
export function createPlatformLoaders(em: EntityManager) {
  return {
    provincialReview: oneByKey(em, ProvincialReview, 'id'),
    provincialDesignation: oneByKey(em, ProvincialDesignation, 'id'),
    provincialReviewByRecommendation: oneByKey(em, ProvincialReview, 'recommendationId'),
    provincialExpertReview: oneByKey(em, ProvincialExpertReview, 'reviewId'),
    provincialDesignationByReview: oneByKey(em, ProvincialDesignation, 'reviewId'),
    /** The institution's provincial designations, latest first. */
    provincialDesignationsByInstitution: new DataLoader<string, ProvincialDesignation[]>(async (keys) => {
      const valid = [...new Set(keys.filter(isUuid))];
      const rows = valid.length
        ? await em.find(ProvincialDesignation, { institutionId: { $in: valid } }, { orderBy: { designatedOn: 'desc', createdAt: 'desc', id: 'asc' } })
        : [];
      const groups = new Map<string, ProvincialDesignation[]>(keys.map((k) => [k, []]));
      for (const row of rows) groups.get(row.institutionId)?.push(row);
      return keys.map((k) => groups.get(k)!);
    }),
    /** Status history of reviews, by the record type as well so that the (record_type, record_id, seq) index serves it. */
    provincialReviewHistory: new DataLoader<string, StatusChange[]>(async (ids) => {
      const rows = await em.find(StatusChange, { recordType: PROVINCIAL_REVIEW, recordId: { $in: [...ids] } }, { orderBy: { seq: 'asc' } });
      const groups = new Map<string, StatusChange[]>(ids.map((k) => [k, []]));
      for (const row of rows) groups.get(row.recordId)?.push(row);
      return ids.map((k) => groups.get(k)!);
    }),
  };
}

export type PlatformLoaders = ReturnType<typeof createPlatformLoaders>;
