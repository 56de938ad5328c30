import type { EntityManager } from '@mikro-orm/postgresql';
import { migrate, openDatabase } from './database';
import { EventConsumer } from './event-consumer';
import { OutboxRelay } from './event-relay';
import { log } from './log';
import { withKernelMigrations } from './kernel-tables';
import { PostgresEventTransport } from './postgres-event-transport';
import { startSubgraph, type SubgraphDefinition } from './subgraph';
import { stopTracing } from './tracing';

/** A subgraph's `index.ts`: serves it on `port` until SIGINT/SIGTERM, then stops cleanly. */
export function serveSubgraph<Loaders>(definition: SubgraphDefinition<Loaders>, port: number): void {
  startSubgraph(definition, { port })
    .then((running) => {
      const stop = async () => {
        await running.stop();
        await stopTracing(); // the last requests' spans are sent before the process ends
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error) => {
      log.fatal({ err: error }, `${definition.name} failed to start`);
      process.exit(1);
    });
}

/**
 * A subgraph's `setup.ts`, run once by `npm start` before the servers: migrations; the events published so
 * far (a programme learns the registry's institutions before its demo data refers to them); demo data with
 * `--demo` (loaded through the services, so it has its audit entries and events); its own outbox relayed,
 * so the next subgraph's setup sees those events.
 */
export function setupSubgraph<Loaders>(definition: SubgraphDefinition<Loaders>, loadDemo?: (em: EntityManager) => Promise<number>): void {
  setUpSubgraph(definition, loadDemo, { demo: process.argv.includes('--demo') }).catch((error) => {
    log.fatal({ err: error }, `${definition.name} setup failed`);
    process.exit(1);
  });
}

/** `setupSubgraph`'s steps, awaited: tests prepare several subgraphs' data in one process with it (no process per subgraph). */
export async function setUpSubgraph<Loaders>(
  definition: SubgraphDefinition<Loaders>,
  loadDemo: ((em: EntityManager) => Promise<number>) | undefined,
  options: { demo: boolean; databaseUrl?: string },
): Promise<void> {
  const orm = await openDatabase({ schema: definition.name, entities: definition.entities, migrations: withKernelMigrations(definition.name, definition.migrations), url: options.databaseUrl });
  const knex = orm.em.getConnection().getKnex();
  const transport = new PostgresEventTransport(knex, orm.config.getClientUrl());
  try {
    const applied = await migrate(orm);
    await PostgresEventTransport.ensureStream(knex);
    let consumed = 0;
    if (definition.eventHandlers) {
      const consumer = new EventConsumer(orm, transport, definition.name, definition.eventHandlers);
      for (let n = await consumer.consumeOnce(); n > 0; n = await consumer.consumeOnce()) consumed += n;
    }
    const loaded = loadDemo && options.demo ? await loadDemo(orm.em.fork()) : 0;
    const relay = new OutboxRelay(orm, transport, definition.name);
    let relayed = 0;
    for (let n = await relay.relayOnce(); n > 0; n = await relay.relayOnce()) relayed += n;
    log.info({ subgraph: definition.name, migrations: applied, eventsConsumed: consumed, demoRecords: loaded, eventsRelayed: relayed }, `${definition.name} set up`);
  } finally {
    await transport.close();
    await orm.close(true);
  }
}
