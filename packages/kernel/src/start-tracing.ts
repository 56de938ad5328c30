import { startTracing } from './tracing';

/**
 * A process's first import (`import '@sme/kernel/start-tracing'` at the top of the gateway's and each subgraph's
 * `index.ts`): tracing, when OTEL_TRACES_EXPORTER asks for it, must instrument node's http module before any
 * other module loads it (tracing.ts).
 */
startTracing();
