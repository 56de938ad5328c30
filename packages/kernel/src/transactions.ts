import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from './errors';

/**
 * Runs a write in one transaction and turns the database's refusals into CONFLICT (SPEC §2): of two
 * concurrent writers on the same versioned row, or two inserts of the same unique key, exactly one wins.
 */
export async function writeTransaction<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await em.transactional(work);
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict({ zh: '记录已存在（重复）', en: 'The record already exists (duplicate)' }, { reason: 'DUPLICATE' });
    }
    if (error instanceof OptimisticLockError) {
      throw conflict({ zh: '记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload and retry' }, { reason: 'STALE_VERSION' });
    }
    throw error;
  }
}

/** Refuses a change made against an older version than the one stored (the client's optimistic check). */
export function expectVersion(current: number, expected: number | null | undefined): void {
  if (expected != null && expected !== current) {
    throw conflict(
      { zh: `版本不符：当前为 ${current}`, en: `Version mismatch: the current version is ${current}` },
      { reason: 'STALE_VERSION', currentVersion: current },
    );
  }
}
