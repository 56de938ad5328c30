import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { compressPage, serveStaticPage, type StaticPage } from './static-page';
import { documentHash, gatewayFolder, readPersistedOperationSources, type PersistedOperationManifest, type PersistedOperationSource } from './persisted-operation-manifest';
import type { PersistedOperationsMode } from './persisted-operations';

/**
 * The dashboard served by the gateway at `/dashboard`: cross-province figures (members and designations by
 * province, status, category and city; designations expiring; overdue duties) as tables and charts.
 *
 * One self-contained HTML document, as the explorer is (static-page.ts): Apache ECharts (its `common` build from
 * node_modules, read at startup, never a committed copy), the page's script (gateway/dashboard/dashboard.ts,
 * compiled by `tsc -b`) and its styles are inlined, so the browser needs this one response and the GraphQL
 * endpoint, and nothing from any other host: it works on an intranet with no internet access. The
 * Content-Security-Policy lets only those two scripts run (by their hashes) and lets the page connect only to
 * its own origin.
 *
 * The page reads the public API only, through persisted operations (the manifest's hashes are written into the
 * page, so it works with PERSISTED_OPERATIONS=require too; with `off` it sends the documents): DashboardFigures
 * anonymously (statistics, the platform database, counts that are public), OverdueDuties with a token the user
 * pastes (who owes a summary, a report or an appointment is for signed-in callers, SPEC §2; an ANALYST token
 * reads them all).
 */

export const DASHBOARD_OPERATIONS = { figures: 'DashboardFigures', overdue: 'OverdueDuties' } as const;

type DashboardOperationKey = keyof typeof DASHBOARD_OPERATIONS;

/** What the page sends for an operation: its hash, or its document where the gateway runs no persisted operations. */
export interface DashboardOperationRequest {
  operationName: string;
  documentId?: string;
  query?: string;
}

export interface DashboardOptions {
  /** Where the page sends operations: `/graphql` (the page's own origin; the policy allows no other). */
  endpoint: string;
  mode: PersistedOperationsMode;
  manifest: PersistedOperationManifest;
}

/**
 * The requests the page sends, from the operation files: by hash unless persisted operations are off. A hash
 * missing from the manifest stops the gateway at startup (the manifest is stale: `npm run persisted-operations`),
 * rather than leaving a page whose every request fails.
 */
export function dashboardOperations(
  mode: PersistedOperationsMode,
  manifest: PersistedOperationManifest,
  sources: readonly PersistedOperationSource[] = readPersistedOperationSources(),
): Record<DashboardOperationKey, DashboardOperationRequest> {
  const request = (operationName: string): DashboardOperationRequest => {
    const source = sources.find((s) => s.operationName === operationName);
    if (!source) throw new Error(`dashboard: no persisted operation named ${operationName} in gateway/persisted-operations/`);
    if (mode === 'off') return { operationName, query: source.document };
    const hash = documentHash(source.document);
    if (!manifest.has(hash)) throw new Error(`dashboard: ${source.file} is not in the persisted-operations manifest; run \`npm run persisted-operations\``);
    return { operationName, documentId: `sha256:${hash}` };
  };
  return { figures: request(DASHBOARD_OPERATIONS.figures), overdue: request(DASHBOARD_OPERATIONS.overdue) };
}

/** The chart library's browser build, from node_modules (ECharts' `common` build: bar, line, pie, SVG renderer, aria). */
export function chartLibraryScript(): string {
  return fs.readFileSync(require.resolve('echarts/dist/echarts.common.min.js'), 'utf8');
}

/** The page's own script, as `tsc -b` compiled it from gateway/dashboard/dashboard.ts. */
function dashboardScript(): string {
  const file = path.join(gatewayFolder(), 'dist', 'dashboard', 'dashboard.js');
  if (!fs.existsSync(file)) throw new Error(`dashboard: ${file} is missing; run \`npm run build\``);
  return fs.readFileSync(file, 'utf8');
}

const dashboardStyles = (): string => fs.readFileSync(path.join(gatewayFolder(), 'dashboard', 'dashboard.css'), 'utf8');

/** Pages built in this process, by their options: the gateways of one process (tests start several) share one. */
const builtPages = new Map<string, StaticPage>();

export function buildDashboardPage(options: DashboardOptions): StaticPage {
  const operations = dashboardOperations(options.mode, options.manifest);
  const key = JSON.stringify({ endpoint: options.endpoint, operations });
  const built = builtPages.get(key);
  if (built) return built;
  const scripts = [chartLibraryScript(), dashboardScript()];
  for (const script of scripts) {
    // an inline script ends at the first `</script`, whatever JavaScript thinks of it
    if (/<\/script|<!--/i.test(script)) throw new Error('dashboard: an inlined script contains "</script" or "<!--"; it cannot be inlined as it is');
  }
  const config = JSON.stringify({ endpoint: options.endpoint, operations }).replace(/</g, '\\u003c');
  const html = dashboardHtml(dashboardStyles(), config, scripts);
  const page = compressPage(html, contentSecurityPolicy(scripts));
  builtPages.set(key, page);
  return page;
}

export function serveDashboard(page: StaticPage, req: IncomingMessage, res: ServerResponse): void {
  serveStaticPage(page, req, res);
}

/**
 * Only the two inlined scripts run (by hash: no other inline script, no eval, nothing from another origin); the
 * page connects only to its own origin; ECharts sets inline styles on its elements, hence 'unsafe-inline' for
 * styles (which run no code).
 */
function contentSecurityPolicy(scripts: string[]): string {
  const hashes = scripts.map((script) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`);
  return [
    "default-src 'none'",
    `script-src ${hashes.join(' ')}`,
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** A figure table and its chart: the table is what is read (screen readers, tests), the chart draws it. */
const figure = (id: string, caption: string, chartClass = 'chart') => `
      <div>
        <div class="${chartClass}" id="chart-${id}" role="img" aria-label="${caption}"></div>
        <table id="${id}"><caption>${caption}</caption></table>
      </div>`;

function dashboardHtml(styles: string, config: string, [chartLibrary, script]: string[]): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>中小企业公共服务看板 / SME public-service dashboard</title>
  <style>${styles}</style>
</head>
<body data-state="loading" data-restricted="none">
  <header>
    <div>
      <h1>中小企业公共服务看板 <small>SME public-service dashboard</small></h1>
      <p>统计日 As of <strong id="as-of">—</strong> · 数据来自本网关的 GraphQL 接口 / Figures from this gateway’s GraphQL API · <a href="/">查询浏览器 Explorer</a></p>
    </div>
    <div class="toolbar">
      <form id="token-form" class="toolbar">
        <label for="token">令牌 Token</label>
        <input id="token" type="password" autocomplete="off" spellcheck="false" placeholder="粘贴分析人员令牌 / Paste an analyst token">
        <button type="submit">使用 Use</button>
        <button type="button" id="token-clear">清除 Clear</button>
      </form>
      <span id="token-state">未使用令牌 / No token</span>
      <button type="button" id="refresh">刷新 Refresh</button>
    </div>
  </header>
  <main>
    <p id="status" class="message" role="status" aria-live="polite">正在读取… / Loading…</p>

    <section aria-labelledby="h-province">
      <h2 id="h-province">各省概览 / By province</h2>
      <p>资源库与山西省级示范平台为当前状态；山东、宁夏示范平台按统计日计算 / Libraries and Shanxi’s provincial platforms as they stand now; Shandong and Ningxia as of the date shown</p>
      <div class="pair">${figure('by-province', '各省入库机构、有效示范平台与即将到期 / Members, designated platforms and expiring, by province')}
      </div>
    </section>

    <section aria-labelledby="h-members">
      <h2 id="h-members">资源库入库机构 / Resource-library members</h2>
      <p>在库机构含被通报的机构；按类别计数时一家机构可计入多个类别（第九条）/ Members include those notified; a member counts once for each of its categories (Art. 9)</p>
      <div class="pair">${figure('members-by-status', '按状态 / By status')}${figure('members-by-category', '按服务类别（在库）/ By category (current members)', 'chart tall')}${figure('members-by-city', '按市（在库）/ By city (current members)', 'chart tall')}
      </div>
    </section>

    <section aria-labelledby="h-designations">
      <h2 id="h-designations">示范平台认定 / Platform designations</h2>
      <p>按功能、按市为有效期内的示范平台 / By function and by city: platforms designated and valid</p>
      <div class="pair">${figure('designations-by-status', '按状态 / By status')}${figure('designations-by-function', '按功能（有效）/ By function (valid)', 'chart tall')}${figure('designations-by-city', '按市（有效）/ By city (valid)', 'chart tall')}
      </div>
    </section>

    <section aria-labelledby="h-expiring">
      <h2 id="h-expiring">即将到期的认定 / Designations expiring</h2>
      <p>有效期截止不晚于 <strong id="expiring-before">—</strong> 的有效认定（统计日起 90 天内）/ Valid designations ending on or before that date (within 90 days)</p>
      <div class="pair">${figure('expiring-counts', '即将到期数量 / Expiring, by programme')}
        <div>
          <table id="expiring-list"><caption>即将到期清单 / Expiring designations</caption></table>
          <p id="expiring-note" class="message"></p>
        </div>
      </div>
    </section>

    <section aria-labelledby="h-overdue">
      <h2 id="h-overdue">逾期事项 / Overdue duties</h2>
      <p>季度报告连续两期未报被通报（第十条）；上年度工作总结逾期（鲁 第二十六条、宁 第十六条）；宁夏各市年度报告逾期（宁 第十八条）；河北服务预约逾期（冀 第十三条（二））/ Members notified for missed quarterly reports; last year’s summaries overdue; Ningxia’s city reports; Hebei’s appointments</p>
      <p id="restricted-status" class="message" role="status" aria-live="polite"></p>
      <div class="pair">${figure('overdue-by-province', '各省逾期计数 / Overdue, by province')}
        <div>
          <table id="overdue-list"><caption>逾期清单（需令牌）/ Overdue items (token)</caption></table>
        </div>
      </div>
    </section>
  </main>
  <script type="application/json" id="dashboard-config">${config}</script>
  <script>${chartLibrary}</script>
  <script>${script}</script>
</body>
</html>
`;
}
