import fs from 'node:fs';
import path from 'node:path';
import {
  Kind, buildASTSchema, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, parse, parseType, print, typeFromAST,
  type DocumentNode, type FieldNode, type GraphQLInputType, type GraphQLSchema, type OperationDefinitionNode, type VariableDefinitionNode,
} from 'graphql';
import { CREDIT_CODE_ALPHABET } from '@sme/kernel';

/**
 * Bad values for a mutation, by the GraphQL type of each leaf of its variables. Given a mutation's document and
 * variables that it accepts, `badVariants` yields copies in which exactly one leaf is bad (or one required field
 * is missing), each with the path of that leaf and what is wrong with it. Every variant must be refused: with a
 * SPEC §2 code, never a 500, changing nothing.
 *
 * The leaves walked are those present in the valid variables, the scalar fields an input object leaves out and
 * the arguments the document does not pass (an optional input given a bad value must be refused as well). A list
 * of input objects is walked in its first item only: the others have the same type and the same checks. Values of
 * the wrong GraphQL type are graphql-js's to refuse, before any resolver: test/bad-input.edges.test.ts covers them.
 */

export interface BadVariant {
  /** The leaf, as `input.survey[0].phone` (`$name` for a whole variable). */
  path: string;
  /** What is wrong, e.g. `STRING_50000_CHARACTERS`, `DATE_IMPOSSIBLE_2023-02-30`, `REQUIRED_FIELD_MISSING`. */
  kind: string;
  /** The same leaf named from the root field's argument (`materialId` where the document binds it to `$id`). */
  argumentPath: string;
  /** The document to send: the given one, with a variable for each argument of the root field it left out. */
  document: string;
  variables: Record<string, unknown>;
}

/** The composed supergraph as a schema of its own types (the federation directives are left unchecked). */
export function supergraphSchema(file = path.resolve(__dirname, '../../supergraph.graphql')): GraphQLSchema {
  return buildASTSchema(parse(fs.readFileSync(file, 'utf8')), { assumeValid: true, assumeValidSDL: true });
}

/** Longer than any text field takes (the longest, Taiyuan's narratives, take 20 000 characters). */
const LONG_TEXT_LENGTH = 50_000;
const LONG_TEXT = '长'.repeat(LONG_TEXT_LENGTH);
const HUGE_LIST = 10_000;

/**
 * Characters no text field may hold (kernel input-validation): a C0 control, BEL, the right-to-left override and
 * a lone surrogate (JSON carries it as `\ud800`).
 */
const CONTROL_CHARACTERS: Record<string, string> = { NUL: '\u0000', BEL: '\u0007', RLO: '\u202e', LONE_SURROGATE: '\ud800' };

/** The credit-code rules of GB 32100 (SPEC §2), each broken once from a valid code. */
function badCreditCodes(valid: string): Record<string, string> {
  const code = /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(valid) ? valid : '91350100M000100Y43';
  const otherCheck = CREDIT_CODE_ALPHABET[(CREDIT_CODE_ALPHABET.indexOf(code[17]) + 1) % CREDIT_CODE_ALPHABET.length];
  const codes: Record<string, string> = {
    CREDIT_CODE_WRONG_CHECK_CHARACTER: code.slice(0, 17) + otherCheck,
    CREDIT_CODE_17_CHARACTERS: code.slice(0, 17),
    CREDIT_CODE_LOWER_CASE: code.toLowerCase() === code ? '91350100m000100y43' : code.toLowerCase(),
  };
  // the five letters the alphabet leaves out, at position 9 (the organisation code)
  for (const letter of ['I', 'O', 'Z', 'S', 'V']) codes[`CREDIT_CODE_LETTER_${letter}`] = `${code.slice(0, 8)}${letter}${code.slice(9)}`;
  return codes;
}

/** Impossible or malformed dates, and real dates outside what the API accepts (1900–2099). */
const IMPOSSIBLE_DATES = ['2023-02-30', '2023-13-01', '0000-01-01', '2023-1-1', ''];
const OUT_OF_RANGE_DATES = ['9999-12-31', '1899-12-31', '2100-01-01'];
/** 2^31 does not fit GraphQL's Int (graphql-js refuses it); 2^31 - 1 fits, and is no count, year or version of this API. */
const HUGE_INTS = [2 ** 31 - 1, 2 ** 31];

/** A field whose number is a percentage or share: more than 100 is impossible. */
const isPercentage = (field: string) => /percent|rate$|share/i.test(field);
/** Figures that are below zero by their meaning: a profit is negative in a year of loss. */
const SIGNED_FIGURES: ReadonlySet<string> = new Set(['profit']);

/**
 * Which of several equivalent bad values a leaf gets: every leaf of a type runs through the same validator, so the
 * values are handed out in turn over a mutation's leaves rather than all to each (which would multiply the
 * requests without reaching any other check).
 */
type Rotation = <T>(family: string, values: readonly T[]) => T;

/** The bad values for one leaf of named type `typeName`, keyed by kind. */
function badLeafValues(typeName: string, field: string, valid: unknown, required: boolean, schema: GraphQLSchema, next: Rotation): Record<string, unknown> {
  const named = schema.getType(typeName);
  if (named && isEnumType(named)) return { ENUM_UNKNOWN_VALUE: 'NOT_A_VALUE' };
  const signed = SIGNED_FIGURES.has(field);
  switch (typeName) {
    case 'CreditCode':
      return badCreditCodes(typeof valid === 'string' ? valid : '');
    case 'Date': {
      const impossible = next('date', IMPOSSIBLE_DATES);
      const outOfRange = next('date-range', OUT_OF_RANGE_DATES);
      return { [`DATE_IMPOSSIBLE_${impossible || 'EMPTY'}`]: impossible, [`DATE_OUT_OF_RANGE_${outOfRange}`]: outOfRange };
    }
    case 'Int': {
      const huge = next('int', HUGE_INTS);
      return { ...(signed ? {} : { INT_NEGATIVE: -1 }), [`INT_HUGE_${huge}`]: huge };
    }
    case 'Float':
      return { ...(signed ? {} : { FLOAT_NEGATIVE: -1 }), FLOAT_1E308: 1e308, ...(isPercentage(field) ? { FLOAT_OVER_100_PERCENT: 100.5 } : {}) };
    case 'String':
    case 'ID': {
      const [control, character] = next('control', Object.entries(CONTROL_CHARACTERS));
      const values: Record<string, unknown> = {
        [`${typeName.toUpperCase()}_${LONG_TEXT_LENGTH}_CHARACTERS`]: LONG_TEXT,
        [`${typeName.toUpperCase()}_CONTROL_${control}`]: `有效文本${character}结尾`,
      };
      // a blank optional text means "none"; a blank required one must be refused
      if (required) {
        const blank = next('blank', ['', '   ']);
        values[`${typeName.toUpperCase()}_${blank ? 'BLANK' : 'EMPTY'}`] = blank;
      }
      return values;
    }
    default:
      return {};
  }
}

type Path = (string | number)[];

const show = (p: Path) => p.reduce<string>((s, key) => (typeof key === 'number' ? `${s}[${key}]` : s ? `${s}.${key}` : String(key)), '');

function withValue(variables: Record<string, unknown>, at: Path, value: unknown): Record<string, unknown> {
  const copy = structuredClone(variables);
  let node: any = copy;
  for (const key of at.slice(0, -1)) node = node[key];
  node[at[at.length - 1]] = value;
  return copy;
}

function without(variables: Record<string, unknown>, at: Path): Record<string, unknown> {
  const copy = structuredClone(variables);
  let node: any = copy;
  for (const key of at.slice(0, -1)) node = node[key];
  delete node[at[at.length - 1]];
  return copy;
}

/**
 * The variants of `variables` for `document` (one operation with variable definitions), each with exactly one bad
 * leaf or one required input missing.
 */
export interface BadVariantOptions {
  /** Lists that may be empty (a draft leaving them for later), by the end of their path: `declared.servedByYear`. */
  mayBeEmpty?: readonly string[];
}

export function badVariants(schema: GraphQLSchema, given: string, variables: Record<string, unknown>, options: BadVariantOptions = {}): BadVariant[] {
  const { document, operation } = withEveryArgument(schema, parse(given));
  const variants: BadVariant[] = [];
  const turns = new Map<string, number>();
  const next: Rotation = (family, values) => {
    const turn = turns.get(family) ?? 0;
    turns.set(family, turn + 1);
    return values[turn % values.length];
  };
  const argumentOf = argumentsByVariable(operation);
  const add = (at: Path, kind: string, vars: Record<string, unknown>) => variants.push({
    path: at.length === 1 ? `$${at[0]}` : show(at), argumentPath: show([argumentOf.get(String(at[0])) ?? at[0], ...at.slice(1)]), kind, document, variables: vars,
  });

  function walk(type: GraphQLInputType, value: unknown, at: Path, present: boolean): void {
    const required = isNonNullType(type);
    const inner = required ? type.ofType : type;
    if (isListType(inner)) {
      if (!present || !Array.isArray(value)) return;
      if (value.length > 0) {
        if (!(options.mayBeEmpty ?? []).some((suffix) => show(at).endsWith(suffix))) add(at, 'LIST_EMPTY', withValue(variables, at, []));
        add(at, `LIST_${HUGE_LIST}_ITEMS`, withValue(variables, at, Array.from({ length: HUGE_LIST }, () => value[0])));
        walk(inner.ofType as GraphQLInputType, value[0], [...at, 0], true);
      }
      return;
    }
    if (isInputObjectType(inner)) {
      if (!present || value === null || typeof value !== 'object') return;
      for (const field of Object.values(inner.getFields())) {
        const has = Object.prototype.hasOwnProperty.call(value, field.name) && (value as Record<string, unknown>)[field.name] !== undefined;
        if (has && isNonNullType(field.type) && field.defaultValue === undefined) add([...at, field.name], 'REQUIRED_FIELD_MISSING', without(variables, [...at, field.name]));
        walk(field.type, (value as Record<string, unknown>)[field.name], [...at, field.name], has);
      }
      return;
    }
    const named = getNamedType(inner);
    if (!isScalarType(named) && !isEnumType(named)) return;
    const field = String([...at].reverse().find((k) => typeof k === 'string'));
    for (const [kind, bad] of Object.entries(badLeafValues(named.name, field, value, required, schema, next))) add(at, kind, withValue(variables, at, bad));
  }

  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined;
    if (!type) throw new Error(`unknown type of $${name}`);
    const present = Object.prototype.hasOwnProperty.call(variables, name) && variables[name] !== undefined;
    if (present && isNonNullType(type) && !definition.defaultValue) add([name], 'REQUIRED_VARIABLE_MISSING', without(variables, [name]));
    walk(type, variables[name], [name], present);
  }
  return variants;
}

/**
 * The document with a variable for each argument its root field leaves out (`mutation { runSchedule { … } }`
 * becomes `mutation($asOf: Date) { runSchedule(asOf: $asOf) { … } }`), so that those arguments get bad values too.
 */
function withEveryArgument(schema: GraphQLSchema, parsed: DocumentNode): { document: string; operation: OperationDefinitionNode } {
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('the document has no operation');
  const root = operation.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD);
  const rootType = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  const definition = root && rootType?.getFields()[root.name.value];
  if (!root || !definition) return { document: print(parsed), operation };
  const declared = new Set((operation.variableDefinitions ?? []).map((v) => v.variable.name.value));
  const missing = definition.args.filter((arg) => !(root.arguments ?? []).some((a) => a.name.value === arg.name) && !declared.has(arg.name));
  if (!missing.length) return { document: print(parsed), operation };
  const variable = (name: string) => ({ kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } }) as const;
  const extended: OperationDefinitionNode = {
    ...operation,
    variableDefinitions: [
      ...(operation.variableDefinitions ?? []),
      ...missing.map((arg): VariableDefinitionNode => ({ kind: Kind.VARIABLE_DEFINITION, variable: variable(arg.name), type: parseType(String(arg.type)) })),
    ],
    selectionSet: {
      ...operation.selectionSet,
      selections: operation.selectionSet.selections.map((s) =>
        s === root ? { ...root, arguments: [...(root.arguments ?? []), ...missing.map((arg) => ({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: arg.name }, value: variable(arg.name) }) as const)] } : s),
    },
  };
  const document: DocumentNode = { ...parsed, definitions: parsed.definitions.map((d) => (d === operation ? extended : d)) };
  return { document: print(document), operation: extended };
}

/**
 * Every text leaf (String or ID) of a mutation's arguments, as `badVariants` names paths (`input.panel[0].name`):
 * what a run can compare with the leaves its records reached, to name the text inputs no prepared record carried.
 */
export function textLeaves(schema: GraphQLSchema, mutation: string): string[] {
  const field = schema.getMutationType()?.getFields()[mutation];
  if (!field) throw new Error(`no mutation ${mutation}`);
  const leaves: string[] = [];
  const walk = (type: GraphQLInputType, at: Path, seen: ReadonlySet<string>): void => {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) return walk(inner.ofType as GraphQLInputType, [...at, 0], seen);
    if (isInputObjectType(inner)) {
      if (seen.has(inner.name)) return;
      for (const f of Object.values(inner.getFields())) walk(f.type, [...at, f.name], new Set([...seen, inner.name]));
      return;
    }
    const named = getNamedType(inner);
    if (named.name === 'String' || named.name === 'ID') leaves.push(show(at));
  };
  for (const arg of field.args) walk(arg.type, [arg.name], new Set());
  return leaves;
}

/** The root field's arguments that a variable is bound to directly, by the variable's name. */
function argumentsByVariable(operation: OperationDefinitionNode): Map<string, string> {
  const root = operation.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD);
  return new Map((root?.arguments ?? []).filter((a) => a.value.kind === Kind.VARIABLE).map((a) => [(a.value as { name: { value: string } }).name.value, a.name.value]));
}
