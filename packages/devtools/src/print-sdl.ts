import { subgraphSdl, type SubgraphDefinition } from '@sme/kernel';

/**
 * Prints one subgraph's SDL. Composition runs it once per subgraph, each in its own process, because
 * type-graphql keeps its metadata globally: two subgraphs built in one process would leak types into each other.
 */
async function main() {
  const [modulePath, exportName] = process.argv.slice(2);
  const definition = (require(modulePath) as Record<string, SubgraphDefinition<unknown>>)[exportName];
  if (!definition) throw new Error(`${modulePath} exports no ${exportName}`);
  process.stdout.write(await subgraphSdl(definition));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
