import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase } from '@sme/devtools';

/** A new, empty database on the test server, for one test file. */
export async function createTestDatabase(): Promise<string> {
  const server = process.env.TEST_PG_SERVER_URL;
  if (!server) throw new Error('TEST_PG_SERVER_URL is not set: run the tests through jest (its global setup starts PostgreSQL)');
  return ensureDatabase(server, `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`);
}

/** Row count and content checksum of every table in a schema: compared before and after a refused request. */
export async function schemaChecksums(databaseUrl: string, schema: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query(`select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by 1`, [schema]);
    const sums: Record<string, string> = {};
    for (const { table_name } of tables.rows) {
      const result = await client.query(`select count(*) as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as sum from "${schema}"."${table_name}" t`);
      sums[table_name] = `${result.rows[0].n}:${result.rows[0].sum}`;
    }
    return sums;
  } finally {
    await client.end();
  }
}
