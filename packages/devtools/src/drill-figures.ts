import type { DrillReport } from './fault-drill';
import type { PhaseTally } from './drill-load';
import type { GeneratedSection } from './generated-section';

/**
 * The figures of a fault drill, as Markdown for RELIABILITY.md: the section between the markers is the
 * drill's, rewritten by every `npm run drill`; the rest of the file is written by people.
 */
export const DRILL_FIGURES: GeneratedSection = { begin: '<!-- drill:begin -->', end: '<!-- drill:end -->', heading: '## Figures of the last drill' };

/** In the order they happen; the transitions are the moments a fault is being injected or lifted. */
const PHASES: [string, string][] = [
  ['steady', 'steady load'],
  ['subgraphKilling', '(a) while the subgraph is being killed'],
  ['subgraphDown', '(a) subgraph down'],
  ['subgraphRestarting', '(a) while it starts again'],
  ['subgraphBack', '(a) after recovery'],
  ['databaseStopping', '(b) while PostgreSQL stops'],
  ['databaseDown', '(b) PostgreSQL down'],
  ['databaseStarting', '(b) while it starts and the subgraphs reconnect'],
  ['databaseBack', '(b) after recovery'],
  ['consumerKilling', '(c) while the consumer is being killed'],
  ['consumerDown', '(c) consumer down, events published'],
  ['consumerRestarting', '(c) while it starts again'],
  ['consumerBack', '(c) after recovery'],
  ['straddling', 'sent in one phase, answered in the next'],
];

const n = (value: number) => value.toLocaleString('en-US');
const errorsOf = (t: PhaseTally) =>
  Object.entries(t.errors)
    .sort((a, b) => b[1] - a[1])
    .map(([key, count]) => `${n(count)} × \`${key}\``)
    .join(', ') || 'none';

export function figuresMarkdown({ figures: f, violations }: DrillReport): string {
  const lines: string[] = [];
  const m = f.machine;
  lines.push(
    `Run of \`npm run drill\` on ${f.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${f.durationSeconds} s: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}, load average ${m.loadAverage} at the start (the machine is shared; durations depend on it, the counts do not). ` +
      `Load: ${f.load.clients} concurrent clients through the gateway, each fault held until ${f.load.perPhase.reads} reads and ${f.load.perPhase.writes} writes were answered under it; every write carries an \`Idempotency-Key\`.`,
    '',
    '| figure | value |',
    '|---|---|',
    `| requests sent | ${n(f.requestsSent.total)}: ${n(f.requestsSent.read)} reads across six subgraphs, ${n(f.requestsSent.registerInstitution)} registerInstitution, ${n(f.requestsSent.recordAnnualFacts)} recordAnnualFacts, ${n(f.requestsSent.addCreditRecord)} addCreditRecord |`,
    `| faults injected | ${f.faultsInjected.length}: ${f.faultsInjected.map((x) => `${x.kind} (${x.target})`).join('; ')} |`,
    `| acknowledged writes | ${n(f.acknowledgedWrites.total)}: ${n(f.acknowledgedWrites.institutions)} institutions, ${n(f.acknowledgedWrites.annualFacts)} annual facts, ${n(f.acknowledgedWrites.creditRecords)} credit records |`,
    `| rows lost | **${n(f.rowsLost.total)}** (institutions ${f.rowsLost.institutions}, annual facts ${f.rowsLost.annualFacts}, credit records ${f.rowsLost.creditRecords}) |`,
    `| subgraphs ready while PostgreSQL was down | ${f.recovery.readyDuringDatabaseOutage} |`,
    `| processes replaced by the database restart | ${f.recovery.processesReplacedByDatabaseRestart} (every subgraph reconnected by itself) |`,
    `| gateway starts | ${f.recovery.gatewayStarts} (no restart) |`,
    `| processes that died unbidden | ${f.recovery.crashes.length} |`,
    `| events in the stream | ${n(f.events.inStream)}; not handled by some consumer: ${Object.values(f.events.consumers).reduce((a, c) => a + c.missingEvents, 0)}; parked as poison: ${Object.values(f.events.consumers).reduce((a, c) => a + c.deadLetters, 0)}; acknowledged writes missing from a programme's copy: ${Object.values(f.events.consumers).reduce((a, c) => a + c.mirrorMissing.institutions + c.mirrorMissing.annualFacts + c.mirrorMissing.creditRecords, 0)} |`,
    `| (c) ${f.consumerOutage.consumer} down | ${f.consumerOutage.creditRecordsPublishedWhileDown} credit records published while down, ${f.consumerOutage.handledWhileDown} handled then, ${f.consumerOutage.handledAfterReturn} after its return; of ${f.consumerOutage.designations} designations, ${f.consumerOutage.revokedOnce} revoked once, ${f.consumerOutage.revokedMoreThanOnce} more than once, ${f.consumerOutage.notRevoked} never |`,
    '',
    'Answers and errors, per phase (a request is counted in the phase it was sent and answered in):',
    '',
    '| phase | reads: complete / partial / unavailable / unexpected | writes: acknowledged / unavailable / unexpected | errors seen |',
    '|---|---|---|---|',
  );
  for (const [key, label] of PHASES) {
    const t = f.phases[key];
    if (!t) continue;
    lines.push(
      `| ${label} | ${t.reads.complete} / ${t.reads.partial} / ${t.reads.unavailable} / ${t.reads.unexpected} | ${t.writes.acknowledged} / ${t.writes.unavailable} / ${t.writes.unexpected} | ${errorsOf(t)} |`,
    );
  }
  lines.push('', violations.length === 0 ? 'Every guarantee held.' : `Guarantees broken:\n\n${violations.map((v) => `- ${v}`).join('\n')}`);
  return lines.join('\n');
}
