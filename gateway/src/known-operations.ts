import { Kind, parse } from 'graphql';
import type { ExampleOperation } from './explorer';
import type { PersistedOperationManifest } from './persisted-operation-manifest';

/**
 * The names of the operations this product ships: the persisted operations (the dashboards' reads) and the
 * explorer's examples. In the request metrics each keeps a series of its own whatever names clients send
 * (kernel operation-label.ts); other names share a bounded allowance.
 */
export function knownOperationNames(manifest: PersistedOperationManifest, examples: readonly ExampleOperation[]): string[] {
  const documents = [...manifest.values(), ...examples.map((example) => example.query)];
  return documents.flatMap((document) =>
    parse(document).definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [])),
  );
}
