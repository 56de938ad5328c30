import { SUBGRAPHS, absolute, startProcess, waitForExit } from '@sme/devtools';

/**
 * Every subgraph's migrations, as `npm start` runs them: each subgraph's compiled setup in its own process (one
 * type-graphql schema per process), here without `--demo`, so the schemas and the tables exist and nothing else.
 */
export async function migrateSubgraphs(databaseUrl: string, env: Record<string, string> = {}): Promise<void> {
  for (const subgraph of SUBGRAPHS) {
    const setup = startProcess(`${subgraph.name}:setup`, absolute(`${subgraph.dir}/dist/src/setup.js`), [], { LOG_LEVEL: 'warn', ...env, DATABASE_URL: databaseUrl });
    if ((await waitForExit(setup)) !== 0) throw new Error(`${subgraph.name}: migrations failed`);
  }
}
