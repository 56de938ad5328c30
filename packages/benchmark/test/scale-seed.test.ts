import { Client } from 'pg';
import { PlatformDesignationStatus, checkCreditCode, designationStatus, findRegion, isWithin } from '@sme/kernel';
import { createTestDatabase, schemaChecksums } from '@sme/testing';
import { LibraryApplicationStatus, MemberStatus } from '@sme/resource-library';
import { PlatformApplicationStatus } from '@sme/demonstration-platform';
import { TaiyuanApplicationStatus } from '../../../subgraphs/taiyuan/src/applications/application-status';
import { ProvincialReviewStatus } from '../../../subgraphs/shanxi/src/provincial-platforms/provincial-review-status';
import { shanxiLibrary } from '../../../subgraphs/shanxi/src/library-config';
import { hebeiLibrary } from '../../../subgraphs/hebei/src/library-config';
import { migrateEverySubgraph } from './support/subgraph-migrations';
import { SCALE_SCHEMAS, planScale, seedScale, type SeedCounts } from '../src/scale-seed';
import { ANCHOR_DATE } from '../src/scale-timeline';

/**
 * The scale data set at 2,000 institutions on a real, migrated database: it writes what it planned, the same seed
 * writes the same bytes, every state of every programme appears, and what it writes passes the product's own
 * checks (credit codes, regions, the registry's copies, the status histories).
 */
const INSTITUTIONS = 2000;
let databaseUrl: string;
let db: Client;
let counts: SeedCounts;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  await migrateEverySubgraph(databaseUrl);
  counts = await seedScale({ databaseUrl, institutions: INSTITUTIONS });
  db = new Client({ connectionString: databaseUrl });
  await db.connect();
}, 120_000);

afterAll(async () => {
  await db?.end();
});

const values = async (sql: string): Promise<string[]> => (await db.query(sql)).rows.map((r) => Object.values(r)[0] as string);
const sorted = (items: Iterable<string>) => [...new Set(items)].sort();

it('writes exactly the rows it planned, in every table', async () => {
  const plan = planScale(INSTITUTIONS);
  const planned = Object.fromEntries(plan.tables.map((t) => [`${t.schema}.${t.table}`, t.rows]));
  expect(counts).toEqual(planned);
  for (const [table, rows] of Object.entries(planned)) {
    const { rows: [{ n }] } = await db.query(`select count(*)::int as n from ${table}`);
    expect([table, n]).toEqual([table, rows]);
  }
  expect(planned['registry.institutions']).toBe(INSTITUTIONS);
  // every table the data set fills has rows, but Shanxi's appointments (a Hebei duty only) and the reports Shandong does not ask for
  const empty = Object.entries(planned).filter(([, rows]) => rows === 0).map(([table]) => table);
  expect(empty.sort()).toEqual(['shandong.city_reports', 'shandong.performance_assessments', 'shanxi.appointments']);
});

it('keeps every foreign key, and every programme row refers to a registered institution', async () => {
  // the load skips the per-row foreign-key triggers where it may: each key is checked here instead
  const { rows: keys } = await db.query(
    `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent, a.attname as column, pa.attname as referenced
       from pg_constraint c
       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
       join pg_attribute pa on pa.attrelid = c.confrelid and pa.attnum = c.confkey[1]
      where c.contype = 'f' and c.connamespace::regnamespace::text = any($1) and cardinality(c.conkey) = 1`,
    [[...SCALE_SCHEMAS]],
  );
  expect(keys.length).toBeGreaterThan(15);
  for (const k of keys) {
    const { rows: [{ orphans }] } = await db.query(
      `select count(*)::int as orphans from ${k.child} c where c."${k.column}" is not null and not exists (select 1 from ${k.parent} p where p."${k.referenced}" = c."${k.column}")`,
    );
    expect([`${k.child}.${k.column}`, orphans]).toEqual([`${k.child}.${k.column}`, 0]);
  }
  const { rows: references } = await db.query(
    `select table_schema || '.' || table_name as t from information_schema.columns
      where column_name = 'institution_id' and table_schema = any($1) and table_schema <> 'registry'`,
    [[...SCALE_SCHEMAS]],
  );
  expect(references.length).toBeGreaterThan(15);
  for (const { t } of references) {
    const { rows: [{ orphans }] } = await db.query(`select count(*)::int as orphans from ${t} c where not exists (select 1 from registry.institutions i where i.id = c.institution_id)`);
    expect([t, orphans]).toEqual([t, 0]);
  }
});

it('has every state of every programme, and every status history ends in its record’s status', async () => {
  const all = (e: object) => sorted(Object.values(e) as string[]);
  for (const schema of ['shanxi', 'hebei']) {
    expect(sorted(await values(`select distinct status from ${schema}.applications`))).toEqual(all(LibraryApplicationStatus));
    expect(sorted(await values(`select distinct status from ${schema}.members`))).toEqual(all(MemberStatus));
  }
  for (const schema of ['shandong', 'ningxia']) {
    expect(sorted(await values(`select distinct status from ${schema}.applications`))).toEqual(all(PlatformApplicationStatus));
    const designations = (await db.query(`select valid_until::text as "validUntil", revoked_on::text as "revokedOn" from ${schema}.designations`)).rows;
    expect(sorted(designations.map((d) => designationStatus(d, ANCHOR_DATE)))).toEqual(all(PlatformDesignationStatus));
  }
  expect(sorted(await values(`select distinct status from shanxi.provincial_platform_reviews`))).toEqual(all(ProvincialReviewStatus));
  expect(sorted(await values(`select distinct status from taiyuan.applications`))).toEqual(all(TaiyuanApplicationStatus));
  // the city and the province never revoke (their flows have no such step): valid and expired designations both appear
  for (const table of ['taiyuan.city_designations', 'shanxi.provincial_platform_designations']) {
    const designations = (await db.query(`select valid_until::text as "validUntil", revoked_on::text as "revokedOn" from ${table}`)).rows;
    expect(sorted(designations.map((d) => designationStatus(d, ANCHOR_DATE)))).toEqual([PlatformDesignationStatus.DESIGNATED, PlatformDesignationStatus.EXPIRED]);
  }
  // each record's history (status_changes, ordered as written) ends in the status the record holds
  const histories: [string, string, string][] = [
    ['shanxi', 'applications', 'LibraryApplication'], ['hebei', 'applications', 'LibraryApplication'], ['shanxi', 'members', 'LibraryMembership'],
    ['hebei', 'members', 'LibraryMembership'], ['shandong', 'applications', 'PlatformApplication'], ['ningxia', 'applications', 'PlatformApplication'],
    ['taiyuan', 'applications', 'TaiyuanApplication'], ['shanxi', 'provincial_platform_reviews', 'ShanxiProvincialReview'],
  ];
  for (const [schema, table, recordType] of histories) {
    const { rows } = await db.query(
      `select count(*)::int as records, count(*) filter (where h.to_status is distinct from r.status)::int as mismatched
         from ${schema}.${table} r
         left join lateral (select to_status from ${schema}.status_changes c where c.record_type = $1 and c.record_id = r.id::text order by seq desc limit 1) h on true`,
      [recordType],
    );
    expect([`${schema}.${table}`, rows[0].mismatched]).toEqual([`${schema}.${table}`, 0]);
    expect(rows[0].records).toBeGreaterThan(0);
  }
  // a member's removal matches its status, and the banning grounds carry the two-year ban (第十二条)
  for (const schema of ['shanxi', 'hebei']) {
    const { rows } = await db.query(
      `select count(*) filter (where (status = 'REMOVED') <> (removal_ground is not null))::int as bad_ground,
              count(*) filter (where removal_ground in ('CREDIT_RECORD','TAX_VIOLATION','LEGAL_REPRESENTATIVE_RECORD','DATA_FALSIFICATION')
                and reentry_banned_until <> (removed_on + interval '2 years')::date)::int as bad_ban
         from ${schema}.members`,
    );
    expect(rows[0]).toEqual({ bad_ground: 0, bad_ban: 0 });
  }
});

it('gives every institution a valid credit code and a region of the region table, over all four provinces', async () => {
  const institutions = (await db.query(`select credit_code, region_code from registry.institutions`)).rows as { credit_code: string; region_code: string }[];
  expect(institutions.filter((i) => !checkCreditCode(i.credit_code).valid)).toEqual([]);
  expect(institutions.filter((i) => !findRegion(i.region_code) || findRegion(i.region_code)!.level === 'PROVINCE')).toEqual([]);
  for (const scope of ['140000', '130000', '370000', '640000', '140100']) {
    expect(institutions.filter((i) => isWithin(i.region_code, scope)).length).toBeGreaterThan(INSTITUTIONS / 20);
  }
  const enterprises = await values(`select enterprise_credit_code from hebei.appointments where enterprise_credit_code is not null`);
  expect(enterprises.length).toBeGreaterThan(0);
  expect(enterprises.filter((code) => !checkCreditCode(code).valid)).toEqual([]);
  // each province's applications and members are its own institutions'; categories are the ones its library accepts (第九条)
  for (const [config, table] of [[shanxiLibrary, 'applications'], [hebeiLibrary, 'applications'], [shanxiLibrary, 'members'], [hebeiLibrary, 'members']] as const) {
    const regions = await values(`select distinct region_code from ${config.name}.${table}`);
    expect(regions.filter((code) => !isWithin(code, config.provinceCode))).toEqual([]);
    const categories = await values(`select distinct unnest(categories) from ${config.name}.${table}`);
    expect(categories.filter((c) => !(config.categories as readonly string[]).includes(c))).toEqual([]);
  }
});

it('keeps in every programme the registry’s copy its event consumer would keep', async () => {
  const sum = async (sql: string) => (await db.query(`select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as sum from (${sql}) t`)).rows[0];
  const institutions = await sum(`select id, credit_code, name, legal_form, region_code, established_on, legal_representative, version from registry.institutions`);
  const credit = await sum(`select id, institution_id, kind, listed_on, removed_on, source from registry.credit_records`);
  const facts = await sum(`select institution_id, year, total_assets, smes_served, senior_experts, partner_agencies from registry.annual_facts`);
  for (const schema of SCALE_SCHEMAS.filter((s) => s !== 'registry')) {
    expect(await sum(`select id, credit_code, name, legal_form, region_code, established_on, legal_representative, registry_version from ${schema}.known_institutions`)).toEqual(institutions);
    expect(await sum(`select id, institution_id, kind, listed_on, removed_on, source from ${schema}.known_credit_records`)).toEqual(credit);
    expect(await sum(`select institution_id, year, (figures->>'totalAssets')::float8, (figures->>'smesServed')::int, (figures->>'seniorExperts')::int,
      (figures->>'partnerAgencies')::int from ${schema}.known_annual_facts`)).toEqual(facts);
  }
});

it('writes the same bytes for the same seed, and other bytes for another seed', async () => {
  const checksums = async () => Object.fromEntries(await Promise.all(SCALE_SCHEMAS.map(async (s) => [s, await schemaChecksums(databaseUrl, s)] as const)));
  const first = await checksums();
  await seedScale({ databaseUrl, institutions: INSTITUTIONS });
  expect(await checksums()).toEqual(first);
  await seedScale({ databaseUrl, institutions: INSTITUTIONS, seed: 'another seed' });
  const other = await checksums();
  for (const schema of SCALE_SCHEMAS) expect([schema, other[schema]]).not.toEqual([schema, first[schema]]);
}, 90_000);
