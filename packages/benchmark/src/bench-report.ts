import type { GeneratedSection } from '@sme/devtools';
import type { BenchOperation } from './bench-operations';
import type { LoadResult } from './load-generator';
import { median, spreadPercent } from './latency-stats';

/** What one measured run gave: an operation, against one target, in one phase of one repetition. */
export interface RunFigure {
  operation: BenchOperation['name'];
  target: Target;
  phase: Phase;
  repetition: number;
  result: LoadResult;
  /** Share of one core each process used during the run. */
  cpu: Record<string, number>;
}

export type Target = 'gateway' | 'hive' | 'replay' | 'sql';
/** `throughput`: N connections, as many requests as the servers take; `latency`: one connection, no queueing. */
export type Phase = 'throughput' | 'latency';

export interface StatementCount {
  operation: string;
  /** What was asked (page size, institution). */
  detail: string;
  statements: number;
}

export interface BenchReport {
  command: string;
  startedAt: string;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; postgres: string; os: string; pinned: boolean; serverCores: string; loadGeneratorCore: string };
  settings: { institutions: number; seconds: number; warmupSeconds: number; repetitions: number; connections: number; seed: number };
  rows: Record<string, number>;
  operations: { name: BenchOperation['name']; title: string; steps: number }[];
  figures: RunFigure[];
  statements: StatementCount[];
  /** Statement count the same whatever the page size (10 vs 100) and whatever the data (the dashboard). */
  sqlConstant: boolean;
  /** Each operation's answer from our gateway deep-equals Hive Gateway's (the same data). */
  sameAnswers: Record<string, boolean>;
}

export const BENCH_FIGURES: GeneratedSection = { begin: '<!-- bench:begin -->', end: '<!-- bench:end -->', heading: '## Figures of the last run' };

const TARGET_NAMES: Record<Target, string> = {
  gateway: 'our gateway (Apollo Gateway)',
  hive: 'Hive Gateway',
  replay: 'replayed query plan',
  sql: 'hand-written SQL',
};

function select(report: BenchReport, operation: string, target: Target, phase: Phase) {
  return report.figures.filter((f) => f.operation === operation && f.target === target && f.phase === phase);
}

export interface Aggregate {
  throughput: number;
  throughputSpread: number;
  p50: number;
  p50Spread: number;
  p99: number;
  errors: number;
  cpu: Record<string, number>;
}

export function aggregate(report: BenchReport, operation: string, target: Target, phase: Phase): Aggregate | undefined {
  const runs = select(report, operation, target, phase);
  if (runs.length === 0) return undefined;
  const processes = Object.keys(runs[0].cpu);
  return {
    throughput: median(runs.map((r) => r.result.throughput)),
    throughputSpread: spreadPercent(runs.map((r) => r.result.throughput)),
    p50: median(runs.map((r) => r.result.p50 ?? NaN)),
    p50Spread: spreadPercent(runs.map((r) => r.result.p50)),
    p99: median(runs.map((r) => r.result.p99 ?? NaN)),
    errors: runs.reduce((sum, r) => sum + r.result.errors, 0),
    cpu: Object.fromEntries(processes.map((p) => [p, median(runs.map((r) => r.cpu[p] ?? 0))])),
  };
}

export interface Summary {
  traceVsHive: number;
  traceVsReplayP50: number;
  dashboardP50Ms: number;
  sqlConstant: boolean;
}

/**
 * The issue's four figures: throughput ratios are of medians, latency ratios of p50s. Throughput from the
 * loaded phase (N connections); latency from the one-connection phase, where a p50 is the request's own cost
 * and not the queue in front of it.
 */
export function summarize(report: BenchReport): Summary {
  const ours = aggregate(report, 'trace', 'gateway', 'throughput');
  const hive = aggregate(report, 'trace', 'hive', 'throughput');
  const oursLatency = aggregate(report, 'trace', 'gateway', 'latency');
  const replayLatency = aggregate(report, 'trace', 'replay', 'latency');
  const dashboard = aggregate(report, 'dashboard', 'gateway', 'latency');
  return {
    traceVsHive: ours && hive ? ours.throughput / hive.throughput : NaN,
    traceVsReplayP50: oursLatency && replayLatency ? oursLatency.p50 / replayLatency.p50 : NaN,
    dashboardP50Ms: dashboard ? dashboard.p50 : NaN,
    sqlConstant: report.sqlConstant,
  };
}

export const summaryLine = (s: Summary) =>
  `summary: trace_vs_hive=${s.traceVsHive.toFixed(2)} trace_vs_replay_p50=${s.traceVsReplayP50.toFixed(2)} dashboard_p50_ms=${Math.round(s.dashboardP50Ms)} sql_constant=${s.sqlConstant ? 'yes' : 'no'}`;

/** A run in which nothing was answered has no latency (NaN, or null once it crossed IPC): shown as a dash. */
const known = (value: number | null) => value !== null && Number.isFinite(value);
const ms = (value: number) => (!known(value) ? '—' : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const n = (value: number) => (!known(value) ? '—' : Math.round(value).toLocaleString('en-US'));
const pct = (value: number) => `±${(value / 2).toFixed(1)} %`;

export function reportMarkdown(report: BenchReport): string {
  const s = summarize(report);
  const { machine: m, settings: t } = report;
  const lines: string[] = [];
  lines.push('```', summaryLine(s), '```', '');
  lines.push(
    `Run on ${report.startedAt.slice(0, 10)} with \`${report.command}\`: ${n(t.institutions)} institutions (seed ${t.seed}), ` +
      `${t.repetitions} repetitions of ${t.seconds} s per run after ${t.warmupSeconds} s of warm-up, ${t.connections} connections in the loaded phase, 1 in the latency phase.`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; Node ${m.node}; ${m.postgres}. ` +
      (m.pinned ? `Servers (PostgreSQL, subgraphs, both gateways) on core ${m.serverCores}, the load generator on core ${m.loadGeneratorCore}.` : 'Not pinned (one core, or no taskset): figures are not comparable.'),
    '',
  );
  lines.push('| Target | Result |', '|---|---|');
  lines.push(`| Trace throughput ≥ Hive Gateway's | ${s.traceVsHive.toFixed(2)}× ${s.traceVsHive >= 1 ? 'met' : '**not met**'} |`);
  lines.push(`| Trace p50 ≤ 1.5 × the replayed plan's | ${s.traceVsReplayP50.toFixed(2)}× ${s.traceVsReplayP50 <= 1.5 ? 'met' : '**not met**'} |`);
  lines.push(`| Dashboard p50 < 50 ms over ${n(t.institutions)} institutions | ${ms(s.dashboardP50Ms)} ms ${s.dashboardP50Ms < 50 ? 'met' : '**not met**'} |`);
  lines.push(`| SQL statements constant in page size | ${s.sqlConstant ? 'yes' : '**no**'} |`, '');

  for (const phase of ['throughput', 'latency'] as Phase[]) {
    lines.push(
      phase === 'throughput' ? `### Loaded: ${t.connections} connections (median of ${t.repetitions}, ± half the spread)` : '### Latency: one connection, one request at a time',
      '',
      '| Operation | Target | req/s | p50 ms | p99 ms | errors | vs gateway |',
      '|---|---|---:|---:|---:|---:|---:|',
    );
    for (const operation of report.operations) {
      const ours = aggregate(report, operation.name, 'gateway', phase);
      for (const target of Object.keys(TARGET_NAMES) as Target[]) {
        const a = aggregate(report, operation.name, target, phase);
        if (!a) continue;
        const ratio = !ours || target === 'gateway' ? '' : phase === 'throughput' ? `${(ours.throughput / a.throughput).toFixed(2)}× req/s` : `${(ours.p50 / a.p50).toFixed(2)}× p50`; // NaN when a run answered nothing
        lines.push(`| ${operation.name} | ${TARGET_NAMES[target]} | ${n(a.throughput)} ${pct(a.throughputSpread)} | ${ms(a.p50)} ${pct(a.p50Spread)} | ${ms(a.p99)} | ${a.errors} | ${ratio} |`);
      }
    }
    lines.push('');
  }
  const flow = report.operations.find((o) => o.name === 'mutation-flow');
  if (flow) lines.push(`The mutation flow is ${flow.steps} requests; its req/s counts requests (flows/s = req/s ÷ ${flow.steps}).`, '');

  const loaded = report.figures.find((f) => f.phase === 'throughput');
  if (loaded) {
    const processes = Object.keys(loaded.cpu);
    lines.push('### CPU per process in the loaded phase (share of one core, median)', '', `| Operation | Target | ${processes.join(' | ')} |`, `|---|---|${processes.map(() => '---:').join('|')}|`);
    for (const operation of report.operations) {
      for (const target of Object.keys(TARGET_NAMES) as Target[]) {
        const a = aggregate(report, operation.name, target, 'throughput');
        if (a) lines.push(`| ${operation.name} | ${TARGET_NAMES[target]} | ${processes.map((p) => a.cpu[p].toFixed(2)).join(' | ')} |`);
      }
    }
    lines.push('');
  }

  lines.push('### SQL statements per operation (through our gateway)', '', '| Operation | Asked | Statements |', '|---|---|---:|');
  for (const c of report.statements) lines.push(`| ${c.operation} | ${c.detail} | ${c.statements} |`);
  lines.push('');
  lines.push(`Same answer from our gateway and Hive Gateway: ${Object.entries(report.sameAnswers).map(([op, same]) => `${op} ${same ? 'yes' : '**no**'}`).join(', ')}.`, '');
  lines.push('### Data', '', '| Table | Rows |', '|---|---:|');
  for (const [table, rows] of Object.entries(report.rows)) lines.push(`| ${table} | ${n(rows)} |`);
  return lines.join('\n');
}
