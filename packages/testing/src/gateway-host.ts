import { absolute } from '@sme/devtools';

/**
 * The gateway's process, kept between test files by the test run's process pool (process-pool.ts), as subgraph-host.ts
 * keeps a subgraph's. Each start is `startGateway` with the file's subgraph URLs, as test/support/supergraph.ts
 * would call it in the test's own process: a new Apollo gateway and server on a new port; each stop closes them.
 * What the process keeps is what a module keeps (its loaded code, the explorer page it built once).
 *
 * Messages (IPC): `{ start: subgraphUrls }` → `{ started: port }` or `{ failed: message }`; `{ stop: true }` →
 * `{ stopped: true }`. The process ends with the pool (its channel closing).
 */
type Gateway = { port: number; stop(): Promise<void> };
// the compiled gateway, as the subgraphs' processes run theirs
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startGateway } = require(absolute('gateway/dist/src/server.js')) as { startGateway(options: { subgraphUrls: Record<string, string> }): Promise<Gateway> };
let running: Gateway | undefined;

const reply = (message: Record<string, unknown>) => process.send?.(message);
const failure = (error: unknown) => ({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });

process.on('message', (message: { start?: Record<string, string>; stop?: boolean }) => {
  void (async () => {
    if (message.start) {
      try {
        if (running) throw new Error('the gateway is already serving a supergraph');
        running = await startGateway({ subgraphUrls: message.start });
        reply({ started: running.port });
      } catch (error) {
        reply(failure(error));
      }
    } else if (message.stop) {
      const stopping = running;
      running = undefined;
      try {
        await stopping?.stop();
        reply({ stopped: true });
      } catch (error) {
        reply(failure(error));
      }
    }
  })();
});
process.on('disconnect', () => process.exit(0));
reply({ loaded: 'gateway' });
