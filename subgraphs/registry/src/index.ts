import { log, startSubgraph } from '@sme/kernel';
import { registry } from './server';

/** Serves the registry subgraph on PORT (default 4001) until SIGINT/SIGTERM. */
async function main() {
  const running = await startSubgraph(registry, { port: Number(process.env.PORT ?? 4001) });
  const stop = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  log.fatal({ err: error }, 'registry failed to start');
  process.exit(1);
});
