import { Client } from 'pg';
import { Role } from '@sme/kernel';
import { graphqlClient, tokenFor, type GraphQLResult } from '@sme/testing';
import { benchOperations, type BenchOperation } from '../packages/benchmark/src/bench-operations';
import { startSupergraph } from './support/supergraph';
import { demoDatabaseInProcess } from './support/demo-data-in-process';
import { copyDemoData } from './support/demo-data-copies';

/**
 * Issue 7: no N+1 anywhere. The SQL statements an operation costs (each subgraph's `x-sql-statements`, summed by the
 * gateway) must not depend on how many rows it returns: a page of 100 costs what a page of 10 costs, `_entities`
 * with 100 representations what it costs with one, and the dashboard and the lists that answer all their rows what
 * they cost on the demo data alone. The demo data of every programme (loaded through the services, so every record
 * has its history and audit trail) is copied 100 times, the copies interleaved with the originals in every list's
 * order, so that a page of 10 already holds every kind of record a page of 100 holds. The counts are recorded
 * below: a change in any of them is a visible diff, and a count that grows with the page fails.
 */

/** The benchmark's documents, as it sends them (the trace and dashboard are the gateway's own: the explorer's trace and the persisted dashboard operation). */
const benchDocument = (name: BenchOperation['name']) => benchOperations({ requiredMaterials: [] }).find((o) => o.name === name)!.steps[0].document;
const INSTITUTIONS_PAGE = benchDocument('page');
const TRACE = benchDocument('trace');
const DASHBOARD = benchDocument('dashboard');

/** Statements per operation, the same at every page size (and for 1 and 100 representations). */
const STATEMENTS: Record<string, number> = {
  'institutions page (every subgraph)': 17,
  trace: 16,
  dashboard: 34,
  institutions: 5,
  shanxiLibraryApplications: 11,
  hebeiLibraryApplications: 11,
  shanxiLibraryMembers: 11,
  hebeiLibraryMembers: 12,
  shanxiLibraryOfferings: 5,
  hebeiLibraryOfferings: 5,
  hebeiServiceAppointments: 6,
  shanxiProvincialPlatformReviews: 10,
  shanxiProvincialPlatforms: 6,
  shandongPlatformApplications: 7,
  ningxiaPlatformApplications: 7,
  shandongPlatforms: 8,
  ningxiaPlatforms: 8,
  taiyuanApplications: 14,
  shanxiLibraryPublicNotices: 10,
  hebeiLibraryPublicNotices: 10,
  shanxiLibraryRecommendationSummary: 2,
  hebeiLibraryRecommendationSummary: 2,
  shandongPlatformPublicNotices: 1,
  ningxiaPlatformPublicNotices: 6,
  shandongPlatformSummaryDuties: 8,
  ningxiaPlatformSummaryDuties: 8,
  ningxiaCityPlatformReportDuties: 2,
  shanxiProvincialPlatformNotices: 8,
  taiyuanProvincialRecommendations: 7,
  taiyuanSummaryTable: 4,
  'registry _entities Institution by id': 4,
  'registry _entities Institution by creditCode': 4,
  'shanxi _entities Institution': 5,
  'hebei _entities Institution': 4,
  'shandong _entities Institution': 4,
  'ningxia _entities Institution': 4,
  'taiyuan _entities Institution': 10,
  'taiyuan _entities TaiyuanProvincialRecommendation': 2,
  'shanxi _entities TaiyuanProvincialRecommendation': 6,
};

// Each selection reads every field that costs a statement of its own (a loader, a reference to another subgraph),
// and few that cost none: a page of 100 is heavy enough for the gateway without them.
const LIBRARY_APPLICATION = `id status submittedOn returnReason cityOpinion institution { name } declared { year } eligibility { outcome }
  materials { complete } spotChecks { checkedOn } objections { status } statusHistory { toStatus } auditTrail { action }`;
const LIBRARY_MEMBER = `id status admittedOn nextReportDueOn institution { name } application { status } statusHistory { toStatus } auditTrail { action }
  quarterlyReports { dueOn } notices { issuedOn } majorChanges { kind } evaluations { year } offerings(includeWithdrawn: true) { title } appointmentSummary { total }`;
const LIBRARY_OFFERING = 'id kind title member { status institution { name } offerings { title } }';
const PLATFORM_APPLICATION = `id status campaignYear institution { name } declared { figuresYear } contactPerson expertReview { opinion }
  eligibility { outcome } statusHistory { toStatus } auditTrail { action }`;
const PLATFORM = `id status designatedOn title institution { name } assessments { year } inspections { inspectedOn } summaries { year }
  statusHistory { toStatus } auditTrail { action }`;

/** Every connection of every subgraph, with every field its nodes offer that reads more than the node itself. */
const LISTS: Record<string, string> = {
  institutions: 'id name region { name } creditStatus creditRecords { kind } annualFacts { year } contactPerson auditTrail { action }',
  shanxiLibraryApplications: LIBRARY_APPLICATION,
  hebeiLibraryApplications: LIBRARY_APPLICATION,
  shanxiLibraryMembers: LIBRARY_MEMBER,
  hebeiLibraryMembers: LIBRARY_MEMBER,
  shanxiLibraryOfferings: LIBRARY_OFFERING,
  hebeiLibraryOfferings: LIBRARY_OFFERING,
  hebeiServiceAppointments: 'id requestedOn overdue member { status institution { name } } contactPerson statusHistory { toStatus } auditTrail { action }',
  shanxiProvincialPlatformReviews: `id status receivedOn recommendation { recommendedOn countyOpinion cityDesignation { validUntil } institution { name } }
    institution { name } cityOpinion expertReview { opinion } designation { designatedOn } allowedActions statusHistory { toStatus } auditTrail { action }`,
  shanxiProvincialPlatforms: 'id designatedOn status institution { name } recommendation { recommendedOn } review { status expertReview { opinion } }',
  shandongPlatformApplications: PLATFORM_APPLICATION,
  ningxiaPlatformApplications: PLATFORM_APPLICATION,
  shandongPlatforms: PLATFORM,
  ningxiaPlatforms: PLATFORM,
  taiyuanApplications: `id campaignYear status institution { name } report { staffCount } eligibility { outcome }
    countyRecommendation { recommendedOn satisfaction { satisfactionRate } opinion downloadPath }
    expertReview { opinion } designation { status validUntil }
    provincialRecommendations { recommendedOn cityDesignation { validUntil } provincialReview { status designation { validUntil } } }
    statusHistory { toStatus } auditTrail { action }`,
};

/**
 * The lists that are not pages (each answers all its rows): the same cost on the demo data and on a hundred and
 * one times as many rows.
 */
const WHOLE_LISTS: Record<string, string> = {
  shanxiLibraryPublicNotices: `shanxiLibraryPublicNotices { ${LIBRARY_APPLICATION} }`,
  hebeiLibraryPublicNotices: `hebeiLibraryPublicNotices { ${LIBRARY_APPLICATION} }`,
  shanxiLibraryRecommendationSummary: 'shanxiLibraryRecommendationSummary(unitCode: "140100", year: 2026) { title rows { serial institutionName creditCode regionName status } }',
  hebeiLibraryRecommendationSummary: 'hebeiLibraryRecommendationSummary(unitCode: "130682", year: 2026) { title rows { serial institutionName creditCode regionName status } }',
  // empty: no Shandong application of the demo data is in its notice (one statement, whatever the data)
  shandongPlatformPublicNotices: `shandongPlatformPublicNotices { ${PLATFORM_APPLICATION} }`,
  ningxiaPlatformPublicNotices: `ningxiaPlatformPublicNotices { ${PLATFORM_APPLICATION} }`,
  shandongPlatformSummaryDuties: `shandongPlatformSummaryDuties(year: 2024) { dueOn status summary { filedOn late } platform { ${PLATFORM} } }`,
  ningxiaPlatformSummaryDuties: `ningxiaPlatformSummaryDuties(year: 2025) { dueOn status summary { filedOn late } platform { ${PLATFORM} } }`,
  ningxiaCityPlatformReportDuties: 'ningxiaCityPlatformReportDuties(year: 2025) { cityCode cityName dueOn status report { filedOn late } }',
  shanxiProvincialPlatformNotices: `shanxiProvincialPlatformNotices { id status noticeEndsOn institution { name } recommendation { recommendedOn cityDesignation { validUntil } }
    expertReview { opinion } designation { designatedOn } statusHistory { toStatus } auditTrail { action } }`,
  taiyuanProvincialRecommendations: `taiyuanProvincialRecommendations(year: 2023) { id recommendedOn countyOpinion institution { name } cityDesignation { validUntil }
    provincialReview { status expertReview { opinion } designation { validUntil review { status } } } }`,
  taiyuanSummaryTable: 'taiyuanSummaryTable(year: 2023) { title rows { serial kind institutionName creditCode recommendingUnit status totalAssets staff revenue smesServed } }',
};
const WHOLE_LIST_DOCUMENT = (list: string) => `{ ${WHOLE_LISTS[list]} }`;
/** One row a city: the copies add platforms to the same cities (the rows read underneath grow, the answer does not). */
const ROW_PER_CITY = new Set(['ningxiaCityPlatformReportDuties']);
/** Statements and rows of each whole list on the demo data, before it is copied. */
const onDemoData: Record<string, { count: number; rows: number }> = {};
const rowsOf = (data: any, list: string) => (Array.isArray(data[list]) ? data[list].length : data[list].rows.length);

/** `_entities` straight at a subgraph: the type, its fields, and the representations (the first has every kind of record). */
interface EntityCase {
  subgraph: string;
  type: string;
  fields: string;
  representations: () => Promise<Record<string, string>[]>;
}

const INSTITUTION_PROGRAMME_FIELDS: Record<string, string> = {
  shanxi: 'shanxiLibrary { status application { status } } shanxiLibraryApplications { status statusHistory { toStatus } } shanxiPlatform { status validUntil }',
  hebei: 'hebeiLibrary { status application { status } } hebeiLibraryApplications { status statusHistory { toStatus } }',
  shandong: 'shandongPlatform { status validUntil } shandongPlatformApplications { status eligibility { outcome } }',
  ningxia: 'ningxiaPlatform { status validUntil } ningxiaPlatformApplications { status eligibility { outcome } }',
  taiyuan: `taiyuan { cityDesignation { validUntil } cityDesignations { validUntil } provincialRecommendations { recommendedOn cityDesignation { validUntil } }
    applications { status eligibility { outcome } countyRecommendation { satisfaction { satisfactionRate } } expertReview { opinion } designation { validUntil }
      provincialRecommendations { recommendedOn } statusHistory { toStatus } } }`,
};

/** Institutions with records in a programme, those whose records read the most first (the first is asked for alone). */
const PROGRAMME_INSTITUTIONS: Record<string, string> = {
  shanxi: 'select institution_id as id from shanxi.members order by admitted_on, id',
  hebei: 'select institution_id as id from hebei.members order by admitted_on, id',
  shandong: `select institution_id as id from shandong.applications group by institution_id order by bool_or(declared->>'figuresYear' is not null) desc, institution_id`,
  ningxia: `select institution_id as id from ningxia.applications group by institution_id order by bool_or(declared->>'figuresYear' is not null) desc, institution_id`,
  taiyuan: `select a.institution_id as id from taiyuan.applications a join taiyuan.city_designations d on d.application_id = a.id
    join taiyuan.provincial_recommendations r on r.designation_id = d.id group by a.institution_id order by a.institution_id`,
};

let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
let db: Client;
let analyst: string;
let admin: string;
let dashboardOnDemoData: number;
let tracedInstitutions: string[];

const ids = async (sql: string, limit: number) => (await db.query(`${sql} limit ${limit}`)).rows.map((r: { id: string }) => r.id);

const ENTITIES: Record<string, EntityCase> = {
  'registry _entities Institution by id': {
    subgraph: 'registry', type: 'Institution',
    fields: 'id name creditCode legalForm region { name } creditStatus creditRecords { kind } annualFacts { year } contactPerson auditTrail { action }',
    representations: async () => (await ids('select id from registry.institutions order by name, id', 100)).map((id) => ({ __typename: 'Institution', id })),
  },
  'registry _entities Institution by creditCode': {
    subgraph: 'registry', type: 'Institution',
    fields: 'id name creditStatus creditRecords { kind } annualFacts { year } auditTrail { action }',
    representations: async () => (await db.query('select credit_code from registry.institutions order by name, id limit 100')).rows.map((r) => ({ __typename: 'Institution', creditCode: r.credit_code })),
  },
  ...Object.fromEntries(
    Object.entries(INSTITUTION_PROGRAMME_FIELDS).map(([subgraph, fields]) => [
      `${subgraph} _entities Institution`,
      { subgraph, type: 'Institution', fields, representations: async () => (await ids(PROGRAMME_INSTITUTIONS[subgraph], 100)).map((id) => ({ __typename: 'Institution', id })) },
    ]),
  ),
  'taiyuan _entities TaiyuanProvincialRecommendation': {
    subgraph: 'taiyuan', type: 'TaiyuanProvincialRecommendation',
    fields: 'id campaignYear regionCode recommendedOn countyOpinion cityOpinion institution { id } cityDesignation { validUntil status }',
    representations: async () => (await ids('select id from taiyuan.provincial_recommendations order by id', 100)).map((id) => ({ __typename: 'TaiyuanProvincialRecommendation', id })),
  },
  'shanxi _entities TaiyuanProvincialRecommendation': {
    subgraph: 'shanxi', type: 'TaiyuanProvincialRecommendation',
    fields: 'provincialReview { status cityOpinion expertReview { opinion } designation { designatedOn review { status } } statusHistory { toStatus } auditTrail { action } }',
    // designated reviews first: the first representation reads a designation and its review too
    representations: async () => (await ids(`select recommendation_id as id from shanxi.provincial_platform_reviews order by status <> 'DESIGNATED', recommendation_id`, 100)).map((id) => ({ __typename: 'TaiyuanProvincialRecommendation', id })),
  },
};

/** Sends an operation and returns its statement count; an error fails the test rather than a cheaper answer passing. */
async function statements(send: () => Promise<GraphQLResult>): Promise<{ count: number; data: any }> {
  const result = await send();
  expect(result.errors).toBeUndefined();
  expect(Number.isInteger(result.sqlStatements) && result.sqlStatements > 0).toBe(true);
  return { count: result.sqlStatements, data: result.data };
}

beforeAll(async () => {
  supergraph = await startSupergraph({ database: demoDatabaseInProcess, env: { BACKGROUND_JOBS: 'off' } });
  db = new Client({ connectionString: supergraph.databaseUrl });
  await db.connect();
  analyst = await tokenFor(Role.ANALYST);
  admin = await tokenFor(Role.ADMIN);
  dashboardOnDemoData = (await statements(() => supergraph.query(DASHBOARD, { year: 2023 }, analyst))).count;
  // the demo data's two provincial reviews: one designated, one in its notice
  for (const list of Object.keys(WHOLE_LISTS)) {
    const { count, data } = await statements(() => supergraph.query(WHOLE_LIST_DOCUMENT(list), {}, admin));
    onDemoData[list] = { count, rows: rowsOf(data, list) };
  }
  tracedInstitutions = (await db.query('select institution_id from shanxi.provincial_platform_reviews order by campaign_year')).rows.map((r) => r.institution_id);
  await copyDemoData(supergraph.databaseUrl, 100);
}, 120_000);

afterAll(async () => {
  await db?.end();
  await supergraph?.stop();
});

it('reads a page of institutions with fields from every subgraph at the same cost for 10 and 100', async () => {
  const counts = [];
  for (const first of [10, 100]) {
    const { count, data } = await statements(() => supergraph.query(INSTITUTIONS_PAGE, { first }, analyst));
    expect(data.institutions.edges).toHaveLength(first);
    counts.push(count);
  }
  expect(counts).toEqual([STATEMENTS['institutions page (every subgraph)'], STATEMENTS['institutions page (every subgraph)']]);
});

it('traces an institution at the same cost whatever its records', async () => {
  const counts = [];
  for (const id of tracedInstitutions) {
    const { count, data } = await statements(() => supergraph.query(TRACE, { id }, analyst));
    expect(data.institution.taiyuan.applications[0].provincialRecommendations[0].provincialReview).not.toBeNull();
    counts.push(count);
  }
  expect(counts).toEqual([STATEMENTS.trace, STATEMENTS.trace]);
});

it('reads the dashboard at the same cost on a hundred times the data', async () => {
  const { count, data } = await statements(() => supergraph.query(DASHBOARD, { year: 2023 }, analyst));
  expect(data.shanxiLibraryStatistics.currentMembers).toBe(101);
  expect([dashboardOnDemoData, count]).toEqual([STATEMENTS.dashboard, STATEMENTS.dashboard]);
});

it.each(Object.keys(LISTS))('lists %s at the same cost for 10 and 100', async (list) => {
  const document = `query($first: Int!) { ${list}(first: $first) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${LISTS[list]} } } } }`;
  const counts = [];
  for (const first of [10, 100]) {
    const { count, data } = await statements(() => supergraph.query(document, { first }, admin));
    expect(data[list].edges).toHaveLength(first);
    counts.push(count);
  }
  expect(counts).toEqual([STATEMENTS[list], STATEMENTS[list]]);
});

it.each(Object.keys(WHOLE_LISTS))('answers %s at the same cost on a hundred and one times the rows', async (list) => {
  const { count, data } = await statements(() => supergraph.query(WHOLE_LIST_DOCUMENT(list), {}, admin));
  expect(rowsOf(data, list)).toBe(onDemoData[list].rows * (ROW_PER_CITY.has(list) ? 1 : 101));
  expect([onDemoData[list].count, count]).toEqual([STATEMENTS[list], STATEMENTS[list]]);
});

it.each(Object.keys(ENTITIES))('resolves %s at the same cost for 1 and 100 representations', async (name) => {
  const { subgraph, type, fields, representations } = ENTITIES[name];
  const all = await representations();
  expect(all).toHaveLength(100);
  const query = graphqlClient(supergraph.subgraphUrls[subgraph]);
  const document = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${type} { ${fields} } } }`;
  const counts = [];
  for (const batch of [all.slice(0, 1), all]) {
    const { count, data } = await statements(() => query(document, { representations: batch }, admin));
    expect(data._entities).toHaveLength(batch.length);
    expect(data._entities.every((e: unknown) => e !== null)).toBe(true);
    counts.push(count);
  }
  expect(counts).toEqual([STATEMENTS[name], STATEMENTS[name]]);
});
