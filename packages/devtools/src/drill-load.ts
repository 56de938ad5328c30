import { randomUUID } from 'node:crypto';
import { SERVICE_UNAVAILABLE, composeCreditCode } from '@sme/kernel';

/**
 * The steady load of the fault drill: a few clients, each sending one request after another through the gateway,
 * reads that span every programme subgraph and acknowledged writes to the registry. Every answer is judged on
 * the spot against what the faults in force allow, and tallied under the drill's phase; every write the gateway
 * acknowledged goes in a ledger that the drill looks for in the database at the end.
 */

export type OperationKind = 'read' | 'registerInstitution' | 'recordAnnualFacts' | 'addCreditRecord';
export const OPERATION_KINDS: OperationKind[] = ['read', 'registerInstitution', 'recordAnnualFacts', 'addCreditRecord'];

/** What the system is going through while a request is out: set by the drill as it injects and lifts faults. */
export interface FaultState {
  /** The phase's name in the figures. */
  phase: string;
  /** Subgraphs that are down: their fields may be missing, with an error naming them. */
  subgraphsDown: string[];
  /** PostgreSQL is down: any operation may fail with SERVICE_UNAVAILABLE. */
  databaseDown: boolean;
  /** Between a fault and its recovery (stopping, restarting): either a full answer or a clear error is right. */
  transition: boolean;
}

export interface ReadTally {
  total: number;
  /** No error, every field there. */
  complete: number;
  /** The other subgraphs' fields there, the missing subgraph's null, and an error naming it with a stable code. */
  partial: number;
  /** Nothing there, with a clear SERVICE_UNAVAILABLE error (the database is down). */
  unavailable: number;
  unexpected: number;
}

export interface WriteTally {
  total: number;
  acknowledged: number;
  /** Refused with a clear SERVICE_UNAVAILABLE error: not acknowledged, so the client knows to retry. */
  unavailable: number;
  unexpected: number;
}

export interface PhaseTally {
  /** Requests sent and answered within this phase (ones that straddle two phases are counted under `straddling`). */
  requests: number;
  reads: ReadTally;
  writes: WriteTally;
  /** `code/reason@service` of every error seen, with counts. */
  errors: Record<string, number>;
  /** A few unexpected answers, for the person reading the figures. */
  unexpectedSamples: string[];
}

export interface AcknowledgedWrites {
  institutions: { id: string; creditCode: string }[];
  annualFacts: { institutionId: string; year: number }[];
  creditRecords: { id: string; institutionId: string }[];
}

const READ = `query DrillRead($id: ID!) {
  institution(id: $id) {
    id name creditCode
    taiyuan { cityDesignation { status } }
    shanxiLibrary { status }
    hebeiLibrary { status }
    shandongPlatform { status }
    ningxiaPlatform { status }
  }
}`;

/** The fields of the read that each programme subgraph owns. */
export const READ_FIELDS_BY_SUBGRAPH: Record<string, string> = {
  taiyuan: 'taiyuan',
  shanxi: 'shanxiLibrary',
  hebei: 'hebeiLibrary',
  shandong: 'shandongPlatform',
  ningxia: 'ningxiaPlatform',
};

const REGISTER = `mutation DrillRegister($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id creditCode } }`;
const ANNUAL_FACTS = `mutation DrillFacts($input: RecordAnnualFactsInput!) { recordAnnualFacts(input: $input) { id year } }`;
const CREDIT_RECORD = `mutation DrillCredit($input: AddCreditRecordInput!) { addCreditRecord(input: $input) { id } }`;

interface GraphQLError {
  message?: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}
interface Answer {
  status: number;
  body?: { data?: Record<string, any> | null; errors?: GraphQLError[] };
  failure?: string;
}

const emptyTally = (): PhaseTally => ({
  requests: 0,
  reads: { total: 0, complete: 0, partial: 0, unavailable: 0, unexpected: 0 },
  writes: { total: 0, acknowledged: 0, unavailable: 0, unexpected: 0 },
  errors: {},
  unexpectedSamples: [],
});

/** A clear error: a stable code, a message in Chinese and English, no stack or internals. */
function clearError(error: GraphQLError): boolean {
  const extensions = error.extensions ?? {};
  const message = error.message ?? '';
  return typeof extensions.code === 'string' && /[\u4e00-\u9fff]/.test(message) && / \/ [A-Z]/.test(message) && !('stacktrace' in extensions) && !('exception' in extensions) && !/\bat .+\.js:\d+|https?:\/\//.test(message);
}

const unavailableError = (error: GraphQLError) => error.extensions?.code === SERVICE_UNAVAILABLE && clearError(error);

function judgeRead(answer: Answer, faults: FaultState): keyof Omit<ReadTally, 'total'> {
  if (answer.status !== 200 || !answer.body) return 'unexpected';
  const errors = answer.body.errors ?? [];
  const institution = answer.body.data?.institution;
  if (errors.length === 0) return institution?.id && institution.name ? 'complete' : 'unexpected';
  if (!errors.every(unavailableError)) return 'unexpected';
  if (!institution) return faults.databaseDown || faults.transition ? 'unavailable' : 'unexpected';
  // data for the rest: every error names a subgraph that is down, and that subgraph's fields are null
  const named = errors.map((e) => String(e.extensions?.serviceName ?? ''));
  const down = faults.transition ? Object.keys(READ_FIELDS_BY_SUBGRAPH) : faults.subgraphsDown;
  if (!named.every((name) => down.includes(name))) return faults.databaseDown ? 'unavailable' : 'unexpected';
  if (!named.every((name) => institution[READ_FIELDS_BY_SUBGRAPH[name]] === null)) return 'unexpected';
  return institution.id && institution.name && institution.creditCode ? 'partial' : 'unexpected';
}

function judgeWrite(answer: Answer, field: string, faults: FaultState): keyof Omit<WriteTally, 'total'> {
  if (answer.status !== 200 || !answer.body) return 'unexpected';
  const errors = answer.body.errors ?? [];
  if (errors.length === 0) return answer.body.data?.[field] ? 'acknowledged' : 'unexpected';
  // the registry owns every write of the drill: only its database going away may refuse one
  if ((faults.databaseDown || faults.transition) && errors.every(unavailableError)) return 'unavailable';
  return 'unexpected';
}

export interface LoadOptions {
  gatewayUrl: string;
  token: string;
  clients: number;
  /** Institutions that exist before the load (the demo data), read alongside the ones the load registers. */
  knownInstitutionIds: string[];
  /** Pause between one client's requests. */
  thinkMs?: number;
  /** Share of requests that are reads (the rest are writes, spread over the three kinds). */
  readShare?: number;
  /** The first of the drill's serial numbers, so two drills on one database never reuse a credit code. */
  serialBase?: number;
}

/** The load, started at once; `stop()` waits for the requests in flight. */
export function startLoad(options: LoadOptions, initial: FaultState) {
  let faults: FaultState = initial;
  let running = true;
  let serial = 0;
  const thinkMs = options.thinkMs ?? 5;
  const readShare = options.readShare ?? 0.6;
  const tallies = new Map<string, PhaseTally>();
  const sent: Record<OperationKind, number> = { read: 0, registerInstitution: 0, recordAnnualFacts: 0, addCreditRecord: 0 };
  const ledger: AcknowledgedWrites = { institutions: [], annualFacts: [], creditRecords: [] };
  const readable = [...options.knownInstitutionIds];
  const changes: (() => void)[] = [];

  const tallyOf = (phase: string) => {
    let tally = tallies.get(phase);
    if (!tally) tallies.set(phase, (tally = emptyTally()));
    return tally;
  };

  /** Writes carry an Idempotency-Key, as a client that retries must send: the key's claim meets the faults too. */
  async function send(document: string, variables: Record<string, unknown>): Promise<Answer> {
    const write = document.trimStart().startsWith('mutation');
    try {
      const response = await fetch(options.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}`, ...(write ? { 'idempotency-key': randomUUID() } : {}) },
        body: JSON.stringify({ query: document, variables }),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await response.text();
      try {
        return { status: response.status, body: JSON.parse(text) };
      } catch {
        return { status: response.status, failure: `not JSON: ${text.slice(0, 200)}` };
      }
    } catch (error) {
      return { status: 0, failure: `no answer from the gateway: ${String(error)}` };
    }
  }

  /**
   * A request is judged by the faults in force while it was out, and counted under its phase if it came back
   * in the same one; one that straddles two phases (sent before a fault, answered after it) is judged as a
   * transition of both, and counted under `straddling`.
   */
  function record(kind: OperationKind, at: FaultState, answer: Answer): string {
    const straddled = faults !== at;
    const phase = straddled ? 'straddling' : at.phase;
    const judgedBy: FaultState = straddled
      ? { phase, transition: true, databaseDown: at.databaseDown || faults.databaseDown, subgraphsDown: [...new Set([...at.subgraphsDown, ...faults.subgraphsDown])] }
      : at;
    const verdict = kind === 'read' ? judgeRead(answer, judgedBy) : judgeWrite(answer, kind, judgedBy);
    const tally = tallyOf(phase);
    tally.requests++;
    if (kind === 'read') {
      tally.reads.total++;
      tally.reads[verdict as keyof Omit<ReadTally, 'total'>]++;
    } else {
      tally.writes.total++;
      tally.writes[verdict as keyof Omit<WriteTally, 'total'>]++;
    }
    for (const error of answer.body?.errors ?? []) {
      const e = error.extensions ?? {};
      const key = `${e.code ?? 'NO_CODE'}${e.reason ? `/${e.reason}` : ''}${e.serviceName ? `@${e.serviceName}` : ''}`;
      tally.errors[key] = (tally.errors[key] ?? 0) + 1;
    }
    if (answer.failure) tally.errors.NO_ANSWER = (tally.errors.NO_ANSWER ?? 0) + 1;
    if (verdict === 'unexpected' && tally.unexpectedSamples.length < 3) {
      tally.unexpectedSamples.push(`${kind} in ${at.phase}: HTTP ${answer.status} ${answer.failure ?? JSON.stringify(answer.body).slice(0, 600)}`);
    }
    for (const notify of changes.splice(0)) notify();
    return verdict;
  }

  /** One client: its own institutions (so two clients never correct the same year's facts at once). */
  async function client(index: number) {
    const own: { id: string; nextYear: number }[] = [];
    const random = (n: number) => Math.floor(Math.random() * n);
    while (running) {
      const at = faults;
      const roll = Math.random();
      let kind: OperationKind = roll < readShare && readable.length > 0 ? 'read' : (['registerInstitution', 'recordAnnualFacts', 'addCreditRecord'] as const)[random(3)];
      const institution = own.length > 0 ? own[random(own.length)] : undefined;
      if (kind !== 'read' && kind !== 'registerInstitution' && (!institution || (kind === 'recordAnnualFacts' && institution.nextYear > 2025))) kind = 'registerInstitution';
      sent[kind]++;
      if (kind === 'read') {
        record(kind, at, await send(READ, { id: readable[random(readable.length)] }));
      } else if (kind === 'registerInstitution') {
        const n = (options.serialBase ?? 0) + ++serial;
        const body = `DR${String(n).padStart(6, '0')}`;
        const input = {
          creditCode: composeCreditCode('9', '1', '140105', body),
          name: `演练机构 ${n} 号服务有限公司`,
          legalForm: 'ENTERPRISE',
          regionCode: '140105',
          establishedOn: '2014-05-01',
        };
        const answer = await send(REGISTER, { input });
        if (record(kind, at, answer) === 'acknowledged') {
          const { id, creditCode } = answer.body!.data!.registerInstitution;
          ledger.institutions.push({ id, creditCode });
          own.push({ id, nextYear: 2015 });
          readable.push(id);
        }
      } else if (kind === 'recordAnnualFacts') {
        const year = institution!.nextYear++;
        const input = {
          institutionId: institution!.id, year, totalAssets: 300 + year - 2015, revenue: 500, serviceRevenue: 200, profit: 30, tax: 12,
          smesServed: 120 + index, pointToPointServed: 15, satisfactionRate: 92, floorAreaOwned: 200, floorAreaRented: 50, staff: 30,
          fullTimeServiceStaff: 18, qualifiedStaff: 16, seniorExperts: 11, relatedExperts: 22, partnerAgencies: 6, publicWelfareShare: 25,
        };
        const answer = await send(ANNUAL_FACTS, { input });
        if (record(kind, at, answer) === 'acknowledged') ledger.annualFacts.push({ institutionId: institution!.id, year });
      } else {
        const input = { institutionId: institution!.id, kind: 'ABNORMAL_OPERATION', listedOn: '2025-06-01', source: '演练 / drill' };
        const answer = await send(CREDIT_RECORD, { input });
        if (record(kind, at, answer) === 'acknowledged') ledger.creditRecords.push({ id: answer.body!.data!.addCreditRecord.id, institutionId: institution!.id });
      }
      if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs));
    }
  }

  const clients = Array.from({ length: options.clients }, (_, i) => client(i));

  return {
    /** The phase from now on (the same object identity marks requests sent under it). */
    set(next: FaultState) {
      faults = next;
    },
    get state() {
      return faults;
    },
    tally: (phase: string) => tallyOf(phase),
    /**
     * Waits until `reads` reads and `writes` writes were both sent and answered within the phase now in force:
     * the drill holds each fault for a number of requests, never for a length of time.
     */
    async until(counts: { reads: number; writes: number }, timeoutMs = 120_000): Promise<void> {
      const phase = faults.phase;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const tally = tallyOf(phase);
        if (tally.reads.total >= counts.reads && tally.writes.total >= counts.writes) return;
        if (!running) throw new Error('the load stopped');
        if (Date.now() > deadline) throw new Error(`phase ${phase}: ${tally.reads.total} reads and ${tally.writes.total} writes answered, ${counts.reads} and ${counts.writes} wanted`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 200);
          changes.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    async stop(): Promise<{ sent: Record<OperationKind, number>; ledger: AcknowledgedWrites; phases: Record<string, PhaseTally> }> {
      running = false;
      await Promise.all(clients);
      return { sent: { ...sent }, ledger, phases: Object.fromEntries(tallies) };
    },
  };
}

export type Load = ReturnType<typeof startLoad>;

/** One request with the drill's token (setup and checks, outside the load's tallies). */
export async function drillRequest<T = any>(gatewayUrl: string, token: string, document: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: GraphQLError[] }> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: document, variables }),
    signal: AbortSignal.timeout(60_000),
  });
  return (await response.json()) as { data?: T; errors?: GraphQLError[] };
}
