import { committedWrites } from './committed-writes';

/**
 * Dashboard statistics are whole-table counts: over a province's data set they cost tens of milliseconds of
 * PostgreSQL each, and every dashboard asks for the same ones. A subgraph keeps each answer (by its arguments)
 * for up to STATISTICS_CACHE_SECONDS, and drops all of them the moment this process may have committed a write
 * (committed-writes.ts: a mutation, an event taken in, a scheduled duty), so whoever just acted sees it counted
 * at once; a write by another replica of the subgraph shows within the time. Only answers that are the same for
 * every caller belong here (the statistics are public counts). Callers asking at once share one computation.
 *
 * Default: 30 s in production, 0 (off) elsewhere, where tests write through other processes and read at once.
 */
export function statisticsCacheSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.STATISTICS_CACHE_SECONDS;
  if (raw === undefined || raw === '') return env.NODE_ENV === 'production' ? 30 : 0;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`STATISTICS_CACHE_SECONDS must be a number of seconds ≥ 0, got ${raw}`);
  return seconds;
}

interface Entry {
  writes: number;
  expiresAt: number;
  value: Promise<unknown>;
}

const entries = new Map<string, Entry>();
/** Keys are a statistic and its arguments (a date): few, but not fixed, so old ones are swept out. */
const MAX_ENTRIES = 256;

export function cachedStatistics<T>(key: string, compute: () => Promise<T>, seconds = statisticsCacheSeconds()): Promise<T> {
  if (seconds <= 0) return compute();
  const now = Date.now();
  const writes = committedWrites();
  const held = entries.get(key);
  if (held && held.writes === writes && held.expiresAt > now) return held.value as Promise<T>;
  if (entries.size >= MAX_ENTRIES) for (const [k, e] of entries) if (e.expiresAt <= now || e.writes !== writes) entries.delete(k);
  const value = compute();
  const entry: Entry = { writes, expiresAt: now + seconds * 1000, value };
  entries.set(key, entry);
  // a failed computation is not kept: the next caller tries again
  value.catch(() => entries.get(key) === entry && entries.delete(key));
  return value;
}
