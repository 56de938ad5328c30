import { PostgresEventTransport, migrate, openDatabase, withKernelMigrations, type SubgraphDefinition } from '@sme/kernel';
import { registry } from '../../../../subgraphs/registry/src/server';
import { shanxi } from '../../../../subgraphs/shanxi/src/server';
import { hebei } from '../../../../subgraphs/hebei/src/server';
import { taiyuan } from '../../../../subgraphs/taiyuan/src/server';
import { shandong } from '../../../../subgraphs/shandong/src/server';
import { ningxia } from '../../../../subgraphs/ningxia/src/server';

/**
 * Every subgraph's migrations in this process, as the test fixtures run one subgraph's (openDatabase + migrate):
 * the same migrations `npm run seed:scale` runs through each subgraph's setup, without starting six processes.
 */
export async function migrateEverySubgraph(url: string): Promise<void> {
  const definitions: SubgraphDefinition<unknown>[] = [registry, shanxi, hebei, taiyuan, shandong, ningxia] as SubgraphDefinition<any>[];
  for (const definition of definitions) {
    const orm = await openDatabase({ schema: definition.name, entities: definition.entities, migrations: withKernelMigrations(definition.name, definition.migrations), url, poolMax: 2 });
    try {
      await migrate(orm);
      await PostgresEventTransport.ensureStream(orm.em.getConnection().getKnex());
    } finally {
      await orm.close(true);
    }
  }
}
