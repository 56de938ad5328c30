import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { ensureDatabase, startEmbeddedPostgres, type LocalDatabase } from './embedded-postgres';
import { SUBGRAPHS, absolute } from './subgraph-list';
import { freePort } from './free-port';

/** The last lines a process printed, for the error when it dies unexpectedly. */
function outputTail(child: ChildProcess, keep = 60): () => string {
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > keep) lines.splice(0, lines.length - keep);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return () => lines.join('\n');
}

/**
 * The lines a process logged at error level or above (pino's level 50+), for the report: an answer the drill
 * did not expect (an internal error) is explained by what the server logged when it gave it.
 */
function errorLines(child: ChildProcess, name: string, into: string[], keep = 20): void {
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{') || into.length >= keep) continue;
      try {
        if (JSON.parse(line).level >= 50) into.push(`${name}: ${line.slice(0, 2000)}`);
      } catch {
        // not a log line
      }
    }
  });
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function waitForExit(child: ChildProcess): Promise<void> {
  return exited(child) ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** GET `url` until it answers 200; the process dying or `timeoutMs` passing is an error. Returns the polls it took. */
export async function pollUntilOk(url: string, timeoutMs: number, child?: ChildProcess, output?: () => string): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (let polls = 1; ; polls++) {
    if (child && exited(child)) throw new Error(`${url}: the process exited (${child.exitCode ?? child.signalCode})\n${output?.() ?? ''}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return polls;
    } catch {
      // not listening, or not ready yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000}s\n${output?.() ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The clusters running in this process, so a signal can take them down with it (no PostgreSQL left behind). */
const running = new Set<() => Promise<void>>();

export async function stopAllDrillClusters(): Promise<void> {
  await Promise.all([...running].map((stop) => stop().catch(() => undefined)));
}

interface Service {
  name: string;
  port: number;
  script: string;
  env: NodeJS.ProcessEnv;
  child?: ChildProcess;
  output?: () => string;
  /** Set before the drill kills it, so its exit is not taken for a crash. */
  expectedExit?: boolean;
  starts: number;
}

export interface DrillClusterOptions {
  /** Log level of the child processes (their output is kept for errors only). */
  logLevel?: string;
  /** How long a process or the database may take to become ready. */
  readyTimeoutMs?: number;
  /** Subgraphs whose migrations and demo data are loaded first, as `npm start` does; the others start empty. Default: all. */
  demoSubgraphs?: string[];
}

/**
 * Everything the fault drill breaks, each part a process of its own: a PostgreSQL server on a temporary data
 * directory and a free port (never a shared test server: the drill stops it), every subgraph from its compiled
 * output, and the gateway. A subgraph can be SIGKILLed and started again on the same port, and PostgreSQL
 * stopped and started again on the same data directory and port, while the rest keeps running.
 */
export async function startDrillCluster(options: DrillClusterOptions = {}) {
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const logLevel = options.logLevel ?? 'warn';
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-drill-pg-'));
  fs.chmodSync(tempDir, 0o755); // the server runs as the `postgres` user when the drill runs as root
  const dataDir = path.join(tempDir, 'data');
  const pgPort = await freePort();
  let database: LocalDatabase | undefined;
  let databaseUrl: string;
  try {
    // durable settings (fsync on): an acknowledged commit must survive the restart for real, not by luck
    database = await startEmbeddedPostgres(dataDir, pgPort, true);
    databaseUrl = await ensureDatabase(database.serverUrl, 'sme');
  } catch (error) {
    await database?.stop().catch(() => undefined);
    fs.rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
  const baseEnv = { DATABASE_URL: databaseUrl, LOG_LEVEL: logLevel };
  const services = new Map<string, Service>();
  const crashes: string[] = [];
  const serverErrors: string[] = [];

  const spawnService = (service: Service) => {
    const child = spawn(process.execPath, [service.script], {
      cwd: absolute('.'),
      env: { ...process.env, ...baseEnv, ...service.env, SERVICE_NAME: service.name },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.child = child;
    service.output = outputTail(child);
    errorLines(child, service.name, serverErrors);
    service.expectedExit = false;
    service.starts++;
    child.once('exit', (code, signal) => {
      if (!service.expectedExit) crashes.push(`${service.name} exited on its own (${code ?? signal})\n${service.output?.() ?? ''}`);
    });
  };
  const readyUrl = (service: Service) => `http://127.0.0.1:${service.port}${service.name === 'gateway' ? '/healthz' : '/readyz'}`;
  const startService = async (service: Service) => {
    spawnService(service);
    await pollUntilOk(readyUrl(service), readyTimeoutMs, service.child, service.output);
  };
  const serviceNamed = (name: string) => {
    const service = services.get(name);
    if (!service) throw new Error(`no such service in the drill: ${name}`);
    return service;
  };

  /** Each subgraph's migrations and demo data, as `npm start` loads them: the registry first, then the programmes. */
  const runSetup = (subgraph: (typeof SUBGRAPHS)[number]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [absolute(`${subgraph.dir}/dist/src/setup.js`), '--demo'], {
        cwd: absolute('.'),
        env: { ...process.env, ...baseEnv, SERVICE_NAME: `${subgraph.name}:setup` },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const output = outputTail(child);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${subgraph.name} setup failed (${code})\n${output()}`))));
    });

  const stopEverything = async () => {
    running.delete(stopEverything);
    for (const service of services.values()) service.expectedExit = true;
    await Promise.all(
      [...services.values()].map(async ({ child }) => {
        if (!child || exited(child)) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await waitForExit(child);
        clearTimeout(timer);
      }),
    );
    await database?.stop().catch(() => undefined);
    database = undefined;
    fs.rmSync(tempDir, { recursive: true, force: true });
  };

  running.add(stopEverything);
  try {
    const demo = SUBGRAPHS.filter((s) => options.demoSubgraphs?.includes(s.name) ?? true);
    // the registry first: the programmes learn its demo institutions from its events; none of them waits for another
    for (const subgraph of demo.filter((s) => s.name === 'registry')) await runSetup(subgraph);
    await Promise.all(demo.filter((s) => s.name !== 'registry').map(runSetup));
    for (const subgraph of SUBGRAPHS) {
      const port = await freePort();
      services.set(subgraph.name, { name: subgraph.name, port, script: absolute(`${subgraph.dir}/dist/src/index.js`), env: { PORT: String(port) }, starts: 0 });
    }
    await Promise.all([...services.values()].map(startService));
    const subgraphUrls = Object.fromEntries([...services.values()].map((s) => [s.name, `http://127.0.0.1:${s.port}/graphql`]));
    const gatewayPort = await freePort();
    const gateway: Service = {
      name: 'gateway',
      port: gatewayPort,
      script: absolute('gateway/dist/src/index.js'),
      env: { PORT: String(gatewayPort), SUBGRAPH_URLS: JSON.stringify(subgraphUrls) },
      starts: 0,
    };
    services.set('gateway', gateway);
    await startService(gateway);

    return {
      databaseUrl,
      gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
      subgraphUrls,
      subgraphNames: SUBGRAPHS.map((s) => s.name),
      /** The process id serving `name` now (a restart changes it; a reconnect does not). */
      pid: (name: string) => serviceNamed(name).child?.pid,
      /** How often `name` was started (1 = never restarted). */
      starts: (name: string) => serviceNamed(name).starts,
      /** Processes that exited without the drill stopping them, with their last output. */
      crashes: () => [...crashes],
      /** What the processes logged at error level (at most 20 lines): the servers' side of an unexpected answer. */
      serverErrors: () => [...serverErrors],
      /** SIGKILL: no shutdown hook runs, as in a crash or an OOM kill. Resolves once the process is gone. */
      async kill(name: string): Promise<void> {
        const service = serviceNamed(name);
        service.expectedExit = true;
        if (service.child && !exited(service.child)) {
          service.child.kill('SIGKILL');
          await waitForExit(service.child);
        }
      },
      /** Starts `name` again on its port; resolves once it is ready. */
      async start(name: string): Promise<void> {
        await startService(serviceNamed(name));
      },
      /** Readiness of a subgraph now (its /readyz, which checks the database). */
      async ready(name: string): Promise<boolean> {
        try {
          const response = await fetch(readyUrl(serviceNamed(name)), { signal: AbortSignal.timeout(3000) });
          await response.arrayBuffer();
          return response.ok;
        } catch {
          return false;
        }
      },
      /** Polls every subgraph's /readyz until all answer 200; returns the polls it took. */
      async waitAllReady(timeoutMs = readyTimeoutMs): Promise<number> {
        const polls = await Promise.all(SUBGRAPHS.map((s) => pollUntilOk(readyUrl(serviceNamed(s.name)), timeoutMs)));
        return Math.max(...polls);
      },
      /** PostgreSQL's fast shutdown (SIGINT): open sessions are terminated, as in a restart or a failover. */
      async stopDatabase(): Promise<void> {
        await database?.stop();
        database = undefined;
      },
      /** PostgreSQL again, on the same data directory and port. */
      async startDatabase(): Promise<void> {
        database = await startEmbeddedPostgres(dataDir, pgPort, true);
      },
      stop: stopEverything,
    };
  } catch (error) {
    await stopEverything();
    throw error;
  }
}

export type DrillCluster = Awaited<ReturnType<typeof startDrillCluster>>;
