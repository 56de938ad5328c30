import type { EntityManager, QueryBuilder } from '@mikro-orm/postgresql';
import { PlatformDesignationStatus, decodeCursor, pageSize, toConnection, type AuthUser } from '@sme/kernel';
import { ProvincialReview } from './provincial-review.entity';
import { ProvincialDesignation } from './provincial-designation.entity';
import { PUBLIC_REVIEW_STATUSES, ProvincialReviewStatus } from './provincial-review-status';
import { provincialIntakeScope } from './provincial-platform-permissions';
import type { DesignationFilter, ReviewFilter } from './provincial-review.inputs';

/**
 * The provincial intake (restricted): every review for the province, analysts and admins; a city reviewer its
 * city's. Keyset-paginated over (received_on, id): two statements a page whatever its size.
 */
export async function listProvincialReviews(em: EntityManager, user: AuthUser | null, filter: ReviewFilter | null | undefined, first?: number | null, after?: string | null) {
  const scope = provincialIntakeScope(user);
  const size = pageSize(first);
  const cursor = decodeCursor(after, 2);
  const where = <Q extends QueryBuilder<ProvincialReview, 'r'>>(qb: Q): Q => {
    if (scope.cityCode) qb.andWhere({ cityCode: scope.cityCode });
    if (filter?.status) qb.andWhere({ status: filter.status });
    return qb;
  };
  const page = where(em.createQueryBuilder(ProvincialReview, 'r').select('*'));
  if (cursor) page.andWhere('(r.received_on, r.id) > (?::date, ?::uuid)', [cursor[0], cursor[1]]);
  page.orderBy({ receivedOn: 'asc', id: 'asc' }).limit(size + 1);
  const [rows, total] = await Promise.all([page.getResultList(), where(em.createQueryBuilder(ProvincialReview, 'r')).getCount()]);
  return toConnection(rows, size, total, (r) => [r.receivedOn, r.id]);
}

/** Reviews in public notice (公示, public), the notice ending soonest first. */
export function provincialNotices(em: EntityManager): Promise<ProvincialReview[]> {
  return em.find(ProvincialReview, { status: ProvincialReviewStatus.IN_PUBLIC_NOTICE }, { orderBy: { noticeEndsOn: 'asc', id: 'asc' }, limit: 500 });
}

export const isPublicReview = (review: ProvincialReview) => PUBLIC_REVIEW_STATUSES.includes(review.status);

/**
 * The public list of provincial platforms (SPEC §2: designations are public), keyset-paginated over
 * (designated_on, id); the status filter is computed for `today` as designationStatus computes it.
 */
export async function listProvincialPlatforms(em: EntityManager, filter: DesignationFilter | null | undefined, today: string, first?: number | null, after?: string | null) {
  const size = pageSize(first);
  const cursor = decodeCursor(after, 2);
  const where = <Q extends QueryBuilder<ProvincialDesignation, 'd'>>(qb: Q): Q => {
    if (filter?.status === PlatformDesignationStatus.REVOKED) qb.andWhere('d.revoked_on <= ?::date', [today]);
    if (filter?.status === PlatformDesignationStatus.DESIGNATED) qb.andWhere('d.valid_until >= ?::date and (d.revoked_on is null or d.revoked_on > ?::date)', [today, today]);
    if (filter?.status === PlatformDesignationStatus.EXPIRED) qb.andWhere('d.valid_until < ?::date and (d.revoked_on is null or d.revoked_on > ?::date)', [today, today]);
    return qb;
  };
  const page = where(em.createQueryBuilder(ProvincialDesignation, 'd').select('*'));
  if (cursor) page.andWhere('(d.designated_on, d.id) > (?::date, ?::uuid)', [cursor[0], cursor[1]]);
  page.orderBy({ designatedOn: 'asc', id: 'asc' }).limit(size + 1);
  const [rows, total] = await Promise.all([page.getResultList(), where(em.createQueryBuilder(ProvincialDesignation, 'd')).getCount()]);
  return toConnection(rows, size, total, (d) => [d.designatedOn, d.id]);
}
