import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

/**
 * A self-contained HTML page the gateway serves (the explorer at `/`, the dashboard at `/dashboard`): rendered
 * and compressed once at startup, then answered from memory in the encoding the browser prefers, with a
 * validator so a browser that has it asks only whether it changed. Both pages inline everything they need, so
 * they work on an intranet with no internet access; their Content-Security-Policy makes the browser hold them
 * to that.
 */
export interface StaticPage {
  identity: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  /** Weak validator shared by the three encodings (they are the same page). */
  etag: string;
  contentSecurityPolicy: string;
}

export const STATIC_PAGE_CACHE_CONTROL = 'public, max-age=3600';

/** Compresses a page once; serving it is then a buffer write. */
export function compressPage(html: string, contentSecurityPolicy: string): StaticPage {
  const identity = Buffer.from(html, 'utf8');
  return {
    identity,
    // Maximum effort costs well under a second here and is paid once per process.
    gzip: gzipSync(identity, { level: zlibConstants.Z_BEST_COMPRESSION }),
    // Quality 5 with a 16 MB window compresses the explorer's ~9 MB in about 0.4 s; quality 9 takes four times
    // as long for 5% less, and 11 takes ~20 s, which would hold up gateway startup.
    brotli: brotliCompressSync(identity, {
      params: {
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
        [zlibConstants.BROTLI_PARAM_LGWIN]: 24,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    etag: `W/"${createHash('sha256').update(identity).digest('base64url').slice(0, 32)}"`,
    contentSecurityPolicy,
  };
}

/** Answers a GET or HEAD for the page with the best encoding the client accepts. */
export function serveStaticPage(page: StaticPage, req: IncomingMessage, res: ServerResponse): void {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('只支持 GET 和 HEAD 请求 / Only GET and HEAD are allowed\n');
    return;
  }
  const common = {
    etag: page.etag,
    'cache-control': STATIC_PAGE_CACHE_CONTROL,
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
