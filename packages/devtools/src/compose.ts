import fs from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from './composition';

/** `npm run compose`: writes `supergraph.graphql`, the artifact gateways deploy (it is committed). */
async function main() {
  const { supergraphSdl, errors } = await composeSupergraph();
  if (!supergraphSdl) {
    console.error(`Composition failed:\n- ${errors.join('\n- ')}`);
    process.exit(1);
  }
  fs.writeFileSync(SUPERGRAPH_FILE, supergraphSdl.endsWith('\n') ? supergraphSdl : `${supergraphSdl}\n`);
  console.log(`Wrote ${SUPERGRAPH_FILE} (${supergraphSdl.length} characters)`);
}

void main();
