import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase } from '@sme/devtools';

/**
 * A new database on the test server, for one test file: a copy of the run's template, in which every subgraph's
 * migrations have run (template-database.ts), so a subgraph or a fixture that migrates finds nothing to do.
 * `empty: true` gives a database with nothing in it, for a test of migrations themselves; `template` another
 * template (loaded-template.ts).
 */
export async function createTestDatabase(options: { empty?: boolean; template?: string } = {}): Promise<string> {
  const server = process.env.TEST_PG_SERVER_URL;
  if (!server) throw new Error('TEST_PG_SERVER_URL is not set: run the tests through jest (its global setup starts PostgreSQL)');
  const template = options.empty ? undefined : (options.template ?? process.env.TEST_PG_TEMPLATE);
  return ensureDatabase(server, `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`, template);
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
