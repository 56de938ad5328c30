import 'reflect-metadata';
import { createTestDatabase } from '@sme/testing';
import { openDatabase, type MikroORM } from '../src/database';
import { cachedStatistics, statisticsCacheSeconds } from '../src/statistics-cache';

/**
 * Dashboard statistics are kept per process until the time runs out or this process may have committed a write;
 * the writes are seen where every statement passes (the ORM's query hook), here on a real PostgreSQL.
 */
let orm: MikroORM;
let key = 0;
const nextKey = () => `test:${++key}`;

function counted() {
  let computations = 0;
  return { compute: async () => ++computations, computations: () => computations };
}

beforeAll(async () => {
  orm = await openDatabase({ schema: 'stats', entities: [], migrations: [], url: await createTestDatabase(), poolMax: 2 });
  await orm.em.getConnection().execute('create schema if not exists stats; create table stats.counts (n int)');
});

afterAll(async () => {
  await orm?.close(true);
});

describe('the statistics cache', () => {
  it('computes every time when off (0 s)', async () => {
    const { compute, computations } = counted();
    const k = nextKey();
    await cachedStatistics(k, compute, 0);
    await cachedStatistics(k, compute, 0);
    expect(computations()).toBe(2);
  });

  it('answers from the cache within its time, one computation for callers asking at once, each key its own', async () => {
    const { compute, computations } = counted();
    const k = nextKey();
    const answers = await Promise.all([cachedStatistics(k, compute, 30), cachedStatistics(k, compute, 30), cachedStatistics(k, compute, 30)]);
    expect(answers).toEqual([1, 1, 1]);
    await orm.em.fork().execute('select count(*) from stats.counts'); // reads change nothing
    expect(await cachedStatistics(k, compute, 30)).toBe(1);
    expect(await cachedStatistics(nextKey(), compute, 30)).toBe(2);
    expect(computations()).toBe(2);
  });

  it('computes again once this process has committed a write, not after a rollback', async () => {
    const { compute, computations } = counted();
    const k = nextKey();
    await cachedStatistics(k, compute, 30);
    await orm.em.fork().transactional(async (em) => {
      await em.execute('insert into stats.counts values (1)');
      throw new Error('rolled back');
    }).catch(() => undefined);
    expect(await cachedStatistics(k, compute, 30)).toBe(1);
    await orm.em.fork().transactional((em) => em.execute('insert into stats.counts values (2)'));
    expect(await cachedStatistics(k, compute, 30)).toBe(2);
    await orm.em.fork().execute('update stats.counts set n = n + 1'); // a write outside a transaction commits by itself
    expect(await cachedStatistics(k, compute, 30)).toBe(3);
    expect(computations()).toBe(3);
  });

  it('computes again when its time has run out', async () => {
    const { compute } = counted();
    const k = nextKey();
    await cachedStatistics(k, compute, 0.05);
    expect(await cachedStatistics(k, compute, 0.05)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await cachedStatistics(k, compute, 0.05)).toBe(2);
  });

  it('does not keep a failed computation', async () => {
    const k = nextKey();
    await expect(cachedStatistics(k, () => Promise.reject(new Error('database down')), 30)).rejects.toThrow('database down');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cachedStatistics(k, async () => 'fresh', 30)).toBe('fresh');
  });

  it('keeps answers 30 s in production and none elsewhere unless STATISTICS_CACHE_SECONDS says otherwise', () => {
    expect(statisticsCacheSeconds({ NODE_ENV: 'production' })).toBe(30);
    expect(statisticsCacheSeconds({ NODE_ENV: 'test' })).toBe(0);
    expect(statisticsCacheSeconds({})).toBe(0);
    expect(statisticsCacheSeconds({ NODE_ENV: 'production', STATISTICS_CACHE_SECONDS: '0' })).toBe(0);
    expect(statisticsCacheSeconds({ NODE_ENV: 'test', STATISTICS_CACHE_SECONDS: '5' })).toBe(5);
    expect(() => statisticsCacheSeconds({ STATISTICS_CACHE_SECONDS: '-1' })).toThrow('STATISTICS_CACHE_SECONDS');
    expect(() => statisticsCacheSeconds({ STATISTICS_CACHE_SECONDS: 'soon' })).toThrow('STATISTICS_CACHE_SECONDS');
  });
});
