import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { traceExporters } from '../src/tracing';

/**
 * Tracing is off unless OTEL_TRACES_EXPORTER names an exporter, and off means free: a process that starts as the
 * gateway and the subgraphs do (their first import is `@sme/kernel/start-tracing`) loads not one module of the
 * OpenTelemetry SDK. Checked in a fresh node process per setting, on the compiled kernel those processes run.
 * That the traces, once on, cross from the gateway into the subgraphs is test/tracing.test.ts.
 */
const START_TRACING = path.resolve(__dirname, '../dist/src/start-tracing.js');

const SCRIPT = `
require(${JSON.stringify(START_TRACING)});
const sdk = Object.keys(require.cache).filter((file) => /[\\\\/]@opentelemetry[\\\\/](sdk-|instrumentation)/.test(file));
process.stdout.write(String(sdk.length));
process.exit(0);
`;

/** How many modules of the SDK and its instrumentations a process has loaded after its first import. */
async function sdkModulesLoaded(env: Record<string, string>): Promise<number> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OTEL_')));
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', SCRIPT], { env: { ...inherited, ...env } });
  return Number(stdout);
}

describe('tracing, off by default', () => {
  it('loads nothing of the SDK when OTEL_TRACES_EXPORTER is unset, empty or none, or the SDK is disabled', async () => {
    expect(await sdkModulesLoaded({})).toBe(0);
    expect(await sdkModulesLoaded({ OTEL_TRACES_EXPORTER: '' })).toBe(0);
    expect(await sdkModulesLoaded({ OTEL_TRACES_EXPORTER: 'none' })).toBe(0);
    expect(await sdkModulesLoaded({ OTEL_TRACES_EXPORTER: 'console', OTEL_SDK_DISABLED: 'true' })).toBe(0);
    // an endpoint alone does not turn it on: the exporter is the switch
    expect(await sdkModulesLoaded({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' })).toBe(0);
  });

  it('starts the SDK when an exporter is named', async () => {
    expect(await sdkModulesLoaded({ OTEL_TRACES_EXPORTER: 'console' })).toBeGreaterThan(0);
  });

  it('reads the exporter list as the OpenTelemetry variables are written', () => {
    expect(traceExporters({})).toEqual([]);
    expect(traceExporters({ OTEL_TRACES_EXPORTER: ' otlp , console ' })).toEqual(['otlp', 'console']);
    expect(traceExporters({ OTEL_TRACES_EXPORTER: 'otlp,none' })).toEqual([]);
    expect(traceExporters({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' })).toEqual([]);
  });
});
