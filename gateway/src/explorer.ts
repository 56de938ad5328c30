import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { parse } from 'graphql';

/**
 * The GraphQL explorer served by the gateway at `/`.
 *
 * Government intranets have no internet access, so the page must not load anything from a CDN.
 * `@graphql-yoga/render-graphiql` inlines the whole of GraphiQL (its JS, CSS, Monaco's web workers as
 * blob URLs, fonts and favicon as `data:` URIs) into one ~9 MB HTML document, so the page needs only
 * this one response and the GraphQL endpoint. The absolute `https://` strings left in the bundle are
 * inert: doc comments, error texts, XML namespaces and a few clickable "about" links; nothing is
 * fetched from them. The Content-Security-Policy below makes the browser enforce that.
 */

export interface ExampleOperation {
  /** Shown as the first comment line of the example's tab. */
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

export interface ExplorerOptions {
  /** Where GraphiQL sends operations, usually `/graphql`; an absolute URL is allowed. */
  endpoint: string;
  title: string;
  /** Opened as tabs the first time a browser visits; GraphiQL keeps the user's tabs after that. */
  examples: ExampleOperation[];
}

export interface ExplorerPage {
  identity: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  /** Weak validator shared by the three encodings (they are the same page). */
  etag: string;
  contentSecurityPolicy: string;
}

/**
 * The headers editor starts empty: public data needs no token, and a placeholder token would make every
 * request (the schema's introspection too) fail as UNAUTHENTICATED. Each tab says where a token comes from.
 */
export const DEFAULT_EXPLORER_HEADERS = '{}';
export const TOKEN_HINT =
  '# 公开数据无需令牌；其余请运行 npm run tokens，并在 Headers 中填写 {"Authorization": "Bearer …"}\n' +
  '# Public data needs no token; for the rest run `npm run tokens` and put {"Authorization": "Bearer …"} in Headers';

const CACHE_CONTROL = 'public, max-age=3600';

/** The renderer's option type (declared by graphql-yoga, which this package only needs for types). */
export type GraphiQLOptions = NonNullable<Parameters<typeof renderGraphiQL>[0]>;

/** The GraphiQL options the page is rendered with (exported so tests can check them without a browser). */
export function explorerGraphiQLOptions(options: ExplorerOptions): GraphiQLOptions {
  const defaultTabs = options.examples.map((example) => {
    checkExample(example);
    return {
      query: `# ${example.name.replace(/\s+/g, ' ').trim()}\n${TOKEN_HINT}\n${example.query.trim()}\n`,
      variables: example.variables ? JSON.stringify(example.variables, null, 2) : null,
      headers: DEFAULT_EXPLORER_HEADERS,
    };
  });
  return {
    // Yoga puts the title into <title> and into the header through innerHTML, so it must be HTML text.
    title: escapeHtml(options.title),
    endpoint: options.endpoint,
    // Yoga's GraphiQL passes `headers` as GraphiQL's `defaultHeaders`, i.e. the content of every new tab's
    // headers editor; whatever JSON the user leaves there is sent as HTTP headers with each operation.
    headers: DEFAULT_EXPLORER_HEADERS,
    ...(defaultTabs.length > 0 ? { defaultTabs } : {}),
    // Open the headers editor, since pasting a token is the first thing a user has to do.
    defaultEditorToolsVisibility: 'headers',
    // Bearer tokens must not outlive the session in localStorage on shared office machines.
    shouldPersistHeaders: false,
  };
}

/** Pages built in this process, by their options: the gateways of one process (tests start several) share one. */
const builtPages = new Map<string, ExplorerPage>();

/** Renders and compresses the page once, at startup; serving it is then a buffer write. */
export function buildExplorerPage(options: ExplorerOptions): ExplorerPage {
  const key = JSON.stringify(options);
  const built = builtPages.get(key);
  if (built) return built;
  const graphiqlOptions = explorerGraphiQLOptions(options);
  const html = renderWithSafeOptions(graphiqlOptions);
  const identity = Buffer.from(html, 'utf8');
  const page: ExplorerPage = {
    identity,
    // Maximum effort costs well under a second here and is paid once per process.
    gzip: gzipSync(identity, { level: zlibConstants.Z_BEST_COMPRESSION }),
    // Quality 5 with a 16 MB window compresses ~9 MB in about 0.4 s; quality 9 takes four times as long
    // for 5% less, and 11 takes ~20 s, which would hold up gateway startup.
    brotli: brotliCompressSync(identity, {
      params: {
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
        [zlibConstants.BROTLI_PARAM_LGWIN]: 24,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    etag: `W/"${createHash('sha256').update(identity).digest('base64url').slice(0, 32)}"`,
    contentSecurityPolicy: contentSecurityPolicy(options.endpoint),
  };
  builtPages.set(key, page);
  return page;
}

/** Answers a GET or HEAD for the explorer with the best encoding the client accepts. */
export function serveExplorer(page: ExplorerPage, req: IncomingMessage, res: ServerResponse): void {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('只支持 GET 和 HEAD 请求 / Only GET and HEAD are allowed\n');
    return;
  }
  const common = {
    etag: page.etag,
    'cache-control': CACHE_CONTROL,
    // Caches must keep the gzip, brotli and plain bodies apart.
    vary: 'Accept-Encoding',
  };
  if (etagMatches(req.headers['if-none-match'], page.etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  const encoding = chooseEncoding(req.headers['accept-encoding']);
  const body = encoding === 'br' ? page.brotli : encoding === 'gzip' ? page.gzip : page.identity;
  res.writeHead(200, {
    ...common,
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(body.length),
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    'content-security-policy': page.contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
  });
  res.end(method === 'HEAD' ? undefined : body);
}

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/**
 * Picks a content coding from an Accept-Encoding header (RFC 9110 §12.5.3): the highest q wins, ties go
 * to the smaller body. Identity is acceptable unless excluded; when nothing is acceptable the plain page
 * is sent anyway, which the RFC allows and which beats a 406 for a browser.
 */
export function chooseEncoding(header: string | string[] | undefined): ContentEncoding {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return 'identity';
  const weights = new Map<string, number>();
  for (const item of value.split(',')) {
    const [rawCoding, ...params] = item.split(';');
    let coding = rawCoding.trim().toLowerCase();
    if (!coding) continue;
    if (coding === 'x-gzip') coding = 'gzip';
    let q = 1;
    for (const param of params) {
      const [key, raw] = param.split('=').map((part) => part.trim());
      if (key.toLowerCase() === 'q') q = Number.isFinite(Number(raw)) ? Number(raw) : 0;
    }
    weights.set(coding, Math.max(q, weights.get(coding) ?? -1));
  }
  const star = weights.get('*');
  const weightOf = (coding: ContentEncoding): number =>
    weights.get(coding) ?? star ?? (coding === 'identity' ? 1 : 0);
  let best: ContentEncoding = 'identity';
  let bestWeight = 0;
  for (const coding of ['br', 'gzip', 'identity'] as const) {
    const weight = weightOf(coding);
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/` prefixes are ignored. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

/**
 * Everything the page needs is inline, `data:` or `blob:` (Monaco's workers); GraphiQL only talks to the
 * endpoint. So the policy allows all of that and nothing on another host: if some code path of the
 * bundle ever tried a CDN, the browser would refuse it instead of hanging on an intranet.
 */
function contentSecurityPolicy(endpoint: string): string {
  const connect = ["'self'"];
  if (/^https?:\/\//i.test(endpoint)) connect.push(new URL(endpoint).origin);
  return [
    "default-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval' data: blob:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * Yoga writes `JSON.stringify(options)` straight into an inline <script>, so an example containing
 * `</script>` or `<!--` would end the script early. The options are re-serialised with `<` escaped (the
 * same value to JavaScript) and the page is checked to contain exactly one closing script tag.
 */
function renderWithSafeOptions(graphiqlOptions: GraphiQLOptions): string {
  const html = renderGraphiQL(graphiqlOptions);
  const raw = JSON.stringify(graphiqlOptions);
  const at = html.lastIndexOf(raw);
  if (at < 0) throw new Error('explorer: @graphql-yoga/render-graphiql no longer embeds its options as JSON; review explorer.ts');
  const safe = raw.replace(/</g, '\\u003c');
  const page = html.slice(0, at) + safe + html.slice(at + raw.length);
  const closingScripts = page.match(/<\/script/gi)?.length ?? 0;
  if (closingScripts !== 1) throw new Error(`explorer: expected one inline script in the page, found ${closingScripts} closing tags`);
  return page;
}

/** A broken example would only show up as a red editor in a browser; refuse it at startup instead. */
function checkExample(example: ExampleOperation): void {
  if (!example.name.trim()) throw new Error('explorer: every example needs a name');
  try {
    parse(example.query);
  } catch (error) {
    throw new Error(`explorer: example "${example.name}" is not a valid GraphQL document: ${(error as Error).message}`);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
