import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startEmbeddedPostgres } from '@sme/devtools';

/**
 * One real PostgreSQL server for the whole run: DATABASE_URL's server when it is set, otherwise a throwaway
 * embedded one. Each test file makes its own database on it, so files run in parallel without sharing rows.
 */
export default async function globalSetup(): Promise<void> {
  process.env.NODE_ENV = 'test';
  if (process.env.DATABASE_URL) {
    process.env.TEST_PG_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-test-pg-'));
  fs.chmodSync(dataDir, 0o755); // the server runs as the `postgres` user when the tests run as root
  const database = await startEmbeddedPostgres(path.join(dataDir, 'data'), await freePort(), false);
  process.env.TEST_PG_SERVER_URL = database.serverUrl;
  (globalThis as Record<string, unknown>).__SME_TEST_PG__ = { database, dataDir };
}
