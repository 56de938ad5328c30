import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startEmbeddedPostgres } from '@sme/devtools';
import { createTemplateDatabase } from './template-database';
import { startProcessPool, type ProcessPool } from './process-pool';

/**
 * One real PostgreSQL server for the whole run: DATABASE_URL's server when it is set, otherwise a throwaway
 * embedded one. Each test file makes its own database on it, so files run in parallel without sharing rows; each
 * is a copy of a template in which every subgraph's migrations ran once for the run (template-database.ts). The
 * subgraph and gateway processes end-to-end files start are kept between files (process-pool.ts).
 */
export default async function globalSetup(): Promise<void> {
  process.env.NODE_ENV = 'test';
  const state: { database?: { stop(): Promise<void> }; dataDir?: string; serverUrl: string; template?: string; pool?: ProcessPool } = { serverUrl: '' };
  (globalThis as Record<string, unknown>).__SME_TEST_PG__ = state;
  if (process.env.DATABASE_URL) {
    state.serverUrl = process.env.DATABASE_URL;
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-test-pg-'));
    fs.chmodSync(dataDir, 0o755); // the server runs as the `postgres` user when the tests run as root
    state.dataDir = dataDir;
    const database = await startEmbeddedPostgres(path.join(dataDir, 'data'), await freePort(), false);
    state.database = database;
    state.serverUrl = database.serverUrl;
  }
  process.env.TEST_PG_SERVER_URL = state.serverUrl;
  // TEST_DATABASE_TEMPLATE=off and TEST_PROCESS_POOL=off run the old way (each file migrates, each supergraph
  // spawns its processes): to compare, or to rule either out when a test fails
  if (process.env.TEST_DATABASE_TEMPLATE !== 'off') {
    state.template = await createTemplateDatabase(state.serverUrl);
    process.env.TEST_PG_TEMPLATE = state.template;
  }
  const pool = process.env.TEST_PROCESS_POOL !== 'off' ? await startProcessPool() : null;
  if (pool) {
    state.pool = pool;
    process.env.TEST_PROCESS_POOL_URL = pool.url;
  }
}
