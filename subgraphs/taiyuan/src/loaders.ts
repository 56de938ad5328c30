import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { StatusChange, isUuid } from '@sme/kernel';
import { TaiyuanApplication } from './applications/application.entity';
import { APPLICATION } from './applications/application-history';
import { CountyRecommendation } from './county-recommendations/county-recommendation.entity';
import { ExpertReview } from './expert-reviews/expert-review.entity';
import { CityDesignation } from './designations/city-designation.entity';
import { ProvincialRecommendation } from './provincial-recommendations/provincial-recommendation.entity';

/** One statement per kind of read, whatever the number of keys (the trace query's cost must not grow with them). */
function byKey<T extends object>(em: EntityManager, entity: EntityName<T>, key: keyof T & string, orderBy: Record<string, 'asc' | 'desc'>) {
  return new DataLoader<string, T[]>(async (keys) => {
    const valid = keys.filter(isUuid);
    const rows = valid.length ? await em.find(entity, { [key]: { $in: valid } } as unknown as FilterQuery<T>, { orderBy: orderBy as never }) : [];
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(String(row[key]))?.push(row);
    return keys.map((k) => groups.get(k)!);
  });
}

const first = <T>(loader: DataLoader<string, T[]>) => new DataLoader<string, T | null>(async (keys) => (await loader.loadMany(keys)).map((rows) => (Array.isArray(rows) ? rows[0] ?? null : null)));

export function createLoaders(em: EntityManager) {
  const recommendationsByApplication = byKey(em, CountyRecommendation, 'applicationId', { recordedAt: 'desc' });
  const reviewsByApplication = byKey(em, ExpertReview, 'applicationId', { recordedAt: 'desc' });
  const designationsByApplication = byKey(em, CityDesignation, 'applicationId', { designatedOn: 'desc' });
  return {
    application: new DataLoader<string, TaiyuanApplication | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await em.find(TaiyuanApplication, { id: { $in: valid } }) : [];
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    provincialRecommendation: new DataLoader<string, ProvincialRecommendation | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await em.find(ProvincialRecommendation, { id: { $in: valid } }) : [];
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    applicationsByInstitution: byKey(em, TaiyuanApplication, 'institutionId', { createdAt: 'desc', id: 'asc' }),
    designationsByInstitution: byKey(em, CityDesignation, 'institutionId', { designatedOn: 'desc', id: 'asc' }),
    provincialRecommendationsByInstitution: byKey(em, ProvincialRecommendation, 'institutionId', { recommendedOn: 'desc', id: 'asc' }),
    provincialRecommendationsByDesignation: byKey(em, ProvincialRecommendation, 'designationId', { recommendedOn: 'desc', id: 'asc' }),
    countyRecommendation: first(recommendationsByApplication),
    expertReview: first(reviewsByApplication),
    designation: first(designationsByApplication),
    statusHistory: new DataLoader<string, StatusChange[]>(async (ids) => {
      // the kernel's status_changes table is shared by every kind of record: only the applications' rows
      const rows = await em.find(StatusChange, { recordType: APPLICATION, recordId: { $in: [...ids] } }, { orderBy: { seq: 'asc' } });
      const groups = new Map<string, StatusChange[]>(ids.map((k) => [k, []]));
      for (const row of rows) groups.get(row.recordId)?.push(row);
      return ids.map((k) => groups.get(k)!);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
