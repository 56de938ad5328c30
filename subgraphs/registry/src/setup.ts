import { log, migrate, openDatabase, PostgresEventTransport } from '@sme/kernel';
import { registry } from './server';
import { loadDemoData } from './demo-data';

/** `npm start` runs this once before serving: migrations, then demo data (`--demo`). */
async function main() {
  const orm = await openDatabase({ schema: registry.name, entities: registry.entities, migrations: registry.migrations });
  try {
    const applied = await migrate(orm);
    await PostgresEventTransport.ensureStream(orm.em.getConnection().getKnex());
    const loaded = process.argv.includes('--demo') ? await loadDemoData(orm.em.fork()) : 0;
    log.info({ subgraph: registry.name, migrations: applied, demoInstitutions: loaded }, 'registry set up');
  } finally {
    await orm.close(true);
  }
}

main().catch((error) => {
  log.fatal({ err: error }, 'registry setup failed');
  process.exit(1);
});
