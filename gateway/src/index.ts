// first: tracing, when on, instruments node's http module before anything loads it
import '@sme/kernel/start-tracing';
import { log, stopTracing } from '@sme/kernel';
import { startGateway } from './server';

/** Serves the gateway on PORT (default 4000); SUBGRAPH_URLS (JSON name → URL) overrides the supergraph's URLs. */
async function main() {
  const subgraphUrls = process.env.SUBGRAPH_URLS ? (JSON.parse(process.env.SUBGRAPH_URLS) as Record<string, string>) : undefined;
  const gateway = await startGateway({ port: Number(process.env.PORT ?? 4000), subgraphUrls });
  const stop = async () => {
    await gateway.stop();
    await stopTracing();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  log.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
