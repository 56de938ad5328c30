import { startSubgraph, type RunningSubgraph, type SubgraphDefinition } from '@sme/kernel';

/**
 * One subgraph's process, kept between test files by the test run's process pool (process-pool.ts). Loading a
 * subgraph (some two thousand modules) is most of what starting its process costs; this process loads it once,
 * then serves one test database after another through the same `startSubgraph` as `serveSubgraph` (a
 * subgraph's index.ts) uses: each start opens the database, migrates, starts the relay and the consumer and
 * builds the Apollo server anew, and each stop closes all of it, as a process exiting would.
 *
 * Messages from the pool (IPC): `{ start: databaseUrl }` → `{ started: port }` or `{ failed: message }`;
 * `{ stop: true }` → `{ stopped: true }`. The process ends with the pool (its channel closing).
 */
const [modulePath, exportName] = process.argv.slice(2);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const definition = require(modulePath)[exportName] as SubgraphDefinition<unknown>;
let running: RunningSubgraph | undefined;

const reply = (message: Record<string, unknown>) => process.send?.(message);

process.on('message', (message: { start?: string; stop?: boolean }) => {
  void (async () => {
    if (message.start) {
      try {
        if (running) throw new Error(`${definition.name} is already serving a database`);
        // as the subgraph's own process sees it (DATABASE_URL), for anything that reads it rather than the option
        process.env.DATABASE_URL = message.start;
        running = await startSubgraph(definition, { port: 0, databaseUrl: message.start });
        reply({ started: running.port });
      } catch (error) {
        reply({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    } else if (message.stop) {
      const stopping = running;
      running = undefined;
      try {
        await stopping?.stop();
        reply({ stopped: true });
      } catch (error) {
        // the pool does not hand out a process that did not close cleanly
        reply({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    }
  })();
});
// the pool is gone (the run ended, or was killed): nothing is left to serve
process.on('disconnect', () => process.exit(0));
reply({ loaded: definition.name });
