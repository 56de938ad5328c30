import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { SUBGRAPHS, freePort } from '@sme/devtools';
import { startGateway } from '../../gateway/src/server';
import { createTestDatabase, graphqlClient } from '@sme/testing';

const ROOT = path.resolve(__dirname, '../..');

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`subgraph exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready:\n${output()}`);
}

/**
 * Every subgraph as its own process (compiled output, as `npm start` runs them: type-graphql's metadata is
 * global, so one process per subgraph) on one fresh database, and the gateway in this process serving the
 * committed supergraph with the subgraphs' test URLs.
 */
export async function startSupergraph(options: { beforeStart?: (databaseUrl: string) => Promise<void>; env?: Record<string, string> } = {}) {
  const databaseUrl = await createTestDatabase();
  // data loaded before the processes start (e.g. each subgraph's demo data, as `npm start` loads it)
  await options.beforeStart?.(databaseUrl);
  const children: ChildProcess[] = [];
  const subgraphUrls: Record<string, string> = {};
  const startOne = async (subgraph: (typeof SUBGRAPHS)[number]) => {
    const port = await freePort();
    let output = '';
    const child = spawn(process.execPath, [path.join(ROOT, subgraph.dir, 'dist/src/index.js')], {
      env: { ...process.env, ...options.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    children.push(child);
    await waitReady(`http://127.0.0.1:${port}/readyz`, child, () => output);
    subgraphUrls[subgraph.name] = `http://127.0.0.1:${port}/graphql`;
  };
  try {
    // the registry first (it creates the shared event stream), then the others side by side
    const [first, ...rest] = SUBGRAPHS;
    await startOne(first);
    await Promise.all(rest.map(startOne));
  } catch (error) {
    // a subgraph that did not come up must not leave its siblings running (jest would wait for them)
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    throw error;
  }
  const gateway = await startGateway({ subgraphUrls });
  return {
    databaseUrl,
    gatewayUrl: gateway.url,
    subgraphUrls,
    query: graphqlClient(gateway.url),
    async stop() {
      await gateway.stop();
      await Promise.all(
        children.map((c) => new Promise<void>((resolve) => (c.exitCode !== null ? resolve() : (c.once('exit', () => resolve()), c.kill('SIGTERM'))))),
      );
    },
  };
}
