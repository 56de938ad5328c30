import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { Role } from '@sme/kernel';
import { freePort } from '@sme/devtools';
import { tokenFor } from '@sme/testing';
import { benchOperations, requestBody, type BenchOperation } from '../packages/benchmark/src/bench-operations';
import { hiveGatewayCommand, hiveGatewayFiles } from '../packages/benchmark/src/hive-gateway';
import { planOperation, replayPlan, subgraphSender, supergraphTypes } from '../packages/benchmark/src/plan-replay';
import { startSupergraph } from './support/supergraph';
import { demoDatabase } from './support/demo-data';

/**
 * The benchmark compares our gateway with two other ways to read the same data; these tests prove they do read
 * the same data, on the demo data set:
 * - the replayed query plan (plan-replay.ts) sends the fetches the gateway sends: its merged answer holds every
 *   value of the gateway's answer, and the subgraphs report the same SQL statements for it;
 * - Hive Gateway, set up as the benchmark sets it up (hive-gateway.ts), answers exactly what ours answers.
 */
let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
let hive: ChildProcess | undefined;
let hiveUrl: string;
let hiveFiles: ReturnType<typeof hiveGatewayFiles>;
let analyst: string;
let institutionIds: string[];
const supergraphSdl = fs.readFileSync(path.join(__dirname, '..', 'supergraph.graphql'), 'utf8');

const operations = () => benchOperations({ requiredMaterials: [] });
const read = (name: BenchOperation['name']) => operations().find((o) => o.name === name)!;
const fixedInputs = (traceId: string) => ({
  samples: { traceInstitutionIds: [traceId], pageRegionCodes: ['140105'], flowInstitutionIds: [], requiredMaterials: [], dashboardYear: 2023, asOf: '2026-11-23' },
  random: () => 0,
  nextFlowIndex: () => 0,
});

async function post(url: string, body: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${analyst}` }, body });
  return { body: (await response.json()) as { data?: any; errors?: unknown[] }, statements: Number(response.headers.get('x-sql-statements')) };
}

beforeAll(async () => {
  supergraph = await startSupergraph({ database: demoDatabase });
  analyst = await tokenFor(Role.ANALYST);
  const db = new Client({ connectionString: supergraph.databaseUrl });
  await db.connect();
  // every institution of the demo, those with a full Taiyuan trace among them
  institutionIds = (await db.query('select id from registry.institutions order by credit_code')).rows.map((r) => r.id);
  await db.end();
  hiveFiles = hiveGatewayFiles(supergraphSdl, supergraph.subgraphUrls);
  const port = await freePort();
  const command = hiveGatewayCommand(hiveFiles, port);
  hive = spawn(process.execPath, [command.script, ...command.args], { stdio: ['ignore', 'ignore', 'pipe'] });
  hiveUrl = `http://127.0.0.1:${port}/graphql`;
  for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 100))) {
    if (hive.exitCode !== null) throw new Error(`Hive Gateway exited (${hive.exitCode})`);
    if (Date.now() > deadline) throw new Error('Hive Gateway did not start');
    if (await fetch(`http://127.0.0.1:${port}/readiness`).then((r) => r.ok, () => false)) break;
  }
}, 180_000);

afterAll(async () => {
  hive?.kill('SIGKILL');
  hiveFiles?.remove();
  await supergraph?.stop();
});

describe('the replayed query plan', () => {
  const schema = supergraphTypes(supergraphSdl);
  const replay = async (operation: BenchOperation, variables: Record<string, unknown>) => {
    const [step] = operation.steps;
    const plan = planOperation(supergraphSdl, step.document, step.operationName);
    return replayPlan(plan, variables, subgraphSender(supergraph.subgraphUrls, { authorization: `Bearer ${analyst}` }), schema);
  };

  it('fetches, for the trace of every demo institution, every value the gateway answers, with the same SQL statements', async () => {
    const trace = read('trace');
    expect(institutionIds.length).toBeGreaterThan(5);
    let fetches = 0;
    for (const id of institutionIds) {
      const variables = trace.steps[0].variables(fixedInputs(id), {});
      const ours = await post(supergraph.gatewayUrl, requestBody(trace.steps[0], variables));
      expect(ours.body.errors).toBeUndefined();
      const replayed = await replay(trace, variables);
      expect(replayed.data).toMatchObject(ours.body.data);
      expect(replayed.fetches.reduce((sum, f) => sum + f.sqlStatements, 0)).toBe(ours.statements);
      fetches += replayed.fetches.length;
    }
    // the registry, then the five programme subgraphs for the institution, then shanxi for Taiyuan's recommendations
    expect(fetches).toBeGreaterThan(institutionIds.length * 5);
  });

  it('fetches the dashboard statistics the gateway answers, from every programme subgraph', async () => {
    const dashboard = read('dashboard');
    const variables = dashboard.steps[0].variables(fixedInputs(institutionIds[0]), {});
    const ours = await post(supergraph.gatewayUrl, requestBody(dashboard.steps[0], variables));
    expect(ours.body.errors).toBeUndefined();
    const replayed = await replay(dashboard, variables);
    expect(replayed.data).toMatchObject(ours.body.data);
    expect(new Set(replayed.fetches.map((f) => f.serviceName))).toEqual(new Set(['shanxi', 'hebei', 'shandong', 'ningxia', 'taiyuan']));
    expect(replayed.fetches.reduce((sum, f) => sum + f.sqlStatements, 0)).toBe(ours.statements);
  });
});

describe('Hive Gateway on the same supergraph and subgraphs', () => {
  it.each(['trace', 'dashboard'] as const)('answers the %s exactly as our gateway does, the caller’s token passed on', async (name) => {
    const operation = read(name);
    for (const id of name === 'trace' ? institutionIds : [institutionIds[0]]) {
      const body = requestBody(operation.steps[0], operation.steps[0].variables(fixedInputs(id), {}));
      const [ours, theirs] = [await post(supergraph.gatewayUrl, body), await post(hiveUrl, body)];
      expect(ours.body.errors).toBeUndefined();
      expect(theirs.body).toEqual(ours.body);
    }
  });
});
