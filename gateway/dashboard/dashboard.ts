/**
 * The dashboard page's script (a classic browser script, inlined into the page by gateway/src/dashboard.ts, with
 * Apache ECharts inlined before it as the global `echarts`). It reads only the public GraphQL API at the
 * gateway's `/graphql`, through the persisted operations the page names (gateway/persisted-operations/
 * dashboard-figures.graphql anonymously, overdue-duties.graphql with a token), and loads nothing from anywhere
 * else: the page works on an intranet with no internet access. Every figure is shown as text in a table (what
 * screen readers and the end-to-end test read) and drawn in a chart beside it. Text goes into the page through
 * textContent only, never as HTML.
 */

declare const echarts: typeof import('echarts');
type ChartOption = import('echarts').EChartsOption;

interface OperationRequest {
  operationName: string;
  /** `sha256:<hash>` of the committed manifest's document (PERSISTED_OPERATIONS allow or require). */
  documentId?: string;
  /** The document itself, where the gateway runs no persisted operations (PERSISTED_OPERATIONS=off). */
  query?: string;
}

interface DashboardConfig {
  endpoint: string;
  operations: { figures: OperationRequest; overdue: OperationRequest };
}

interface Count {
  key: string;
  label: string;
  count: number;
}

interface LibraryFigures {
  library: string;
  currentMembers: number;
  membersByStatus: Count[];
  membersByCategory: Count[];
  membersByCity: Count[];
}

interface PlatformFigures {
  programme: string;
  asOf: string;
  designated: number;
  designationsByStatus: Count[];
  designatedByFunction: Count[];
  designatedByCity: Count[];
  expiringWithin90Days: number;
  overdueSummaries: number;
}

interface DesignationNode {
  title: string;
  cityCode?: string;
  designatedOn: string;
  validUntil: string;
  institution: { name: string; creditCode: string; region: { name: string } };
}

interface Connection<T> {
  totalCount: number;
  pageInfo?: { hasNextPage: boolean };
  edges?: { node: T }[];
}

interface Figures {
  shanxiLibraryStatistics: LibraryFigures;
  hebeiLibraryStatistics: LibraryFigures;
  shandongPlatformStatistics: PlatformFigures;
  ningxiaPlatformStatistics: PlatformFigures;
  shanxiProvincialDesignated: Connection<DesignationNode>;
  shanxiProvincialExpired: Connection<never>;
  shanxiProvincialRevoked: Connection<never>;
  shandongExpiring: Connection<DesignationNode>;
  ningxiaExpiring: Connection<DesignationNode>;
}

type DutyStatus = 'FILED' | 'FILED_LATE' | 'DUE' | 'OVERDUE';

interface SummaryDuty {
  dueOn: string;
  status: DutyStatus;
  platform: { title: string; cityCode: string; institution: { name: string } };
}

interface NotifiedMember {
  missedReportStreak: number;
  nextReportDueOn: string | null;
  institution: { name: string; creditCode: string };
}

interface Overdue {
  shandongPlatformSummaryDuties: SummaryDuty[] | null;
  ningxiaPlatformSummaryDuties: SummaryDuty[] | null;
  ningxiaCityPlatformReportDuties: { cityCode: string; cityName: string; dueOn: string; status: DutyStatus }[] | null;
  hebeiServiceAppointments: Connection<{
    enterpriseName: string | null;
    service: string | null;
    requestedOn: string | null;
    dueBy: string | null;
    handledOn: string | null;
    member: { institution: { name: string } } | null;
  }> | null;
  shanxiNotifiedMembers: Connection<NotifiedMember> | null;
  hebeiNotifiedMembers: Connection<NotifiedMember> | null;
}

interface GraphQLError {
  message: string;
  extensions?: { code?: string; reason?: string };
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

/** A table cell: a figure, not applicable to that programme (null), or restricted and no token given. */
type Cell = number | string | null | typeof RESTRICTED;

interface Column {
  key: string;
  label: string;
}

interface Row {
  key: string;
  label: string;
  cells: Record<string, Cell>;
}

const RESTRICTED = Symbol('restricted');

const PROVINCES = [
  { code: '140000', label: '山西 Shanxi' },
  { code: '130000', label: '河北 Hebei' },
  { code: '370000', label: '山东 Shandong' },
  { code: '640000', label: '宁夏 Ningxia' },
] as const;

const LIBRARIES = [
  { key: 'shanxi', label: '山西资源库 Shanxi library', province: '140000' },
  { key: 'hebei', label: '河北资源库 Hebei library', province: '130000' },
] as const;

const PLATFORMS = [
  { key: 'shandong', label: '山东示范平台 Shandong', province: '370000' },
  { key: 'ningxia', label: '宁夏示范平台 Ningxia', province: '640000' },
  { key: 'shanxi', label: '山西省级示范平台 Shanxi provincial', province: '140000' },
] as const;

const MEMBER_STATUS: Record<string, string> = {
  ACTIVE: '在库 Active',
  NOTIFIED: '被通报 Notified',
  REMOVED: '已移出 Removed',
};

const DESIGNATION_STATUS: Record<string, string> = {
  DESIGNATED: '有效 Designated',
  EXPIRED: '已到期 Expired',
  REVOKED: '已撤销 Revoked',
};

/** How many days ahead "expiring soon" looks: the statistics' expiringWithin90Days. */
const EXPIRING_WITHIN_DAYS = 90;

const config = JSON.parse(document.getElementById('dashboard-config')!.textContent!) as DashboardConfig;
const numberFormat = new Intl.NumberFormat('zh-CN');
let token: string | null = null;
/** Each load counts up, so an answer that arrives after a newer request was sent is dropped. */
let figuresRun = 0;
let overdueRun = 0;
/** The overdue counts by province: the public ones from the statistics, the rest once a token has read them. */
let publicOverdue: { notified: Record<string, number>; overdueSummaries: Record<string, number> } | null = null;
let restrictedOverdue: { appointments: Record<string, number>; cityReports: Record<string, number> } | null = null;

// ---- dates: the day is China's (the programmes' dates are Beijing time), whatever the browser's zone ----

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** `?asOf=YYYY-MM-DD` looks at the platforms as they stood on that day; else today. */
function chosenAsOf(): { asOf: string; refused: string | null } {
  const asked = new URLSearchParams(location.search).get('asOf');
  if (asked === null || asked === '') return { asOf: chinaToday(), refused: null };
  if (isIsoDate(asked)) return { asOf: asked, refused: null };
  return { asOf: chinaToday(), refused: asked };
}

// ---- the API ----

class RequestFailed extends Error {}

async function run<T>(operation: OperationRequest, variables: Record<string, unknown>, bearer: string | null): Promise<GraphQLResponse<T>> {
  let response: Response;
  try {
    response = await fetch(config.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ ...operation, variables }),
    });
  } catch {
    throw new RequestFailed('无法连接网关 / The gateway cannot be reached');
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new RequestFailed(`网关返回 ${response.status}，不是 GraphQL 响应 / The gateway answered ${response.status}, not a GraphQL response`);
  }
  return body;
}

const errorText = (errors: GraphQLError[]): string =>
  [...new Set(errors.map((e) => `${e.message}${e.extensions?.code ? ` (${e.extensions.code}${e.extensions.reason ? ` ${e.extensions.reason}` : ''})` : ''}`))].join('；');

// ---- the page's parts ----

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

function say(id: string, text: string, kind: 'info' | 'error' = 'info'): void {
  const el = document.getElementById(id)!;
  el.textContent = text;
  el.className = `message ${kind}`;
}

/** A figure table: rows keyed by `data-key`, cells by `data-column`, numbers as the reader sees them. */
function renderTable(id: string, columns: Column[], rows: Row[], empty = '无数据 / No data'): void {
  const table = document.getElementById(id) as HTMLTableElement;
  table.querySelector('thead')?.remove();
  table.querySelector('tbody')?.remove();
  const head = element('thead');
  const headRow = element('tr');
  headRow.append(element('th', '', { scope: 'col' }), ...columns.map((c) => element('th', c.label, { scope: 'col', 'data-column': c.key })));
  head.append(headRow);
  const body = element('tbody');
  for (const row of rows) {
    const tr = element('tr', undefined, { 'data-key': row.key });
    tr.append(element('th', row.label, { scope: 'row' }));
    for (const column of columns) {
      const value = row.cells[column.key];
      const td = element('td', undefined, { 'data-column': column.key });
      if (typeof value === 'number') {
        td.textContent = numberFormat.format(value);
        td.className = 'number';
      } else if (value === RESTRICTED) {
        td.textContent = '需令牌 / Token';
        td.className = 'restricted';
        td.title = '需要分析人员令牌 / Needs an analyst token';
      } else if (value === null || value === undefined) {
        td.textContent = '—';
        td.className = 'not-applicable';
        td.title = '该项目无此项 / Not part of this programme';
      } else {
        td.textContent = value;
      }
      tr.append(td);
    }
    body.append(tr);
  }
  if (rows.length === 0) {
    const tr = element('tr', undefined, { 'data-empty': 'true' });
    tr.append(element('td', empty, { colspan: String(columns.length + 1) }));
    body.append(tr);
  }
  table.append(head, body);
}

/** A grouped bar chart of a figure table's numeric cells (what the table says, drawn). */
function renderBars(id: string, columns: Column[], rows: Row[], horizontal = false): void {
  const el = document.getElementById(id)!;
  const chart = echarts.getInstanceByDom(el) ?? echarts.init(el, undefined, { renderer: 'svg', locale: 'ZH' });
  const categories = rows.map((r) => r.label);
  const series = columns
    .filter((c) => rows.some((r) => typeof r.cells[c.key] === 'number'))
    .map((c) => ({
      name: c.label,
      type: 'bar' as const,
      data: rows.map((r) => (typeof r.cells[c.key] === 'number' ? (r.cells[c.key] as number) : 0)),
    }));
  const categoryAxis = { type: 'category' as const, data: categories, axisLabel: { interval: 0, ...(horizontal ? {} : { rotate: categories.length > 4 ? 30 : 0 }) } };
  const valueAxis = { type: 'value' as const, minInterval: 1 };
  const option: ChartOption = {
    animation: false,
    aria: { enabled: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series,
  };
  chart.setOption(option, true);
}

const countOf = (list: Count[], key: string): number => list.find((c) => c.key === key)?.count ?? 0;

/** The keys of several count lists, in first-seen order, with the label the API gives each. */
function keysOf(lists: Count[][], labels: Record<string, string> = {}): { key: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const key of Object.keys(labels)) seen.set(key, labels[key]);
  for (const list of lists) for (const c of list) if (!seen.has(c.key)) seen.set(c.key, labels[c.key] ?? c.label);
  return [...seen].map(([key, label]) => ({ key, label }));
}

function provinceOfRegion(code: string): string {
  return PROVINCES.find((p) => p.code.slice(0, 2) === code.slice(0, 2))?.label ?? code;
}

// ---- the figures ----

function showFigures(f: Figures, asOf: string, expiringBefore: string): void {
  const libraries = { shanxi: f.shanxiLibraryStatistics, hebei: f.hebeiLibraryStatistics };
  const platforms = { shandong: f.shandongPlatformStatistics, ningxia: f.ningxiaPlatformStatistics };
  const shanxiExpiring = (f.shanxiProvincialDesignated.edges ?? []).map((e) => e.node).filter((n) => n.validUntil <= expiringBefore);

  document.getElementById('as-of')!.textContent = asOf;
  document.getElementById('expiring-before')!.textContent = expiringBefore;

  // by province
  const provinceColumns: Column[] = [
    { key: 'members', label: '资源库在库机构 Members' },
    { key: 'designated', label: '有效示范平台 Designated platforms' },
    { key: 'expiring', label: `${EXPIRING_WITHIN_DAYS} 天内到期 Expiring` },
  ];
  const provinceRows: Row[] = PROVINCES.map((p) => {
    const library = LIBRARIES.find((l) => l.province === p.code);
    const platform = p.code === '370000' ? platforms.shandong : p.code === '640000' ? platforms.ningxia : null;
    const shanxi = p.code === '140000';
    return {
      key: p.code,
      label: p.label,
      cells: {
        members: library ? libraries[library.key].currentMembers : null,
        designated: platform ? platform.designated : shanxi ? f.shanxiProvincialDesignated.totalCount : null,
        expiring: platform ? platform.expiringWithin90Days : shanxi ? shanxiExpiring.length : null,
      },
    };
  });
  renderTable('by-province', provinceColumns, provinceRows);
  renderBars('chart-by-province', provinceColumns, provinceRows);

  // resource-library members
  const libraryColumns: Column[] = LIBRARIES.map((l) => ({ key: l.key, label: l.label }));
  const libraryRows = (lists: (l: LibraryFigures) => Count[], labels: Record<string, string> = {}): Row[] =>
    keysOf(LIBRARIES.map((l) => lists(libraries[l.key])), labels).map(({ key, label }) => ({
      key,
      label,
      cells: Object.fromEntries(LIBRARIES.map((l) => [l.key, countOf(lists(libraries[l.key]), key)])),
    }));
  const byStatus = libraryRows((l) => l.membersByStatus, MEMBER_STATUS);
  renderTable('members-by-status', libraryColumns, byStatus);
  renderBars('chart-members-by-status', libraryColumns, byStatus);
  const byCategory = libraryRows((l) => l.membersByCategory);
  renderTable('members-by-category', libraryColumns, byCategory);
  renderBars('chart-members-by-category', libraryColumns, byCategory, true);
  const memberCities: Row[] = LIBRARIES.flatMap((l) =>
    libraries[l.key].membersByCity.map((c) => ({ key: c.key, label: c.label, cells: { province: provinceOfRegion(l.province), count: c.count } })),
  );
  const cityColumns: Column[] = [{ key: 'province', label: '省 Province' }, { key: 'count', label: '数量 Count' }];
  renderTable('members-by-city', cityColumns, memberCities);
  renderBars('chart-members-by-city', [{ key: 'count', label: '在库机构 Members' }], memberCities, true);

  // designations
  const platformColumns: Column[] = PLATFORMS.map((p) => ({ key: p.key, label: p.label }));
  const shanxiByStatus: Count[] = [
    { key: 'DESIGNATED', label: 'DESIGNATED', count: f.shanxiProvincialDesignated.totalCount },
    { key: 'EXPIRED', label: 'EXPIRED', count: f.shanxiProvincialExpired.totalCount },
    { key: 'REVOKED', label: 'REVOKED', count: f.shanxiProvincialRevoked.totalCount },
  ];
  const statusLists: Record<string, Count[]> = {
    shandong: platforms.shandong.designationsByStatus,
    ningxia: platforms.ningxia.designationsByStatus,
    shanxi: shanxiByStatus,
  };
  const designationsByStatus: Row[] = keysOf(Object.values(statusLists), DESIGNATION_STATUS).map(({ key, label }) => ({
    key,
    label,
    cells: Object.fromEntries(PLATFORMS.map((p) => [p.key, countOf(statusLists[p.key], key)])),
  }));
  renderTable('designations-by-status', platformColumns, designationsByStatus);
  renderBars('chart-designations-by-status', platformColumns, designationsByStatus);

  // functions and cities: the demonstration-platform programmes (Shanxi's provincial platforms record neither)
  const functionColumns = platformColumns.filter((c) => c.key !== 'shanxi');
  const byFunction: Row[] = keysOf([platforms.shandong.designatedByFunction, platforms.ningxia.designatedByFunction]).map(({ key, label }) => ({
    key,
    label,
    cells: {
      shandong: countOf(platforms.shandong.designatedByFunction, key),
      ningxia: countOf(platforms.ningxia.designatedByFunction, key),
    },
  }));
  renderTable('designations-by-function', functionColumns, byFunction);
  renderBars('chart-designations-by-function', functionColumns, byFunction, true);
  const designationCities: Row[] = (['shandong', 'ningxia'] as const).flatMap((key) =>
    platforms[key].designatedByCity.map((c) => ({ key: c.key, label: c.label, cells: { province: provinceOfRegion(c.key), count: c.count } })),
  );
  renderTable('designations-by-city', cityColumns, designationCities);
  renderBars('chart-designations-by-city', [{ key: 'count', label: '有效示范平台 Designated' }], designationCities, true);

  // expiring
  const expiringCounts: Row[] = PLATFORMS.map((p) => ({
    key: p.key,
    label: p.label,
    cells: { count: p.key === 'shanxi' ? shanxiExpiring.length : platforms[p.key].expiringWithin90Days },
  }));
  renderTable('expiring-counts', [{ key: 'count', label: '数量 Count' }], expiringCounts);
  renderBars('chart-expiring-counts', [{ key: 'count', label: `${EXPIRING_WITHIN_DAYS} 天内到期 Expiring` }], expiringCounts);
  const listed: { programme: (typeof PLATFORMS)[number]; node: DesignationNode }[] = [
    ...(f.shandongExpiring.edges ?? []).map((e) => ({ programme: PLATFORMS[0], node: e.node })),
    ...(f.ningxiaExpiring.edges ?? []).map((e) => ({ programme: PLATFORMS[1], node: e.node })),
    ...shanxiExpiring.map((node) => ({ programme: PLATFORMS[2], node })),
  ].sort((a, b) => a.node.validUntil.localeCompare(b.node.validUntil) || a.node.institution.name.localeCompare(b.node.institution.name));
  renderTable(
    'expiring-list',
    [
      { key: 'programme', label: '项目 Programme' },
      { key: 'title', label: '认定 Designation' },
      { key: 'city', label: '所在地 Region' },
      { key: 'validUntil', label: '有效期至 Valid until' },
    ],
    listed.map(({ programme, node }) => ({
      key: `${programme.key}:${node.institution.creditCode}`,
      label: node.institution.name,
      cells: { programme: programme.label, title: node.title, city: node.institution.region.name, validUntil: node.validUntil },
    })),
    '无即将到期的认定 / Nothing expires in this window',
  );
  const notShown = [
    { name: PLATFORMS[0].label, connection: f.shandongExpiring },
    { name: PLATFORMS[1].label, connection: f.ningxiaExpiring },
  ].filter((p) => p.connection.totalCount > (p.connection.edges?.length ?? 0));
  const truncated = [
    ...notShown.map((p) => `${p.name}：共 ${p.connection.totalCount} 项，列出 ${p.connection.edges?.length ?? 0} 项 / ${p.connection.totalCount} in all, ${p.connection.edges?.length ?? 0} listed`),
    ...(f.shanxiProvincialDesignated.pageInfo?.hasNextPage ? [`${PLATFORMS[2].label}：仅检查了前 ${f.shanxiProvincialDesignated.edges?.length ?? 0} 个有效认定 / only the first designations were checked`] : []),
  ];
  say('expiring-note', truncated.join('；'));

  // overdue, public part: notices for missed quarterly reports (第十条) and last year's summaries (鲁 第二十六条, 宁 第十六条)
  publicOverdue = {
    notified: { '140000': countOf(libraries.shanxi.membersByStatus, 'NOTIFIED'), '130000': countOf(libraries.hebei.membersByStatus, 'NOTIFIED') },
    overdueSummaries: { '370000': platforms.shandong.overdueSummaries, '640000': platforms.ningxia.overdueSummaries },
  };
  showOverdueCounts();
}

function showOverdueCounts(): void {
  if (!publicOverdue) return;
  const columns: Column[] = [
    { key: 'notified', label: '季度报告逾期被通报 Notified for missed quarterly reports' },
    { key: 'overdueSummaries', label: '上年度总结逾期 Annual summaries overdue' },
    { key: 'overdueCityReports', label: '市级年度报告逾期 City reports overdue' },
    { key: 'overdueAppointments', label: '服务预约逾期 Appointments overdue' },
  ];
  const rows: Row[] = PROVINCES.map((p) => ({
    key: p.code,
    label: p.label,
    cells: {
      notified: publicOverdue!.notified[p.code] ?? null,
      overdueSummaries: publicOverdue!.overdueSummaries[p.code] ?? null,
      overdueCityReports: p.code !== '640000' ? null : restrictedOverdue ? restrictedOverdue.cityReports[p.code] : RESTRICTED,
      overdueAppointments: p.code !== '130000' ? null : restrictedOverdue ? restrictedOverdue.appointments[p.code] : RESTRICTED,
    },
  }));
  renderTable('overdue-by-province', columns, rows);
  renderBars('chart-overdue-by-province', columns, rows);
}

// ---- overdue duties, with a token (who owes what is for signed-in callers; SPEC §2) ----

function showOverdueDuties(o: Overdue, year: number): void {
  const overdueOf = <T extends { status: DutyStatus }>(list: T[] | null): T[] => (list ?? []).filter((d) => d.status === 'OVERDUE');
  const cityReports = overdueOf(o.ningxiaCityPlatformReportDuties);
  restrictedOverdue = {
    appointments: o.hebeiServiceAppointments ? { '130000': o.hebeiServiceAppointments.totalCount } : {},
    cityReports: o.ningxiaCityPlatformReportDuties ? { '640000': cityReports.length } : {},
  };
  showOverdueCounts();

  const rows: Row[] = [];
  const duty = (kind: string, province: string, key: string, who: string, dueOn: string | null, detail: string) =>
    rows.push({ key, label: who, cells: { kind, province: provinceOfRegion(province), dueOn: dueOn ?? '', detail } });
  for (const [programme, list] of [['370000', o.shandongPlatformSummaryDuties], ['640000', o.ningxiaPlatformSummaryDuties]] as const) {
    for (const d of overdueOf(list)) {
      duty(`${year} 年度工作总结逾期 Summary overdue`, programme, `summary:${programme}:${d.platform.institution.name}`, d.platform.institution.name, d.dueOn, d.platform.title);
    }
  }
  for (const d of cityReports) duty(`${year} 年度市级报告逾期 City report overdue`, '640000', `city-report:${d.cityCode}`, d.cityName, d.dueOn, '');
  for (const [index, a] of (o.hebeiServiceAppointments?.edges ?? []).entries()) {
    const n = a.node;
    duty(
      '服务预约逾期 Appointment overdue',
      '130000',
      `appointment:${index}`,
      n.member?.institution.name ?? '',
      n.dueBy,
      `${n.service ?? ''}（${n.enterpriseName ?? ''}，预约 ${n.requestedOn ?? ''}${n.handledOn ? `，处理 ${n.handledOn}` : '，未处理 open'}）`,
    );
  }
  for (const [province, connection] of [['140000', o.shanxiNotifiedMembers], ['130000', o.hebeiNotifiedMembers]] as const) {
    for (const m of connection?.edges ?? []) {
      duty(
        '季度报告逾期被通报 Notified (第十条)',
        province,
        `notified:${province}:${m.node.institution.creditCode}`,
        m.node.institution.name,
        m.node.nextReportDueOn,
        `连续 ${m.node.missedReportStreak} 期未报 / ${m.node.missedReportStreak} periods missed`,
      );
    }
  }
  renderTable(
    'overdue-list',
    [
      { key: 'kind', label: '事项 Duty' },
      { key: 'province', label: '省 Province' },
      { key: 'dueOn', label: '截止日 Due' },
      { key: 'detail', label: '说明 Detail' },
    ],
    rows,
    '无逾期事项 / Nothing overdue',
  );
}

// ---- loading ----

async function loadFigures(): Promise<void> {
  const thisRun = ++figuresRun;
  const { asOf, refused } = chosenAsOf();
  const expiringBefore = addDays(asOf, EXPIRING_WITHIN_DAYS);
  document.body.dataset.state = 'loading';
  say('status', '正在读取… / Loading…');
  try {
    const result = await run<Figures>(config.operations.figures, { asOf, expiringBefore }, null);
    if (thisRun !== figuresRun) return;
    if (!result.data) throw new RequestFailed(errorText(result.errors ?? [{ message: '无数据 / No data' }]));
    showFigures(result.data, asOf, expiringBefore);
    const notes = [
      ...(refused ? [`asOf「${refused}」不是有效日期，改用今天 / "${refused}" is not a date: today is shown`] : []),
      ...(result.errors?.length ? [`部分数据缺失 / Some figures are missing: ${errorText(result.errors)}`] : []),
    ];
    say('status', notes.length ? notes.join('；') : `已更新 / Updated（${asOf}）`, notes.length ? 'error' : 'info');
    document.body.dataset.state = 'ready';
  } catch (error) {
    if (thisRun !== figuresRun) return;
    say('status', (error as Error).message, 'error');
    document.body.dataset.state = 'error';
  }
}

async function loadOverdue(): Promise<void> {
  const thisRun = ++overdueRun;
  if (!token) {
    restrictedOverdue = null;
    showOverdueCounts();
    renderTable('overdue-list', [{ key: 'kind', label: '事项 Duty' }], [], '需要分析人员令牌 / Needs an analyst token');
    say('restricted-status', '逾期的市级报告、服务预约与名单需要令牌（分析人员只读）/ Overdue city reports, appointments and the lists need a token (an analyst’s reads only)');
    document.body.dataset.restricted = 'none';
    return;
  }
  const { asOf } = chosenAsOf();
  const year = Number(asOf.slice(0, 4)) - 1;
  document.body.dataset.restricted = 'loading';
  say('restricted-status', '正在读取… / Loading…');
  try {
    const result = await run<Overdue>(config.operations.overdue, { year, asOf }, token);
    if (thisRun !== overdueRun) return;
    if (!result.data) throw new RequestFailed(errorText(result.errors ?? [{ message: '无数据 / No data' }]));
    showOverdueDuties(result.data, year);
    if (result.errors?.length) say('restricted-status', `部分数据无权查看 / Some figures are not for this token: ${errorText(result.errors)}`, 'error');
    else say('restricted-status', `已更新：${year} 年度的总结与报告，截至 ${asOf} / Updated: the ${year} summaries and reports, as of ${asOf}`);
    document.body.dataset.restricted = 'ready';
  } catch (error) {
    if (thisRun !== overdueRun) return;
    restrictedOverdue = null;
    showOverdueCounts();
    say('restricted-status', (error as Error).message, 'error');
    document.body.dataset.restricted = 'error';
  }
}

function refresh(): void {
  void loadFigures().then(() => loadOverdue());
}

// The token lives in this page's memory only: on a shared office machine it must not outlive the tab.
document.getElementById('token-form')!.addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('token') as HTMLInputElement;
  token = input.value.trim().replace(/^Bearer\s+/i, '') || null;
  input.value = '';
  document.getElementById('token-state')!.textContent = token ? '已使用令牌 / Token in use' : '未使用令牌 / No token';
  void loadOverdue();
});
document.getElementById('token-clear')!.addEventListener('click', () => {
  token = null;
  document.getElementById('token-state')!.textContent = '未使用令牌 / No token';
  void loadOverdue();
});
document.getElementById('refresh')!.addEventListener('click', refresh);

// charts follow their box (the window, a print layout)
const resizing = new ResizeObserver((entries) => {
  for (const entry of entries) echarts.getInstanceByDom(entry.target as HTMLElement)?.resize();
});
document.querySelectorAll<HTMLElement>('.chart').forEach((el) => resizing.observe(el));

refresh();
