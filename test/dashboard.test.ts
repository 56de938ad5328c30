import type { Page, Request } from 'playwright-core';
import { Role, addDays, chinaToday } from '@sme/kernel';
import { tokenFor } from '@sme/testing';
import { launchHeadlessChromium, type HeadlessChromium } from '../packages/testing/src/headless-chromium';
import { startSupergraph } from './support/supergraph';
import { completeDemoData } from './support/demo-data';
import { demoDatabaseInProcess } from './support/demo-data-in-process';

/**
 * The dashboard at `/dashboard`, driven in headless Chromium (from the npm registry: packages/testing
 * headless-chromium.ts) over every programme's demo data: each figure the page shows in its tables is read back
 * and compared with the same figure asked of the GraphQL API by this test's own queries, anonymously and with an
 * analyst's token; each chart draws what its table says; and the page asked nothing of any host but the gateway.
 * The gateway runs with PERSISTED_OPERATIONS=require, so a page that sent anything but the manifest's operations
 * would show nothing.
 */

let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
let chromium: HeadlessChromium;
let analyst: string;
let origin: string;
/** Every request any page of this file made, and what went wrong in them. */
const requests: Request[] = [];
const problems: string[] = [];

/** A table as shown, in its rows' order: each row's key, its label and each column's text. */
type ShownTable = { key: string; label: string; cells: Record<string, string> }[];
/** What a cell should say: a number, '—' (not part of that programme) or RESTRICTED (needs a token). */
type Expected = Record<string, Record<string, number | null | typeof RESTRICTED>>;
const RESTRICTED = 'RESTRICTED';

beforeAll(async () => {
  const previous = process.env.PERSISTED_OPERATIONS;
  process.env.PERSISTED_OPERATIONS = 'require'; // read by the gateway as it starts
  try {
    [supergraph, chromium] = await Promise.all([
      // the demo data through the services, in this process (the page is under test here, not `npm start`)
      startSupergraph({ database: demoDatabaseInProcess, env: { BACKGROUND_JOBS: 'off' } }),
      launchHeadlessChromium(),
    ]);
  } finally {
    if (previous === undefined) delete process.env.PERSISTED_OPERATIONS;
    else process.env.PERSISTED_OPERATIONS = previous;
  }
  analyst = await tokenFor(Role.ANALYST);
  const admin = await tokenFor(Role.ADMIN);
  // a removed Hebei member, so that every member status has a count
  await completeDemoData((document, variables) => supergraph.query(document, variables, admin));
  origin = new URL(supergraph.gatewayUrl).origin;
}, 240_000);

afterAll(async () => {
  await chromium?.close();
  await supergraph?.stop();
});

async function openDashboard(search = ''): Promise<Page> {
  const page = await chromium.browser.newPage();
  page.on('request', (request) => requests.push(request));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  const response = await page.goto(`${origin}/dashboard${search}`);
  expect(response?.status()).toBe(200);
  await page.waitForSelector('body[data-state="ready"], body[data-state="error"]');
  // with the status line, which says what went wrong if anything did
  expect([await page.getAttribute('body', 'data-state'), await page.textContent('#status')]).toEqual(['ready', expect.any(String)]);
  return page;
}

/** Every table of the page, as shown. */
function shownTables(page: Page): Promise<Record<string, ShownTable>> {
  return page.$$eval('table[id]', (tables) =>
    Object.fromEntries(
      tables.map((table) => [
        table.id,
        [...table.querySelectorAll('tbody tr[data-key]')].map((tr) => ({
          key: tr.getAttribute('data-key')!,
          label: tr.querySelector('th')!.textContent!,
          cells: Object.fromEntries([...tr.querySelectorAll('td[data-column]')].map((td) => [td.getAttribute('data-column')!, td.textContent!])),
        })),
      ]),
    ),
  );
}

/** A cell's text as the figure it stands for. */
function figureOf(text: string): number | null | typeof RESTRICTED {
  if (text === '—') return null;
  if (text.startsWith('需令牌')) return RESTRICTED;
  if (!/^[\d,]+$/.test(text)) throw new Error(`not a figure: "${text}"`);
  return Number(text.replace(/,/g, ''));
}

/** The figures of a table (the listed columns of every row). */
function figures(table: ShownTable, columns: string[]): Expected {
  return Object.fromEntries(table.map((row) => [row.key, Object.fromEntries(columns.map((c) => [c, figureOf(row.cells[c])]))]));
}

interface Count {
  key: string;
  count: number;
}
const count = (list: Count[], key: string) => list.find((c) => c.key === key)?.count ?? 0;
const keys = (fixed: string[], ...lists: Count[][]) => [...new Set([...fixed, ...lists.flat().map((c) => c.key)])];
const byKey = (list: Count[]) => Object.fromEntries(list.map((c) => [c.key, { count: c.count }]));

/** The same figures, asked of the API directly (an analyst reads the public figures as everyone does). */
async function apiFigures(asOf: string) {
  const before = addDays(asOf, 90);
  const library = 'currentMembers membersByStatus { key count } membersByCategory { key count } membersByCity { key count }';
  const platform = 'designated designationsByStatus { key count } designatedByFunction { key count } designatedByCity { key count } expiringWithin90Days overdueSummaries';
  const expiring = 'totalCount edges { node { validUntil institution { creditCode } } }';
  const result = await supergraph.query(
    `query($asOf: Date!, $before: Date!, $year: Int!) {
      shanxiLibraryStatistics { ${library} }
      hebeiLibraryStatistics { ${library} }
      shandongPlatformStatistics(asOf: $asOf) { ${platform} }
      ningxiaPlatformStatistics(asOf: $asOf) { ${platform} }
      shanxiDesignated: shanxiProvincialPlatforms(filter: { status: DESIGNATED }, first: 100) { ${expiring} }
      shanxiExpired: shanxiProvincialPlatforms(filter: { status: EXPIRED }) { totalCount }
      shanxiRevoked: shanxiProvincialPlatforms(filter: { status: REVOKED }) { totalCount }
      shandongExpiring: shandongPlatforms(filter: { status: DESIGNATED, asOf: $asOf, validUntilBefore: $before }, first: 100) { ${expiring} }
      ningxiaExpiring: ningxiaPlatforms(filter: { status: DESIGNATED, asOf: $asOf, validUntilBefore: $before }, first: 100) { ${expiring} }
      shanxiNotified: shanxiLibraryMembers(filter: { status: NOTIFIED }) { totalCount }
      hebeiNotified: hebeiLibraryMembers(filter: { status: NOTIFIED }) { totalCount }
      hebeiOverdueAppointments: hebeiServiceAppointments(filter: { overdue: true }) { totalCount }
      shandongSummaries: shandongPlatformSummaryDuties(year: $year, asOf: $asOf) { status }
      ningxiaSummaries: ningxiaPlatformSummaryDuties(year: $year, asOf: $asOf) { status }
      ningxiaCityReports: ningxiaCityPlatformReportDuties(year: $year, asOf: $asOf) { status }
    }`,
    { asOf, before, year: Number(asOf.slice(0, 4)) - 1 },
    analyst,
  );
  expect(result.errors).toBeUndefined();
  const d = result.data;
  const shanxiExpiring = d.shanxiDesignated.edges.filter((e: any) => e.node.validUntil <= before);
  // the API agrees with itself: the list's count is the statistics' count
  expect([d.shandongExpiring.totalCount, d.ningxiaExpiring.totalCount]).toEqual([d.shandongPlatformStatistics.expiringWithin90Days, d.ningxiaPlatformStatistics.expiringWithin90Days]);
  const overdue = (duties: { status: string }[]) => duties.filter((x) => x.status === 'OVERDUE').length;
  return { d, before, shanxiExpiring, overdue: { shandong: overdue(d.shandongSummaries), ningxia: overdue(d.ningxiaSummaries), cityReports: overdue(d.ningxiaCityReports) } };
}

type ApiFigures = Awaited<ReturnType<typeof apiFigures>>;

/** Checks every public table of the page against the API's figures. */
function expectPublicFigures(shown: Record<string, ShownTable>, api: ApiFigures): void {
  const { d, shanxiExpiring } = api;
  const [sx, hb, sd, nx] = [d.shanxiLibraryStatistics, d.hebeiLibraryStatistics, d.shandongPlatformStatistics, d.ningxiaPlatformStatistics];

  expect(figures(shown['by-province'], ['members', 'designated', 'expiring'])).toEqual({
    '140000': { members: sx.currentMembers, designated: d.shanxiDesignated.totalCount, expiring: shanxiExpiring.length },
    '130000': { members: hb.currentMembers, designated: null, expiring: null },
    '370000': { members: null, designated: sd.designated, expiring: sd.expiringWithin90Days },
    '640000': { members: null, designated: nx.designated, expiring: nx.expiringWithin90Days },
  });

  const libraryTable = (fixed: string[], of: (s: any) => Count[]) =>
    Object.fromEntries(keys(fixed, of(sx), of(hb)).map((k) => [k, { shanxi: count(of(sx), k), hebei: count(of(hb), k) }]));
  expect(figures(shown['members-by-status'], ['shanxi', 'hebei'])).toEqual(libraryTable(['ACTIVE', 'NOTIFIED', 'REMOVED'], (s) => s.membersByStatus));
  expect(figures(shown['members-by-category'], ['shanxi', 'hebei'])).toEqual(libraryTable([], (s) => s.membersByCategory));
  expect(figures(shown['members-by-city'], ['count'])).toEqual({ ...byKey(sx.membersByCity), ...byKey(hb.membersByCity) });

  const shanxiStatus = [
    { key: 'DESIGNATED', count: d.shanxiDesignated.totalCount },
    { key: 'EXPIRED', count: d.shanxiExpired.totalCount },
    { key: 'REVOKED', count: d.shanxiRevoked.totalCount },
  ];
  expect(figures(shown['designations-by-status'], ['shandong', 'ningxia', 'shanxi'])).toEqual(
    Object.fromEntries(
      keys(['DESIGNATED', 'EXPIRED', 'REVOKED'], sd.designationsByStatus, nx.designationsByStatus).map((k) => [
        k,
        { shandong: count(sd.designationsByStatus, k), ningxia: count(nx.designationsByStatus, k), shanxi: count(shanxiStatus, k) },
      ]),
    ),
  );
  expect(figures(shown['designations-by-function'], ['shandong', 'ningxia'])).toEqual(
    Object.fromEntries(keys([], sd.designatedByFunction, nx.designatedByFunction).map((k) => [k, { shandong: count(sd.designatedByFunction, k), ningxia: count(nx.designatedByFunction, k) }])),
  );
  expect(figures(shown['designations-by-city'], ['count'])).toEqual({ ...byKey(sd.designatedByCity), ...byKey(nx.designatedByCity) });

  expect(figures(shown['expiring-counts'], ['count'])).toEqual({
    shandong: { count: sd.expiringWithin90Days },
    ningxia: { count: nx.expiringWithin90Days },
    shanxi: { count: shanxiExpiring.length },
  });
  const listed = (programme: string, edges: any[]) => edges.map((e) => [`${programme}:${e.node.institution.creditCode}`, e.node.validUntil]);
  expect(Object.fromEntries(shown['expiring-list'].map((row) => [row.key, row.cells.validUntil]))).toEqual(
    Object.fromEntries([...listed('shandong', d.shandongExpiring.edges), ...listed('ningxia', d.ningxiaExpiring.edges), ...listed('shanxi', shanxiExpiring)]),
  );
}

/** The overdue counts by province: the public ones always, the rest with a token (else the cell says so). */
function expectOverdueCounts(shown: Record<string, ShownTable>, api: ApiFigures, withToken: boolean): void {
  const { d, overdue } = api;
  expect(figures(shown['overdue-by-province'], ['notified', 'overdueSummaries', 'overdueCityReports', 'overdueAppointments'])).toEqual({
    '140000': { notified: d.shanxiNotified.totalCount, overdueSummaries: null, overdueCityReports: null, overdueAppointments: null },
    '130000': { notified: d.hebeiNotified.totalCount, overdueSummaries: null, overdueCityReports: null, overdueAppointments: withToken ? d.hebeiOverdueAppointments.totalCount : RESTRICTED },
    '370000': { notified: null, overdueSummaries: d.shandongPlatformStatistics.overdueSummaries, overdueCityReports: null, overdueAppointments: null },
    '640000': { notified: null, overdueSummaries: d.ningxiaPlatformStatistics.overdueSummaries, overdueCityReports: withToken ? overdue.cityReports : RESTRICTED, overdueAppointments: null },
  });
  // the statistics' public count of last year's overdue summaries is the duty list's
  expect([d.shandongPlatformStatistics.overdueSummaries, d.ningxiaPlatformStatistics.overdueSummaries]).toEqual([overdue.shandong, overdue.ningxia]);
}

/** Each chart: drawn (an SVG of some size) and drawing exactly its table's numbers, row by row. */
async function expectChartsDrawTheirTables(page: Page, shown: Record<string, ShownTable>): Promise<number> {
  const charts = await page.$$eval('.chart', (elements) =>
    elements.map((el) => {
      const svg = el.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      const option = (window as any).echarts.getInstanceByDom(el).getOption();
      const categoryAxis = [...option.xAxis, ...option.yAxis].find((axis: any) => axis.type === 'category');
      return {
        id: el.id,
        size: box ? [box.width, box.height] : [0, 0],
        drawn: el.querySelectorAll('svg path').length,
        categories: categoryAxis.data as string[],
        series: option.series.map((s: any) => s.data as number[]),
      };
    }),
  );
  expect(charts.map((c) => c.id).sort()).toEqual(
    ['by-province', 'members-by-status', 'members-by-category', 'members-by-city', 'designations-by-status', 'designations-by-function', 'designations-by-city', 'expiring-counts', 'overdue-by-province']
      .map((id) => `chart-${id}`)
      .sort(),
  );
  for (const chart of charts) {
    expect(chart.size[0]).toBeGreaterThan(0);
    expect(chart.size[1]).toBeGreaterThan(0);
    expect(chart.drawn).toBeGreaterThan(0);
    const table = shown[chart.id.replace(/^chart-/, '')];
    expect(chart.categories).toEqual(table.map((row) => row.label));
    // each numeric column of the table is one series; '—' and token cells are drawn as 0
    const columns = Object.keys(table[0]?.cells ?? {}).filter((c) => table.some((row) => numberIn(row.cells[c]) !== undefined));
    expect(chart.series).toEqual(columns.map((c) => table.map((row) => numberIn(row.cells[c]) ?? 0)));
  }
  return charts.length;
}

/** The number a cell shows, if it shows one. */
const numberIn = (text: string): number | undefined => (/^[\d,]+$/.test(text) ? Number(text.replace(/,/g, '')) : undefined);

/** The sum of a table's figures: a table of zeros would compare equal and prove little. */
const total = (table: ShownTable) => table.flatMap((row) => Object.values(row.cells).map((text) => numberIn(text) ?? 0)).reduce((a, b) => a + b, 0);

test('shows today’s figures anonymously, each as the API gives it, with charts of them and the token-only figures marked', async () => {
  const before = chinaToday();
  const page = await openDashboard();
  const asOf = (await page.textContent('#as-of'))!;
  expect([before, chinaToday()]).toContain(asOf);
  expect(await page.textContent('#expiring-before')).toBe(addDays(asOf, 90));
  const shown = await shownTables(page);
  const api = await apiFigures(asOf);
  expectPublicFigures(shown, api);
  expectOverdueCounts(shown, api, false);
  expect(await page.getAttribute('body', 'data-restricted')).toBe('none');
  expect(shown['overdue-list']).toEqual([]);
  for (const id of ['by-province', 'members-by-status', 'members-by-category', 'members-by-city', 'designations-by-status', 'designations-by-function']) {
    expect(total(shown[id])).toBeGreaterThan(0);
  }
  expect(await expectChartsDrawTheirTables(page, shown)).toBe(9);
  await page.close();
});

test('on a chosen date, with an analyst’s token: the expiring designations listed and the overdue duties counted as the API gives them', async () => {
  // the demo's last Shandong designation ends in December 2026, and its 2025 summary was never filed
  const asOf = '2026-11-01';
  const page = await openDashboard(`?asOf=${asOf}`);
  expect(await page.textContent('#as-of')).toBe(asOf);
  await page.fill('#token', `Bearer ${analyst}`);
  await page.click('#token-form button[type="submit"]');
  await page.waitForSelector('body[data-restricted="ready"], body[data-restricted="error"]');
  expect(await page.getAttribute('body', 'data-restricted')).toBe('ready');
  expect(await page.inputValue('#token')).toBe(''); // the field does not keep the token on screen

  const shown = await shownTables(page);
  const api = await apiFigures(asOf);
  expectPublicFigures(shown, api);
  expectOverdueCounts(shown, api, true);
  expect(shown['expiring-list'].length).toBeGreaterThan(0);
  expect(total(shown['overdue-by-province'])).toBeGreaterThan(0);

  // the overdue list: one row per overdue summary, city report, appointment (the first 20) and notified member
  const kinds = shown['overdue-list'].map((row) => row.key.split(':')[0]);
  const rowsOf = (kind: string) => kinds.filter((k) => k === kind).length;
  expect({
    summary: rowsOf('summary'),
    'city-report': rowsOf('city-report'),
    appointment: rowsOf('appointment'),
    notified: rowsOf('notified'),
  }).toEqual({
    summary: api.overdue.shandong + api.overdue.ningxia,
    'city-report': api.overdue.cityReports,
    appointment: Math.min(api.d.hebeiOverdueAppointments.totalCount, 20),
    notified: Math.min(api.d.shanxiNotified.totalCount, 20) + Math.min(api.d.hebeiNotified.totalCount, 20),
  });
  expect(await expectChartsDrawTheirTables(page, shown)).toBe(9);

  // clearing the token takes the token-only figures away again
  await page.click('#token-clear');
  await page.waitForSelector('body[data-restricted="none"]');
  expectOverdueCounts(await shownTables(page), api, false);
  await page.close();
});

test('a date that is not one, and a token that is not one, are refused on the page with what was wrong', async () => {
  const page = await openDashboard('?asOf=2026-02-30');
  expect([chinaToday(), addDays(chinaToday(), -1)]).toContain(await page.textContent('#as-of'));
  expect(await page.getAttribute('#status', 'class')).toContain('error');
  expect(await page.textContent('#status')).toContain('2026-02-30');

  const before = problems.length;
  await page.fill('#token', 'not-a-token');
  await page.click('#token-form button[type="submit"]');
  await page.waitForSelector('body[data-restricted="error"], body[data-restricted="ready"]');
  expect(await page.getAttribute('body', 'data-restricted')).toBe('error');
  expect(await page.textContent('#restricted-status')).toContain('UNAUTHENTICATED');
  // the public figures stay, the token-only ones say they need a token
  expect(figureOf((await shownTables(page))['overdue-by-province'].find((row) => row.key === '130000')!.cells.overdueAppointments)).toBe(RESTRICTED);
  // the browser reports the refused request itself; that is the one problem expected here
  expect(problems.splice(before)).toEqual([expect.stringMatching(/^console error: Failed to load resource: .*401/)]);
  await page.close();
});

test('the pages asked nothing of any host but the gateway, and only its persisted operations of it', () => {
  expect(requests.length).toBeGreaterThan(0);
  const elsewhere = requests.map((r) => r.url()).filter((url) => !url.startsWith(`${origin}/`));
  expect(elsewhere).toEqual([]);
  const byKind = requests.map((r) => `${r.method()} ${new URL(r.url()).pathname}`);
  expect([...new Set(byKind)].sort()).toEqual(['GET /dashboard', 'POST /graphql']);
  for (const request of requests.filter((r) => r.method() === 'POST')) {
    const body = JSON.parse(request.postData()!);
    expect(body.query).toBeUndefined();
    expect(body.documentId).toMatch(/^sha256:[0-9a-f]{64}$/);
  }
  // three page loads with one public read each, and a read of the overdue duties with each token given
  expect(byKind.filter((k) => k === 'POST /graphql')).toHaveLength(5);
  expect(problems).toEqual([]);
});
