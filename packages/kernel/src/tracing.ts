import type { IncomingMessage } from 'node:http';
import type { NodeSDK } from '@opentelemetry/sdk-node';

/**
 * OpenTelemetry traces, configured by the standard variables and off unless asked for. OTEL_TRACES_EXPORTER
 * (`otlp`, `console`, `zipkin`; unset or `none`: off) chooses where spans go, OTEL_EXPORTER_OTLP_ENDPOINT and
 * OTEL_EXPORTER_OTLP_PROTOCOL (`http/protobuf` by default, `http/json`, `grpc`) where and how, OTEL_SERVICE_NAME
 * (else SERVICE_NAME) names the process, OTEL_TRACES_SAMPLER and OTEL_PROPAGATORS work as everywhere; the SDK
 * reads them itself. Off, not one module of the SDK is loaded: a process pays nothing for tracing it does not do.
 *
 * On, node's http client and server are instrumented: the gateway's server span, its call to each subgraph, and
 * each subgraph's server span form one trace, the W3C `traceparent` header carrying it across (a caller's own
 * `traceparent` is continued). Log lines written inside a span carry its `trace_id` and `span_id`. Metrics stay
 * with Prometheus (`/metrics`) and logs with stdout unless OTEL_METRICS_EXPORTER / OTEL_LOGS_EXPORTER ask for more.
 *
 * The http module must be instrumented before anything loads it, so each process starts tracing first of all:
 * its entry point's first import is `@sme/kernel/start-tracing`.
 */

let sdk: NodeSDK | undefined;

/** The exporters OTEL_TRACES_EXPORTER asks for; none means tracing is off. */
export function traceExporters(env: NodeJS.ProcessEnv = process.env): string[] {
  const names = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  return names.includes('none') || env.OTEL_SDK_DISABLED === 'true' ? [] : names;
}

/** Monitoring's calls every few seconds are not worth a trace each. */
const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
const isProbe = (req: IncomingMessage) => PROBE_PATHS.has((req.url ?? '/').split('?')[0]);

/** Starts tracing when OTEL_TRACES_EXPORTER asks for it (once per process); says whether it is on. */
export function startTracing(env: NodeJS.ProcessEnv = process.env): boolean {
  if (sdk) return true;
  if (traceExporters(env).length === 0) return false;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PinoInstrumentation } = require('@opentelemetry/instrumentation-pino') as typeof import('@opentelemetry/instrumentation-pino');
  /* eslint-enable @typescript-eslint/no-require-imports */
  sdk = new NodeSDK({
    // OTEL_SERVICE_NAME, when set, is read by the SDK itself (and would be overridden by this)
    serviceName: env.OTEL_SERVICE_NAME ? undefined : (env.SERVICE_NAME ?? 'sme'),
    // the SDK's defaults for these are `otlp`: only what the operator asks for
    metricReaders: env.OTEL_METRICS_EXPORTER ? undefined : [],
    logRecordProcessors: env.OTEL_LOGS_EXPORTER ? undefined : [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: isProbe }),
      new PinoInstrumentation({ disableLogSending: !env.OTEL_LOGS_EXPORTER }),
    ],
  });
  sdk.start();
  return true;
}

/** Sends the spans still buffered and stops tracing: called before a process exits, so its last requests are not lost. */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown();
}
