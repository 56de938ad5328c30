import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { SUBGRAPHS, absolute } from '@sme/devtools';

/**
 * The test run's subgraph and gateway processes, kept between test files. Starting a subgraph's process is mostly
 * loading it (some two thousand modules, about two seconds of CPU), and an end-to-end test file starts six and a
 * gateway: on a 2-core machine that was a large share of the whole run. The pool, started by the jest global
 * setup, keeps each process once its file is done (subgraph-host.ts, gateway-host.ts) and starts it on the next
 * file's database, so a file pays only for what `startSubgraph` and `startGateway` do each time. A process is
 * reused only for the same environment (what it read from it when it loaded stays as a fresh process would have
 * it), serves one file at a time, and is retired after a number of files. test/support/supergraph.ts asks for
 * processes here (over HTTP, from the jest workers) and starts its own when no pool runs.
 */

interface Host {
  id: number;
  /** A subgraph's name, or `gateway`. */
  kind: string;
  /** The environment it was started with, as a key: reused only for the same. */
  key: string;
  child: ChildProcess;
  busy: boolean;
  starts: number;
  lastUsed: number;
  output: string[];
}

const SUBGRAPH_HOST = absolute('packages/testing/dist/src/subgraph-host.js');
const GATEWAY_HOST = absolute('packages/testing/dist/src/gateway-host.js');
/** Idle processes kept per kind and environment: one per jest worker. */
const IDLE_PER_KIND = 2;
/** Idle processes kept in all (each holds some 150 MB). */
const IDLE_IN_ALL = 24;
/** Starts a process serves before it is retired, so that whatever a start leaves behind cannot pile up. */
const STARTS_PER_HOST = 25;
/** Variables that differ per worker or per start, not between environments. */
const NOT_OF_THE_ENVIRONMENT = new Set(['JEST_WORKER_ID', 'DATABASE_URL', 'PORT']);

export const environmentKey = (env: Record<string, string>) =>
  JSON.stringify(Object.entries(env).filter(([name]) => !NOT_OF_THE_ENVIRONMENT.has(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export interface ProcessPool {
  url: string;
  close(): Promise<void>;
}

/** The command line of a kind's process. */
function hostCommand(kind: string): string[] {
  if (kind === 'gateway') return [GATEWAY_HOST];
  const entry = SUBGRAPHS.find((s) => s.name === kind);
  if (!entry) throw new Error(`unknown subgraph ${kind}`);
  return [SUBGRAPH_HOST, absolute(entry.definitionModule), entry.definitionExport];
}

/** Null when the host scripts are not compiled (`npx tsc -b`): the tests then start their processes themselves. */
export async function startProcessPool(): Promise<ProcessPool | null> {
  if (!fs.existsSync(SUBGRAPH_HOST) || !fs.existsSync(GATEWAY_HOST)) return null;
  const hosts = new Map<number, Host>();
  let nextId = 1;

  /** Sends a message and waits for the reply that has one of `keys`; the process exiting is an answer too. */
  const ask = (host: Host, message: Record<string, unknown>, keys: string[], timeoutMs: number) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const done = (answer: Record<string, unknown>) => {
        clearTimeout(timer);
        host.child.off('message', onMessage);
        host.child.off('exit', onExit);
        resolve(answer);
      };
      const onMessage = (answer: Record<string, unknown>) => {
        if ([...keys, 'failed'].some((k) => k in answer)) done(answer);
      };
      const onExit = (code: number | null, signal: string | null) => done({ failed: `${host.kind} exited (${code ?? signal})` });
      const timer = setTimeout(() => done({ failed: `${host.kind} did not answer within ${timeoutMs} ms` }), timeoutMs);
      host.child.on('message', onMessage);
      host.child.once('exit', onExit);
      if (message && Object.keys(message).length) host.child.send(message);
    });

  const retire = (host: Host) => {
    hosts.delete(host.id);
    if (host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
  };

  async function spawnHost(kind: string, env: Record<string, string>, key: string): Promise<Host> {
    const childEnv = Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'DATABASE_URL' && name !== 'PORT'));
    const child = spawn(process.execPath, hostCommand(kind), { env: childEnv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const host: Host = { id: nextId++, kind, key, child, busy: true, starts: 0, lastUsed: Date.now(), output: [] };
    const collect = (chunk: Buffer) => {
      host.output.push(chunk.toString('utf8'));
      if (host.output.length > 200) host.output.splice(0, host.output.length - 200);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', () => hosts.delete(host.id));
    // kept processes must not keep the run alive; they end with the pool's channel (subgraph-host.ts)
    child.unref();
    child.channel?.unref();
    hosts.set(host.id, host);
    const loaded = await ask(host, {}, ['loaded'], 120_000);
    if (!loaded.loaded) {
      retire(host);
      throw new Error(`${kind} did not load: ${String(loaded.failed)}\n${host.output.join('')}`);
    }
    return host;
  }

  /** Keeps at most IDLE_PER_KIND idle processes of a kind and IDLE_IN_ALL in all, the least recently used going first. */
  function trimIdle(): void {
    const idle = [...hosts.values()].filter((h) => !h.busy).sort((a, b) => b.lastUsed - a.lastUsed);
    const perKind = new Map<string, number>();
    idle.forEach((host, index) => {
      const sameKind = `${host.kind} ${host.key}`;
      const n = (perKind.get(sameKind) ?? 0) + 1;
      perKind.set(sameKind, n);
      if (n > IDLE_PER_KIND || index >= IDLE_IN_ALL || host.starts >= STARTS_PER_HOST) retire(host);
    });
  }

  /** `start` is what the kind's process starts on: a subgraph's database URL, the gateway's subgraph URLs. */
  async function start(body: { kind: string; env: Record<string, string>; start: unknown }) {
    const key = environmentKey(body.env);
    let host = [...hosts.values()].find((h) => !h.busy && h.kind === body.kind && h.key === key && h.child.connected);
    if (host) host.busy = true;
    else host = await spawnHost(body.kind, body.env, key);
    host.starts++;
    host.output = [];
    const answer = await ask(host, { start: body.start }, ['started'], 120_000);
    if (typeof answer.started !== 'number') {
      const output = host.output.join('');
      retire(host);
      return { status: 500, body: { error: `${body.kind} did not start: ${String(answer.failed)}\n${output}` } };
    }
    return { status: 200, body: { host: host.id, port: answer.started } };
  }

  async function stop(body: { host: number }) {
    const host = hosts.get(body.host);
    if (!host) return { status: 200, body: {} }; // it died meanwhile: nothing to stop
    const answer = await ask(host, { stop: true }, ['stopped'], 30_000);
    if (!answer.stopped) retire(host);
    host.busy = false;
    host.lastUsed = Date.now();
    trimIdle();
    return { status: 200, body: {} };
  }

  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const route = req.url === '/start' ? start : req.url === '/stop' ? stop : null;
      const handled = route ? route(JSON.parse(text)) : Promise.resolve({ status: 404, body: { error: `no route ${req.url}` } });
      handled
        .catch((error: unknown) => ({ status: 500, body: { error: error instanceof Error ? (error.stack ?? error.message) : String(error) } }))
        .then(({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // the pool must not keep the run alive: it answers while jest runs, and global teardown closes it
  server.unref();

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      const exits = [...hosts.values()].map((host) => new Promise<void>((resolve) => (host.child.exitCode !== null ? resolve() : (host.child.once('exit', () => resolve()), host.child.kill('SIGKILL')))));
      await Promise.all(exits);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
