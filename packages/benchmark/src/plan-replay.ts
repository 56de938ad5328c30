import http from 'node:http';
import { buildASTSchema, isAbstractType, parse, type GraphQLSchema } from 'graphql';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan, type QueryPlanSelectionNode } from '@apollo/query-planner';

/**
 * The floor the gateway is measured against: the subgraph fetches of the query plan, sent straight to the
 * subgraphs in plan order (Sequence one after another, Parallel at once, Flatten on the entities at its path),
 * with nothing else — no parsing, validation, planning, limits or response shaping per request. The plan comes
 * from the same query planner the gateway uses, on the same committed supergraph; representations are built
 * from the earlier fetches' answers, one per entity, as @apollo/gateway builds them (executeQueryPlan.js).
 */

type Json = any;

export interface SubgraphFetch {
  serviceName: string;
  body: string;
  /** The subgraph's `x-sql-statements` (outside production, or with SQL_STATEMENTS_HEADER=on). */
  sqlStatements: number;
}

export type SendFetch = (serviceName: string, body: string) => Promise<{ data: Json; sqlStatements: number }>;

/** Plans `document` against the supergraph, as the gateway does before it executes. */
export function planOperation(supergraphSdl: string, document: string, operationName?: string): QueryPlan {
  const supergraph = Supergraph.build(supergraphSdl);
  const planner = new QueryPlanner(supergraph);
  const operation = operationFromDocument(supergraph.apiSchema(), parse(document), { operationName });
  return planner.buildQueryPlan(operation);
}

/** The supergraph as a graphql-js schema, to tell which object types an inline fragment's type condition covers. */
export function supergraphTypes(supergraphSdl: string): GraphQLSchema {
  return buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
}

function coversType(schema: GraphQLSchema, typeCondition: string, typename: unknown): boolean {
  if (typename === typeCondition) return true;
  const condition = schema.getType(typeCondition);
  const actual = typeof typename === 'string' ? schema.getType(typename) : undefined;
  return !!condition && !!actual && isAbstractType(condition) && schema.isSubType(condition, actual as never);
}

/** The `requires` selection picked out of an entity: its representation (null when a key field is missing). */
function pick(schema: GraphQLSchema, source: Json, selections: readonly QueryPlanSelectionNode[]): Json {
  if (source === null || source === undefined) return null;
  const result: Json = {};
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const name = selection.alias ?? selection.name;
      const value = source[name];
      if (value === undefined) return null;
      if (selection.selections && value !== null) {
        result[name] = Array.isArray(value) ? value.map((v) => pick(schema, v, selection.selections!)) : pick(schema, value, selection.selections);
      } else {
        result[name] = value;
      }
    } else if (selection.typeCondition && coversType(schema, selection.typeCondition, source.__typename)) {
      Object.assign(result, pick(schema, source, selection.selections));
    }
  }
  return result;
}

function deepMerge(target: Json, source: Json): void {
  if (!source || typeof source !== 'object') return;
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (Array.isArray(value) && Array.isArray(existing)) value.forEach((v, i) => (existing[i] && typeof v === 'object' ? deepMerge(existing[i], v) : (existing[i] = v)));
    else if (value && typeof value === 'object' && existing && typeof existing === 'object' && !Array.isArray(value)) deepMerge(existing, value);
    else target[key] = value;
  }
}

/** The values at `path` below each of `data` (`@` steps into every element of a list), nulls left out. */
function entitiesAt(data: Json[], path: readonly (string | number)[]): Json[] {
  let current = data;
  for (const step of path) {
    const next: Json[] = [];
    for (const value of current) {
      if (value === null || value === undefined) continue;
      if (step === '@') next.push(...(value as Json[]));
      else next.push(value[step]);
    }
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== null && v !== undefined);
}

/**
 * Runs the plan's fetches through `send`; returns the fetches made (in the order they were sent) and the merged
 * data (the gateway's answer before it is shaped to the query: every field it returns is there).
 */
export async function replayPlan(plan: QueryPlan, variables: Record<string, unknown>, send: SendFetch, schema: GraphQLSchema) {
  const root: Json = {};
  const fetches: SubgraphFetch[] = [];

  const fetch = async (node: FetchNode, entities: Json[]) => {
    if (entities.length === 0) return;
    const fetchVariables: Record<string, unknown> = {};
    for (const name of node.variableUsages ?? []) if (variables[name] !== undefined) fetchVariables[name] = variables[name];
    let targets = entities;
    if (node.requires) {
      const representations: Json[] = [];
      targets = [];
      for (const entity of entities) {
        const representation = pick(schema, entity, node.requires);
        if (representation?.__typename) {
          representations.push(representation);
          targets.push(entity);
        }
      }
      if (representations.length === 0) return;
      fetchVariables.representations = representations;
    }
    const body = JSON.stringify({ query: node.operation, operationName: node.operationName, variables: fetchVariables });
    const answer = await send(node.serviceName, body);
    fetches.push({ serviceName: node.serviceName, body, sqlStatements: answer.sqlStatements });
    if (!answer.data) return;
    if (node.requires) {
      const received: Json[] = answer.data._entities ?? [];
      targets.forEach((entity, i) => deepMerge(entity, received[i]));
    } else {
      for (const entity of targets) deepMerge(entity, answer.data);
    }
  };

  const run = async (node: PlanNode, entities: Json[]): Promise<void> => {
    switch (node.kind) {
      case 'Fetch':
        return fetch(node, entities);
      case 'Sequence':
        for (const child of node.nodes) await run(child, entities);
        return;
      case 'Parallel':
        await Promise.all(node.nodes.map((child) => run(child, entities)));
        return;
      case 'Flatten':
        return run(node.node, entitiesAt(entities, node.path));
      case 'Condition': {
        const branch = variables[node.condition] ? node.ifClause : node.elseClause;
        if (branch) await run(branch, entities);
        return;
      }
      default:
        throw new Error(`query plan node ${node.kind} is not replayed (no @defer in the benchmark's operations)`);
    }
  };

  if (plan.node) await run(plan.node as PlanNode, [root]);
  return { data: root, fetches };
}

/** POSTs a fetch to a subgraph over a keep-alive connection, as the gateway's data sources do. */
export function subgraphSender(urls: Record<string, string>, headers: Record<string, string>): SendFetch {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  return (serviceName, body) =>
    new Promise((resolve, reject) => {
      const url = urls[serviceName];
      if (!url) return reject(new Error(`no URL for subgraph ${serviceName}`));
      const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            if (parsed.errors?.length) return reject(new Error(`${serviceName}: ${parsed.errors[0].message}`));
            resolve({ data: parsed.data, sqlStatements: Number(response.headers['x-sql-statements'] ?? NaN) });
          } catch (error) {
            reject(error);
          }
        });
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(body);
    });
}
