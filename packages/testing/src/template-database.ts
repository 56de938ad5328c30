import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { migrate, openDatabase, withKernelMigrations, type SubgraphDefinition } from '@sme/kernel';
import { SUBGRAPHS, absolute, ensureDatabase } from '@sme/devtools';

/**
 * One database per run in which every subgraph's migrations have run (its own and the kernel's tables); each test
 * file's database is then a copy of it (`CREATE DATABASE … TEMPLATE`, a file copy of some megabytes) instead of
 * running several hundred DDL statements per file. The migrations are each subgraph's own list, read from its
 * definition (the compiled one, as the subgraph processes the tests start run it), so a new migration, or a new
 * subgraph in SUBGRAPHS, is in the template on the next run without being named here. The event stream is left
 * out: every subgraph and test creates it as it starts, so that path stays exercised.
 */
export async function createTemplateDatabase(serverUrl: string): Promise<string> {
  const name = `test_template_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const url = await ensureDatabase(serverUrl, name);
  const definitions = SUBGRAPHS.map((entry) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const definition = require(absolute(entry.definitionModule))[entry.definitionExport] as SubgraphDefinition<unknown> | undefined;
    if (!definition) throw new Error(`${entry.definitionModule} exports no ${entry.definitionExport}: run \`npx tsc -b\``);
    return definition;
  });
  // side by side, as the subgraphs migrate when they start together (each schema under its own lock)
  await Promise.all(
    definitions.map(async (definition) => {
      const orm = await openDatabase({ schema: definition.name, entities: definition.entities, migrations: withKernelMigrations(definition.name, definition.migrations), url, poolMax: 2 });
      try {
        await migrate(orm);
      } finally {
        await orm.close(true);
      }
    }),
  );
  return name;
}

/** Drops the template (on a server the run did not start itself; an embedded one goes with its data folder). */
export async function dropTemplateDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}
