import { getNamedType, isNonNullType, isObjectType, type GraphQLObjectType } from 'graphql';
import type { GraphQLResult } from '@sme/testing';
import {
  TYPENAME, chain, printSelections, responseKey, rootScope, selectFields, selectionAt, splitByBudget,
  type Arguments, type Scope, type Selection, type WalkRules,
} from './schema-walk';

/**
 * Reads a schema the way a caller can: for each root field, every field the caller may read in one selection
 * (cut to the gateway's token limit), then each field it may not read on its own ("a probe"), below the
 * shallowest object that has it, so that one refusal cannot hide another (a refused non-null field nulls its
 * parent). What came back is tallied per field coordinate.
 */

export type Send = (document: string, variables?: Record<string, unknown>) => Promise<GraphQLResult>;

export interface RootCall {
  /** `Query.field`. */
  coordinate: string;
  /** Each set of arguments the root is called with (seeded ids, years …): one alias each where the root is nullable. */
  argumentSets: Arguments[];
  /** For `_entities`: the entity type (selected with `... on`) and the operation's variables. */
  entity?: { type: string; variables: Record<string, unknown>; definitions: string };
}

export interface WalkTally {
  operations: number;
  /** Operations sent, by root field. */
  operationsByRoot: Map<string, number>;
  /** Fields that came back with a value (not null) somewhere. */
  valued: Set<string>;
  /** Fields refused with FORBIDDEN or UNAUTHENTICATED, and how often. */
  refused: Map<string, number>;
  /** Fields the caller may not read that came back null. */
  nulled: Set<string>;
  /** Object types of which at least one object came back. */
  typesSeen: Set<string>;
  /** Unreadable fields that came back with a value: `coordinate at path: value`. */
  leaks: string[];
  /** Any other error, or a readable field refused below the root. */
  unexpected: string[];
}

export const REFUSALS = ['FORBIDDEN', 'UNAUTHENTICATED'];
/** The gateway allows 15 aliases an operation. */
const MAX_ALIASES = 15;

export function emptyTally(): WalkTally {
  return { operations: 0, operationsByRoot: new Map(), valued: new Set(), refused: new Map(), nulled: new Set(), typesSeen: new Set(), leaks: [], unexpected: [] };
}

interface Operation {
  roots: Selection[];
  document: string;
  variables?: Record<string, unknown>;
}

const short = (value: unknown) => JSON.stringify(value).slice(0, 120);

function operation(roots: Selection[], entity?: RootCall['entity']): Operation {
  const head = entity ? `query(${entity.definitions})` : 'query';
  return { roots, document: `${head} { ${printSelections(roots)} }`, variables: entity?.variables };
}

/** Adds what one answer shows to the tally. */
function tallyAnswer(tally: WalkTally, op: Operation, result: GraphQLResult, readable: (coordinate: string) => boolean): void {
  tally.operations++;
  tally.operationsByRoot.set(op.roots[0].coordinate, (tally.operationsByRoot.get(op.roots[0].coordinate) ?? 0) + 1);
  for (const error of result.errors ?? []) {
    const code = error.extensions?.code;
    const root = op.roots.find((r) => responseKey(r) === error.path?.[0]);
    const selection = root && error.path ? selectionAt(root, error.path) : undefined;
    const where = `${selection?.coordinate ?? '?'} at ${(error.path ?? []).join('.')}`;
    if (!REFUSALS.includes(code) || !selection) {
      tally.unexpected.push(`${code}: ${error.message} (${where}) in ${op.document.slice(0, 200)}`);
      continue;
    }
    tally.refused.set(selection.coordinate, (tally.refused.get(selection.coordinate) ?? 0) + 1);
    // a readable field refused below the root (a root may refuse a record that is not public yet)
    if (readable(selection.coordinate) && !selection.coordinate.startsWith('Query.')) tally.unexpected.push(`refused a readable field: ${where}`);
  }
  // the answer and the selection side by side: each selection with the objects its parent came back as
  const visit = (selection: Selection, parents: Record<string, unknown>[], above: string) => {
    if (selection.coordinate === '__typename') return;
    const key = responseKey(selection);
    const here = `${above}${above ? '.' : ''}${key}`;
    const objects: Record<string, unknown>[] = [];
    for (const parent of parents) {
      if (!(key in parent)) continue;
      const value = parent[key];
      if (value === null) {
        if (!readable(selection.coordinate)) tally.nulled.add(selection.coordinate);
        continue;
      }
      tally.valued.add(selection.coordinate);
      if (!readable(selection.coordinate)) tally.leaks.push(`${selection.coordinate} at ${here}: ${short(value)}`);
      for (const item of Array.isArray(value) ? value.flat(Infinity) : [value]) if (item !== null && typeof item === 'object') objects.push(item as Record<string, unknown>);
    }
    if (selection.scope && objects.length) tally.typesSeen.add(selection.scope.type);
    for (const child of selection.children ?? []) visit(child, objects, here);
  };
  const data = result.data as Record<string, unknown> | null | undefined;
  for (const root of op.roots) visit(root, data ? [data] : [], '');
}

/** Runs `tasks` with at most `width` in flight. */
async function inParallel<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

/** The unreadable fields below `root`'s readable selection, each under the shallowest object that has it. */
function probePoints(rules: WalkRules, root: Selection, readable: (coordinate: string) => boolean): { path: Selection[]; scope: Scope; coordinate: string }[] {
  const points = new Map<string, { path: Selection[]; scope: Scope; coordinate: string }>();
  const queue: { path: Selection[]; node: Selection }[] = [{ path: [], node: root }];
  while (queue.length) {
    const { path, node } = queue.shift()!; // breadth first: the first point found for a field is its shallowest
    if (!node.scope || !node.children) continue;
    const type = rules.schema.getType(node.scope.type);
    if (!isObjectType(type)) continue;
    for (const name of Object.keys(type.getFields())) {
      const coordinate = `${node.scope.type}.${name}`;
      if (!readable(coordinate) && !points.has(coordinate)) points.set(coordinate, { path: [...path, node], scope: node.scope, coordinate });
    }
    for (const child of node.children) queue.push({ path: [...path, node], node: child });
  }
  return [...points.values()];
}

export interface WalkOptions {
  rules: WalkRules;
  send: Send;
  roots: RootCall[];
  /** What the caller may read; every other field must come back null or refused. */
  readable: (coordinate: string) => boolean;
  /** Tokens and cost per operation (the gateway refuses more than 5000 of either). */
  budget: number;
  /** Operations in flight at once. */
  width?: number;
  /** Roots each unreadable field is probed below (the shallowest first). */
  probesPerField?: number;
  /**
   * Argument sets of a root asked for the whole readable selection (the first ones; the others are asked for the
   * root alone, to learn whether their record came back, and probed all the same). All when unset.
   */
  selectionArgumentSets?: number;
}

/** Walks every root call as the caller `send` sends for, and tallies the answers. */
export async function walk(options: WalkOptions): Promise<WalkTally> {
  const { rules, send, readable, budget } = options;
  const tally = emptyTally();
  const all = () => true;
  const run = (ops: Operation[]) =>
    inParallel(ops.map((op) => async () => {
      const result = await send(op.document, op.variables);
      tallyAnswer(tally, op, result, readable);
      return result;
    }), options.width ?? 4);

  interface Planned {
    tree: Selection;
    perOperation: number;
    operationsFor: (template: Selection, argumentGroups: Arguments[][]) => Operation[];
    /** Each group of argument sets with the operations that asked for it (the first has every alias's root). */
    asked: { group: Arguments[]; operations: Operation[] }[];
  }
  const planned: Planned[] = [];
  const first: Operation[] = [];
  const groupsOf = (sets: Arguments[], size: number) => Array.from({ length: Math.ceil(sets.length / size) }, (_, i) => sets.slice(i * size, (i + 1) * size));
  for (const call of options.roots) {
    const [typeName, fieldName] = call.coordinate.split('.');
    const field = (rules.schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName];
    if (!field) throw new Error(`${call.coordinate} is not in the schema`);
    const scope: Scope = call.entity ? { type: call.entity.type, level: 1, ancestors: [call.entity.type] } : rootScope(rules, call.coordinate);
    const leafRoot = !call.entity && !isObjectType(getNamedType(field.type));
    // a nullable root keeps a refusal to its own alias, so its argument sets share an operation
    const perOperation = isNonNullType(field.type) ? 1 : MAX_ALIASES;
    /** The operations that select `template` (a root selection) once per argument set of each group, cut to the budget. */
    const operationsFor = (template: Selection, argumentGroups: Arguments[][]): Operation[] =>
      argumentGroups.flatMap((group) =>
        splitByBudget(template, Math.floor(budget / group.length)).map((piece) =>
          operation(group.map((args, i) => ({ ...piece, alias: `a${i}`, args })), call.entity)),
      );
    const root = (children: Selection[] | null): Selection => ({
      coordinate: call.coordinate, field: fieldName, args: {}, children, scope: leafRoot ? undefined : scope, fragmentOn: call.entity?.type,
    });
    if (!readable(call.coordinate)) {
      // a root the caller may not read: the whole selection, which must be refused (or come back empty)
      first.push(...operationsFor(root(leafRoot ? null : selectFields(rules, scope, all)), groupsOf(call.argumentSets, perOperation)));
      continue;
    }
    const tree = root(leafRoot ? null : selectFields(rules, scope, readable));
    // the whole readable selection for the first argument sets; the root alone for the others, to learn which came back
    const cap = options.selectionArgumentSets ?? call.argumentSets.length;
    const asked = [
      ...groupsOf(call.argumentSets.slice(0, cap), perOperation).map((group) => ({ group, operations: operationsFor(tree, [group]) })),
      ...groupsOf(call.argumentSets.slice(cap), perOperation).map((group) => ({ group, operations: operationsFor(root(leafRoot ? null : [TYPENAME]), [group]) })),
    ];
    first.push(...asked.flatMap((a) => a.operations));
    if (!leafRoot) planned.push({ tree, perOperation, operationsFor, asked });
  }
  const answers = new Map(first.map((op, i) => [op, i]));
  const results = await run(first);

  // Each unreadable field is probed below the roots where it sits shallowest (more seeded records first), with
  // the argument sets whose root came back: a refused root has nothing below it that could leak.
  const candidates = new Map<string, { depth: number; records: number; make: () => Operation[] }[]>();
  for (const p of planned) {
    const open: Arguments[] = [];
    for (const { group, operations } of p.asked) {
      const answer = results[answers.get(operations[0])!];
      group.forEach((args, i) => answer?.data?.[`a${i}`] != null && open.push(args));
    }
    if (!open.length) continue;
    const openGroups = groupsOf(open, p.perOperation);
    for (const point of probePoints(rules, p.tree, readable)) {
      const [leaf] = selectFields(rules, point.scope, (c) => c === point.coordinate, all);
      if (!leaf) continue;
      const list = candidates.get(point.coordinate) ?? [];
      list.push({ depth: point.path.length, records: open.length, make: () => p.operationsFor(chain(point.path, leaf), openGroups) });
      candidates.set(point.coordinate, list);
    }
  }
  const probes = [...candidates.values()].flatMap((list) =>
    list.sort((a, b) => a.depth - b.depth || b.records - a.records).slice(0, options.probesPerField ?? 2).flatMap((c) => c.make()));
  await run(probes);
  return tally;
}

/** Several walks' tallies as one. */
export function mergeTallies(tallies: WalkTally[]): WalkTally {
  const merged = emptyTally();
  for (const t of tallies) {
    merged.operations += t.operations;
    for (const [c, n] of t.operationsByRoot) merged.operationsByRoot.set(c, (merged.operationsByRoot.get(c) ?? 0) + n);
    for (const key of ['valued', 'nulled', 'typesSeen'] as const) for (const c of t[key]) merged[key].add(c);
    for (const [c, n] of t.refused) merged.refused.set(c, (merged.refused.get(c) ?? 0) + n);
    merged.leaks.push(...t.leaks);
    merged.unexpected.push(...t.unexpected);
  }
  return merged;
}
