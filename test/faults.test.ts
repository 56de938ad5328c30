import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { DrillReport } from '../packages/devtools/src/fault-drill';

/**
 * The fault drill with a small load: the same program as `npm run drill` (which runs it larger and records the
 * figures in RELIABILITY.md), from the compiled output, so run `npx tsc -b` first. It runs on a PostgreSQL server
 * of its own, since it stops it, with every subgraph and the gateway as processes. Demo data is loaded for the
 * registry and for Ningxia, whose designations the credit records of fault (c) must revoke (hebei is killed in
 * fault (a), ningxia in (c)). Every assertion is a count.
 */
const PER_PHASE = { reads: 6, writes: 3 };
let report: DrillReport;
let child: ChildProcess | undefined;

beforeAll(async () => {
  const reportFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sme-drill-report-')), 'report.json');
  const args = [`--clients=3`, `--reads=${PER_PHASE.reads}`, `--writes=${PER_PHASE.writes}`, '--demo=registry,ningxia', '--no-write', `--report=${reportFile}`];
  child = spawn(process.execPath, [path.resolve(__dirname, '../packages/devtools/dist/src/drill.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const drill = child;
  drill.stdout!.on('data', (d) => (output = (output + d).slice(-20_000)));
  drill.stderr!.on('data', (d) => (output = (output + d).slice(-20_000)));
  await new Promise((resolve) => drill.once('exit', resolve));
  // the drill exits 1 when a guarantee broke: the report is read either way, and the tests below say which
  if (!fs.existsSync(reportFile)) throw new Error(`the drill wrote no report (exit ${drill.exitCode}):\n${output}`);
  report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  fs.rmSync(path.dirname(reportFile), { recursive: true, force: true });
}, 240_000);

afterAll(() => {
  // a drill cut short (the hook timed out) takes its processes and PostgreSQL down with it on SIGTERM
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
});

const phase = (name: string) => report.figures.phases[name];

describe('(a) a programme subgraph killed under load', () => {
  it('answers every read meanwhile with the other subgraphs’ fields, the missing one null, and an error naming it', () => {
    const down = phase('subgraphDown');
    expect(down.reads.total).toBeGreaterThanOrEqual(PER_PHASE.reads);
    expect(down.reads.partial).toBe(down.reads.total);
    // one error per read, with the stable code and the subgraph's name
    expect(down.errors).toEqual({ 'SERVICE_UNAVAILABLE/SUBGRAPH_UNREACHABLE@hebei': down.reads.total });
    // the registry's writes go on
    expect(down.writes.acknowledged).toBe(down.writes.total);
    expect(down.writes.total).toBeGreaterThanOrEqual(PER_PHASE.writes);
  });

  it('answers completely again once it is back, without restarting the gateway', () => {
    const back = phase('subgraphBack');
    expect(back.reads.total).toBeGreaterThanOrEqual(PER_PHASE.reads);
    expect(back.reads.complete).toBe(back.reads.total);
    expect(back.writes.acknowledged).toBe(back.writes.total);
    expect(back.errors).toEqual({});
    expect(report.figures.recovery.gatewayStarts).toBe(1);
    expect(report.figures.recovery.subgraphStarts.hebei).toBe(2);
  });
});

describe('(b) PostgreSQL stopped and started again under load', () => {
  it('refuses every read and write meanwhile with a clear SERVICE_UNAVAILABLE error, and /readyz says so', () => {
    const down = phase('databaseDown');
    expect(down.reads.total).toBeGreaterThanOrEqual(PER_PHASE.reads);
    expect(down.writes.total).toBeGreaterThanOrEqual(PER_PHASE.writes);
    expect(down.reads.unavailable).toBe(down.reads.total);
    expect(down.writes.unavailable).toBe(down.writes.total);
    expect(Object.keys(down.errors)).toEqual(['SERVICE_UNAVAILABLE/DATABASE_UNAVAILABLE@registry']);
    expect(report.figures.recovery.readyDuringDatabaseOutage).toBe(0);
  });

  it('has every subgraph answer again by itself: the same processes, complete answers, acknowledged writes', () => {
    expect(report.figures.recovery.processesReplacedByDatabaseRestart).toBe(0);
    const back = phase('databaseBack');
    expect(back.reads.total).toBeGreaterThanOrEqual(PER_PHASE.reads);
    expect(back.reads.complete).toBe(back.reads.total);
    expect(back.writes.acknowledged).toBe(back.writes.total);
    expect(back.errors).toEqual({});
  });
});

describe('(c) a consumer down while the registry publishes credit records', () => {
  it('handles them when it is back, each revocation taking effect exactly once', () => {
    const c = report.figures.consumerOutage;
    expect(c.designations).toBeGreaterThanOrEqual(1);
    expect(c.creditRecordsPublishedWhileDown).toBe(2 * c.designations); // two records per designated institution
    expect(c.handledWhileDown).toBe(0);
    expect(c.handledAfterReturn).toBe(c.creditRecordsPublishedWhileDown);
    expect(c).toMatchObject({ revokedOnce: c.designations, revokedMoreThanOnce: 0, notRevoked: 0 });
    expect(phase('consumerDown').reads.partial).toBe(phase('consumerDown').reads.total);
    expect(phase('consumerBack').reads.complete).toBe(phase('consumerBack').reads.total);
    expect(report.figures.recovery.subgraphStarts.ningxia).toBe(2);
  });
});

describe('across the whole drill', () => {
  it('loses no acknowledged write, of any kind', () => {
    const acknowledged = report.figures.acknowledgedWrites;
    expect(acknowledged.institutions).toBeGreaterThan(0);
    expect(acknowledged.annualFacts).toBeGreaterThan(0);
    expect(acknowledged.creditRecords).toBeGreaterThan(0);
    expect(report.figures.rowsLost).toEqual({ institutions: 0, annualFacts: 0, creditRecords: 0, total: 0 });
  });

  it('delivers every event of the stream to every consumer, parks none, and leaves no programme’s copy behind', () => {
    const consumers = report.figures.events.consumers;
    expect(Object.keys(consumers).sort()).toEqual(['hebei', 'ningxia', 'shandong', 'shanxi', 'taiyuan']);
    for (const c of Object.values(consumers)) {
      expect(c).toEqual({ missingEvents: 0, processedEvents: report.figures.events.inStream, deadLetters: 0, mirrorMissing: { institutions: 0, annualFacts: 0, creditRecords: 0 } });
    }
  });

  it('gives no unexpected answer in any phase, the moments of injecting and lifting a fault included, and no process dies unbidden', () => {
    for (const [name, tally] of Object.entries(report.figures.phases)) {
      const unexpected = tally.reads.unexpected + tally.writes.unexpected;
      // on failure, what the servers logged at error level says why
      const serverErrors = unexpected > 0 ? report.serverErrors : [];
      expect({ name, unexpected, samples: tally.unexpectedSamples, serverErrors }).toEqual({ name, unexpected: 0, samples: [], serverErrors: [] });
    }
    expect(report.figures.recovery.crashes).toEqual([]);
    expect(report.violations).toEqual([]);
  });
});
