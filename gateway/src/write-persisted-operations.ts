import fs from 'node:fs';
import path from 'node:path';
import {
  PERSISTED_OPERATIONS_FOLDER,
  PERSISTED_OPERATIONS_MANIFEST,
  buildManifest,
  gatewayFolder,
  manifestJson,
  readPersistedOperationSources,
} from './persisted-operation-manifest';

/**
 * Writes `gateway/persisted-operations.json` from the `.graphql` files of `gateway/persisted-operations/`
 * (run after `npx tsc -b`: `node gateway/dist/src/write-persisted-operations.js`). The manifest is committed and
 * deployed with the gateway; the dashboards send the hashes it lists.
 */
function main() {
  const gateway = gatewayFolder();
  const sources = readPersistedOperationSources(path.join(gateway, PERSISTED_OPERATIONS_FOLDER));
  const file = path.join(gateway, PERSISTED_OPERATIONS_MANIFEST);
  fs.writeFileSync(file, manifestJson(buildManifest(sources)));
  for (const source of sources) console.log(`${source.operationName} (${source.file})`);
  console.log(`Wrote ${file} (${sources.length} operations)`);
}

main();
