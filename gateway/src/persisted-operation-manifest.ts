import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Kind, parse, print } from 'graphql';

/**
 * The persisted operations: the dashboards' reads, one `.graphql` file each in `gateway/persisted-operations/`,
 * and the committed manifest generated from them, `gateway/persisted-operations.json`:
 * `{ "<sha256 of the document>": "<document>" }`. The document is the file printed by graphql-js (comments and
 * layout dropped), which is what Apollo Client's persisted-queries link hashes, so a client computes the same
 * hash from the same operation. `node gateway/dist/src/write-persisted-operations.js` rewrites the manifest;
 * a test fails while it is stale.
 */

export const PERSISTED_OPERATIONS_FOLDER = 'persisted-operations';
export const PERSISTED_OPERATIONS_MANIFEST = 'persisted-operations.json';

/** sha256 of a document's UTF-8 text, in lowercase hex: the key of the manifest. */
export const documentHash = (document: string): string => createHash('sha256').update(document, 'utf8').digest('hex');

/** One operation file: what the explorer shows as a tab, and what the manifest persists. */
export interface PersistedOperationSource {
  file: string;
  /** The file's first line, a `#` comment naming the operation in both languages. */
  title: string;
  /** An optional `# variables: {…}` line: values the explorer's tab opens with. */
  variables?: Record<string, unknown>;
  operationName: string;
  /** The printed document, exactly as persisted. */
  document: string;
}

/** The gateway folder (holding `persisted-operations/`), from the sources or from the compiled output. */
export function gatewayFolder(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, PERSISTED_OPERATIONS_FOLDER))) return dir;
  }
  throw new Error(`${PERSISTED_OPERATIONS_FOLDER}/ not found above ${__dirname}`);
}

/**
 * Reads every `.graphql` file of the folder, in file-name order. A file must hold one named operation (and
 * the fragments it uses) and start with its title comment; anything else stops the script or the gateway.
 */
export function readPersistedOperationSources(folder = path.join(gatewayFolder(), PERSISTED_OPERATIONS_FOLDER)): PersistedOperationSource[] {
  const files = fs.readdirSync(folder).filter((file) => file.endsWith('.graphql')).sort();
  const names = new Set<string>();
  return files.map((file) => {
    const text = fs.readFileSync(path.join(folder, file), 'utf8');
    const where = `${PERSISTED_OPERATIONS_FOLDER}/${file}`;
    const lines = text.split('\n');
    const title = /^#\s*(.+)$/.exec(lines[0] ?? '')?.[1].trim();
    if (!title) throw new Error(`${where}: the first line must be a "# 名称 / Name" comment`);
    const variablesLine = lines.find((line) => /^#\s*variables:/.test(line));
    let variables: Record<string, unknown> | undefined;
    if (variablesLine) {
      try {
        variables = JSON.parse(variablesLine.replace(/^#\s*variables:/, '')) as Record<string, unknown>;
      } catch (error) {
        throw new Error(`${where}: the variables line is not JSON: ${(error as Error).message}`);
      }
    }
    const document = parse(text);
    const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    const operationName = operations.length === 1 ? operations[0].name?.value : undefined;
    if (!operationName) throw new Error(`${where}: a persisted file holds exactly one named operation`);
    if (names.has(operationName)) throw new Error(`${where}: operation name ${operationName} is used by another file`);
    names.add(operationName);
    return { file, title, ...(variables ? { variables } : {}), operationName, document: print(document) };
  });
}

/** The manifest of the given operations, in file order (so that regenerating it changes only what changed). */
export function buildManifest(sources: readonly PersistedOperationSource[]): Record<string, string> {
  return Object.fromEntries(sources.map((source) => [documentHash(source.document), source.document]));
}

export const manifestJson = (manifest: Record<string, string>): string => `${JSON.stringify(manifest, null, 2)}\n`;

/** A hash → document lookup. */
export type PersistedOperationManifest = ReadonlyMap<string, string>;

/**
 * Loads a manifest, checking each key against its document: a hand-edited entry whose hash no longer matches
 * would otherwise answer a hash with a different document than the client hashed.
 */
export function loadManifest(file = path.join(gatewayFolder(), PERSISTED_OPERATIONS_MANIFEST)): PersistedOperationManifest {
  const entries = Object.entries(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>);
  for (const [hash, document] of entries) {
    if (typeof document !== 'string' || documentHash(document) !== hash) throw new Error(`${file}: the entry ${hash} is not the sha256 of its document`);
  }
  return new Map(entries as [string, string][]);
}
