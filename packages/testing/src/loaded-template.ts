import { Client } from 'pg';
import { databaseUrlFor, ensureDatabase } from '@sme/devtools';
import { createTestDatabase } from './database';

/**
 * A database with a data set already loaded, for each test file that needs it: the first file of the run that asks
 * loads the set once, into a copy of the run's migrated template, and that becomes a template in its turn; every
 * file then gets a copy of it (`CREATE DATABASE … TEMPLATE`). Loading the demo data set (six subgraphs' setups,
 * through their services and events) costs far more than copying its files, and it was loaded again by each of the
 * files that read it. The copy holds exactly what the load left: the rows, the event stream and each consumer's
 * position in it, so the subgraphs started on it carry on as they would after the load.
 *
 * Jest runs files in several workers: a PostgreSQL advisory lock (on the server's maintenance database, which every
 * worker connects to) lets one of them load while the others wait, and the template takes its final name only once
 * the load completed, so a half-loaded one is never copied. A load that fails leaves nothing: the next file tries.
 */
export async function databaseWithLoaded(key: string, load: (databaseUrl: string) => Promise<void>): Promise<string> {
  const server = process.env.TEST_PG_SERVER_URL;
  const base = process.env.TEST_PG_TEMPLATE;
  // without the run's template (TEST_DATABASE_TEMPLATE=off) each file loads for itself, as before
  if (!server || !base) {
    const databaseUrl = await createTestDatabase();
    await load(databaseUrl);
    return databaseUrl;
  }
  const template = `${base}_${key}`;
  const client = new Client({ connectionString: server });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [template]);
    const exists = await client.query('select 1 from pg_database where datname = $1', [template]);
    if (exists.rowCount === 0) {
      const loading = `${template}_loading`;
      await client.query(`drop database if exists "${loading}" with (force)`);
      await ensureDatabase(server, loading, base);
      try {
        await load(databaseUrlFor(server, loading));
      } catch (error) {
        await client.query(`drop database if exists "${loading}" with (force)`);
        throw error;
      }
      // the loaders closed their connections; a straggler would keep the rename and the copies from being made
      for (let attempt = 1; ; attempt++) {
        await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [loading]);
        try {
          await client.query(`alter database "${loading}" rename to "${template}"`);
          break;
        } catch (error) {
          // 55006: still in use (a terminated backend takes a moment to go)
          if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    }
  } finally {
    await client.query('select pg_advisory_unlock(hashtext($1))', [template]).catch(() => undefined);
    await client.end();
  }
  return createTestDatabase({ template });
}
