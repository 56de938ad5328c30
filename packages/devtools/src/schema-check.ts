import { parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import type { Bilingual } from '@sme/kernel';
import { composeSubgraphSdls, type SubgraphSdl } from './composition';
import { compositionProblems, type CompositionProblem } from './composition-problems';
import { ownersOf, schemaOwnership } from './schema-ownership';
import { operationUsage, type OperationUsage } from './operation-usage';
import type { ClientOperation, ClientOperationSource } from './client-operations';

/**
 * `npm run check:schema`: what a subgraph change does to the supergraph, before it is merged. Composes the
 * subgraphs' SDL, diffs the API schema (what clients see, without the join__ machinery) against the committed
 * supergraph's, and validates every known client operation against the new API schema. A pure function of its
 * inputs: the command only gathers them (the SDL printed from the working tree, the committed file, the
 * operation files), so tests feed it modified SDL in memory.
 */

export interface SchemaCheckInput {
  subgraphs: readonly SubgraphSdl[];
  /** The supergraph the change is measured against: `supergraph.graphql` as committed. */
  committedSupergraph: string;
  /** `supergraph.graphql` as it is in the working tree (default: the committed text); stale when composing gives another. */
  supergraphFile?: string;
  operations: readonly ClientOperation[];
}

export interface SchemaCheckOptions {
  /** Fail on any breaking change, even to a field no known operation uses. */
  strict?: boolean;
  /** Judge only what this subgraph owns (its team's check). */
  subgraph?: string;
}

export type ChangeCriticality = 'breaking' | 'dangerous' | 'safe';

export interface OperationRef {
  operation: string;
  file: string;
}

export interface SchemaChange {
  criticality: ChangeCriticality;
  /** graphql-inspector's change type, e.g. `FIELD_REMOVED`. */
  type: string;
  message: string;
  /** The schema coordinate changed (`Type.field`, `Type.field.argument`, `Enum.VALUE`, `Type`). */
  path?: string;
  /** The subgraphs that own it (from the join__ directives of the committed and the new supergraph). */
  subgraphs: string[];
  /** Known operations that use it. */
  usedBy: OperationRef[];
}

export interface OperationError {
  message: string;
  /** The schema coordinate the error is about, as the operation used it before the change. */
  coordinate?: string;
  subgraphs: string[];
}

export interface BrokenOperation extends OperationRef {
  source: ClientOperationSource;
  errors: OperationError[];
  /** It did not validate against the committed supergraph either: not this change's doing (it still fails). */
  alreadyInvalid: boolean;
}

export interface SchemaFindings {
  subgraphs: string[];
  composition: { ok: boolean; problems: CompositionProblem[] };
  /** Composing the subgraphs gives another text than `supergraph.graphql` (null when composition failed). */
  stale: boolean | null;
  changes: SchemaChange[];
  operations: { checked: number; files: number; broken: BrokenOperation[] };
}

export type SchemaCheckFailureKind = 'COMPOSITION_FAILED' | 'OPERATION_BROKEN' | 'USED_FIELD_CHANGED' | 'BREAKING_CHANGE';

export interface SchemaCheckFailure {
  kind: SchemaCheckFailureKind;
  message: Bilingual;
  subgraphs: string[];
  operation?: string;
  file?: string;
  coordinate?: string;
}

export interface SchemaCheckReport extends SchemaFindings {
  strict: boolean;
  /** The subgraph judged, or null for all of them. */
  subgraph: string | null;
  /** What the scope left out: changes and broken operations that belong to other subgraphs. */
  outOfScope: { changes: number; brokenOperations: number };
  /** Breaking changes that no known operation uses: reported, and failing only with `strict`. */
  unusedBreaking: number;
  failures: SchemaCheckFailure[];
  passed: boolean;
}

const CRITICALITY: Record<CriticalityLevel, ChangeCriticality> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

const ORDER: ChangeCriticality[] = ['breaking', 'dangerous', 'safe'];

/**
 * Changes at `Parent.child` that reach every operation using `Parent`: a new required argument or input field
 * breaks every caller of the field or writer of the input, and an enum gaining or losing a value surprises every
 * operation that reads or sends the enum.
 */
const AFFECTS_USERS_OF_PARENT = new Set(['FIELD_ARGUMENT_ADDED', 'INPUT_FIELD_ADDED', 'ENUM_VALUE_REMOVED', 'ENUM_VALUE_ADDED']);

function usesChange(change: Change, usage: OperationUsage): boolean {
  if (!change.path) return false;
  if (usage.coordinates.has(change.path)) return true;
  const parent = change.path.split('.').slice(0, -1).join('.');
  return AFFECTS_USERS_OF_PARENT.has(change.type) && parent !== '' && usage.coordinates.has(parent);
}

const apiSchemaOf = (supergraphSdl: string): GraphQLSchema => Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();

/** An SDL that is not GraphQL at all, as a composition problem of its subgraph (composition would only throw). */
function unparsableSdl(subgraph: SubgraphSdl): CompositionProblem[] {
  try {
    parse(subgraph.sdl);
    return [];
  } catch (error) {
    return [{
      code: 'INVALID_GRAPHQL',
      message: (error as Error).message,
      subgraphs: [subgraph.name],
      hint: { zh: '该子图打印出的 SDL 不是合法的 GraphQL：检查其类型与装饰器', en: 'The SDL this subgraph prints is not valid GraphQL: check its types and decorators' },
    }];
  }
}

interface ParsedOperation {
  operation: ClientOperation;
  document?: DocumentNode;
  syntaxError?: string;
  usage?: OperationUsage;
}

/** Composition, staleness, the diff and the operations' validation: what the change does, before any judgement. */
export async function analyseSchemaChange(input: SchemaCheckInput): Promise<SchemaFindings> {
  const names = input.subgraphs.map((s) => s.name);
  const operations = { checked: input.operations.length, files: new Set(input.operations.map((o) => o.file)).size, broken: [] as BrokenOperation[] };
  const unparsable = input.subgraphs.flatMap(unparsableSdl);
  if (unparsable.length) return { subgraphs: names, composition: { ok: false, problems: unparsable }, stale: null, changes: [], operations };
  const result = composeSubgraphSdls(input.subgraphs);
  if (result.errors) {
    return { subgraphs: names, composition: { ok: false, problems: compositionProblems(result.errors, names) }, stale: null, changes: [], operations };
  }
  const committed = input.committedSupergraph;
  const stale = result.supergraphSdl.trimEnd() !== (input.supergraphFile ?? committed).trimEnd();
  const before = apiSchemaOf(committed);
  const after = result.schema.toAPISchema().toGraphQLJSSchema();
  const ownership = [schemaOwnership(committed), schemaOwnership(result.supergraphSdl)];

  const parsed: ParsedOperation[] = input.operations.map((operation) => {
    try {
      const document = parse(operation.document);
      return { operation, document, usage: operationUsage(before, document) };
    } catch (error) {
      return { operation, syntaxError: (error as Error).message };
    }
  });

  const changes = (await diff(before, after))
    .map((change): SchemaChange => {
      const criticality = CRITICALITY[change.criticality.level];
      const usedBy = criticality === 'safe' ? [] : parsed.filter((p) => p.usage && usesChange(change, p.usage)).map((p) => ({ operation: p.operation.name, file: p.operation.file }));
      return { criticality, type: change.type, message: change.message, path: change.path, subgraphs: ownersOf(change.path, ...ownership), usedBy };
    })
    .sort((a, b) => ORDER.indexOf(a.criticality) - ORDER.indexOf(b.criticality));

  for (const { operation, document, syntaxError, usage } of parsed) {
    const ref = { operation: operation.name, file: operation.file, source: operation.source };
    if (!document || !usage) {
      operations.broken.push({ ...ref, errors: [{ message: syntaxError ?? 'unparsable', subgraphs: [] }], alreadyInvalid: true });
      continue;
    }
    const errors = validate(after, document);
    if (!errors.length) continue;
    operations.broken.push({
      ...ref,
      alreadyInvalid: validate(before, document).length > 0,
      errors: errors.map((error) => {
        const coordinate = error.nodes?.map((node) => usage.coordinateOf.get(node)).find(Boolean);
        return { message: error.message, ...(coordinate ? { coordinate } : {}), subgraphs: ownersOf(coordinate, ...ownership) };
      }),
    });
  }
  return { subgraphs: names, composition: { ok: true, problems: [] }, stale, changes, operations };
}

const list = (items: readonly string[]) => items.join(', ');
const refs = (items: readonly OperationRef[]) => list(items.map((r) => `${r.operation} (${r.file})`));

/**
 * The verdict: composition errors fail; so does a known operation that does not validate, and a breaking
 * change to something a known operation uses. A breaking change nothing known uses is reported and passes,
 * unless `strict`. With `subgraph`, only what that subgraph owns is judged (composition errors always are:
 * nothing can be checked past them).
 */
export function judgeSchemaChange(findings: SchemaFindings, options: SchemaCheckOptions = {}): SchemaCheckReport {
  const strict = options.strict ?? false;
  const scope = options.subgraph ?? null;
  if (scope !== null && !findings.subgraphs.includes(scope)) {
    throw new Error(`未知子图 ${scope}（可选：${list(findings.subgraphs)}）/ Unknown subgraph ${scope} (one of: ${list(findings.subgraphs)})`);
  }
  const inScope = (subgraphs: readonly string[]) => scope === null || subgraphs.length === 0 || subgraphs.includes(scope);
  const changes = findings.changes.filter((c) => inScope(c.subgraphs));
  const broken = findings.operations.broken.filter((o) => o.errors.some((e) => inScope(e.subgraphs)));

  const failures: SchemaCheckFailure[] = [];
  for (const problem of findings.composition.problems) {
    failures.push({
      kind: 'COMPOSITION_FAILED',
      subgraphs: problem.subgraphs,
      message: {
        zh: `组合失败（${problem.code}，子图 ${list(problem.subgraphs) || '未知'}）：${problem.message}`,
        en: `Composition fails (${problem.code}, subgraphs ${list(problem.subgraphs) || 'unknown'}): ${problem.message}`,
      },
    });
  }
  // an operation invalid already against the baseline fails too: it is not this change's doing, but a known
  // client's operation that does not validate (a new file in clients/operations/ with a typo) must not pass
  for (const operation of broken) {
    for (const error of operation.errors) {
      const what = error.coordinate ?? '?';
      const where = `${operation.operation}（${operation.file}）`;
      failures.push({
        kind: 'OPERATION_BROKEN',
        subgraphs: error.subgraphs,
        operation: operation.operation,
        file: operation.file,
        ...(error.coordinate ? { coordinate: error.coordinate } : {}),
        message: operation.alreadyInvalid
          ? {
              zh: `客户端操作 ${where}无效（在基线上就已无效，非本次变更所致），涉及 ${what}：${error.message}`,
              en: `Client operation ${operation.operation} (${operation.file}) does not validate (nor did it against the baseline: not this change), at ${what}: ${error.message}`,
            }
          : {
              zh: `客户端操作 ${where}在新模式下不再有效，涉及 ${what}：${error.message}`,
              en: `Client operation ${operation.operation} (${operation.file}) no longer validates, at ${what}: ${error.message}`,
            },
      });
    }
  }
  const breaking = changes.filter((c) => c.criticality === 'breaking');
  // an operation that no longer validates is reported above; this catches those that still validate but will
  // not get what they expect (a field's type changed, an enum lost a value they may receive)
  const reported = new Set(findings.operations.broken.map((o) => `${o.file}#${o.operation}`));
  for (const change of breaking) {
    const stillValid = change.usedBy.filter((r) => !reported.has(`${r.file}#${r.operation}`));
    if (!stillValid.length) continue;
    failures.push({
      kind: 'USED_FIELD_CHANGED',
      subgraphs: change.subgraphs,
      ...(change.path ? { coordinate: change.path } : {}),
      message: {
        zh: `破坏性变更影响已知操作 ${refs(stillValid)}（操作仍能通过校验，但结果会变）：${change.message}`,
        en: `A breaking change affects known operations ${refs(stillValid)} (they still validate, but their results change): ${change.message}`,
      },
    });
  }
  const unused = breaking.filter((c) => !c.usedBy.length);
  if (strict) {
    for (const change of unused) {
      failures.push({
        kind: 'BREAKING_CHANGE',
        subgraphs: change.subgraphs,
        ...(change.path ? { coordinate: change.path } : {}),
        message: {
          zh: `破坏性变更（--strict：没有已知操作使用也算失败）：${change.message}`,
          en: `Breaking change (--strict: fails although no known operation uses it): ${change.message}`,
        },
      });
    }
  }
  return {
    ...findings,
    changes,
    operations: { ...findings.operations, broken },
    strict,
    subgraph: scope,
    outOfScope: { changes: findings.changes.length - changes.length, brokenOperations: findings.operations.broken.length - broken.length },
    unusedBreaking: unused.length,
    failures,
    passed: failures.length === 0,
  };
}

export async function checkSchema(input: SchemaCheckInput, options: SchemaCheckOptions = {}): Promise<SchemaCheckReport> {
  return judgeSchemaChange(await analyseSchemaChange(input), options);
}
