import autocannon from 'autocannon';
import { Pool } from 'pg';
import { benchOperations, requestBody, type BenchInputs, type BenchOperation, type BenchSamples, type BenchTokens, type FlowState } from './bench-operations';
import { planOperation, replayPlan, subgraphSender, supergraphTypes } from './plan-replay';
import { percentile } from './latency-stats';
import { prng } from './scale-prng';

/**
 * The load generator: a process of its own, pinned to its own core by the parent, that takes one job at a time
 * over IPC and answers with what it measured. Three ways to read the same data:
 * - `http`: autocannon against a gateway (ours or Hive Gateway), closed loop, N connections;
 * - `replay`: the query plan's subgraph fetches sent straight to the subgraphs (plan-replay.ts), N at a time;
 * - `sql`: the hand-written SQL (hand-written-sql.ts) on a pool of N connections.
 * Latencies are every request's own (autocannon's histogram keeps whole milliseconds; ours keeps fractions).
 */

export type JobTarget =
  | { kind: 'http'; url: string }
  | { kind: 'replay'; subgraphUrls: Record<string, string>; supergraphSdl: string }
  | { kind: 'sql'; databaseUrl: string };

export interface LoadJob {
  target: JobTarget;
  operation: BenchOperation['name'];
  connections: number;
  warmupSeconds: number;
  seconds: number;
  samples: BenchSamples;
  tokens: BenchTokens;
  seed: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  /** Requests per second. */
  throughput: number;
  p50: number;
  p99: number;
  /** Answers that were not a clean 200 with data and no errors. */
  errors: number;
  firstError?: string;
}

interface Measured {
  latencies: number[];
  errors: number;
  firstError?: string;
  seconds: number;
}

function summarize({ latencies, errors, firstError, seconds }: Measured): LoadResult {
  const sorted = latencies.sort((a, b) => a - b);
  return { requests: sorted.length, seconds, throughput: sorted.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), errors, firstError };
}

let flowCursor = 0;
function inputsFor(job: LoadJob): BenchInputs {
  return {
    samples: job.samples,
    random: ((stream) => () => stream.next())(prng(String(job.seed), 'bench.requests')),
    nextFlowIndex: () => {
      if (flowCursor >= job.samples.flowInstitutionIds.length) throw new Error('the mutation flow ran out of Shanxi institutions without an application: seed again');
      return flowCursor++;
    },
  };
}

const operationNamed = (job: LoadJob) => {
  const operation = benchOperations(job.samples).find((o) => o.name === job.operation);
  if (!operation) throw new Error(`no benchmark operation ${job.operation}`);
  return operation;
};

async function runHttp(job: LoadJob, url: string, seconds: number): Promise<Measured> {
  const operation = operationNamed(job);
  const inputs = inputsFor(job);
  const measured: Measured = { latencies: [], errors: 0, seconds };
  const fail = (message: string) => {
    measured.errors++;
    measured.firstError ??= message;
  };
  const started = process.hrtime.bigint();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: job.connections,
        duration: seconds,
        initialContext: {},
        requests: operation.steps.map((step) => ({
          method: 'POST' as const,
          path: new URL(url).pathname,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${job.tokens[step.token]}` },
          setupRequest: (request: any, context: any) => ({ ...request, body: requestBody(step, step.variables(inputs, context as FlowState)) }),
          onResponse: (status: number, body: string, context: any) => {
            if (status !== 200 || body.includes('"errors"')) return fail(`${status} ${body.slice(0, 300)}`);
            if (step.remember) step.remember(JSON.parse(body).data, context as FlowState);
          },
        })),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => measured.latencies.push(responseTime));
  });
  measured.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const refused = result.non2xx + result.errors + result.timeouts;
  if (refused && !measured.firstError) measured.firstError = `${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`;
  return measured;
}

/** N workers, each sending its next request as soon as its last one is answered, for `seconds`. */
async function closedLoop(connections: number, seconds: number, once: () => Promise<void>): Promise<Measured> {
  const measured: Measured = { latencies: [], errors: 0, seconds };
  const started = process.hrtime.bigint();
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const t0 = process.hrtime.bigint();
        try {
          await once();
          measured.latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        } catch (error) {
          measured.errors++;
          measured.firstError ??= String(error instanceof Error ? error.message : error);
        }
      }
    }),
  );
  measured.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return measured;
}

const replays = new Map<string, { run: () => Promise<void> }>();
function replayFor(job: LoadJob, target: Extract<JobTarget, { kind: 'replay' }>) {
  const key = `${job.operation}:${JSON.stringify(target.subgraphUrls)}:${job.tokens.analyst}`;
  let replay = replays.get(key);
  if (!replay) {
    const operation = operationNamed(job);
    const [step] = operation.steps;
    const plan = planOperation(target.supergraphSdl, step.document, step.operationName);
    const schema = supergraphTypes(target.supergraphSdl);
    const send = subgraphSender(target.subgraphUrls, { authorization: `Bearer ${job.tokens[step.token]}` });
    const inputs = inputsFor(job);
    replay = { run: async () => void (await replayPlan(plan, step.variables(inputs, {}), send, schema)) };
    replays.set(key, replay);
  }
  return replay;
}

const pools = new Map<string, Pool>();
function sqlFor(job: LoadJob, target: Extract<JobTarget, { kind: 'sql' }>) {
  const { TRACE_SQL, DASHBOARD_SQL } = require('./hand-written-sql') as { TRACE_SQL: string; DASHBOARD_SQL: string };
  let pool = pools.get(target.databaseUrl);
  if (!pool) {
    pool = new Pool({ connectionString: target.databaseUrl, max: job.connections, application_name: 'sme-bench-sql' });
    pools.set(target.databaseUrl, pool);
  }
  const inputs = inputsFor(job);
  const operation = operationNamed(job);
  const [step] = operation.steps;
  const query = job.operation === 'trace' ? TRACE_SQL : DASHBOARD_SQL;
  return async () => {
    const variables = step.variables(inputs, {});
    const params = job.operation === 'trace' ? [variables.id] : [variables.year, variables.asOf];
    // prepared once per connection, as a hand-tuned service would: the floor is the reading, not the planning
    const { rows } = await pool!.query({ name: `bench-${job.operation}`, text: query, values: params });
    if (rows.length !== 1) throw new Error(`hand-written SQL answered ${rows.length} rows`);
  };
}

async function measure(job: LoadJob, seconds: number): Promise<Measured> {
  const { target } = job;
  if (target.kind === 'http') return runHttp(job, target.url, seconds);
  if (target.kind === 'replay') {
    const replay = replayFor(job, target);
    return closedLoop(job.connections, seconds, replay.run);
  }
  return closedLoop(job.connections, seconds, sqlFor(job, target));
}

export async function runJob(job: LoadJob): Promise<LoadResult> {
  if (job.warmupSeconds > 0) await measure(job, job.warmupSeconds);
  return summarize(await measure(job, job.seconds));
}

if (require.main === module) {
  process.on('message', (job: LoadJob) => {
    runJob(job).then(
      (result) => process.send?.({ ok: true, result }),
      (error) => process.send?.({ ok: false, error: String(error instanceof Error ? error.stack : error) }),
    );
  });
  process.send?.({ ready: true });
}
