import { Client } from 'pg';
import { composeCreditCode } from '@sme/kernel';

/** The subgraphs' schemas, each copied on its own (a copy never reads across schemas, as the subgraphs never do). */
const SCHEMAS = ['registry', 'shanxi', 'hebei', 'taiyuan', 'shandong', 'ningxia'] as const;

/**
 * Tables not copied: the event bookkeeping (a copy is not an event: nothing is relayed or consumed again), the
 * migrations, and what is keyed by a value rather than an id (a campaign's year, a schedule's day, a city's report
 * of a year), of which a copy would be a duplicate.
 */
const NOT_COPIED = new Set([
  'schema_migrations', 'outbox', 'event_consumers', 'processed_events', 'idempotency_keys', 'dead_letter_events',
  'campaigns', 'schedule_runs', 'city_reports',
]);

/** Text columns that hold a record's id (the audit trail's and status history's record, an event's aggregate). */
const ID_TEXT_COLUMNS = new Set(['record_id', 'aggregate_id']);

/**
 * Where an institution shows up in the programmes: the institutions list is ordered by name, and a page of ten
 * must hold an institution of every kind for its cost to be the cost of a page of a hundred.
 */
const INSTITUTION_KINDS: [schema: string, table: string][] = [
  ['registry', 'credit_records'], ['registry', 'annual_facts'],
  ['shanxi', 'members'], ['shanxi', 'applications'], ['shanxi', 'provincial_platform_designations'], ['shanxi', 'provincial_platform_reviews'],
  ['hebei', 'members'], ['hebei', 'applications'],
  ['shandong', 'designations'], ['shandong', 'applications'], ['ningxia', 'designations'], ['ningxia', 'applications'],
  ['taiyuan', 'applications'], ['taiyuan', 'city_designations'], ['taiyuan', 'provincial_recommendations'],
];

/**
 * `copies` more copies of every record the database holds (the demo data set, loaded through the services), each
 * with its own ids: a uuid `x` becomes md5(`x:k`) in copy k, in every schema alike, so references within and
 * across subgraphs (an institution, a recommendation, a designation) still meet, and each copy has its own status
 * history and audit trail. Copies interleave with the originals in every list's order: an application's
 * `created_at` moves k days back, and an institution's name starts with its copy and its rank, the rank putting
 * institutions of every kind first. Credit codes are new valid codes. Call it once (it copies whatever the
 * database holds), in one transaction.
 */
export async function copyDemoData(databaseUrl: string, copies: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    const originals = (await client.query<{ id: string; credit_code: string }>('select id, credit_code from registry.institutions order by name, id')).rows;
    await client.query('create temporary table copy_codes (id uuid, k int, credit_code text, primary key (id, k)) on commit drop');
    await client.query('create temporary table copy_ranks (id uuid primary key, rank int) on commit drop');
    const codes: unknown[] = [];
    for (const [index, row] of originals.entries()) {
      for (let k = 1; k <= copies; k++) {
        const body = `MB${String(k).padStart(3, '0')}${String(index).padStart(3, '0')}`;
        codes.push([row.id, k, composeCreditCode('9', '1', row.credit_code.slice(2, 8), body)]);
      }
    }
    await client.query(
      `insert into copy_codes select (x->>0)::uuid, (x->>1)::int, x->>2 from jsonb_array_elements($1::jsonb) x`,
      [JSON.stringify(codes)],
    );
    await client.query(`insert into copy_ranks select (x->>0)::uuid, (x->>1)::int from jsonb_array_elements($1::jsonb) x`, [JSON.stringify(await rankByKinds(client, originals.map((r) => r.id)))]);

    for (const schema of SCHEMAS) {
      for (const table of await tablesInDependencyOrder(client, schema)) {
        const columns = (
          await client.query<{ column_name: string; data_type: string; column_default: string | null; is_generated: string }>(
            `select column_name, data_type, column_default, is_generated from information_schema.columns
             where table_schema = $1 and table_name = $2 order by ordinal_position`,
            [schema, table],
          )
        ).rows.filter((c) => !c.column_default?.startsWith('nextval(') && c.is_generated !== 'ALWAYS');
        const institutionTable = (schema === 'registry' && table === 'institutions') || table === 'known_institutions';
        const expression = (c: { column_name: string; data_type: string }): string => {
          const name = `t."${c.column_name}"`;
          if (c.data_type === 'uuid') return `md5(${name}::text || ':' || g.k)::uuid`;
          if (ID_TEXT_COLUMNS.has(c.column_name)) return `case when ${name} ~ '^[0-9a-f-]{36}$' then md5(${name} || ':' || g.k)::uuid::text else ${name} end`;
          if (institutionTable && c.column_name === 'credit_code') return `(select x.credit_code from copy_codes x where x.id = t.id and x.k = g.k)`;
          if (institutionTable && c.column_name === 'name') {
            return `lpad(g.k::text, 3, '0') || '-' || lpad(coalesce((select r.rank from copy_ranks r where r.id = t.id), 99)::text, 2, '0') || ' ' || ${name}`;
          }
          if (c.column_name === 'created_at') return `${name} - g.k * interval '1 day'`;
          return name;
        };
        await client.query(
          `insert into "${schema}"."${table}" (${columns.map((c) => `"${c.column_name}"`).join(', ')})
           select ${columns.map(expression).join(', ')} from "${schema}"."${table}" t cross join generate_series(1, ${copies}) g(k)`,
        );
      }
    }
    await client.query('commit');
    await client.query('analyze');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** The tables of a schema, each after the tables it references. */
async function tablesInDependencyOrder(client: Client, schema: string): Promise<string[]> {
  const tables = (
    await client.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by 1`, [schema])
  ).rows.map((r) => r.table_name).filter((t) => !NOT_COPIED.has(t));
  const references = (
    await client.query<{ child: string; parent: string }>(
      `select c.relname as child, p.relname as parent from pg_constraint k
       join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid join pg_namespace n on n.oid = c.relnamespace
       where k.contype = 'f' and n.nspname = $1 and c.relname <> p.relname`,
      [schema],
    )
  ).rows;
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const r of references) if (r.child === table && tables.includes(r.parent)) visit(r.parent, path);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

/** Institutions of the most kinds not yet covered first (a greedy cover), then the rest by name. */
async function rankByKinds(client: Client, ids: string[]): Promise<[string, number][]> {
  const kindsOf = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
  for (const [schema, table] of INSTITUTION_KINDS) {
    const { rows } = await client.query<{ institution_id: string }>(`select distinct institution_id from "${schema}"."${table}"`);
    for (const row of rows) kindsOf.get(row.institution_id)?.add(`${schema}.${table}`);
  }
  const ranked: string[] = [];
  const covered = new Set<string>();
  const rest = [...ids];
  while (rest.length) {
    const gain = (id: string) => [...kindsOf.get(id)!].filter((k) => !covered.has(k)).length;
    const best = rest.reduce((a, b) => (gain(b) > gain(a) ? b : a));
    if (gain(best) === 0) break;
    ranked.push(best);
    for (const k of kindsOf.get(best)!) covered.add(k);
    rest.splice(rest.indexOf(best), 1);
  }
  ranked.push(...rest);
  return ranked.map((id, index) => [id, index + 1]);
}
