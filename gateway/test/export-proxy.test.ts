import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer, listen } from '@sme/kernel';
import { exportProxy } from '../src/export-proxy';

/**
 * The gateway's `/exports/*` forwarding against a stand-in subgraph that records what reaches it, so the
 * forwarding itself (paths, headers, streaming, a subgraph that is down) is tested without the supergraph.
 */
let subgraph: http.Server;
let gateway: http.Server;
let gatewayUrl: string;
const seen: { url: string; headers: http.IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  subgraph = http.createServer((req, res) => {
    seen.push({ url: req.url!, headers: req.headers });
    res.writeHead(200, { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="a.csv"', 'x-request-id': String(req.headers['x-request-id']), 'set-cookie': 'sid=private', server: 'stand-in' });
    // three chunks, apart in time: the gateway passes each on as it comes
    let n = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer); // the gateway hung up, as it should when its client does
      res.write(`row ${++n}\n`);
      if (n === 3) {
        clearInterval(timer);
        res.end();
      }
    }, 20);
  });
  const subgraphPort = await listen(subgraph, 0);
  const closed = http.createServer();
  const closedPort = await listen(closed, 0);
  await new Promise((r) => closed.close(r));
  gateway = createHttpServer({
    '/exports/*': exportProxy(new Map([
      // a subgraph behind a path prefix: its files lie beside its /graphql
      ['standin', `http://127.0.0.1:${subgraphPort}/standin/graphql`],
      ['down', `http://127.0.0.1:${closedPort}/graphql`],
    ])),
  });
  gatewayUrl = `http://127.0.0.1:${await listen(gateway, 0)}`;
});
afterAll(async () => {
  await new Promise((r) => gateway.close(r));
  await new Promise((r) => subgraph.close(r));
});

it('forwards GET /exports/<subgraph>/<file>?query to the subgraph’s /exports/<file>?query with the token and request id', async () => {
  seen.length = 0;
  const response = await fetch(`${gatewayUrl}/exports/standin/deep/table.csv?unitCode=140100&year=2026`, {
    headers: { authorization: 'Bearer abc', 'x-request-id': 'proxy-test-1', cookie: 'gateway=only' },
  });
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('row 1\nrow 2\nrow 3\n');
  expect(seen).toHaveLength(1);
  expect(seen[0].url).toBe('/standin/exports/deep/table.csv?unitCode=140100&year=2026');
  expect(seen[0].headers).toMatchObject({ authorization: 'Bearer abc', 'x-request-id': 'proxy-test-1' });
  expect(seen[0].headers.cookie).toBeUndefined();
  expect(response.headers.get('content-type')).toBe('text/csv');
  expect(response.headers.get('content-disposition')).toBe('attachment; filename="a.csv"');
  expect(response.headers.get('x-request-id')).toBe('proxy-test-1');
  expect(response.headers.get('set-cookie')).toBeNull();
  expect(response.headers.get('server')).toBeNull();
});

it('streams the body: the first chunk arrives before the subgraph has finished', async () => {
  const response = await fetch(`${gatewayUrl}/exports/standin/table.csv`);
  const reader = response.body!.getReader();
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toBe('row 1\n');
  await reader.cancel();
});

it('answers 502 when the subgraph cannot be reached, 404 for an unknown subgraph, 405 for anything but GET', async () => {
  const down = await fetch(`${gatewayUrl}/exports/down/table.csv`);
  expect(down.status).toBe(502);
  expect(((await down.json()) as any).errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_ERROR', subgraph: 'down' });
  const unknown = await fetch(`${gatewayUrl}/exports/nowhere/table.csv`);
  expect(unknown.status).toBe(404);
  expect(((await unknown.json()) as any).errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_SUBGRAPH' });
  const head = await fetch(`${gatewayUrl}/exports/standin/table.csv`, { method: 'HEAD' });
  expect(head.status).toBe(405);
});

it('refuses paths with dot segments or escapes before asking any subgraph', async () => {
  seen.length = 0;
  for (const path of ['/exports/standin/./table.csv', '/exports/standin/../graphql', '/exports/standin/%2e%2e/graphql', '/exports/standin/.hidden', '/exports/standin/a%2Fb', '/exports/standin/', '/exports/standin']) {
    const status = await new Promise<number>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: (gateway.address() as AddressInfo).port, path }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      }).on('error', reject);
    });
    expect({ path, status }).toEqual({ path, status: 404 });
  }
  expect(seen).toHaveLength(0);
});
