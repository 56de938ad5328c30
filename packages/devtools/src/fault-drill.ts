import os from 'node:os';
import { Client } from 'pg';
import { RegistryEvent, Role, chinaToday, signToken } from '@sme/kernel';
import { startDrillCluster, type DrillCluster } from './drill-cluster';
import { READ_FIELDS_BY_SUBGRAPH, drillRequest, startLoad, type AcknowledgedWrites, type FaultState, type Load, type OperationKind, type PhaseTally } from './drill-load';

/**
 * The fault drill (`npm run drill`, and test/faults.test.ts with a small load). On its own PostgreSQL server,
 * with every subgraph and the gateway as processes, a steady load of cross-subgraph reads and acknowledged
 * writes runs while the drill breaks things one at a time and lets them come back by themselves:
 *
 *  (a) one programme subgraph is SIGKILLed, then started again: the gateway answers every other subgraph's
 *      fields meanwhile, names the missing subgraph with a stable code, and is complete again without a restart;
 *  (b) PostgreSQL is stopped, then started again on the same data: writes fail with a clear error meanwhile,
 *      /readyz says so, and every subgraph answers again by itself (the same processes);
 *  (c) a consumer subgraph is SIGKILLed while the registry publishes credit records that revoke its designations:
 *      when it is back the events are handled, and each takes effect once.
 *
 * Each fault is held for a number of answered requests, never for a length of time. At the end every write the
 * gateway acknowledged is looked for in the database, and every event in the stream in every consumer's records.
 */

export interface DrillOptions {
  /** Concurrent clients of the load. */
  clients: number;
  /** Reads and writes answered in each phase before the drill moves on. */
  perPhase: { reads: number; writes: number };
  /** The programme subgraph fault (a) kills (its reads have a field of its own). */
  killedSubgraph?: string;
  /** The consumer fault (c) takes down: a demonstration-platform subgraph, whose demo designations are revoked. */
  consumer?: 'ningxia' | 'shandong';
  /** Subgraphs whose demo data is loaded (`setup --demo`); the others start empty. Default: all. */
  demoSubgraphs?: string[];
  /** How long the consumers may take to catch up with the stream once the load stops. */
  convergenceTimeoutMs?: number;
  /** Progress lines for a person watching. */
  progress?: (line: string) => void;
}

export interface ConsumerFigures {
  /** Events in the stream that this consumer has neither handled nor parked (must be 0). */
  missingEvents: number;
  /** Events it handled (each recorded once: the record is the key of exactly-once). */
  processedEvents: number;
  /** Events it parked as poison (the drill sends none; a transient outage must park none). */
  deadLetters: number;
  /** Acknowledged registry writes missing from its copy of the registry. */
  mirrorMissing: { institutions: number; annualFacts: number; creditRecords: number };
}

export interface DrillFigures {
  /** `loadAverage`: the 1-minute load average when the drill started (other work on the machine slows every phase). */
  machine: { cores: number; cpu: string; memoryGiB: number; node: string; platform: string; loadAverage: number };
  startedAt: string;
  durationSeconds: number;
  load: { clients: number; perPhase: { reads: number; writes: number } };
  requestsSent: Record<OperationKind, number> & { total: number };
  faultsInjected: { kind: string; target: string }[];
  /** Tallies per phase: steady, each fault and its recovery, and `straddling` (answered in another phase than sent). */
  phases: Record<string, PhaseTally>;
  recovery: {
    /** Subgraphs whose /readyz said "ready" while PostgreSQL was down (an honest probe says none). */
    readyDuringDatabaseOutage: number;
    /** Subgraph processes replaced during the database outage (reconnecting by itself means none). */
    processesReplacedByDatabaseRestart: number;
    /** Times the gateway was started (no restart means 1). */
    gatewayStarts: number;
    /** Times each subgraph was started (2 for the ones the drill killed, 1 for the rest). */
    subgraphStarts: Record<string, number>;
    /** Processes that died without the drill killing them. */
    crashes: string[];
  };
  acknowledgedWrites: { institutions: number; annualFacts: number; creditRecords: number; total: number };
  rowsLost: { institutions: number; annualFacts: number; creditRecords: number; total: number };
  events: { inStream: number; consumers: Record<string, ConsumerFigures> };
  /** Fault (c): designations that credit records published while their consumer was down must revoke. */
  consumerOutage: {
    consumer: string;
    designations: number;
    creditRecordsPublishedWhileDown: number;
    /** Of those, handled before the consumer came back (nothing can handle them: 0). */
    handledWhileDown: number;
    /** Of those, handled after it came back, each once. */
    handledAfterReturn: number;
    revokedOnce: number;
    revokedMoreThanOnce: number;
    notRevoked: number;
  };
}

export interface DrillReport {
  figures: DrillFigures;
  /** Each guarantee the figures break, in words; empty when the drill passed. */
  violations: string[];
  /** What the processes logged at error level, to explain an unexpected answer (not figures: RELIABILITY.md omits them). */
  serverErrors: string[];
}

const PROGRAMME_CONSUMERS = ['shanxi', 'hebei', 'taiyuan', 'shandong', 'ningxia'];

const state = (phase: string, more: Partial<FaultState> = {}): FaultState => ({ phase, subgraphsDown: [], databaseDown: false, transition: false, ...more });

async function queryRows<T = Record<string, any>>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`the drill waited in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function runFaultDrill(options: DrillOptions): Promise<DrillReport> {
  const progress = options.progress ?? (() => undefined);
  const killed = options.killedSubgraph ?? 'hebei';
  const consumer = options.consumer ?? 'ningxia';
  if (!(killed in READ_FIELDS_BY_SUBGRAPH)) throw new Error(`fault (a) kills a programme subgraph (${Object.keys(READ_FIELDS_BY_SUBGRAPH).join(', ')}), not ${killed}`);
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const loadAverage = Math.round(os.loadavg()[0] * 10) / 10;
  progress('starting PostgreSQL, the subgraphs (with demo data) and the gateway');
  const cluster = await startDrillCluster({ demoSubgraphs: options.demoSubgraphs });
  let load: Load | undefined;
  try {
    const db = cluster.databaseUrl;
    const token = await signToken({ id: 'fault-drill', name: '故障演练 / fault drill', role: Role.ADMIN, region: null, institutionId: null, panel: null }, '4h');
    const listed = await drillRequest<{ institutions: { edges: { node: { id: string } }[] } }>(cluster.gatewayUrl, token, `{ institutions(first: 100) { edges { node { id } } } }`);
    const knownInstitutionIds = listed.data?.institutions.edges.map((e) => e.node.id) ?? [];
    if (knownInstitutionIds.length === 0) throw new Error(`no institution to read: ${JSON.stringify(listed.errors)}`);
    const today = chinaToday();
    const designations = await queryRows<{ id: string; institution_id: string }>(
      db,
      `select id, institution_id from "${consumer}".designations where revoked_on is null and designated_on <= $1 and valid_until >= $1 order by id`,
      [today],
    );
    const faultsInjected: DrillFigures['faultsInjected'] = [];
    const loadStarted = startLoad({ gatewayUrl: cluster.gatewayUrl, token, clients: options.clients, knownInstitutionIds }, state('steady'));
    load = loadStarted;
    const hold = () => loadStarted.until(options.perPhase);

    progress(`steady load: ${options.clients} clients`);
    await hold();

    // (a) a programme subgraph dies mid-load and comes back on its port
    progress(`(a) SIGKILL ${killed}`);
    loadStarted.set(state('subgraphKilling', { subgraphsDown: [killed], transition: true }));
    await cluster.kill(killed);
    faultsInjected.push({ kind: 'SIGKILL subgraph, then start it again', target: killed });
    loadStarted.set(state('subgraphDown', { subgraphsDown: [killed] }));
    await hold();
    progress(`(a) starting ${killed} again`);
    loadStarted.set(state('subgraphRestarting', { subgraphsDown: [killed], transition: true }));
    await cluster.start(killed);
    loadStarted.set(state('subgraphBack'));
    await hold();

    // (b) PostgreSQL stops (fast shutdown: every session terminated) and starts again on the same data
    progress('(b) stopping PostgreSQL');
    const pidsBefore = cluster.subgraphNames.map((name) => cluster.pid(name));
    loadStarted.set(state('databaseStopping', { databaseDown: true, transition: true }));
    await cluster.stopDatabase();
    faultsInjected.push({ kind: 'stop PostgreSQL, then start it again', target: 'postgresql' });
    loadStarted.set(state('databaseDown', { databaseDown: true }));
    await hold();
    const readyDuringDatabaseOutage = (await Promise.all(cluster.subgraphNames.map((name) => cluster.ready(name)))).filter(Boolean).length;
    progress('(b) starting PostgreSQL again');
    loadStarted.set(state('databaseStarting', { databaseDown: true, transition: true }));
    await cluster.startDatabase();
    await cluster.waitAllReady();
    const processesReplacedByDatabaseRestart = cluster.subgraphNames.filter((name, i) => cluster.pid(name) !== pidsBefore[i]).length;
    loadStarted.set(state('databaseBack'));
    await hold();

    // (c) a consumer is down while the registry publishes credit records that must revoke its designations
    progress(`(c) SIGKILL ${consumer}; credit records for its ${designations.length} designated institutions`);
    loadStarted.set(state('consumerKilling', { subgraphsDown: [consumer], transition: true }));
    await cluster.kill(consumer);
    faultsInjected.push({ kind: 'SIGKILL consumer while events are published, then start it again', target: consumer });
    loadStarted.set(state('consumerDown', { subgraphsDown: [consumer] }));
    const targetCredit: AcknowledgedWrites['creditRecords'] = [];
    for (const institutionId of [...new Set(designations.map((d) => d.institution_id))]) {
      // two records each: the second must find nothing left to revoke, so a designation changes once
      for (const kind of ['SERIOUS_DISHONESTY_LIST', 'DISHONEST_JUDGMENT_DEBTOR']) {
        const answer = await drillRequest(cluster.gatewayUrl, token, `mutation($input: AddCreditRecordInput!) { addCreditRecord(input: $input) { id } }`, {
          input: { institutionId, kind, listedOn: today, source: '演练 / drill' },
        });
        if (!answer.data?.addCreditRecord) throw new Error(`credit record for ${institutionId} refused: ${JSON.stringify(answer.errors)}`);
        targetCredit.push({ id: answer.data.addCreditRecord.id, institutionId });
      }
    }
    const targetIds = targetCredit.map((c) => c.id);
    const inStream = async () =>
      Number((await queryRows(db, `select count(*)::int as n from event_stream.events where type = $1 and payload->>'id' = any($2::text[])`, [RegistryEvent.CreditRecordAdded, targetIds]))[0].n);
    await waitFor('the credit records in the event stream', async () => (await inStream()) === targetIds.length, 60_000);
    await hold();
    const handledWhileDown = await handledCount(db, consumer, targetIds);
    progress(`(c) starting ${consumer} again`);
    loadStarted.set(state('consumerRestarting', { subgraphsDown: [consumer], transition: true }));
    await cluster.start(consumer);
    loadStarted.set(state('consumerBack'));
    await hold();

    progress('stopping the load; waiting for every consumer to reach the end of the stream');
    const result = await loadStarted.stop();
    load = undefined;
    await waitFor(
      'every consumer at the end of the stream',
      async () => {
        const [{ pending }] = await queryRows(db, `select count(*)::int as pending from registry.outbox where published_at is null`);
        const [{ head }] = await queryRows(db, `select coalesce(max(position), 0)::text as head from event_stream.events`);
        const positions = await Promise.all(
          PROGRAMME_CONSUMERS.map(async (s) => (await queryRows(db, `select position::text as p from "${s}".event_consumers where name = $1`, [s]))[0]?.p),
        );
        return pending === 0 && positions.every((p) => p === head);
      },
      options.convergenceTimeoutMs ?? 90_000,
    );

    const ledger: AcknowledgedWrites = { ...result.ledger, creditRecords: [...result.ledger.creditRecords, ...targetCredit] };
    const figures: DrillFigures = {
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}`, loadAverage },
      startedAt,
      durationSeconds: 0,
      load: { clients: options.clients, perPhase: options.perPhase },
      requestsSent: { ...result.sent, total: Object.values(result.sent).reduce((a, b) => a + b, 0) + targetCredit.length },
      faultsInjected,
      phases: result.phases,
      recovery: {
        readyDuringDatabaseOutage,
        processesReplacedByDatabaseRestart,
        gatewayStarts: cluster.starts('gateway'),
        subgraphStarts: Object.fromEntries(cluster.subgraphNames.map((name) => [name, cluster.starts(name)])),
        crashes: cluster.crashes(),
      },
      acknowledgedWrites: {
        institutions: ledger.institutions.length,
        annualFacts: ledger.annualFacts.length,
        creditRecords: ledger.creditRecords.length,
        total: ledger.institutions.length + ledger.annualFacts.length + ledger.creditRecords.length,
      },
      rowsLost: await rowsLost(db, ledger),
      events: await eventFigures(db, ledger),
      consumerOutage: {
        consumer,
        designations: designations.length,
        creditRecordsPublishedWhileDown: targetIds.length,
        handledWhileDown,
        handledAfterReturn: (await handledCount(db, consumer, targetIds)) - handledWhileDown,
        ...(await revocations(db, consumer, designations.map((d) => d.id))),
      },
    };
    figures.requestsSent.addCreditRecord += targetCredit.length;
    figures.durationSeconds = Math.round((Date.now() - started) / 1000);
    return { figures, violations: violations(figures, killed, consumer), serverErrors: cluster.serverErrors() };
  } finally {
    await load?.stop().catch(() => undefined);
    await cluster.stop();
  }
}

/** The consumer's handling records of the CreditRecordAdded events of these credit records. */
async function handledCount(db: string, consumer: string, creditIds: string[]): Promise<number> {
  const [{ n }] = await queryRows(
    db,
    `select count(*)::int as n from "${consumer}".processed_events p join event_stream.events e on e.id = p.event_id
     where p.consumer = $1 and e.type = $2 and e.payload->>'id' = any($3::text[])`,
    [consumer, RegistryEvent.CreditRecordAdded, creditIds],
  );
  return n;
}

async function revocations(db: string, consumer: string, designationIds: string[]) {
  const rows = await queryRows<{ id: string; n: number }>(
    db,
    `select d.id::text as id, (select count(*)::int from "${consumer}".status_changes c where c.record_id = d.id::text and c.to_status = 'REVOKED') as n
     from unnest($1::uuid[]) as d(id)`,
    [designationIds],
  );
  return {
    revokedOnce: rows.filter((r) => r.n === 1).length,
    revokedMoreThanOnce: rows.filter((r) => r.n > 1).length,
    notRevoked: rows.filter((r) => r.n === 0).length,
  };
}

/** Acknowledged writes that are not in the registry's tables. */
async function rowsLost(db: string, ledger: AcknowledgedWrites): Promise<DrillFigures['rowsLost']> {
  const count = async (sql: string, params: unknown[]) => Number((await queryRows(db, sql, params))[0].n);
  const institutions = ledger.institutions.length - (await count(`select count(*)::int as n from registry.institutions where id = any($1::uuid[])`, [ledger.institutions.map((i) => i.id)]));
  const annualFacts =
    ledger.annualFacts.length -
    (await count(
      `select count(*)::int as n from registry.annual_facts f join unnest($1::uuid[], $2::int[]) as a(id, year) on f.institution_id = a.id and f.year = a.year`,
      [ledger.annualFacts.map((f) => f.institutionId), ledger.annualFacts.map((f) => f.year)],
    ));
  const creditRecords = ledger.creditRecords.length - (await count(`select count(*)::int as n from registry.credit_records where id = any($1::uuid[])`, [ledger.creditRecords.map((c) => c.id)]));
  return { institutions, annualFacts, creditRecords, total: institutions + annualFacts + creditRecords };
}

async function eventFigures(db: string, ledger: AcknowledgedWrites): Promise<DrillFigures['events']> {
  const [{ n: inStream }] = await queryRows(db, `select count(*)::int as n from event_stream.events`);
  const consumers: Record<string, ConsumerFigures> = {};
  const institutionIds = ledger.institutions.map((i) => i.id);
  for (const s of PROGRAMME_CONSUMERS) {
    const one = async (sql: string, params: unknown[] = []) => Number((await queryRows(db, sql, params))[0].n);
    consumers[s] = {
      missingEvents: await one(
        `select count(*)::int as n from event_stream.events e
         where not exists (select 1 from "${s}".processed_events p where p.consumer = $1 and p.event_id = e.id)
           and not exists (select 1 from "${s}".dead_letter_events d where d.consumer = $1 and d.event_id = e.id)`,
        [s],
      ),
      processedEvents: await one(`select count(*)::int as n from "${s}".processed_events where consumer = $1`, [s]),
      deadLetters: await one(`select count(*)::int as n from "${s}".dead_letter_events`),
      mirrorMissing: {
        institutions: institutionIds.length - (await one(`select count(*)::int as n from "${s}".known_institutions where id = any($1::uuid[])`, [institutionIds])),
        annualFacts:
          ledger.annualFacts.length -
          (await one(
            `select count(*)::int as n from "${s}".known_annual_facts f join unnest($1::uuid[], $2::int[]) as a(id, year) on f.institution_id = a.id and f.year = a.year`,
            [ledger.annualFacts.map((f) => f.institutionId), ledger.annualFacts.map((f) => f.year)],
          )),
        creditRecords: ledger.creditRecords.length - (await one(`select count(*)::int as n from "${s}".known_credit_records where id = any($1::uuid[])`, [ledger.creditRecords.map((c) => c.id)])),
      },
    };
  }
  return { inStream, consumers };
}

/** Every guarantee of the drill, checked against its figures. */
export function violations(f: DrillFigures, killed: string, consumer: string): string[] {
  const out: string[] = [];
  const expect = (ok: boolean, text: string) => {
    if (!ok) out.push(text);
  };
  const phase = (name: string) => f.phases[name] ?? { requests: 0, reads: { total: 0, complete: 0, partial: 0, unavailable: 0, unexpected: 0 }, writes: { total: 0, acknowledged: 0, unavailable: 0, unexpected: 0 }, errors: {}, unexpectedSamples: [] };
  for (const [name, tally] of Object.entries(f.phases)) {
    expect(tally.reads.unexpected + tally.writes.unexpected === 0, `${name}: ${tally.reads.unexpected + tally.writes.unexpected} unexpected answers, e.g. ${tally.unexpectedSamples.join(' | ')}`);
  }
  for (const name of ['steady', 'subgraphBack', 'databaseBack', 'consumerBack']) {
    const t = phase(name);
    expect(t.reads.total > 0 && t.reads.complete === t.reads.total, `${name}: ${t.reads.complete} of ${t.reads.total} reads complete`);
    expect(t.writes.total > 0 && t.writes.acknowledged === t.writes.total, `${name}: ${t.writes.acknowledged} of ${t.writes.total} writes acknowledged`);
  }
  for (const name of ['subgraphDown', 'consumerDown']) {
    const t = phase(name);
    expect(t.reads.total > 0 && t.reads.partial === t.reads.total, `${name}: ${t.reads.partial} of ${t.reads.total} reads partial with the missing subgraph named`);
    expect(t.writes.total > 0 && t.writes.acknowledged === t.writes.total, `${name}: ${t.writes.acknowledged} of ${t.writes.total} registry writes acknowledged`);
  }
  const down = phase('databaseDown');
  expect(down.reads.total > 0 && down.reads.unavailable === down.reads.total, `databaseDown: ${down.reads.unavailable} of ${down.reads.total} reads refused with SERVICE_UNAVAILABLE`);
  expect(down.writes.total > 0 && down.writes.unavailable === down.writes.total, `databaseDown: ${down.writes.unavailable} of ${down.writes.total} writes refused with SERVICE_UNAVAILABLE`);
  expect(f.recovery.readyDuringDatabaseOutage === 0, `${f.recovery.readyDuringDatabaseOutage} subgraphs said ready while PostgreSQL was down`);
  expect(f.recovery.processesReplacedByDatabaseRestart === 0, `${f.recovery.processesReplacedByDatabaseRestart} subgraph processes were replaced across the database restart`);
  expect(f.recovery.gatewayStarts === 1, `the gateway was started ${f.recovery.gatewayStarts} times`);
  for (const [name, starts] of Object.entries(f.recovery.subgraphStarts)) {
    const expected = name === killed || name === consumer ? 2 : 1;
    expect(starts === expected, `${name} was started ${starts} times, ${expected} expected`);
  }
  expect(f.recovery.crashes.length === 0, `processes died by themselves: ${f.recovery.crashes.join('\n')}`);
  expect(f.rowsLost.total === 0, `acknowledged writes lost: ${JSON.stringify(f.rowsLost)}`);
  expect(f.acknowledgedWrites.institutions > 0 && f.acknowledgedWrites.annualFacts > 0 && f.acknowledgedWrites.creditRecords > 0, `not every kind of write was acknowledged: ${JSON.stringify(f.acknowledgedWrites)}`);
  for (const [name, c] of Object.entries(f.events.consumers)) {
    expect(c.missingEvents === 0, `${name}: ${c.missingEvents} events of the stream neither handled nor parked`);
    expect(c.deadLetters === 0, `${name}: ${c.deadLetters} events parked as poison`);
    const mirror = c.mirrorMissing.institutions + c.mirrorMissing.annualFacts + c.mirrorMissing.creditRecords;
    expect(mirror === 0, `${name}: acknowledged registry writes missing from its copy: ${JSON.stringify(c.mirrorMissing)}`);
  }
  const c = f.consumerOutage;
  expect(c.designations > 0, `${c.consumer} has no designation in force to revoke: fault (c) proved nothing`);
  expect(c.handledWhileDown === 0, `${c.handledWhileDown} credit records handled by ${c.consumer} while it was down`);
  expect(c.handledAfterReturn === c.creditRecordsPublishedWhileDown, `${c.handledAfterReturn} of ${c.creditRecordsPublishedWhileDown} credit records handled by ${c.consumer} after it came back`);
  expect(c.revokedOnce === c.designations && c.revokedMoreThanOnce === 0 && c.notRevoked === 0, `revocations: ${c.revokedOnce} once, ${c.revokedMoreThanOnce} more than once, ${c.notRevoked} never, of ${c.designations}`);
  return out;
}
