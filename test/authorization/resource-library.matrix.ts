import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { LibraryConfig } from '@sme/resource-library';
import { graphqlClient, schemaChecksums } from '@sme/testing';
import { CELLS, failures, mutationsOf, runCase, tokenOf, type CaseSet } from '../support/authorization-matrix';
import { startSupergraph } from '../support/supergraph';
import { resourceLibraryCaseNames, resourceLibraryCases } from './resource-library.cases';

/**
 * The authorization matrix (SPEC §2 Roles and jurisdiction) over one province's resource library (SPEC §3): every
 * library mutation of the subgraph, by every role inside and outside its scope, through the gateway and directly
 * at the subgraph. The mutations are read from the committed supergraph.graphql, so a new one without a case
 * fails. One test file per province runs this, each on a supergraph of its own.
 */

/** Shanxi's provincial platform review (SPEC §3, from Taiyuan's recommendations) is not the library engine's: its cases are that flow's. */
const NOT_THE_LIBRARY: readonly string[] = ['shanxiRecordProvincialExpertReview', 'shanxiStartProvincialPlatformNotice', 'shanxiDecideProvincialPlatform'];

/** The root field a document selects. */
function rootFieldOf(document: string): string | null {
  const operation = parse(document).definitions[0] as OperationDefinitionNode;
  const [field] = operation.selectionSet.selections;
  return field.kind === Kind.FIELD ? field.name.value : null;
}

const nameOf = (c: { mutation: string; label?: string }) => (c.label ? `${c.mutation} (${c.label})` : c.mutation);

export function describeLibraryMatrix(config: LibraryConfig): void {
  const name = config.name;
  const names = resourceLibraryCaseNames(config);
  let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
  let caseSet: CaseSet;

  beforeAll(async () => {
    // the daily schedule must not run beside the matrix: a write of its own would read as a denied cell's
    supergraph = await startSupergraph({ env: { BACKGROUND_JOBS: 'off' } });
    caseSet = await resourceLibraryCases(config)(supergraph);
  }, 120_000);

  afterAll(async () => {
    await caseSet?.close();
    await supergraph?.stop();
  });

  describe(`${name} resource library`, () => {
    it('has a case for every library mutation the supergraph gives the subgraph, and for nothing else', () => {
      const fields = mutationsOf(name.toUpperCase()).filter((field) => !NOT_THE_LIBRARY.includes(field));
      expect(fields.length).toBeGreaterThan(0);
      expect([...new Set(names.map((c) => c.mutation))].sort()).toEqual(fields);
      expect(caseSet.cases.map(nameOf)).toEqual(names.map(nameOf));
      for (const c of caseSet.cases) {
        expect({ case: nameOf(c), subgraph: c.subgraph, root: rootFieldOf(c.document) }).toEqual({ case: nameOf(c), subgraph: name, root: c.mutation });
      }
    });

    it.each(names.map((c, index) => [nameOf(c), index] as const))('%s', async (_, index) => {
      expect(failures(await runCase(supergraph, caseSet.cases[index]))).toEqual([]);
    }, 60_000);

    it('a caller who may not review at the step it names learns nothing of where the application stands', async () => {
      const step = (label: string) => caseSet.cases.find((c) => c.mutation === `${name}ReviewLibraryApplication` && c.label === label)!;
      const record = await step('CITY step').prepare(); // waiting for the city
      const { applicationId } = record.variables.input as { applicationId: string };
      const before = await schemaChecksums(supergraph.databaseUrl, name);
      const lines: string[] = [];
      for (const named of ['COUNTY', 'PROVINCE']) {
        const namedStep = step(`${named} step`);
        for (const cell of CELLS) {
          // only those who may act at the step named are told the application is not there
          const expected = namedStep.allowed.includes(cell) ? 'INVALID_TRANSITION' : cell === 'ANONYMOUS' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
          const token = await tokenOf(cell, record);
          for (const [via, url] of [['gateway', supergraph.gatewayUrl], ['subgraph', supergraph.subgraphUrls[name]]] as const) {
            const result = await graphqlClient(url)(namedStep.document, { input: { applicationId, step: named, action: 'APPROVE' } }, token);
            const got = String(result.errors?.[0]?.extensions?.code ?? 'ok');
            if (got !== expected) lines.push(`${named} step × ${cell} via ${via}: expected ${expected}, got ${got}`);
          }
        }
      }
      expect(lines).toEqual([]);
      expect(await schemaChecksums(supergraph.databaseUrl, name)).toEqual(before);
    }, 60_000);
  });
}
