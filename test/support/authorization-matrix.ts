import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { Role, cityOf, findRegion, provinceOf } from '@sme/kernel';
import { graphqlClient, schemaChecksums, tokenFor, type GraphQLResult } from '@sme/testing';
import { eventsSettled } from './event-quiescence';

/**
 * The authorization matrix (SPEC §2 Roles and jurisdiction): every mutation of every subgraph, tried by every
 * role once inside its scope and once outside it. A cell is a caller; a case is one mutation with the record
 * it acts on. Denied cells must be refused with FORBIDDEN (UNAUTHENTICATED for an anonymous caller), through
 * the gateway and directly at the owning subgraph, and change no table. Allowed cells must succeed: each runs
 * on a record of its own, prepared fresh, so "allowed" means the write really happened.
 */

/** A caller of the matrix: a role, inside or outside the scope of the record acted on. */
export type Cell =
  | 'ANONYMOUS'
  | 'APPLICANT:in' | 'APPLICANT:out'
  | 'COUNTY_REVIEWER:in' | 'COUNTY_REVIEWER:out'
  | 'CITY_REVIEWER:in' | 'CITY_REVIEWER:out'
  | 'PROVINCE_REVIEWER:in' | 'PROVINCE_REVIEWER:out'
  | 'EXPERT:in' | 'EXPERT:out'
  | 'ANALYST'
  | 'ADMIN';

export const CELLS: readonly Cell[] = [
  'ANONYMOUS',
  'APPLICANT:in', 'APPLICANT:out',
  'COUNTY_REVIEWER:in', 'COUNTY_REVIEWER:out',
  'CITY_REVIEWER:in', 'CITY_REVIEWER:out',
  'PROVINCE_REVIEWER:in', 'PROVINCE_REVIEWER:out',
  'EXPERT:in', 'EXPERT:out',
  'ANALYST',
  'ADMIN',
];

/** The record a mutation acts on, and the variables that act on it. */
export interface Target {
  /** The record's own region (the institution's registered region, or the unit the record belongs to). */
  regionCode: string;
  /** The institution the record belongs to (an applicant inside scope acts for it). */
  institutionId: string;
  /** The expert panel the record is assigned to, where experts act. */
  panel?: string;
  /**
   * Where a reviewer "inside" scope sits when it is not derived from `regionCode` (e.g. a record reviewed by the
   * unit acting as a city). Derived from `regionCode` when absent.
   */
  scopes?: Partial<Record<'COUNTY_REVIEWER' | 'CITY_REVIEWER' | 'PROVINCE_REVIEWER', string>>;
  variables: Record<string, unknown>;
}

export interface MutationCase {
  /** The root field, as in supergraph.graphql. */
  mutation: string;
  /**
   * Which of several cases of one mutation this is, where the allowed cells differ by the record's state (e.g.
   * `COUNTY step` of a review): shown beside the mutation in test names. Absent when a mutation has one case.
   */
  label?: string;
  /**
   * Set when the programme's own rules refuse the act today whoever does it (a document no longer in force): the
   * allowed cells must get past the permission check and reach exactly this refusal (its code and these
   * extensions), never FORBIDDEN, and change nothing.
   */
  allowedReach?: { code: string; extensions: Record<string, unknown> };
  /** The subgraph that owns it (its name in the supergraph and its PostgreSQL schema). */
  subgraph: string;
  /** The whole operation; it selects at least one field of the result. */
  document: string;
  /** The cells that may perform it; every other cell is denied. */
  allowed: readonly Cell[];
  /** Makes a fresh record in the state the mutation acts on. Called once for the denied cells and once per allowed cell. */
  prepare(): Promise<Target>;
}

/** An institution no test record belongs to: the applicant "outside" scope acts for it. */
export const OTHER_INSTITUTION_ID = '00000000-0000-4000-8000-000000000999';
export const OTHER_PANEL = 'panel-outside-the-matrix';

/** A region of the same level as `code`, in another province, so no reviewer of one can cover the other. */
export function regionOutside(code: string): string {
  const region = findRegion(code);
  if (!region) throw new Error(`unknown region ${code}`);
  const elsewhere = provinceOf(code) === '130000' ? '140000' : '130000';
  if (region.level === 'PROVINCE') return elsewhere;
  if (region.level === 'CITY') return elsewhere === '130000' ? '130100' : '140100';
  return elsewhere === '130000' ? '130102' : '140105';
}

/** The reviewer's region inside scope: the record's county, its city (or city-acting unit), its province. */
function scopeInside(role: 'COUNTY_REVIEWER' | 'CITY_REVIEWER' | 'PROVINCE_REVIEWER', target: Target): string {
  const given = target.scopes?.[role];
  if (given) return given;
  if (role === 'PROVINCE_REVIEWER') return provinceOf(target.regionCode)!;
  if (role === 'CITY_REVIEWER') return cityOf(target.regionCode)?.code ?? target.regionCode;
  return target.regionCode;
}

/** The bearer token of a cell for a target (null: anonymous). */
export async function tokenOf(cell: Cell, target: Target): Promise<string | null> {
  if (cell === 'ANONYMOUS') return null;
  if (cell === 'ANALYST') return tokenFor(Role.ANALYST, { id: 'matrix-analyst' });
  if (cell === 'ADMIN') return tokenFor(Role.ADMIN, { id: 'matrix-admin' });
  const [role, side] = cell.split(':') as [Role, 'in' | 'out'];
  const inside = side === 'in';
  if (role === Role.APPLICANT) return tokenFor(role, { institutionId: inside ? target.institutionId : OTHER_INSTITUTION_ID });
  if (role === Role.EXPERT) return tokenFor(role, { panel: inside ? (target.panel ?? 'panel-of-the-record') : OTHER_PANEL, id: `matrix-expert-${side}` });
  const region = scopeInside(role as 'COUNTY_REVIEWER' | 'CITY_REVIEWER' | 'PROVINCE_REVIEWER', target);
  return tokenFor(role, { region: inside ? region : regionOutside(region) });
}

export interface CellOutcome {
  mutation: string;
  cell: Cell;
  via: 'gateway' | 'subgraph';
  expected: 'allow' | 'deny';
  /** `ok`, or the error code the caller got. */
  got: string;
  pass: boolean;
}

export interface MatrixEndpoints {
  databaseUrl: string;
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
}

const outcomeOf = (result: GraphQLResult): string => {
  if (result.errors?.length) return String(result.errors[0].extensions?.code ?? `HTTP ${result.status}`);
  return result.data && Object.values(result.data).every((v) => v !== null) ? 'ok' : 'null data';
};

/**
 * Runs one case over every cell. Denied cells share one prepared record and must leave the subgraph's schema
 * exactly as it was; each allowed cell gets a record of its own and must succeed through the gateway.
 */
export async function runCase(endpoints: MatrixEndpoints, testCase: MutationCase): Promise<CellOutcome[]> {
  const gateway = graphqlClient(endpoints.gatewayUrl);
  const subgraphUrl = endpoints.subgraphUrls[testCase.subgraph];
  if (!subgraphUrl) throw new Error(`${testCase.mutation}: unknown subgraph ${testCase.subgraph}`);
  const direct = graphqlClient(subgraphUrl);
  const outcomes: CellOutcome[] = [];

  const target = await testCase.prepare();
  // a relay or consumer finishing earlier work must not be taken for a write of a denied cell
  await eventsSettled(endpoints.databaseUrl);
  const before = await schemaChecksums(endpoints.databaseUrl, testCase.subgraph);
  for (const cell of CELLS.filter((c) => !testCase.allowed.includes(c))) {
    const token = await tokenOf(cell, target);
    const expectedCode = cell === 'ANONYMOUS' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    for (const [via, query] of [['gateway', gateway], ['subgraph', direct]] as const) {
      const got = outcomeOf(await query(testCase.document, target.variables, token));
      outcomes.push({ mutation: testCase.mutation, cell, via, expected: 'deny', got, pass: got === expectedCode });
    }
  }
  const after = await schemaChecksums(endpoints.databaseUrl, testCase.subgraph);
  const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
  if (changed.length) {
    outcomes.push({ mutation: testCase.mutation, cell: 'ANONYMOUS', via: 'gateway', expected: 'deny', got: `denied cells changed ${changed.join(', ')}`, pass: false });
  }

  for (const cell of testCase.allowed) {
    const own = await testCase.prepare();
    const reach = testCase.allowedReach;
    if (!reach) {
      const got = outcomeOf(await gateway(testCase.document, own.variables, await tokenOf(cell, own)));
      outcomes.push({ mutation: testCase.mutation, cell, via: 'gateway', expected: 'allow', got, pass: got === 'ok' });
      continue;
    }
    await eventsSettled(endpoints.databaseUrl);
    const unchangedFrom = await schemaChecksums(endpoints.databaseUrl, testCase.subgraph);
    const result = await gateway(testCase.document, own.variables, await tokenOf(cell, own));
    const unchanged = JSON.stringify(await schemaChecksums(endpoints.databaseUrl, testCase.subgraph)) === JSON.stringify(unchangedFrom);
    const extensions = (result.errors?.[0]?.extensions ?? {}) as Record<string, unknown>;
    const reached = extensions.code === reach.code && Object.entries(reach.extensions).every(([k, v]) => JSON.stringify(extensions[k]) === JSON.stringify(v));
    const got = result.errors?.length ? `${String(extensions.code)} ${JSON.stringify(extensions)}` : 'ok';
    outcomes.push({ mutation: testCase.mutation, cell, via: 'gateway', expected: 'allow', got: unchanged ? got : `${got}, and the refusal changed data`, pass: reached && unchanged });
  }
  return outcomes;
}

/** The failing cells as lines a reader can act on (empty when the matrix holds). */
export function failures(outcomes: readonly CellOutcome[]): string[] {
  return outcomes.filter((o) => !o.pass).map((o) => `${o.mutation} × ${o.cell} via ${o.via}: expected ${o.expected}, got ${o.got}`);
}

/**
 * The cases of one area (a subgraph, or one engine for one province), with what they opened to prepare records
 * (ORMs on the subgraph's schema) closed by `close`. Each area's file under `test/authorization/` exports a
 * factory; the matrix tests, the bad-input test and the coverage check all take the cases from there.
 */
export interface CaseSet {
  cases: MutationCase[];
  close(): Promise<void>;
}
export type CaseSetFactory = (endpoints: MatrixEndpoints) => Promise<CaseSet>;

/**
 * The Mutation fields the committed supergraph resolves in `graph` (its join__graph name, e.g. HEBEI): what an
 * area's cases must cover, so a new mutation without a case fails its coverage test.
 */
export function mutationsOf(graph: string): string[] {
  const supergraph = parse(fs.readFileSync(path.resolve(__dirname, '../../supergraph.graphql'), 'utf8'));
  const mutation = supergraph.definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation');
  if (!mutation) throw new Error('supergraph.graphql has no Mutation type');
  const ownedBy = (directive: { name: { value: string }; arguments?: readonly { name: { value: string }; value: { kind: string; value?: unknown } }[] }) =>
    directive.name.value === 'join__field' && (directive.arguments ?? []).some((a) => a.name.value === 'graph' && a.value.kind === Kind.ENUM && a.value.value === graph);
  return (mutation.fields ?? []).filter((field) => (field.directives ?? []).some(ownedBy)).map((field) => field.name.value).sort();
}
