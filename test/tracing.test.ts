import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { Role, composeCreditCode } from '@sme/kernel';
import { createTestDatabase, tokenFor } from '@sme/testing';
import { startLoggedGateway, startLoggedSubgraph, type LoggedProcess } from './support/logged-processes';

/**
 * OpenTelemetry traces across the gateway and the subgraphs, each its own process started as `npm start` does,
 * with tracing switched on by the standard variables alone (OTLP over HTTP, JSON) and sending to a collector this
 * test runs. One query that crosses two subgraphs, sent with a W3C `traceparent` of the test's own, must come
 * back as one trace: the gateway's server span continues the caller's, its calls to the subgraphs descend
 * from it (through Apollo's own planning and fetch spans), and each subgraph's server span is the child of the
 * gateway's call to it. The processes are stopped
 * before the spans are read: stopping sends what is still buffered, so nothing is waited for by the clock.
 * That tracing is off, and costs nothing, unless asked for is packages/kernel/test/tracing-off.test.ts.
 */

interface Span {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

const SERVER = 2;
const CLIENT = 3;

/** The collector's side of OTLP/HTTP with JSON: what each process sent, as spans with their service's name. */
function collector() {
  const spans: Span[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const sent = JSON.parse(body) as { resourceSpans: any[] };
        for (const resourceSpans of sent.resourceSpans) {
          const service = resourceSpans.resource.attributes.find((a: any) => a.key === 'service.name')?.value.stringValue;
          for (const scope of resourceSpans.scopeSpans) {
            for (const span of scope.spans) {
              const attributes = Object.fromEntries(span.attributes.map((a: any) => [a.key, Object.values(a.value)[0]]));
              spans.push({ service, traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId || undefined, name: span.name, kind: span.kind, attributes });
            }
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  return { spans, server };
}

const received = collector();
let registry: LoggedProcess;
let shanxi: LoggedProcess;
let gateway: LoggedProcess;
let creditCode: string;

beforeAll(async () => {
  const port = await new Promise<number>((resolve) => received.server.listen(0, '127.0.0.1', () => resolve((received.server.address() as { port: number }).port)));
  const tracing = (service: string) => ({
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
    OTEL_SERVICE_NAME: service,
  });
  const databaseUrl = await createTestDatabase();
  [registry, shanxi] = await Promise.all([startLoggedSubgraph('registry', databaseUrl, tracing('registry')), startLoggedSubgraph('shanxi', databaseUrl, tracing('shanxi'))]);
  gateway = await startLoggedGateway({ registry: registry.baseUrl, shanxi: shanxi.baseUrl }, tracing('gateway'));
  creditCode = composeCreditCode('9', '1', '140105', 'MA0G9002');
  const registered = await fetch(`${gateway.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(Role.ADMIN)}` },
    body: JSON.stringify({
      query: `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`,
      variables: { input: { creditCode, name: '链路追踪测试机构', legalForm: 'ENTERPRISE', regionCode: '140105', establishedOn: '2015-06-01' } },
    }),
  });
  expect(((await registered.json()) as { errors?: unknown }).errors).toBeUndefined();
}, 120_000);

afterAll(async () => {
  await Promise.all([gateway, shanxi, registry].map((p) => p?.stop()));
  await new Promise((resolve) => received.server.close(resolve));
});

it('follows one query from the gateway into every subgraph it reaches, as one trace', async () => {
  // monitoring's calls first: they must make no spans
  expect((await fetch(`${registry.baseUrl}/healthz`)).status).toBe(200);
  expect((await fetch(`${gateway.baseUrl}/metrics`)).status).toBe(200);
  const traceId = randomBytes(16).toString('hex');
  const callerSpanId = randomBytes(8).toString('hex');
  const response = await fetch(`${gateway.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${callerSpanId}-01`, 'x-request-id': 'traced-1' },
    body: JSON.stringify({ query: `query Traced($c: CreditCode!) { institution(creditCode: $c) { name shanxiLibrary { status } } }`, variables: { c: creditCode } }),
  });
  expect(await response.json()).toEqual({ data: { institution: { name: '链路追踪测试机构', shanxiLibrary: null } } });
  const subgraphLine = await registry.line((l) => l.msg === 'request' && l.requestId === 'traced-1', 'the request traced-1');

  // stopping a process sends the spans it still holds
  expect(await Promise.all([gateway, shanxi, registry].map((p) => p.stop()))).toEqual([0, 0, 0]);
  const trace = received.spans.filter((span) => span.traceId === traceId);

  const gatewayServer = trace.filter((span) => span.service === 'gateway' && span.kind === SERVER);
  expect(gatewayServer).toHaveLength(1);
  expect(gatewayServer[0]).toMatchObject({ parentSpanId: callerSpanId, attributes: expect.objectContaining({ 'url.path': '/graphql', 'http.request.method': 'POST' }) });
  const gatewayCalls = trace.filter((span) => span.service === 'gateway' && span.kind === CLIENT);
  // Apollo's gateway adds its own spans (planning, each fetch) between its server span and its calls
  expect(trace.filter((span) => span.service === 'gateway' && span.name === 'gateway.fetch')).toHaveLength(2);
  expect(trace.filter((span) => span.service === 'gateway' && span.name === 'gateway.plan')).toHaveLength(1);
  const byId = new Map(trace.map((span) => [span.spanId, span]));
  const ancestorsOf = (span: Span): string[] => (span.parentSpanId && byId.has(span.parentSpanId) ? [span.parentSpanId, ...ancestorsOf(byId.get(span.parentSpanId)!)] : span.parentSpanId ? [span.parentSpanId] : []);
  for (const call of gatewayCalls) expect(ancestorsOf(call)).toContain(gatewayServer[0].spanId);
  for (const service of ['registry', 'shanxi']) {
    const served = trace.filter((span) => span.service === service && span.kind === SERVER);
    expect(served).toHaveLength(1);
    expect(gatewayCalls.map((span) => span.spanId)).toContain(served[0].parentSpanId);
  }
  expect(gatewayCalls).toHaveLength(2);
  // a log line written inside a span names the trace, so an operator goes from one to the other
  expect(subgraphLine.trace_id).toBe(traceId);
  // monitoring's calls made none
  expect(received.spans.filter((span) => /healthz|readyz|metrics/.test(String(span.attributes['url.path'] ?? '')))).toEqual([]);
});
