import { Client } from 'pg';
import { planInstitutions, planCreditRecords, registryTables, registryMirrorTables, type ScaleInstitution } from './scale-registry';
import { LIBRARY_PROGRAMMES, planLibrary } from './scale-libraries';
import { PLATFORM_PROGRAMMES, planPlatforms } from './scale-platforms';
import { ADDED_CAMPAIGNS, planTaiyuan } from './scale-taiyuan';
import { statusChangesTable, type Transition } from './scale-status-history';
import { tableName, type TableLoad } from './scale-tables';
import { copyRows } from './bulk-copy';
import { timestampOn } from './scale-timeline';

/**
 * `npm run seed:scale`: a deterministic synthetic data set at provincial scale, bulk-loaded. The plan is made in
 * memory first (institutions, who applies where, how far each application went, what each member did), then
 * each table is written with COPY in dependency order, one transaction per table (the registry first, the
 * programme schemas side by side), and analysed.
 */
export const DEFAULT_SEED = 'sme-scale';

/** The schemas the data set fills, in load order (the registry first: every programme refers to its institutions). */
export const SCALE_SCHEMAS = ['registry', 'shanxi', 'hebei', 'taiyuan', 'shandong', 'ningxia'] as const;
const MIRROR_SCHEMAS = ['shanxi', 'hebei', 'taiyuan', 'shandong', 'ningxia'] as const;

/**
 * Tables whose rows come with the migrations: never emptied (taiyuan's 2023 call is the notice itself). The data
 * set's own rows there are upserted, so a rerun leaves them as the first run did.
 */
const MIGRATION_ROWS = new Set(['taiyuan.campaigns', 'registry.schema_migrations', 'shanxi.schema_migrations', 'hebei.schema_migrations', 'taiyuan.schema_migrations', 'shandong.schema_migrations', 'ningxia.schema_migrations']);

export interface ScalePlan {
  seed: string;
  institutions: ScaleInstitution[];
  /** Every table to write, in load order. */
  tables: TableLoad[];
}

/** The whole data set for `institutions` and `seed`, as tables ready to write (nothing touches the database). */
export function planScale(institutionCount: number, seed: string = DEFAULT_SEED): ScalePlan {
  if (!Number.isInteger(institutionCount) || institutionCount < 1) throw new Error(`institutions must be a positive whole number, got ${institutionCount}`);
  const institutions = planInstitutions(seed, institutionCount);
  const credit = planCreditRecords(seed, institutions);
  const byArea = [
    ...LIBRARY_PROGRAMMES.map((p) => planLibrary(seed, p, institutions, credit)),
    planTaiyuan(seed, institutions),
    ...PLATFORM_PROGRAMMES.map((p) => planPlatforms(seed, p, institutions, credit)),
  ];
  const transitions: Record<string, Transition[]> = {};
  // concatenated, not pushed with a spread: a million-institution plan has more steps than a call takes arguments
  for (const area of byArea) for (const [schema, steps] of Object.entries(area.transitions)) transitions[schema] = (transitions[schema] ?? []).concat(steps);
  const programmeTables = byArea.flatMap((a) => a.tables);
  const tables: TableLoad[] = [
    ...registryTables(seed, institutions, credit),
    ...MIRROR_SCHEMAS.flatMap((schema) => [
      ...registryMirrorTables(seed, schema, institutions, credit),
      ...programmeTables.filter((t) => t.schema === schema),
      statusChangesTable(seed, schema, transitions[schema] ?? []),
    ]),
  ];
  return { seed, institutions, tables };
}

export interface SeedProgress {
  table: string;
  /** Rows of this table written so far, and planned. */
  tableRows: number;
  tablePlanned: number;
  /** Rows of every table written so far, and planned. */
  rows: number;
  planned: number;
  /** True once the table is committed. */
  done: boolean;
  /** Milliseconds spent on this table so far. */
  tableMs: number;
}

export interface SeedScaleOptions {
  databaseUrl: string;
  institutions: number;
  seed?: string;
  onProgress?: (progress: SeedProgress) => void;
  /** Called once the plan is made, before anything is written. */
  onPlan?: (plan: ScalePlan) => void;
  /** Connections loading the programme schemas side by side (default 2). */
  connections?: number;
}

/** Rows written per table (`schema.table`), as the server counted them. */
export type SeedCounts = Record<string, number>;

async function requireMigrated(client: Client): Promise<void> {
  const { rows } = await client.query<{ missing: string }>(
    `select s as missing from unnest($1::text[]) s where to_regclass(s) is null`,
    [['registry.institutions', 'shanxi.members', 'shanxi.provincial_platform_reviews', 'hebei.appointments', 'taiyuan.campaigns', 'shandong.designations', 'ningxia.designations']],
  );
  if (rows.length) throw new Error(`the database has not been migrated (missing ${rows.map((r) => r.missing).join(', ')}): run every subgraph's setup first`);
}

/** Empties every data table of the six schemas and the event stream, so a rerun gives the same data; sequences restart. */
async function emptyDataTables(client: Client): Promise<void> {
  const { rows } = await client.query<{ schema: string; name: string }>(
    `select table_schema as schema, table_name as name from information_schema.tables
      where table_schema = any($1::text[]) and table_type = 'BASE TABLE' order by 1, 2`,
    [[...SCALE_SCHEMAS, 'event_stream']],
  );
  const tables = rows.filter((r) => !MIGRATION_ROWS.has(`${r.schema}.${r.name}`)).map((r) => `"${r.schema}"."${r.name}"`);
  if (tables.length) await client.query(`truncate ${tables.join(', ')} restart identity`);
}

/** The calls after 2023 (2023's is the migration's): upserted, so reruns leave them as they were. */
async function upsertCampaigns(client: Client): Promise<void> {
  for (const c of ADDED_CAMPAIGNS) {
    await client.query(
      `insert into taiyuan.campaigns (year, document, opens_on, deadline, city_reapply_designated_through, provincial_reapply_designated_before, created_at)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (year) do update set document = excluded.document, opens_on = excluded.opens_on, deadline = excluded.deadline,
         city_reapply_designated_through = excluded.city_reapply_designated_through,
         provincial_reapply_designated_before = excluded.provincial_reapply_designated_before, created_at = excluded.created_at`,
      [c.year, c.document, c.opensOn, c.deadline, c.cityReapplyDesignatedThrough, c.provincialReapplyDesignatedBefore, timestampOn(`${c.year}-02-20`, 0)],
    );
  }
}

/**
 * Writes the data set into a migrated database: empties the data tables, upserts the data set's calls, then
 * COPYs every table (one transaction each, commits not waited for on disk: a failed load is simply rerun) and
 * analyses what it wrote. Refuses a database whose schemas are missing.
 */
/** One table in one transaction: COPY, and the server's count checked against the plan. */
async function loadTable(client: Client, load: TableLoad, skipTriggers: boolean, onRows: (rows: number) => void): Promise<void> {
  await client.query('begin');
  try {
    // a bulk load that fails is rerun from the start: no need to wait for each commit to reach the disk
    await client.query('set local synchronous_commit = off');
    // the plan makes every reference point at a row written before it, so the per-row foreign-key triggers (a
    // third of the time of the largest tables) are skipped where the role may skip them (a superuser, as the
    // embedded server's is); elsewhere they run. The tests check every foreign key afterwards.
    if (skipTriggers) await client.query('set local session_replication_role = replica');
    const stored = await copyRows(client, load, onRows);
    if (stored !== load.rows) throw new Error(`${tableName(load)}: planned ${load.rows} rows, the server stored ${stored}`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

const connect = async (databaseUrl: string) => {
  const client = new Client({ connectionString: databaseUrl, application_name: 'sme-seed-scale' });
  await client.connect();
  await client.query('set statement_timeout = 0');
  return client;
};

/**
 * Writes the data set into a migrated database: empties the data tables, upserts the data set's calls, then
 * COPYs every table, one transaction each: the registry first, then the programme schemas on `connections`
 * connections side by side (no table refers to another schema's, and the server has cores the generator does not
 * use), and analyses what it wrote. Refuses a database whose schemas are missing.
 */
export async function seedScale(options: SeedScaleOptions): Promise<SeedCounts> {
  const plan = planScale(options.institutions, options.seed ?? DEFAULT_SEED);
  options.onPlan?.(plan);
  const planned = plan.tables.reduce((n, t) => n + t.rows, 0);
  const connections = Math.max(1, options.connections ?? 2);
  const counts: SeedCounts = {};
  let written = 0;
  const client = await connect(options.databaseUrl);
  const workers: Client[] = [];
  try {
    await requireMigrated(client);
    const skipTriggers = (await client.query<{ superuser: boolean }>(`select rolsuper as superuser from pg_roles where rolname = current_user`)).rows[0]?.superuser === true;
    await emptyDataTables(client);
    await upsertCampaigns(client);
    const loadAll = async (db: Client, loads: readonly TableLoad[]) => {
      for (const load of loads) {
        const name = tableName(load);
        let tableRows = 0;
        const started = Date.now();
        const report = (done: boolean) => options.onProgress?.({ table: name, tableRows, tablePlanned: load.rows, rows: written, planned, done, tableMs: Date.now() - started });
        await loadTable(db, load, skipTriggers, (rows) => {
          tableRows += rows;
          written += rows;
          report(false);
        });
        counts[name] = load.rows;
        report(true);
      }
    };
    await loadAll(client, plan.tables.filter((t) => t.schema === 'registry'));
    const queue = SCALE_SCHEMAS.filter((s) => s !== 'registry').map((schema) => plan.tables.filter((t) => t.schema === schema));
    for (let i = 1; i < connections; i++) workers.push(await connect(options.databaseUrl));
    await Promise.all([client, ...workers].map(async (db) => {
      for (let loads = queue.shift(); loads; loads = queue.shift()) await loadAll(db, loads);
    }));
    // the planner needs statistics for the tables it just saw grow from nothing
    for (const name of [...new Set(plan.tables.map(tableName)), 'taiyuan.campaigns']) await client.query(`analyze ${name}`);
  } finally {
    await Promise.all([client, ...workers].map((db) => db.end().catch(() => undefined)));
  }
  // in plan order, whichever connection wrote them
  return Object.fromEntries(plan.tables.map((t) => [tableName(t), counts[tableName(t)]]));
}
