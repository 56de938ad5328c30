import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { EXAMPLE_OPERATIONS } from '@sme/gateway/dist/src/example-operations';
import { ROOT } from './subgraph-list';

/**
 * The operations known clients send, which a schema change must not break (`npm run check:schema`): each is
 * one operation with the fragments it uses, named by the file it comes from.
 */
export interface ClientOperation {
  /** The operation's name (`(anonymous)` when it has none). */
  name: string;
  /** Where it is written, relative to the repository root. */
  file: string;
  source: ClientOperationSource;
  /** The operation and the fragments it uses, printed. */
  document: string;
}

export type ClientOperationSource = 'persisted' | 'explorer' | 'benchmark' | 'client';

/**
 * Folders of `.graphql` files, each file any number of operations and fragments. `clients/operations/` is
 * where a team puts the operations of a client outside this repository (a provincial portal, a report job),
 * so that a schema change that breaks them fails the check.
 */
export const CLIENT_OPERATION_FOLDERS: readonly { folder: string; source: ClientOperationSource }[] = [
  { folder: 'gateway/persisted-operations', source: 'persisted' },
  { folder: 'packages/benchmark/src/operations', source: 'benchmark' },
  { folder: 'clients/operations', source: 'client' },
];

/** The explorer's tabs are written in code; the dashboards' tabs are the persisted files, read above. */
export const EXPLORER_OPERATIONS_FILE = 'gateway/src/example-operations.ts';

/** The fragments an operation uses, directly or through other fragments. */
function fragmentsUsed(root: DefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const pending: DefinitionNode[] = [root];
  while (pending.length) {
    visit(pending.pop()!, {
      FragmentSpread(node) {
        const fragment = fragments.get(node.name.value);
        if (fragment && !used.has(node.name.value)) {
          used.set(node.name.value, fragment);
          pending.push(fragment);
        }
      },
    });
  }
  return [...used.values()];
}

/** Splits a document into its operations, each with the fragments it uses. A syntax error throws, naming the file. */
export function operationsInDocument(text: string, file: string, source: ClientOperationSource): ClientOperation[] {
  let definitions: readonly DefinitionNode[];
  try {
    definitions = parse(text).definitions;
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return definitions
    .filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => ({
      name: operation.name?.value ?? '(anonymous)',
      file,
      source,
      document: print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragmentsUsed(operation, fragments)] }),
    }));
}

function graphqlFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(graphql|gql)$/.test(file))
    .sort()
    .map((file) => path.join(folder, file));
}

/** Every known client operation in the repository: persisted, the explorer's, the benchmark's, `clients/operations/`. */
export function knownClientOperations(root = ROOT): ClientOperation[] {
  const operations: ClientOperation[] = [];
  for (const { folder, source } of CLIENT_OPERATION_FOLDERS) {
    for (const file of graphqlFiles(path.join(root, folder))) {
      const relative = path.relative(root, file).split(path.sep).join('/');
      operations.push(...operationsInDocument(fs.readFileSync(file, 'utf8'), relative, source));
    }
  }
  for (const example of EXAMPLE_OPERATIONS) operations.push(...operationsInDocument(example.query, EXPLORER_OPERATIONS_FILE, 'explorer'));
  return operations;
}
