import http from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync } from 'node:zlib';
import { buildDashboardPage, chartLibraryScript, dashboardOperations, serveDashboard } from '../src/dashboard';
import { documentHash, loadManifest, readPersistedOperationSources } from '../src/persisted-operation-manifest';
import type { StaticPage } from '../src/static-page';

/**
 * The dashboard page as the gateway builds and serves it (the browser's view of it is test/dashboard.test.ts):
 * one compressed, cached document carrying the chart library from node_modules and the page's script inline,
 * allowed to run those two scripts only and to connect to its own origin only, and naming the dashboard's
 * persisted operations by the manifest's hashes.
 */

const manifest = loadManifest();
let page: StaticPage;
let html: string;
let server: http.Server;
let url: string;

beforeAll(async () => {
  page = buildDashboardPage({ endpoint: '/graphql', mode: 'allow', manifest });
  html = page.identity.toString('utf8');
  server = http.createServer((req, res) => serveDashboard(page, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dashboard`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

/** The page's inline scripts that run (not its JSON data block), as the browser sees them. */
const executableScripts = (text: string): string[] => [...text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);

/** The page's configuration (endpoint and operations), from its JSON data block. */
function pageConfig(text: string): { endpoint: string; operations: Record<string, Record<string, string>> } {
  const block = /<script type="application\/json" id="dashboard-config">([\s\S]*?)<\/script>/.exec(text);
  return JSON.parse(block![1]);
}

test('is served compressed, with a validator, and cached', async () => {
  const response = await fetch(url, { headers: { 'accept-encoding': 'br' } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-encoding')).toBe('br');
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
  expect(response.headers.get('etag')).toBe(page.etag);
  expect(await response.text()).toBe(html);
  expect(brotliDecompressSync(page.brotli).equals(page.identity)).toBe(true);
  // the chart library is most of the page, and compresses to well under half
  expect(page.brotli.length).toBeLessThan(page.identity.length / 2);

  const again = await fetch(url, { headers: { 'if-none-match': page.etag } });
  expect(again.status).toBe(304);
  expect((await fetch(url, { method: 'POST' })).status).toBe(405);
});

test('carries everything inline: the chart library from node_modules and the page script, nothing loaded from anywhere', () => {
  const scripts = executableScripts(html);
  expect(scripts).toHaveLength(2);
  expect(scripts[0]).toBe(chartLibraryScript());
  expect(scripts[0]).toContain('echarts');
  expect(scripts[1]).toContain('dashboard-config');
  // no element or style outside the scripts that makes the browser fetch anything
  const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
  expect(markup).not.toMatch(/<script\b[^>]*\bsrc\s*=|<link\b|<img\b|<iframe\b|<object\b|@import|url\(/i);
  // the absolute URLs left in the inlined code are XML namespaces and licence texts, never fetched
  const absolute = new Set(html.match(/https?:\/\/[^\s"'`)<>]+/g) ?? []);
  expect([...absolute].filter((u) => !/^http:\/\/www\.w3\.org\/|^https?:\/\/www\.apache\.org\/licenses\/|^https:\/\/github\.com\/ecomfe\/zrender\/blob\/master\/LICENSE/.test(u))).toEqual([]);
});

test('lets only its two scripts run and connects only to its own origin', async () => {
  const response = await fetch(url);
  const csp = response.headers.get('content-security-policy')!;
  const hashes = executableScripts(html).map((script) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`);
  expect(csp.split('; ')).toEqual([
    "default-src 'none'",
    `script-src ${hashes.join(' ')}`,
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ]);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
});

test('names the dashboard’s operations by the manifest’s hashes, or sends their documents where persisted operations are off', () => {
  const sources = readPersistedOperationSources();
  const documentOf = (name: string) => sources.find((s) => s.operationName === name)!.document;
  const config = pageConfig(html);
  expect(config.endpoint).toBe('/graphql');
  expect(config.operations).toEqual({
    figures: { operationName: 'DashboardFigures', documentId: `sha256:${documentHash(documentOf('DashboardFigures'))}` },
    overdue: { operationName: 'OverdueDuties', documentId: `sha256:${documentHash(documentOf('OverdueDuties'))}` },
  });
  for (const operation of Object.values(config.operations)) expect(manifest.has(operation.documentId.slice('sha256:'.length))).toBe(true);

  expect(dashboardOperations('off', new Map())).toEqual({
    figures: { operationName: 'DashboardFigures', query: documentOf('DashboardFigures') },
    overdue: { operationName: 'OverdueDuties', query: documentOf('OverdueDuties') },
  });
  const off = pageConfig(buildDashboardPage({ endpoint: '/graphql', mode: 'off', manifest: new Map() }).identity.toString('utf8'));
  expect(off.operations.figures.query).toBe(documentOf('DashboardFigures'));
});

test('refuses to start with a manifest that lacks the dashboard’s operations', () => {
  const stale = new Map([...manifest].filter(([, document]) => !document.includes('query DashboardFigures')));
  expect(() => dashboardOperations('require', stale)).toThrow(/dashboard-figures\.graphql is not in the persisted-operations manifest; run `npm run persisted-operations`/);
});
