import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { parse } from 'graphql';
import { compressPage, serveStaticPage, type StaticPage } from './static-page';

export { chooseEncoding, type ContentEncoding } from './static-page';

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

/** The rendered explorer, compressed and with its validator (static-page.ts). */
export type ExplorerPage = StaticPage;

/**
 * The headers editor starts empty: public data needs no token, and a placeholder token would make every
 * request (the schema's introspection too) fail as UNAUTHENTICATED. Each tab says where a token comes from.
 */
export const DEFAULT_EXPLORER_HEADERS = '{}';
export const TOKEN_HINT =
  '# 公开数据无需令牌；其余请运行 npm run tokens，并在 Headers 中填写 {"Authorization": "Bearer …"}\n' +
  '# Public data needs no token; for the rest run `npm run tokens` and put {"Authorization": "Bearer …"} in Headers';

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
  const html = renderWithSafeOptions(explorerGraphiQLOptions(options));
  const page = compressPage(html, contentSecurityPolicy(options.endpoint));
  builtPages.set(key, page);
  return page;
}

/** Answers a GET or HEAD for the explorer with the best encoding the client accepts. */
export function serveExplorer(page: ExplorerPage, req: IncomingMessage, res: ServerResponse): void {
  serveStaticPage(page, req, res);
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
