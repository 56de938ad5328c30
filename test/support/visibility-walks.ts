import fs from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { Role } from '@sme/kernel';
import { SUPERGRAPH_FILE } from '@sme/devtools';
import { tokenFor } from '@sme/testing';
import { startSupergraph } from './supergraph';
import { completeDemoData, demoDatabase } from './demo-data';
import { FIELD_VISIBILITY } from './field-visibility';
import { readSeededRecords, rootArguments, type SeededRecords } from './seeded-records';
import { walk, type RootCall, type Send, type WalkTally } from './read-walk';
import type { Arguments, WalkRules } from './schema-walk';

/** What the read walks of test/anonymous-reads*.test.ts share: the schemas, the walk's rules, the seeded supergraph. */

/** The committed supergraph, and the API schema clients see. */
export const supergraphDefinition = Supergraph.build(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
export const apiSchema = supergraphDefinition.apiSchema().toGraphQLJSSchema();

export const isPublic = (coordinate: string) => FIELD_VISIBILITY[coordinate] === 'public';
export const isRestricted = (coordinate: string) => FIELD_VISIBILITY[coordinate] === 'restricted';

/** Five object levels reach every type (the deepest is three below Query, and a connection adds two). */
export const MAX_DEPTH = 5;
/** Tokens and cost per operation, under the gateway's 5000 of each. */
export const BUDGET = 4000;
/** Records of a root read with the whole selection (the others only opened, then probed): six covers every field's values. */
export const SELECTION_ARGUMENT_SETS = 6;

/** The one field argument the walk must give: offerings are listed withdrawn ones included, so both kinds show. */
export const walkRules = (schema: GraphQLSchema): WalkRules => ({
  schema,
  maxDepth: MAX_DEPTH,
  argumentsFor: (coordinate, field) => {
    if (coordinate === 'LibraryMembership.offerings') return { includeWithdrawn: true };
    return field.args.some((a) => a.type.toString().endsWith('!')) ? null : {};
  },
});

/** Every field of every object type (mutations and federation's own aside), as `Type.field`. */
export function coordinates(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('_') && t.name !== 'Mutation')
    .flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`));
}

/** The fields of the object types reachable from Query: what a read can reach at all. */
export function reachableFromQuery(schema: GraphQLSchema): Set<string> {
  const seen = new Set<string>();
  const queue = ['Query'];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const f of Object.values((schema.getType(name) as GraphQLObjectType).getFields())) {
      const named = getNamedType(f.type);
      if (isObjectType(named)) queue.push(named.name);
    }
  }
  return new Set(coordinates(schema).filter((c) => seen.has(c.split('.')[0])));
}

/** The same reason for several fields. */
export const because = (reason: string, fields: string[]) => Object.fromEntries(fields.map((field) => [field, reason]));

/** Fields the caller tried and did not get: refused, or null. */
export const denied = (t: WalkTally) => new Set([...t.refused.keys(), ...t.nulled]);

/** Fields the caller may not read whose parent objects it saw (or root fields): each must have been tried. */
export function exposed(t: WalkTally, unreadable: (c: string) => boolean, within: Iterable<string>): string[] {
  return [...within].filter((c) => unreadable(c) && (c.startsWith('Query.') || t.typesSeen.has(c.split('.')[0])));
}

export function rootCalls(args: Record<string, Arguments[]>): RootCall[] {
  return Object.entries(args).map(([field, argumentSets]) => ({ coordinate: `Query.${field}`, argumentSets }));
}

/** Walks every root field of the API schema as `send`'s caller, with the seeded records of the provinces `accept` keeps. */
export function walkSupergraph(
  seed: SeededRecords, send: Send, readable: (coordinate: string) => boolean, options: { accept?: (province: string) => boolean; probesPerField?: number } = {},
): Promise<WalkTally> {
  return walk({
    rules: walkRules(apiSchema), send, readable, budget: BUDGET, selectionArgumentSets: SELECTION_ARGUMENT_SETS, probesPerField: options.probesPerField,
    roots: rootCalls(rootArguments(seed, options.accept ?? (() => true))),
  });
}

/** The numbers a walk shows, for the report. */
export function summary(t: WalkTally, reachable: Set<string>) {
  return {
    operations: t.operations,
    fieldsWithValue: t.valued.size,
    publicWithValue: [...t.valued].filter(isPublic).length,
    restrictedWithValue: [...t.valued].filter(isRestricted).length,
    restrictedRefused: [...t.refused.keys()].filter(isRestricted).length,
    restrictedNull: [...t.nulled].filter((c) => !t.refused.has(c)).length,
    refusals: [...t.refused.values()].reduce((a, b) => a + b, 0),
    publicWithoutValue: [...reachable].filter((c) => isPublic(c) && !t.valued.has(c)).length,
    restrictedWithoutValue: [...reachable].filter((c) => isRestricted(c) && !t.valued.has(c)).length,
  };
}

/** The supergraph on every programme's demo data, completed (scheduled duties off, so the records stay so), and its ids. */
export async function startDemoSupergraph() {
  const running = await startSupergraph({ database: demoDatabase, env: { BACKGROUND_JOBS: 'off' } });
  const analyst = await tokenFor(Role.ANALYST);
  // read before the data is completed: a removed member leaves the members' list
  const seed: SeededRecords = await readSeededRecords((document) => running.query(document, {}, analyst));
  const admin = await tokenFor(Role.ADMIN);
  await completeDemoData((document, variables) => running.query(document, variables, admin));
  return { ...running, analyst, seed };
}
