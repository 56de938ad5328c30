import { graphqlClient, schemaChecksums } from '@sme/testing';
import { ningxiaProgramme } from '../subgraphs/ningxia/src/programme';
import { shandongProgramme } from '../subgraphs/shandong/src/programme';
import { CELLS, failures, mutationsOf, runCase, tokenOf } from './support/authorization-matrix';
import { startSupergraph } from './support/supergraph';
import { demonstrationPlatformCases, type PlatformCaseSet } from './authorization/demonstration-platform.cases';

/**
 * The authorization matrix (SPEC §2 Roles and jurisdiction) over the demonstration-platform engine in both
 * programmes: every mutation of `shandong` and `ningxia`, by every role inside and outside its scope, through the
 * gateway and directly at the subgraph. The mutations are read from the committed supergraph.graphql, so a new one
 * without a case fails here.
 */
const PROGRAMMES = [shandongProgramme, ningxiaProgramme];

let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
const caseSets: Record<string, PlatformCaseSet> = {};

beforeAll(async () => {
  supergraph = await startSupergraph();
  for (const config of PROGRAMMES) caseSets[config.name] = await demonstrationPlatformCases(config)(supergraph);
}, 180_000);

afterAll(async () => {
  for (const set of Object.values(caseSets)) await set.close();
  await supergraph?.stop();
});

describe.each(PROGRAMMES.map((config) => [config.name] as const))('%s', (name) => {
  const fields = mutationsOf(name.toUpperCase());

  it('has a case for every mutation the supergraph gives the subgraph, and for nothing else', () => {
    expect(fields.length).toBeGreaterThan(0);
    expect([...new Set(caseSets[name].cases.map((c) => c.mutation))].sort()).toEqual(fields);
  });

  it.each(fields)('%s', async (field) => {
    const lines: string[] = [];
    for (const c of caseSets[name].cases.filter((x) => x.mutation === field)) {
      lines.push(...failures(await runCase(supergraph, c)).map((line) => (c.label === c.mutation ? line : `${c.label}: ${line}`)));
    }
    expect(lines).toEqual([]);
  }, 60_000);

  it('a caller who may not review at the step it asks for learns nothing of where the application stands', async () => {
    const cases = caseSets[name].cases;
    const cityStep = cases.find((c) => c.label.endsWith('CITY step'))!;
    const provinceStep = cases.find((c) => c.label.endsWith('PROVINCE step'))!;
    const record = await cityStep.prepare(); // waiting for the city
    const { applicationId } = record.variables.input as { applicationId: string };
    const variables = { input: { applicationId, step: 'PROVINCE', action: 'APPROVE' } };
    const before = await schemaChecksums(supergraph.databaseUrl, name);
    const lines: string[] = [];
    for (const cell of CELLS) {
      // only those who may act at the province step are told the application is not there yet
      const expected = provinceStep.allowed.includes(cell) ? 'INVALID_TRANSITION' : cell === 'ANONYMOUS' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      const token = await tokenOf(cell, record);
      for (const [via, url] of [['gateway', supergraph.gatewayUrl], ['subgraph', supergraph.subgraphUrls[name]]] as const) {
        const result = await graphqlClient(url)(provinceStep.document, variables, token);
        const got = String(result.errors?.[0]?.extensions?.code ?? 'ok');
        if (got !== expected) lines.push(`${cell} via ${via}: expected ${expected}, got ${got}`);
      }
    }
    expect(lines).toEqual([]);
    expect(await schemaChecksums(supergraph.databaseUrl, name)).toEqual(before);
  }, 60_000);
});
