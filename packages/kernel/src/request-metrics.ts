import { Counter, Histogram, Registry } from 'prom-client';
import type { RequestOutcome, RequestTrace } from './request-context';
import { operationLabeller, type OperationLabelOptions } from './operation-label';
import { outcomeOfStatus, worseOutcome } from './operation-outcome';

/** Seconds: from a cached read (a few ms) to the slowest export; the default Prometheus buckets. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const OUTCOMES: readonly RequestOutcome[] = ['success', 'client_error', 'server_error'];

/** A server's request counters, served at its `/metrics`; `createHttpServer` calls `observe` once per request. */
export interface RequestMetrics {
  registry: Registry;
  observe(route: string, trace: RequestTrace, status: number, seconds: number): void;
}

interface Series {
  requests: Record<RequestOutcome, Counter.Internal>;
  duration: Histogram.Internal<'route' | 'operationName'>;
}

/**
 * `http_requests_total{route, operationName, outcome}` and `http_request_duration_seconds{route, operationName}`
 * for one HTTP server. `route` is the route that answered (`/graphql`, `/exports/*`, … or `unmatched`);
 * `operationName` the GraphQL operation, bounded (operation-label.ts), and empty for the other routes; `outcome`
 * `success`, `client_error` (a refusal: a SPEC §2 code or a 4xx) or `server_error` (an internal error, a part out
 * of reach, a 5xx). The registry is made once per server, and each label combination's counters once, when first
 * seen: a request costs a map lookup and three increments.
 */
export function requestMetrics(options: OperationLabelOptions = {}): RequestMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route, GraphQL operation and outcome',
    labelNames: ['route', 'operationName', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from the request arriving to its answer, by route and GraphQL operation',
    labelNames: ['route', 'operationName'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const labelOf = operationLabeller(options);
  const series = new Map<string, Series>();

  const seriesOf = (route: string, operationName: string): Series => {
    const key = `${route}\n${operationName}`;
    let found = series.get(key);
    if (!found) {
      const byOutcome = {} as Record<RequestOutcome, Counter.Internal>;
      for (const outcome of OUTCOMES) {
        byOutcome[outcome] = requests.labels({ route, operationName, outcome });
        // every outcome shown from the first request on, at 0: a rate over the first error needs the series before it
        byOutcome[outcome].inc(0);
      }
      found = { requests: byOutcome, duration: duration.labels({ route, operationName }) };
      series.set(key, found);
    }
    return found;
  };

  return {
    registry,
    observe(route, trace, status, seconds) {
      // routes other than GraphQL's never resolve an operation (trace.operations stays unset)
      const operationName = trace.operations === undefined ? '' : labelOf(trace.operations);
      const one = seriesOf(route, operationName);
      one.requests[worseOutcome(trace.outcome, outcomeOfStatus(status))].inc();
      one.duration.observe(seconds);
    },
  };
}
