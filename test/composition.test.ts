import { composeSupergraph, committedSupergraph } from '@sme/devtools';

/**
 * The committed `supergraph.graphql` is the artifact gateways deploy: composition must pass, and the file must
 * be what composing today's subgraphs gives (run `npm run compose` after a schema change).
 */
describe('supergraph composition', () => {
  it('composes every subgraph without errors, and the committed supergraph is up to date', async () => {
    const { supergraphSdl, errors } = await composeSupergraph();
    expect(errors).toEqual([]);
    expect(committedSupergraph().trimEnd()).toBe(supergraphSdl!.trimEnd());
  });
});
