import type { ChildProcess } from 'node:child_process';
import { SUBGRAPHS, ROOT, absolute, subgraphUrl } from './subgraph-list';
import { startProjectPostgres, type LocalDatabase } from './embedded-postgres';
import { startProcess, stopAll, waitForExit, waitUntilReady } from './processes';

/**
 * `npm start`: PostgreSQL (embedded, or DATABASE_URL), each subgraph's migrations and demo data, every
 * subgraph as its own process, then the gateway on port 4000. Ctrl-C stops all of it.
 */
async function main() {
  const gatewayPort = Number(process.env.GATEWAY_PORT ?? 4000);
  let local: LocalDatabase | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) ({ local, databaseUrl } = await startProjectPostgres(ROOT, 'sme'));
  const env = { DATABASE_URL: databaseUrl };
  const children: ChildProcess[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await stopAll(children);
    await local?.stop().catch(() => undefined);
    console.log('Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    for (const subgraph of SUBGRAPHS) {
      const setup = startProcess(`${subgraph.name}:setup`, absolute(`${subgraph.dir}/dist/src/setup.js`), ['--demo'], env);
      children.push(setup);
      if ((await waitForExit(setup)) !== 0) throw new Error(`${subgraph.name}: migrations or demo data failed`);
    }
    const subgraphUrls: Record<string, string> = {};
    for (const subgraph of SUBGRAPHS) {
      const child = startProcess(subgraph.name, absolute(`${subgraph.dir}/dist/src/index.js`), [], { ...env, PORT: String(subgraph.port) });
      children.push(child);
      subgraphUrls[subgraph.name] = subgraphUrl(subgraph);
    }
    await Promise.all(SUBGRAPHS.map((s, i) => waitUntilReady(subgraphUrl(s).replace('/graphql', '/readyz'), children[SUBGRAPHS.length + i])));
    const gateway = startProcess('gateway', absolute('gateway/dist/src/index.js'), [], { PORT: String(gatewayPort), SUBGRAPH_URLS: JSON.stringify(subgraphUrls) });
    children.push(gateway);
    await waitUntilReady(`http://127.0.0.1:${gatewayPort}/healthz`, gateway);
    for (const child of children) child.once('exit', (code) => !stopping && code !== 0 && void shutdown(1));

    console.log('\nSME supergraph is running:');
    console.log(`  Explorer and API   http://localhost:${gatewayPort}/   (GraphQL endpoint: http://localhost:${gatewayPort}/graphql)`);
    console.log(`  Dashboard          http://localhost:${gatewayPort}/dashboard`);
    for (const s of SUBGRAPHS) console.log(`  subgraph ${s.name.padEnd(9)} ${subgraphUrl(s, 'localhost')}`);
    console.log(`  PostgreSQL         ${databaseUrl.replace(/:[^:@/]*@/, ':***@')}`);
    console.log('  Tokens for each role: npm run tokens');
    console.log('Press Ctrl-C to stop.');
  } catch (error) {
    console.error(String(error instanceof Error ? error.message : error));
    await shutdown(1);
  }
}

void main();
