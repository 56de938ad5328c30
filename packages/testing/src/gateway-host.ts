import { absolute } from '@sme/devtools';
import { serveOverIpc, type Served } from './ipc-host';

/**
 * The gateway's process, kept between test files by the test run's process pool (process-pool.ts), as subgraph-host.ts
 * keeps a subgraph's. Each start is `startGateway` with the file's subgraph URLs (the pool's message `{ start }`),
 * as test/support/supergraph.ts would call it in the test's own process: a new Apollo gateway and server on a new
 * port; each stop closes them. What the process keeps is what a module keeps (its loaded code, the explorer page
 * it built once).
 */
// the compiled gateway, as the subgraphs' processes run theirs
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startGateway } = require(absolute('gateway/dist/src/server.js')) as { startGateway(options: { subgraphUrls: Record<string, string> }): Promise<Served> };

serveOverIpc<Record<string, string>>('gateway', (subgraphUrls) => startGateway({ subgraphUrls }));
