"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createTestDatabase = createTestDatabase;
exports.schemaChecksums = schemaChecksums;
const node_crypto_1 = require("node:crypto");
const pg_1 = require("pg");
const embedded_postgres_1 = require("../../packages/devtools/src/embedded-postgres");
/** A new, empty database on the test server, for one test file. */
async function createTestDatabase() {
    const server = process.env.TEST_PG_SERVER_URL;
    if (!server)
        throw new Error('TEST_PG_SERVER_URL is not set: run the tests through jest (its global setup starts PostgreSQL)');
    return (0, embedded_postgres_1.ensureDatabase)(server, `test_${(0, node_crypto_1.randomUUID)().replace(/-/g, '').slice(0, 16)}`);
}
/** Row count and content checksum of every table in a schema: compared before and after a refused request. */
async function schemaChecksums(databaseUrl, schema) {
    const client = new pg_1.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
        const tables = await client.query(`select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by 1`, [schema]);
        const sums = {};
        for (const { table_name } of tables.rows) {
            const result = await client.query(`select count(*) as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as sum from "${schema}"."${table_name}" t`);
            sums[table_name] = `${result.rows[0].n}:${result.rows[0].sum}`;
        }
        return sums;
    }
    finally {
        await client.end();
    }
}
//# sourceMappingURL=database.js.map