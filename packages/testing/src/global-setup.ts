import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { startEmbeddedPostgres } from '@sme/devtools';

/** A free TCP port on loopback. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

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
