import { Lexer, Source, TokenKind, getNamedType, isLeafType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';

/**
 * Builds the read operations that walk a schema field by field: from a root field, every field of every type
 * reached, down to a depth bound.
 */

export type Arguments = Record<string, unknown>;

/** One selected field: a leaf, or an object with the fields selected under it. */
export interface Selection {
  /** `Type.field` in the schema. */
  coordinate: string;
  field: string;
  alias?: string;
  args: Arguments;
  children: Selection[] | null;
  /** Selects the children inside `... on <type>` (an `_entities` answer is a union). */
  fragmentOn?: string;
  /** For an object: the type its children are fields of, its object level and the types above it. */
  scope?: Scope;
}

export interface Scope {
  type: string;
  level: number;
  ancestors: readonly string[];
}

export interface WalkRules {
  schema: GraphQLSchema;
  /** Object levels below the root field, the root field counted as 1. */
  maxDepth: number;
  /** Arguments of a field below the root; null when it cannot be selected (a required argument not known). */
  argumentsFor(coordinate: string, field: GraphQLField<unknown, unknown>): Arguments | null;
}

/** `__typename`: what an object is selected with when none of its fields is. */
export const TYPENAME: Selection = { coordinate: '__typename', field: '__typename', args: {}, children: null };

/**
 * The fields of the scope's type that `include` admits, each with its own selection of the fields `below`
 * admits, breadth first: each object type is expanded once, where it is met first (so at its shallowest), and
 * selected with its leaf fields wherever it is met again (a type above the scope counts as met). Every field
 * of every type reached is selected once, and cycles end.
 */
export function selectFields(rules: WalkRules, scope: Scope, include: (coordinate: string) => boolean, below = include): Selection[] {
  const expanded = new Set(scope.ancestors);
  const top: Selection[] = [];
  const queue: { scope: Scope; admit: (coordinate: string) => boolean; into: Selection[] }[] = [{ scope, admit: include, into: top }];
  const objects: Selection[] = [];
  while (queue.length) {
    const { scope: at, admit, into } = queue.shift()!;
    for (const { coordinate, field, args, named } of fieldsOf(rules, at.type, admit)) {
      if (!isObjectType(named)) {
        into.push({ coordinate, field: field.name, args, children: null });
        continue;
      }
      if (at.level + 1 > rules.maxDepth) continue;
      const inner: Scope = { type: named.name, level: at.level + 1, ancestors: [...at.ancestors, named.name] };
      const node: Selection = { coordinate, field: field.name, args, children: [], scope: inner };
      if (expanded.has(named.name)) {
        node.children = fieldsOf(rules, named.name, below).filter((f) => !isObjectType(f.named)).map((f) => ({ coordinate: f.coordinate, field: f.field.name, args: f.args, children: null }));
      } else {
        expanded.add(named.name);
        queue.push({ scope: inner, admit: below, into: node.children! });
      }
      objects.push(node);
      into.push(node);
    }
  }
  for (const node of objects) if (!node.children!.length) node.children = [TYPENAME];
  return top;
}

/** The fields of a type that `admit` admits and whose arguments are known. */
function fieldsOf(rules: WalkRules, typeName: string, admit: (coordinate: string) => boolean) {
  const type = rules.schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  return Object.values(type.getFields()).flatMap((field) => {
    const coordinate = `${typeName}.${field.name}`;
    const named = getNamedType(field.type);
    const args = admit(coordinate) && (isLeafType(named) || isObjectType(named)) ? rules.argumentsFor(coordinate, field) : null;
    return args === null ? [] : [{ coordinate, field, args, named }];
  });
}

/** The scope of a root field's answer (object level 1). */
export function rootScope(rules: WalkRules, coordinate: string): Scope {
  const [typeName, fieldName] = coordinate.split('.');
  const type = rules.schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const named = getNamedType(type.getFields()[fieldName].type);
  return { type: named.name, level: 1, ancestors: [named.name] };
}

/** An argument given as an operation variable. */
export const variable = (name: string) => ({ variable: name });
const isVariable = (value: unknown): value is { variable: string } => value !== null && typeof value === 'object' && Object.keys(value).length === 1 && 'variable' in value;

/** A GraphQL literal for a JSON value (strings, numbers, booleans, lists and input objects). */
export function literal(value: unknown): string {
  if (isVariable(value)) return `$${value.variable}`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${literal(v)}`).join(', ')} }`;
  return JSON.stringify(value);
}

export function printSelections(selections: readonly Selection[]): string {
  return selections
    .map((s) => {
      const args = Object.keys(s.args).length ? `(${Object.entries(s.args).map(([k, v]) => `${k}: ${literal(v)}`).join(', ')})` : '';
      const head = `${s.alias ? `${s.alias}: ` : ''}${s.field}${args}`;
      if (!s.children) return head;
      return s.fragmentOn ? `${head} { ... on ${s.fragmentOn} { ${printSelections(s.children)} } }` : `${head} { ${printSelections(s.children)} }`;
    })
    .join(' ');
}

/** The key a selection answers under. */
export const responseKey = (s: Selection) => s.alias ?? s.field;

/** The selection of `leaf` below the chain `path` and nothing else (each step keeps its arguments). */
export function chain(path: readonly Selection[], leaf: Selection): Selection {
  return path.reduceRight<Selection>((inner, step) => ({ ...step, children: [inner] }), leaf);
}

/** Lexical tokens of a document, counted as the gateway's token limit counts them. */
export function tokenCount(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) count++;
  return count;
}

/** The page size a field multiplies its selection by in the gateway's cost (graphql-armor: `first`/`last`). */
const multiplier = (s: Selection) => (typeof s.args.first === 'number' ? s.args.first : typeof s.args.last === 'number' ? s.args.last : 1);

const costs = new WeakMap<Selection, number>();
/** The gateway's estimate of a selection's cost: a leaf 1, an object 2 and its children, times its page size. */
export function costOf(selection: Selection): number {
  if (!selection.children) return 1;
  let cost = costs.get(selection);
  if (cost === undefined) costs.set(selection, (cost = (2 + selection.children.reduce((sum, child) => sum + costOf(child), 0)) * multiplier(selection)));
  return cost;
}

const headTokens = new Map<string, number>();
const tokenSizes = new WeakMap<Selection, number>();
/** Tokens of a selection: its head (`alias: field(args)`), and its children's inside braces (printing only joins them). */
function tokensOf(selection: Selection): number {
  let size = tokenSizes.get(selection);
  if (size !== undefined) return size;
  const head = printSelections([{ ...selection, children: null }]);
  let n = headTokens.get(head);
  if (n === undefined) headTokens.set(head, (n = tokenCount(head)));
  const fragment = selection.fragmentOn ? 5 : 0; // { ... on Type }
  size = selection.children ? n + 2 + fragment + selection.children.reduce((sum, child) => sum + tokensOf(child), 0) : n;
  tokenSizes.set(selection, size);
  return size;
}

/** A selection's size against both the gateway's token and cost limits. */
const measure = (selection: Selection) => Math.max(tokensOf(selection), costOf(selection));

/**
 * `selection` cut into selections each within `budget` (tokens and cost), together selecting every field it
 * selects (the gateway refuses oversized operations; each piece keeps the path down to its fields).
 */
export function splitByBudget(selection: Selection, budget: number): Selection[] {
  if (!selection.children || measure(selection) <= budget) return [selection];
  const room = Math.floor(budget / multiplier(selection)) - tokensOf({ ...selection, children: [] });
  if (room <= 2) throw new Error(`${selection.coordinate}: no room under a budget of ${budget}`);
  const empty = { ...selection, children: [] };
  const groups: Selection[][] = [];
  let group: Selection[] = [];
  let tokens = 0;
  let cost = 0;
  // sizes add up: the children's tokens inside the head's braces, their cost under the head's (times its page size)
  const fits = (t: number, c: number) => tokensOf(empty) + t <= budget && (2 + c) * multiplier(selection) <= budget;
  for (const piece of selection.children.flatMap((child) => splitByBudget(child, room))) {
    if (group.length && !fits(tokens + tokensOf(piece), cost + costOf(piece))) {
      groups.push(group);
      group = [];
      tokens = 0;
      cost = 0;
    }
    group.push(piece);
    tokens += tokensOf(piece);
    cost += costOf(piece);
  }
  if (group.length) groups.push(group);
  return groups.map((children) => ({ ...selection, children }));
}

/** The selection an answer's path (response keys and list indices) points at, below `root`. */
export function selectionAt(root: Selection, path: readonly (string | number)[]): Selection | undefined {
  const keys = path.filter((key): key is string => typeof key === 'string');
  if (keys[0] !== responseKey(root)) return undefined;
  let current: Selection | undefined = root;
  for (const key of keys.slice(1)) current = current?.children?.find((child) => responseKey(child) === key);
  return current;
}
