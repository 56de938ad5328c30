import { startSubgraph } from '@sme/kernel';
import { registry } from '../src/server';
import { createTestDatabase, graphqlClient } from '@sme/testing';

/** The registry subgraph in this process on port 0, on a fresh database; queried directly over HTTP. */
export async function startRegistry() {
  const databaseUrl = await createTestDatabase();
  const running = await startSubgraph(registry, { databaseUrl, port: 0 });
  return { ...running, databaseUrl, query: graphqlClient(running.url) };
}

export const REGISTER = `mutation Register($input: RegisterInstitutionInput!) {
  registerInstitution(input: $input) { id creditCode name legalForm establishedOn version region { code name } }
}`;
