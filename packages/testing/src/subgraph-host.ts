import { startSubgraph, type SubgraphDefinition } from '@sme/kernel';
import { serveOverIpc } from './ipc-host';

/**
 * One subgraph's process, kept between test files by the test run's process pool (process-pool.ts). Loading a
 * subgraph (some two thousand modules) is most of what starting its process costs; this process loads it once,
 * then serves one test database after another through the same `startSubgraph` as `serveSubgraph` (a
 * subgraph's index.ts) uses: each start opens the database, migrates, starts the relay and the consumer and
 * builds the Apollo server anew, and each stop closes all of it, as a process exiting would.
 * The pool's message `{ start }` carries the database URL.
 */
const [modulePath, exportName] = process.argv.slice(2);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const definition = require(modulePath)[exportName] as SubgraphDefinition<unknown>;

serveOverIpc<string>(definition.name, (databaseUrl) => {
  // as the subgraph's own process sees it (DATABASE_URL), for anything that reads it rather than the option
  process.env.DATABASE_URL = databaseUrl;
  return startSubgraph(definition, { port: 0, databaseUrl });
});
