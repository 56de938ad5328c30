import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { SUBGRAPHS, freePort, type SubgraphEntry } from '@sme/devtools';
import { createTestDatabase, graphqlClient } from '@sme/testing';

const ROOT = path.resolve(__dirname, '../..');

/** A subgraph serving the test database, or the gateway in front of them: where, and how to let it go. */
interface Served {
  url: string;
  stop(): Promise<void>;
}

/** GETs `url` until it answers 200; `failure` (a dead process) ends the wait at once. */
async function waitReady(url: string, failure: () => string | null): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const failed = failure();
    if (failed) throw new Error(failed);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet listening
    }
    // a subgraph listens about a second after it starts loading: a short poll does not add to every file's start
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} not ready:\n${failure() ?? ''}`);
}

/** The subgraph as a process of its own, from its compiled index.js, as `npm start` runs it. */
async function spawnSubgraph(subgraph: SubgraphEntry, databaseUrl: string, env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, subgraph.dir, 'dist/src/index.js')], {
    env: { ...env, DATABASE_URL: databaseUrl, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const stop = () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))));
  try {
    await waitReady(`http://127.0.0.1:${port}/readyz`, () => (child.exitCode !== null ? `subgraph exited (${child.exitCode}):\n${output}` : null));
  } catch (error) {
    // a subgraph that did not come up must not be left running (jest would wait for it)
    child.kill('SIGKILL');
    throw error;
  }
  return { url: `http://127.0.0.1:${port}/graphql`, stop };
}

async function post(url: string, body: unknown): Promise<{ ok: boolean; body: Record<string, any> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { ok: response.ok, body: (await response.json()) as Record<string, any> };
}

/**
 * A process from the run's pool (packages/testing process-pool.ts) that has loaded its code before: a subgraph
 * started on this database by the same `startSubgraph` as its index.js, or the gateway started by the same
 * `startGateway` as below with these subgraph URLs; stopped by the same after.
 */
async function lease(poolUrl: string, kind: string, env: Record<string, string>, start: unknown): Promise<Served> {
  const started = await post(`${poolUrl}/start`, { kind, env, start });
  if (!started.ok) throw new Error(String(started.body.error));
  const stop = async () => void (await post(`${poolUrl}/stop`, { host: started.body.host }));
  const base = `http://127.0.0.1:${started.body.port}`;
  try {
    await waitReady(`${base}/readyz`, () => null);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `${base}/graphql`, stop };
}

/** The gateway in this process, from its sources: when no pool runs. */
async function startGatewayHere(subgraphUrls: Record<string, string>): Promise<Served> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startGateway } = require('../../gateway/src/server') as typeof import('../../gateway/src/server');
  const gateway = await startGateway({ subgraphUrls });
  return { url: gateway.url, stop: () => gateway.stop() };
}

/** The variables of an environment that are set. */
const setOnly = (env: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));

/**
 * Every subgraph as its own process (compiled output, as `npm start` runs them: type-graphql's metadata is
 * global, so one process per subgraph) on one fresh database, and the gateway serving the committed supergraph
 * with the subgraphs' test URLs. The processes come from the run's pool when the jest global setup started one
 * (kept loaded between files, each file starting them on its own database; the gateway then runs compiled, in a
 * process of its own, with this file's environment); else the subgraphs are spawned and the gateway runs here.
 */
export async function startSupergraph(options: { database?: () => Promise<string>; beforeStart?: (databaseUrl: string) => Promise<void>; env?: Record<string, string> } = {}) {
  // a fresh migrated database, or one with a data set already in it (e.g. demoDatabase() of demo-data.ts)
  const databaseUrl = await (options.database ?? createTestDatabase)();
  // data loaded before the processes start (e.g. each subgraph's demo data, as `npm start` loads it)
  await options.beforeStart?.(databaseUrl);
  const env = setOnly({ ...process.env, ...options.env, LOG_LEVEL: 'warn' });
  const poolUrl = process.env.TEST_PROCESS_POOL_URL;
  const served: Served[] = [];
  const subgraphUrls: Record<string, string> = {};
  const startOne = async (subgraph: SubgraphEntry) => {
    const one = await (poolUrl ? lease(poolUrl, subgraph.name, env, databaseUrl) : spawnSubgraph(subgraph, databaseUrl, env));
    served.push(one);
    subgraphUrls[subgraph.name] = one.url;
  };
  try {
    // the registry first (it creates the shared event stream), then the others side by side
    const [first, ...rest] = SUBGRAPHS;
    await startOne(first);
    const others = await Promise.allSettled(rest.map(startOne));
    for (const result of others) if (result.status === 'rejected') throw result.reason;
  } catch (error) {
    // a subgraph that did not come up must not leave its siblings running (jest would wait for them)
    await Promise.all(served.map((s) => s.stop().catch(() => undefined)));
    throw error;
  }
  let gateway: Served;
  try {
    // the gateway reads this process's environment, as it would running here (`env` above is the subgraphs')
    gateway = await (poolUrl ? lease(poolUrl, 'gateway', setOnly({ ...process.env }), subgraphUrls) : startGatewayHere(subgraphUrls));
  } catch (error) {
    await Promise.all(served.map((s) => s.stop().catch(() => undefined)));
    throw error;
  }
  return {
    databaseUrl,
    gatewayUrl: gateway.url,
    subgraphUrls,
    query: graphqlClient(gateway.url),
    async stop() {
      await gateway.stop();
      await Promise.all(served.map((s) => s.stop()));
    },
  };
}
