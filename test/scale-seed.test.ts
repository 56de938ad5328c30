import { Client } from 'pg';
import { Role, chinaToday, designationStatus } from '@sme/kernel';
import { tokenFor } from '@sme/testing';
import { TRACE_QUERY } from '../gateway/src/example-operations';
import { migrateEverySubgraph } from '../packages/benchmark/test/support/subgraph-migrations';
import { planScale, seedScale } from '../packages/benchmark/src/scale-seed';
import { sampleInstitutions } from '../packages/benchmark/src/scale-samples';
import { ANCHOR_DATE } from '../packages/benchmark/src/scale-timeline';
import { startSupergraph } from './support/supergraph';

/**
 * The scale data set read through the real supergraph (every subgraph its own process, the gateway in front): the
 * SPEC §5 trace of seeded Taiyuan institutions and the dashboards' statistics answer without errors, and their
 * counts are the seeded tables' counts. The subgraphs' daily duties are off, so nothing moves while it reads.
 */
const INSTITUTIONS = 2000;
let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
let db: Client;
let admin: string;

beforeAll(async () => {
  supergraph = await startSupergraph({
    env: { BACKGROUND_JOBS: 'off' },
    beforeStart: async (databaseUrl) => {
      await migrateEverySubgraph(databaseUrl);
      await seedScale({ databaseUrl, institutions: INSTITUTIONS });
    },
  });
  db = new Client({ connectionString: supergraph.databaseUrl });
  await db.connect();
  admin = await tokenFor(Role.ADMIN);
}, 150_000);

afterAll(async () => {
  await db?.end();
  await supergraph?.stop();
});

type Count = { key: string; count: number };
const byKey = (rows: Count[]) => Object.fromEntries(rows.map((r) => [r.key, r.count]));
const counted = async (sql: string, params: unknown[] = []) => byKey((await db.query(sql, params)).rows);

it('follows seeded Taiyuan institutions through the SPEC §5 trace, as the tables hold them', async () => {
  const samples = sampleInstitutions(planScale(INSTITUTIONS), 3, 'trace');
  expect(samples).toHaveLength(3);
  const today = chinaToday();
  for (const sample of samples) {
    const r = await supergraph.query(TRACE_QUERY, { id: sample.id }, admin);
    expect(r.errors).toBeUndefined();
    const institution = r.data.institution;
    expect(institution).toMatchObject({ name: sample.name, creditCode: sample.creditCode });
    const applications = (await db.query(
      `select a.campaign_year as "campaignYear", a.status, a.submitted_on::text as "submittedOn", d.valid_until::text as "validUntil",
              (select count(*)::int from taiyuan.provincial_recommendations p where p.designation_id = d.id) as recommendations,
              (select string_agg(v.status, ',') from taiyuan.provincial_recommendations p join shanxi.provincial_platform_reviews v on v.recommendation_id = p.id where p.designation_id = d.id) as reviews
         from taiyuan.applications a left join taiyuan.city_designations d on d.application_id = a.id
        where a.institution_id = $1 order by a.campaign_year`,
      [sample.id],
    )).rows;
    const traced = [...institution.taiyuan.applications].sort((a: any, b: any) => a.campaignYear - b.campaignYear);
    expect(traced.map((a: any) => ({
      campaignYear: a.campaignYear, status: a.status, submittedOn: a.submittedOn, validUntil: a.designation?.validUntil ?? null,
      recommendations: a.provincialRecommendations.length, reviews: a.provincialRecommendations.map((p: any) => p.provincialReview.status).join(',') || null,
    }))).toEqual(applications);
    // the province's designation beside it, in its status as of today
    const provincial = (await db.query(
      `select designated_on::text as "designatedOn", valid_until::text as "validUntil", revoked_on::text as "revokedOn"
         from shanxi.provincial_platform_designations where institution_id = $1 order by designated_on desc limit 1`,
      [sample.id],
    )).rows[0];
    expect(institution.shanxiPlatform).toEqual(provincial ? { status: designationStatus(provincial, today), designatedOn: provincial.designatedOn, validUntil: provincial.validUntil } : null);
    // its standing in the library beside it
    const member = (await db.query(`select status, admitted_on::text as "admittedOn" from shanxi.members where institution_id = $1 order by admitted_on desc limit 1`, [sample.id])).rows[0];
    expect(institution.shanxiLibrary).toEqual(member ?? null);
    expect(institution).toMatchObject({ hebeiLibrary: null, shandongPlatform: null, ningxiaPlatform: null });
  }
});

it('judges every seeded application that went past its first review eligible by the product’s own rules', async () => {
  // SPEC §2: an application whose report has a FAIL cannot advance past its first review
  const passed = {
    library: ['CITY_RECOMMENDED', 'PROVINCE_APPROVED', 'IN_PUBLIC_NOTICE', 'ADMITTED'],
    platform: ['IN_PUBLIC_NOTICE', 'DESIGNATED'],
    taiyuan: ['COUNTY_RECOMMENDED', 'EXPERT_REVIEWED', 'DESIGNATED'],
  };
  const roots: [string, string[]][] = [
    ['shanxiLibraryApplications', passed.library], ['hebeiLibraryApplications', passed.library],
    ['shandongPlatformApplications', passed.platform], ['ningxiaPlatformApplications', passed.platform], ['taiyuanApplications', passed.taiyuan],
  ];
  let judged = 0;
  for (const [root, statuses] of roots) {
    for (const status of statuses) {
      const r = await supergraph.query(
        `query($status: ${root.startsWith('taiyuan') ? 'TaiyuanApplicationStatus' : root.includes('Library') ? 'LibraryApplicationStatus' : 'PlatformApplicationStatus'}) {
          list: ${root}(first: 20, filter: { status: $status }) { edges { node { id status eligibility { outcome criteria { code outcome actual } } statusHistory { toStatus } institution { name } } } }
        }`,
        { status }, admin,
      );
      expect(r.errors).toBeUndefined();
      for (const { node } of r.data.list.edges) {
        judged++;
        expect([root, node.status, node.eligibility.criteria.filter((c: any) => c.outcome === 'FAIL')]).toEqual([root, status, []]);
        expect(node.statusHistory.at(-1).toStatus).toBe(status);
      }
    }
  }
  expect(judged).toBeGreaterThan(100);
});

it('counts the libraries as their tables do', async () => {
  for (const library of ['shanxi', 'hebei']) {
    const r = await supergraph.query(`{ s: ${library}LibraryStatistics { currentMembers membersByStatus { key count } applicationsByStatus { key count } membersByYear { key count } } }`, {}, admin);
    expect(r.errors).toBeUndefined();
    const members = await counted(`select status as key, count(*)::int as count from ${library}.members group by 1`);
    expect(byKey(r.data.s.membersByStatus)).toEqual(members);
    expect(r.data.s.currentMembers).toBe((members.ACTIVE ?? 0) + (members.NOTIFIED ?? 0));
    expect(byKey(r.data.s.applicationsByStatus)).toEqual(await counted(`select status as key, count(*)::int as count from ${library}.applications group by 1`));
    expect(byKey(r.data.s.membersByYear)).toEqual(await counted(`select extract(year from admitted_on)::int::text as key, count(*)::int as count from ${library}.members group by 1`));
    expect(r.data.s.applicationsByStatus).toHaveLength(12);
  }
});

it('counts the demonstration platforms as their tables do, on the anchor date', async () => {
  for (const programme of ['shandong', 'ningxia']) {
    const r = await supergraph.query(
      `query($asOf: Date) { s: ${programme}PlatformStatistics(asOf: $asOf) { designated designationsByStatus { key count } applicationsByStatus { key count } expiringWithin90Days } }`,
      { asOf: ANCHOR_DATE }, admin,
    );
    expect(r.errors).toBeUndefined();
    const designations = (await db.query(`select designated_on::text as "designatedOn", valid_until::text as "validUntil", revoked_on::text as "revokedOn" from ${programme}.designations`)).rows;
    const statuses: Record<string, number> = {};
    for (const d of designations) statuses[designationStatus(d, ANCHOR_DATE)] = (statuses[designationStatus(d, ANCHOR_DATE)] ?? 0) + 1;
    expect(byKey(r.data.s.designationsByStatus)).toEqual(statuses);
    expect(Object.keys(statuses).sort()).toEqual(['DESIGNATED', 'EXPIRED', 'REVOKED']);
    expect(r.data.s.designated).toBe(statuses.DESIGNATED);
    expect(byKey(r.data.s.applicationsByStatus)).toEqual(await counted(`select status as key, count(*)::int as count from ${programme}.applications group by 1`));
  }
});

it('lists Taiyuan’s summary table of each call as the tables hold it', async () => {
  for (const year of [2023, 2024, 2025, 2026]) {
    const r = await supergraph.query(`query($year: Int!) { taiyuanSummaryTable(year: $year) { year rows { kind status creditCode } } }`, { year }, admin);
    expect(r.errors).toBeUndefined();
    const rows = r.data.taiyuanSummaryTable.rows as { kind: string; status: string; creditCode: string }[];
    const onTable = await counted(
      `select status as key, count(*)::int as count from taiyuan.applications where campaign_year = $1 and status in ('COUNTY_RECOMMENDED','EXPERT_REVIEWED','DESIGNATED','REJECTED') group by 1`,
      [year],
    );
    const recommended = (await db.query(`select count(*)::int as n from taiyuan.provincial_recommendations where campaign_year = $1`, [year])).rows[0].n;
    const listed: Record<string, number> = {};
    for (const row of rows.filter((x) => x.kind === '市级认定')) listed[row.status] = (listed[row.status] ?? 0) + 1;
    expect(listed).toEqual(onTable);
    expect(rows.filter((x) => x.kind === '省级推荐')).toHaveLength(recommended);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((x) => x.creditCode.length === 18)).toBe(true);
  }
});
