import path from 'node:path';
import { spawn } from 'node:child_process';
import { SUBGRAPHS } from '@sme/devtools';

const ROOT = path.resolve(__dirname, '../..');

/** A JSON log line as pino writes it. */
export type LogLine = Record<string, any> & { msg: string };

/** A process started from its compiled `index.js`, as `npm start` runs it, whose log lines a test reads. */
export interface LoggedProcess {
  name: string;
  /** `http://127.0.0.1:<port>`, read from the process's "listening" line. */
  baseUrl: string;
  lines: LogLine[];
  /** The first line that matches, now or once it is written (a subgraph logs a request after answering it). */
  line(matches: (line: LogLine) => boolean, what: string): Promise<LogLine>;
  /** SIGTERM, as an operator stops it (the process closes everything and exits), and its exit code. */
  stop(): Promise<number | null>;
}

/** Generous: only a process that never writes the line waits this long, and then the test fails saying which. */
const LINE_WAIT_MS = 60_000;

/**
 * Starts `script` with `env` (LOG_LEVEL=info, so every request's line is written) and waits for its
 * "listening" line. Subgraphs and the gateway listen on a port of their own choosing (PORT=0).
 */
async function startLogged(name: string, script: string, env: Record<string, string>, listeningUrl: (line: LogLine) => string | undefined): Promise<LoggedProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, script)], {
    env: { ...process.env, LOG_LEVEL: 'info', PORT: '0', SERVICE_NAME: name, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const waiters: { matches: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  let other = '';
  let buffer = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    const complete = buffer.split('\n');
    buffer = complete.pop()!;
    for (const text of complete) {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        other += `${text}\n`;
        continue;
      }
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.matches(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  child.stderr!.on('data', (chunk) => (other += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const line = (matches: (line: LogLine) => boolean, what: string) => {
    const found = lines.find(matches);
    if (found) return Promise.resolve(found);
    return new Promise<LogLine>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} wrote no line with ${what}; it wrote:\n${lines.map((l) => JSON.stringify(l)).join('\n')}\n${other}`)), LINE_WAIT_MS);
      const settle = (value: LogLine) => {
        clearTimeout(timer);
        resolve(value);
      };
      waiters.push({ matches, resolve: settle });
      void exited.then((code) => {
        if (waiters.some((w) => w.resolve === settle)) {
          clearTimeout(timer);
          reject(new Error(`${name} exited (${code}) without a line with ${what}:\n${other}`));
        }
      });
    });
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  try {
    const listening = await line((l) => listeningUrl(l) !== undefined, 'its address');
    return { name, baseUrl: listeningUrl(listening)!, lines, line, stop };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

export const startLoggedSubgraph = (name: string, databaseUrl: string, env: Record<string, string> = {}) =>
  startLogged(name, `${SUBGRAPHS.find((s) => s.name === name)!.dir}/dist/src/index.js`, { DATABASE_URL: databaseUrl, ...env }, (l) =>
    l.msg === 'subgraph listening' ? new URL(String(l.url)).origin : undefined,
  );

/**
 * The gateway in front of `subgraphs` (name → base URL); the supergraph's other subgraphs point at a port where
 * nothing listens, so a query reaching them would fail rather than find a developer's running stack.
 */
export const startLoggedGateway = (subgraphs: Record<string, string>, env: Record<string, string> = {}) => {
  const urls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, subgraphs[s.name] ? `${subgraphs[s.name]}/graphql` : 'http://127.0.0.1:9/graphql']));
  return startLogged('gateway', 'gateway/dist/src/index.js', { SUBGRAPH_URLS: JSON.stringify(urls), ...env }, (l) =>
    l.msg === 'gateway listening' ? `http://127.0.0.1:${l.port}` : undefined,
  );
};
