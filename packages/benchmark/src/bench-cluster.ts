import crypto from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { SUBGRAPHS, absolute, freePort, startProcess, stopAll, waitUntilReady } from '@sme/devtools';
import { pinToCores, type CoreLayout } from './core-pinning';
import { hiveGatewayCommand, hiveGatewayFiles } from './hive-gateway';
import type { MeasuredProcess } from './process-cpu';

/**
 * What the benchmark measures, each part a process of its own on the servers' cores: every subgraph from its
 * compiled output, our gateway, and Hive Gateway on the same subgraphs. All run as in production
 * (NODE_ENV=production: introspection for analysts only, no field suggestions, a real JWT secret), except that
 * the subgraphs and our gateway say how many SQL statements a request took (SQL_STATEMENTS_HEADER=on), which
 * the statement counts per operation are read from. Logs: warnings only, as an operator would run them.
 */
export async function startBenchCluster(options: { databaseUrl: string; supergraphSdl: string; layout: CoreLayout }) {
  const jwtSecret = crypto.randomBytes(32).toString('hex');
  // BACKGROUND_JOBS=off: the daily schedule would admit and notify seeded members mid-run and change what is read
  const env = { DATABASE_URL: options.databaseUrl, NODE_ENV: 'production', JWT_SECRET: jwtSecret, SQL_STATEMENTS_HEADER: 'on', LOG_LEVEL: 'warn', BACKGROUND_JOBS: 'off' };
  const children: ChildProcess[] = [];
  const processes: MeasuredProcess[] = [];
  let hiveFiles: ReturnType<typeof hiveGatewayFiles> | undefined;
  const launch = (name: string, script: string, args: string[], extraEnv: NodeJS.ProcessEnv) => {
    const child = startProcess(name, script, args, { ...env, ...extraEnv });
    children.push(child);
    if (child.pid) {
      pinToCores(child.pid, options.layout.servers);
      processes.push({ name, pid: child.pid });
    }
    return child;
  };
  const stop = async () => {
    await stopAll(children);
    hiveFiles?.remove();
  };
  try {
    const subgraphUrls: Record<string, string> = {};
    await Promise.all(
      SUBGRAPHS.map(async (subgraph) => {
        const port = await freePort();
        const child = launch(subgraph.name, absolute(`${subgraph.dir}/dist/src/index.js`), [], { PORT: String(port) });
        subgraphUrls[subgraph.name] = `http://127.0.0.1:${port}/graphql`;
        await waitUntilReady(`http://127.0.0.1:${port}/readyz`, child, 120_000);
      }),
    );
    const gatewayPort = await freePort();
    const gateway = launch('gateway', absolute('gateway/dist/src/index.js'), [], { PORT: String(gatewayPort), SUBGRAPH_URLS: JSON.stringify(subgraphUrls) });
    const hivePort = await freePort();
    hiveFiles = hiveGatewayFiles(options.supergraphSdl, subgraphUrls);
    const hiveCommand = hiveGatewayCommand(hiveFiles, hivePort);
    const hive = launch('hive-gateway', hiveCommand.script, hiveCommand.args, {});
    await Promise.all([
      waitUntilReady(`http://127.0.0.1:${gatewayPort}/healthz`, gateway, 120_000),
      waitUntilReady(`http://127.0.0.1:${hivePort}/readiness`, hive, 120_000),
    ]);
    return {
      jwtSecret,
      subgraphUrls,
      gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
      hiveUrl: `http://127.0.0.1:${hivePort}/graphql`,
      processes,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type BenchCluster = Awaited<ReturnType<typeof startBenchCluster>>;
