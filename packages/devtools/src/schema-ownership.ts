import { Kind, isTypeDefinitionNode, parse, type ConstDirectiveNode, type DefinitionNode } from 'graphql';

/**
 * Which subgraphs own each type, field and enum value of a supergraph, read from its join__ directives:
 * `@join__type(graph:)` on a type, `@join__field(graph:)` on a field (without `external: true`, which only
 * references a field another subgraph resolves), `@join__enumValue(graph:)` on an enum value. A field or value
 * with none of its own belongs to every subgraph that defines its type. Keys are schema coordinates
 * (`Type`, `Type.field`, `Enum.VALUE`); values are subgraph names as the teams know them.
 */
export type SchemaOwnership = ReadonlyMap<string, readonly string[]>;

const argument = (directive: ConstDirectiveNode, name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;

/** The graphs named by the directives `name` on a node (the `join__Graph` enum values), mapped to subgraph names. */
function graphsOf(directives: readonly ConstDirectiveNode[] | undefined, name: string, graphNames: ReadonlyMap<string, string>): string[] {
  const owners = new Set<string>();
  for (const directive of directives ?? []) {
    if (directive.name.value !== name) continue;
    const graph = argument(directive, 'graph');
    const external = argument(directive, 'external');
    if (graph?.kind !== Kind.ENUM || (external?.kind === Kind.BOOLEAN && external.value)) continue;
    owners.add(graphNames.get(graph.value) ?? graph.value);
  }
  return [...owners];
}

const isFederationMachinery = (name: string) => name.startsWith('join__') || name.startsWith('link__');

export function schemaOwnership(supergraphSdl: string): SchemaOwnership {
  const definitions: readonly DefinitionNode[] = parse(supergraphSdl).definitions;
  const graphNames = new Map<string, string>();
  for (const definition of definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = value.directives?.find((d) => d.name.value === 'join__graph');
      const subgraph = name && argument(name, 'name');
      graphNames.set(value.name.value, subgraph?.kind === Kind.STRING ? subgraph.value : value.name.value.toLowerCase());
    }
  }

  const owners = new Map<string, string[]>();
  for (const definition of definitions) {
    if (!isTypeDefinitionNode(definition) || isFederationMachinery(definition.name.value)) continue;
    const typeName = definition.name.value;
    const typeOwners = graphsOf(definition.directives, 'join__type', graphNames);
    owners.set(typeName, typeOwners);
    if ('fields' in definition) {
      for (const field of definition.fields ?? []) {
        const own = graphsOf(field.directives, 'join__field', graphNames);
        owners.set(`${typeName}.${field.name.value}`, own.length ? own : typeOwners);
      }
    }
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      for (const value of definition.values ?? []) {
        const own = graphsOf(value.directives, 'join__enumValue', graphNames);
        owners.set(`${typeName}.${value.name.value}`, own.length ? own : typeOwners);
      }
    }
  }
  return owners;
}

/**
 * The owners of a change's path (`Type.field.argument`, `Enum.VALUE`, `Type`): the longest prefix of it that
 * the ownership maps know, from the baseline (what was removed) and from the new supergraph (what was added).
 */
export function ownersOf(path: string | undefined, ...ownerships: SchemaOwnership[]): string[] {
  if (!path) return [];
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length--) {
    const coordinate = parts.slice(0, length).join('.');
    const found = new Set<string>();
    let known = false;
    for (const ownership of ownerships) {
      const names = ownership.get(coordinate);
      if (!names) continue;
      known = true;
      for (const name of names) found.add(name);
    }
    if (known) return [...found].sort();
  }
  return [];
}
