import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
  buildExplorerPage,
  chooseEncoding,
  DEFAULT_EXPLORER_HEADERS,
  TOKEN_HINT,
  explorerGraphiQLOptions,
  serveExplorer,
  type ExampleOperation,
  type ExplorerOptions,
  type ExplorerPage,
} from '../src/explorer';

const examples: ExampleOperation[] = [
  {
    name: '按统一社会信用代码查机构 / Institution by credit code',
    query: 'query InstitutionByCreditCode($creditCode: CreditCode!) { institution(creditCode: $creditCode) { id name } }',
    variables: { creditCode: '91350100M000100Y43' },
  },
  {
    name: '机构列表 / Institutions',
    query: 'query InstitutionList { institutions(first: 20) { edges { node { id name } } } }',
  },
];
const options: ExplorerOptions = { endpoint: '/graphql', title: '中小企业公共服务 GraphQL & explorer', examples };

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** node:http rather than fetch where the test needs the bytes on the wire (fetch decompresses). */
function rawRequest(url: string, method: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Every way an HTML page can make the browser load something, checked for absolute or
 * protocol-relative URLs. Plain `https://` strings elsewhere in the inlined bundle are inert text
 * (doc comments, error messages, XML namespaces, "about" links a user may click).
 */
function externalLoads(html: string): string[] {
  const patterns = [
    /<script\b[^>]*\bsrc\s*=/gi,
    /<link\b[^>]*\bhref\s*=\s*["']?(?!data:)[^"'\s>]+/gi,
    /<(?:img|iframe|embed|source|audio|video)\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?\/\//gi,
    /url\(\s*["']?(?:https?:)?\/\//gi,
    /@import\s/gi,
    /\b(?:importScripts|fetch|import)\(\s*["'`](?:https?:)?\/\//g,
    /unpkg\.com|jsdelivr|cdnjs|\bcdn\.|googleapis|gstatic|esm\.sh|skypack|bootcdn|staticfile\.org/gi,
  ];
  return patterns.flatMap((pattern) => html.match(pattern) ?? []);
}

test('the external-load check recognises what a CDN-based page would contain', () => {
  const cdn = 'unpkg.com'; // kept out of a literal URL so that repository scans for CDN links find only real ones
  const cdnPage = [
    `<script src="https://${cdn}/graphiql/graphiql.min.js"></script>`,
    '<link rel="stylesheet" href="//cdn.jsdelivr.net/npm/graphiql/graphiql.min.css" />',
    '<style>@font-face{src:url(https://fonts.gstatic.com/roboto.woff2)}</style>',
  ].join('\n');
  expect(externalLoads(cdnPage).length).toBeGreaterThanOrEqual(3);
});

let page: ExplorerPage;
let server: http.Server;
let url: string;

beforeAll(async () => {
  page = buildExplorerPage(options);
  server = http.createServer((req, res) => serveExplorer(page, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

describe('explorer page', () => {
  test('is served gzip-compressed to a client that accepts gzip, as HTML holding the examples and no external URL', async () => {
    const response = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    expect(response.headers.get('etag')).toBe(page.etag);
    const html = await response.text(); // fetch has already gunzipped it
    expect(html.trimStart().startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('query InstitutionByCreditCode($creditCode: CreditCode!)');
    expect(html).toContain('query InstitutionList');
    expect(html).toContain('91350100M000100Y43');
    expect(html).toContain('<title>中小企业公共服务 GraphQL &#38; explorer</title>');
    expect(externalLoads(html)).toEqual([]);

    const raw = await rawRequest(url, 'GET', { 'accept-encoding': 'gzip' });
    expect(raw.headers['content-encoding']).toBe('gzip');
    expect(Number(raw.headers['content-length'])).toBe(raw.body.length);
    expect(raw.body.length).toBeLessThan(page.identity.length / 3);
    expect(gunzipSync(raw.body).equals(page.identity)).toBe(true);
  });

  test('prefers brotli, and falls back to the plain page', async () => {
    const br = await rawRequest(url, 'GET', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(page.identity)).toBe(true);

    const plain = await rawRequest(url, 'GET');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(page.identity)).toBe(true);
  });

  test('answers a matching If-None-Match with 304 and no body', async () => {
    const response = await fetch(url, { headers: { 'accept-encoding': 'gzip', 'if-none-match': page.etag } });
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe(page.etag);
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(await response.text()).toBe('');

    const inList = await rawRequest(url, 'GET', { 'if-none-match': `"older", ${page.etag.replace(/^W\//, '')}` });
    expect(inList.status).toBe(304);
    const stale = await rawRequest(url, 'GET', { 'if-none-match': 'W/"older"' });
    expect(stale.status).toBe(200);
    expect(stale.body.equals(page.identity)).toBe(true);
  });

  test('answers HEAD with headers only and refuses other methods', async () => {
    const head = await rawRequest(url, 'HEAD', { 'accept-encoding': 'br' });
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(page.brotli.length);
    expect(head.body.length).toBe(0);

    const post = await rawRequest(url, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  test('lets the browser load nothing from another host', async () => {
    const response = await rawRequest(url, 'GET');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval' data: blob:");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(buildCspFor('http://gateway.intranet:4000/graphql')).toContain("connect-src 'self' http://gateway.intranet:4000");
  }, 30_000);
});

/** Only the policy depends on the endpoint; reading it from a page built for that endpoint keeps the test honest. */
function buildCspFor(endpoint: string): string {
  return buildExplorerPage({ ...options, endpoint, examples: [] }).contentSecurityPolicy;
}

describe('explorer GraphiQL options', () => {
  test('open one tab per example, each saying where a token comes from, with empty headers', () => {
    const graphiql = explorerGraphiQLOptions(options);
    expect(DEFAULT_EXPLORER_HEADERS).toBe('{}');
    expect(graphiql.headers).toBe(DEFAULT_EXPLORER_HEADERS);
    expect(graphiql.endpoint).toBe('/graphql');
    expect(graphiql.defaultEditorToolsVisibility).toBe('headers');
    expect(graphiql.shouldPersistHeaders).toBe(false);
    expect(graphiql.defaultTabs).toEqual([
      {
        query: `# 按统一社会信用代码查机构 / Institution by credit code\n${TOKEN_HINT}\n${examples[0].query}\n`,
        variables: '{\n  "creditCode": "91350100M000100Y43"\n}',
        headers: DEFAULT_EXPLORER_HEADERS,
      },
      { query: `# 机构列表 / Institutions\n${TOKEN_HINT}\n${examples[1].query}\n`, variables: null, headers: DEFAULT_EXPLORER_HEADERS },
    ]);
  });

  test('are embedded in the page as the same JSON, with "<" escaped', () => {
    const html = page.identity.toString('utf8');
    const embedded = JSON.stringify(explorerGraphiQLOptions(options)).replace(/</g, '\\u003c');
    expect(html).toContain(embedded);
    expect(JSON.parse(embedded)).toEqual(explorerGraphiQLOptions(options));
  });

  test('cannot end the page script early, whatever an example contains', () => {
    const hostile = buildExplorerPage({
      ...options,
      examples: [{ name: '</script><script>alert(1)</script>', query: 'query Hostile { search(text: "</script><!--") { id } }' }],
    });
    const html = hostile.identity.toString('utf8');
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(html).toContain('search(text: \\"\\u003c/script>\\u003c!--\\")');
  }, 30_000);

  test('refuse an example that is not valid GraphQL, at startup', () => {
    expect(() => explorerGraphiQLOptions({ ...options, examples: [{ name: 'Broken', query: '{ institution(' }] })).toThrow(
      /example "Broken" is not a valid GraphQL document/,
    );
  });
});

describe('chooseEncoding', () => {
  test.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0, gzip;q=0.1', 'gzip'],
    ['identity;q=0, gzip;q=0', 'identity'],
    ['deflate', 'identity'],
    ['GZIP;Q=1', 'gzip'],
  ] as const)('%p → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});
