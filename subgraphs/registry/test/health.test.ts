import { Client } from 'pg';
import { startRegistry } from './start-registry';

/** Readiness follows the database: 503 while it cannot be reached, 200 again once it can, with no restart. */
describe('health and readiness', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry.stop());

  const status = async (path: string) => (await fetch(registry.url.replace('/graphql', path))).status;

  async function setConnections(allowed: boolean) {
    const database = new URL(registry.databaseUrl).pathname.slice(1);
    const admin = new Client({ connectionString: process.env.TEST_PG_SERVER_URL });
    await admin.connect();
    try {
      await admin.query(`alter database "${database}" allow_connections ${allowed}`);
      if (!allowed) await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
    } finally {
      await admin.end();
    }
  }

  it('reports ready, then not ready while the database refuses connections, then ready again', async () => {
    expect(await status('/healthz')).toBe(200);
    expect(await status('/readyz')).toBe(200);
    await setConnections(false);
    try {
      expect(await status('/readyz')).toBe(503);
      expect(await status('/healthz')).toBe(200); // alive: the process itself is fine
    } finally {
      await setConnections(true);
    }
    let ready = 0;
    for (let attempt = 0; attempt < 50 && ready !== 200; attempt++) {
      ready = await status('/readyz');
      if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toBe(200);
    const result = await registry.query('{ institutions(first: 1) { totalCount } }');
    expect(result.errors).toBeUndefined();
  });
});
