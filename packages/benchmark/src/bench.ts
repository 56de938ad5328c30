import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { Client } from 'pg';
import { ROOT, absolute, rewriteGeneratedSection, startProjectPostgres, waitForExit, type LocalDatabase } from '@sme/devtools';
import { MATERIALS } from '@sme/resource-library';
import { benchOperations, requestBody, type BenchOperation, type BenchSamples, type BenchTokens } from './bench-operations';
import { startBenchCluster, type BenchCluster } from './bench-cluster';
import { childPids, coreLayout, pinToCores, postmasterPid, type CoreLayout } from './core-pinning';
import type { JobTarget, LoadJob, LoadResult } from './load-generator';
import { measureCpu, type MeasuredProcess } from './process-cpu';
import { BENCH_FIGURES, reportMarkdown, summarize, summaryLine, type BenchReport, type Phase, type RunFigure, type StatementCount, type Target } from './bench-report';

/**
 * `npm run bench`: the scale data set (seeded if the database does not hold it yet), every subgraph, our
 * gateway and Hive Gateway as processes on the servers' cores, and a load generator on its own core. Each
 * operation is driven against our gateway, Hive Gateway, the replayed query plan and (trace, dashboard) the
 * hand-written SQL: warm-up, then the measured run, in a loaded phase (N connections) and a latency phase (one
 * connection), repeated; the repetitions are interleaved so a slow minute of the machine hits every target.
 * The figures go to BENCHMARKS.md (between its markers) and the summary line is printed last.
 */
const { values: args } = parseArgs({
  options: {
    institutions: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    repetitions: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    operations: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});
const settings = {
  institutions: Number(args.institutions),
  seed: Number(args.seed),
  seconds: Number(args.seconds),
  warmupSeconds: Number(args.warmup),
  repetitions: Number(args.repetitions),
  connections: Number(args.connections),
};
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** The scale database: DATABASE_URL, or `sme_scale` on the embedded PostgreSQL `npm start` uses (stop that first). */
async function openScaleDatabase(layout: CoreLayout): Promise<{ databaseUrl: string; local?: LocalDatabase; postgres?: MeasuredProcess }> {
  if (process.env.DATABASE_URL) return { databaseUrl: process.env.DATABASE_URL };
  const { local, databaseUrl, dataDir } = await startProjectPostgres(ROOT, 'sme_scale');
  const pid = postmasterPid(dataDir);
  for (const p of [pid, ...childPids(pid)]) pinToCores(p, layout.servers);
  return { databaseUrl, local, postgres: { name: 'postgres', pid, withChildren: true } };
}

async function institutionCount(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`select to_regclass('registry.institutions') is not null as migrated`);
    return rows[0].migrated ? (await client.query('select count(*)::int as n from registry.institutions')).rows[0].n : 0;
  } finally {
    await client.end();
  }
}

/** Seeds with `npm run seed:scale`'s own program (its progress bar included) unless the data set is there. */
async function ensureScaleData(databaseUrl: string): Promise<void> {
  const count = await institutionCount(databaseUrl);
  if (count === settings.institutions) return log(`the database holds the ${settings.institutions.toLocaleString('en-US')} institutions: not seeding again`);
  log(`seeding ${settings.institutions.toLocaleString('en-US')} institutions (the database holds ${count.toLocaleString('en-US')})`);
  const child = spawn(process.execPath, [absolute('packages/benchmark/dist/src/seed-scale.js'), '--institutions', String(settings.institutions), '--seed', String(settings.seed)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: 'inherit',
  });
  if ((await waitForExit(child)) !== 0) throw new Error('seeding the scale data failed');
}

/** The requests' inputs, drawn from the data set (deterministically, by the seed). */
async function drawSamples(databaseUrl: string): Promise<BenchSamples> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const seed = String(settings.seed);
    const trace = await client.query(`select id from registry.institutions order by md5(id::text || $1) limit 2000`, [seed]);
    const regions = await client.query(`select region_code from registry.institutions group by region_code having count(*) >= 100 order by md5(region_code || $1) limit 200`, [seed]);
    // Shanxi institutions the library has not seen an application from, known to the shanxi subgraph
    const flow = await client.query(
      `select k.id from shanxi.known_institutions k
        where k.region_code like '14%' and not exists (select 1 from shanxi.applications a where a.institution_id = k.id)
          and not exists (select 1 from shanxi.known_credit_records c where c.institution_id = k.id)
        order by md5(k.id::text || $1) limit 20000`,
      [seed],
    );
    const year = await client.query(`select max(year) as year from taiyuan.campaigns`);
    return {
      traceInstitutionIds: trace.rows.map((r) => r.id),
      pageRegionCodes: regions.rows.map((r) => r.region_code),
      flowInstitutionIds: flow.rows.map((r) => r.id),
      requiredMaterials: MATERIALS.filter((m) => m.required).map((m) => m.item),
      dashboardYear: year.rows[0].year,
      asOf: new Date().toISOString().slice(0, 10),
    };
  } finally {
    await client.end();
  }
}

async function rowCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select schemaname || '.' || relname as name, n_live_tup::bigint as n from pg_stat_user_tables
        where schemaname in ('registry','shanxi','hebei','taiyuan','shandong','ningxia') and n_live_tup > 0 order by schemaname, relname`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
  } finally {
    await client.end();
  }
}

/** The load generator as its own process on its own core, taking one job at a time. */
async function startLoadGenerator(layout: CoreLayout) {
  const child: ChildProcess = fork(path.join(__dirname, 'load-generator.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the load generator exited (${code})`)));
  });
  if (child.pid) pinToCores(child.pid, layout.loadGenerator);
  return {
    run: (job: LoadJob) =>
      new Promise<LoadResult>((resolve, reject) => {
        child.once('message', (message: { ok: boolean; result?: LoadResult; error?: string }) => (message.ok ? resolve(message.result!) : reject(new Error(message.error))));
        child.send(job);
      }),
    stop: () => child.kill(),
  };
}

async function post(url: string, token: string, body: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  return { json: (await response.json()) as { data?: unknown; errors?: unknown[] }, statements: Number(response.headers.get('x-sql-statements')) };
}

/**
 * One request of each read through both gateways: the answers must be the same data, with no errors, and our
 * gateway's statement counts are recorded (the page at 10 and at 100 institutions: the same count, or an N+1).
 */
async function checkAnswers(cluster: BenchCluster, operations: BenchOperation[], samples: BenchSamples, tokens: BenchTokens) {
  const statements: StatementCount[] = [];
  const sameAnswers: Record<string, boolean> = {};
  const fixed = { samples, random: () => 0, nextFlowIndex: () => 0 };
  for (const operation of operations.filter((o) => o.name !== 'mutation-flow')) {
    const [step] = operation.steps;
    const variables = step.variables(fixed, {});
    const body = requestBody(step, variables);
    const ours = await post(cluster.gatewayUrl, tokens[step.token], body);
    const hive = await post(cluster.hiveUrl, tokens[step.token], body);
    if (ours.json.errors) throw new Error(`${operation.name} through our gateway: ${JSON.stringify(ours.json.errors).slice(0, 500)}`);
    sameAnswers[operation.name] = isDeepStrictEqual(ours.json, hive.json);
    if (operation.name === 'page') {
      const small = await post(cluster.gatewayUrl, tokens[step.token], requestBody(step, { ...variables, first: 10 }));
      statements.push({ operation: 'page', detail: '10 institutions', statements: small.statements });
      statements.push({ operation: 'page', detail: '100 institutions', statements: ours.statements });
    } else if (operation.name === 'trace') {
      const counts = [];
      for (const id of samples.traceInstitutionIds.slice(0, 20)) counts.push((await post(cluster.gatewayUrl, tokens[step.token], requestBody(step, { id }))).statements);
      statements.push({ operation: 'trace', detail: 'the fewest of 20 random institutions', statements: Math.min(...counts) });
      statements.push({ operation: 'trace', detail: 'the most of 20 random institutions', statements: Math.max(...counts) });
    } else {
      statements.push({ operation: operation.name, detail: JSON.stringify(variables), statements: ours.statements });
    }
  }
  const page = statements.filter((s) => s.operation === 'page');
  return { statements, sameAnswers, sqlConstant: page.length === 2 && page[0].statements === page[1].statements };
}

/** One flow through our gateway, counting its statements (the flow's institutions are the samples' last). */
async function flowStatements(cluster: BenchCluster, operation: BenchOperation, samples: BenchSamples, tokens: BenchTokens): Promise<StatementCount> {
  const state: Record<string, unknown> = {};
  const inputs = { samples, random: () => 0, nextFlowIndex: () => samples.flowInstitutionIds.length - 1 };
  let total = 0;
  for (const step of operation.steps) {
    const answer = await post(cluster.gatewayUrl, tokens[step.token], requestBody(step, step.variables(inputs, state)));
    if (answer.json.errors) throw new Error(`mutation flow step ${step.operationName}: ${JSON.stringify(answer.json.errors).slice(0, 500)}`);
    step.remember?.(answer.json.data, state);
    total += answer.statements;
  }
  return { operation: 'mutation-flow', detail: `one flow of ${operation.steps.length} requests`, statements: total };
}

function machine(layout: CoreLayout, postgres: string) {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    os: `${os.type()} ${os.release()}`,
    pinned: layout.pinned,
    serverCores: layout.servers,
    loadGeneratorCore: layout.loadGenerator,
  };
}

async function postgresVersion(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return `PostgreSQL ${(await client.query('show server_version')).rows[0].server_version}`;
  } finally {
    await client.end();
  }
}

async function main() {
  const started = new Date();
  const layout = coreLayout();
  if (!layout.pinned) log('one core or no taskset: the load generator shares the servers’ cores, so the figures are not comparable');
  process.env.NODE_ENV = 'production';
  const { databaseUrl, local, postgres } = await openScaleDatabase(layout);
  let cluster: BenchCluster | undefined;
  let generator: Awaited<ReturnType<typeof startLoadGenerator>> | undefined;
  const shutdown = async () => {
    generator?.stop();
    await cluster?.stop();
    await local?.stop().catch(() => undefined);
  };
  process.once('SIGINT', () => void shutdown().then(() => process.exit(130)));
  try {
    await ensureScaleData(databaseUrl);
    const supergraphSdl = fs.readFileSync(absolute('supergraph.graphql'), 'utf8');
    log('starting the subgraphs, our gateway and Hive Gateway');
    cluster = await startBenchCluster({ databaseUrl, supergraphSdl, layout });
    process.env.JWT_SECRET = cluster.jwtSecret;
    const { Role, signToken } = await import('@sme/kernel');
    const tokens: BenchTokens = {
      analyst: await signToken({ id: 'bench-analyst', role: Role.ANALYST, name: 'bench analyst', region: null, institutionId: null, panel: null }, '24h'),
      admin: await signToken({ id: 'bench-admin', role: Role.ADMIN, name: 'bench admin', region: null, institutionId: null, panel: null }, '24h'),
    };
    const samples = await drawSamples(databaseUrl);
    const only = args.operations?.split(',');
    const operations = benchOperations(samples).filter((o) => !only || only.includes(o.name));
    log(`checking each operation's answer through both gateways, and its SQL statements`);
    const checked = await checkAnswers(cluster, operations, samples, tokens);
    const flow = operations.find((o) => o.name === 'mutation-flow');
    if (flow) {
      checked.statements.push(await flowStatements(cluster, flow, samples, tokens));
      samples.flowInstitutionIds.pop(); // taken by the count above
    }
    generator = await startLoadGenerator(layout);
    const processes: MeasuredProcess[] = [...(postgres ? [postgres] : []), ...cluster.processes];
    const targetsOf = (operation: BenchOperation): { target: Target; job: JobTarget }[] => [
      { target: 'gateway', job: { kind: 'http', url: cluster!.gatewayUrl } },
      { target: 'hive', job: { kind: 'http', url: cluster!.hiveUrl } },
      ...(operation.replay ? [{ target: 'replay' as const, job: { kind: 'replay' as const, subgraphUrls: cluster!.subgraphUrls, supergraphSdl } }] : []),
      ...(operation.handWrittenSql ? [{ target: 'sql' as const, job: { kind: 'sql' as const, databaseUrl } }] : []),
    ];
    const figures: RunFigure[] = [];
    const phases: Phase[] = ['throughput', 'latency'];
    const total = settings.repetitions * operations.reduce((sum, o) => sum + targetsOf(o).length * (o.name === 'mutation-flow' ? 1 : phases.length), 0);
    for (let repetition = 1; repetition <= settings.repetitions; repetition++) {
      for (const operation of operations) {
        for (const phase of phases) {
          if (phase === 'latency' && operation.name === 'mutation-flow') continue;
          for (const { target, job } of targetsOf(operation)) {
            const connections = phase === 'throughput' ? settings.connections : 1;
            const cpu = measureCpu(processes);
            const result = await generator.run({
              target: job,
              operation: operation.name,
              connections,
              warmupSeconds: settings.warmupSeconds,
              seconds: settings.seconds,
              samples,
              tokens,
              seed: settings.seed + repetition,
            });
            figures.push({ operation: operation.name, target, phase, repetition, result, cpu: cpu() });
            log(
              `${String(figures.length).padStart(3)}/${total} ${operation.name} ${target} ${phase}: ${result.throughput.toFixed(0)} req/s, ` +
                `p50 ${Number(result.p50).toFixed(1)} ms, p99 ${Number(result.p99).toFixed(1)} ms${result.errors ? `, ${result.errors} errors (${result.firstError})` : ''}`,
            );
          }
        }
      }
    }
    const report: BenchReport = {
      command: `npm run bench -- --institutions ${settings.institutions}`,
      startedAt: started.toISOString(),
      machine: machine(layout, await postgresVersion(databaseUrl)),
      settings,
      rows: await rowCounts(databaseUrl),
      operations: operations.map((o) => ({ name: o.name, title: o.title, steps: o.steps.length })),
      figures,
      statements: checked.statements,
      sqlConstant: checked.sqlConstant,
      sameAnswers: checked.sameAnswers,
    };
    const markdown = reportMarkdown(report);
    fs.mkdirSync(path.join(ROOT, '.data'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, '.data', 'bench-report.json'), JSON.stringify(report, null, 2));
    if (!args['no-write']) {
      rewriteGeneratedSection(absolute('BENCHMARKS.md'), BENCH_FIGURES, markdown);
      log('figures written to BENCHMARKS.md');
    } else {
      console.log(`\n${markdown}\n`);
    }
    console.log(summaryLine(summarize(report)));
  } finally {
    await shutdown();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
