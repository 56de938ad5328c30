/**
 * The message loop of a process kept by the test run's process pool (process-pool.ts): a subgraph's
 * (subgraph-host.ts) or the gateway's (gateway-host.ts). It serves one thing at a time, started and stopped on
 * the pool's word, and ends with the pool.
 *
 * Messages (IPC): `{ start: argument }` → `{ started: port }` or `{ failed: message }`; `{ stop: true }` →
 * `{ stopped: true }` or `{ failed: message }` (the pool does not hand out again a process that did not close
 * cleanly). The process ends when the pool's channel closes (the run ended, or was killed).
 */
export interface Served {
  port: number;
  stop(): Promise<void>;
}

export function serveOverIpc<A>(name: string, start: (argument: A) => Promise<Served>): void {
  let running: Served | undefined;
  const reply = (message: Record<string, unknown>) => process.send?.(message);
  const failure = (error: unknown) => ({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });

  process.on('message', (message: { start?: A; stop?: boolean }) => {
    void (async () => {
      if (message.start) {
        try {
          if (running) throw new Error(`${name} is already serving`);
          running = await start(message.start);
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
  reply({ loaded: name });
}
