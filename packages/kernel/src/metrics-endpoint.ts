import { createHash, timingSafeEqual } from 'node:crypto';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { ErrorCode } from './errors';
import { sendJson, type Route } from './http-server';

let processRegistry: Registry | undefined;

/**
 * The process's own figures (CPU, memory, heap, event-loop delay, garbage collection, open handles), from
 * prom-client. Collected once per process however many servers it runs: the collectors are process-wide, and
 * starting them again for every server would only add observers.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Who may read `/metrics`: anyone, the holders of METRICS_TOKEN, or nobody (production without a token). */
type MetricsAccess = { kind: 'open' } | { kind: 'token'; digest: Buffer } | { kind: 'closed' };

const digestOf = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * METRICS_TOKEN set: `/metrics` answers only `Authorization: Bearer <METRICS_TOKEN>` (Prometheus's
 * `authorization` scrape setting). Unset: open outside production, where the figures help and nothing is at
 * stake; closed in production, since the gateway's port is public and the figures (operation names, error
 * rates, pool saturation) tell an attacker what hurts.
 */
export function metricsAccessFromEnv(env: NodeJS.ProcessEnv = process.env): MetricsAccess {
  if (env.METRICS_TOKEN) return { kind: 'token', digest: digestOf(env.METRICS_TOKEN) };
  return env.NODE_ENV === 'production' ? { kind: 'closed' } : { kind: 'open' };
}

const refusal = (code: string, reason: string, zh: string, en: string) => ({
  errors: [{ message: `${zh} / ${en}`, extensions: { code, reason, messageZh: zh, messageEn: en } }],
});

/**
 * `GET /metrics` in Prometheus's text format: the process's figures and each of `registries` (the server's
 * request metrics, a subgraph's database and event backlog). Nothing is computed until a scrape asks.
 */
export function metricsRoute(registries: readonly Registry[], access: MetricsAccess = metricsAccessFromEnv()): Route {
  return async (req, res) => {
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      return sendJson(res, 405, refusal(ErrorCode.BAD_USER_INPUT, 'METHOD_NOT_ALLOWED', '只支持 GET 请求', 'Only GET is supported'));
    }
    if (access.kind === 'closed') {
      return sendJson(res, 403, refusal(ErrorCode.FORBIDDEN, 'METRICS_TOKEN_NOT_SET', '生产环境须设置 METRICS_TOKEN 才提供监控指标', 'Metrics are served in production only with METRICS_TOKEN set'));
    }
    if (access.kind === 'token') {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      // compared as digests of equal length, in constant time
      if (!given || !timingSafeEqual(digestOf(given), access.digest)) {
        res.setHeader('www-authenticate', 'Bearer');
        return sendJson(res, 401, refusal(ErrorCode.UNAUTHENTICATED, 'METRICS_TOKEN_REQUIRED', '读取监控指标须提供监控令牌', 'Reading the metrics needs the metrics token'));
      }
    }
    const texts = await Promise.all([processMetrics(), ...registries].map((registry) => registry.metrics()));
    res.writeHead(200, { 'content-type': Registry.PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' });
    res.end(texts.join(''));
  };
}
