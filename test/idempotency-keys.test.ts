import { Client } from 'pg';
import { IDEMPOTENCY_KEYS_MIGRATION, IDEMPOTENCY_WAIT_MARKER, RegistryEvent, Role, composeCreditCode, migrate, openDatabase, withKernelMigrations } from '@sme/kernel';
import { createTestDatabase, schemaChecksums, tokenFor } from '@sme/testing';
import { registry } from '../subgraphs/registry/src/server';
import { startSupergraph } from './support/supergraph';

/**
 * The `Idempotency-Key` header end to end: real HTTP through the gateway to the subgraphs as their own processes.
 * Each effect is counted in the database (credit records, audit entries, outbox events), never timed.
 */
// a repeat waits this long for the first request before CONFLICT; short, so the in-progress refusal is quick
process.env.IDEMPOTENCY_WAIT_MS = '3000';

let supergraph: Awaited<ReturnType<typeof startSupergraph>>;
let db: Client;
let admin: string;

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions: Record<string, any> }[] };
  replayed: boolean;
  sqlStatements: number;
}

async function send(document: string, variables: Record<string, unknown>, options: { token?: string | null; key?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key !== undefined) headers['idempotency-key'] = options.key;
  const response = await fetch(supergraph.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query: document, variables }) });
  return {
    status: response.status,
    body: (await response.json()) as Answer['body'],
    replayed: response.headers.get('idempotent-replayed') === 'true',
    sqlStatements: Number(response.headers.get('x-sql-statements')),
  };
}

const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await db.query(sql, params)).rows[0].n);

let serial = 0;
async function register(name: string): Promise<string> {
  serial += 1;
  const r = await send(`mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`, {
    input: { creditCode: composeCreditCode('9', '1', '140105', `MA0K${String(serial).padStart(4, '0')}`), name, legalForm: 'ENTERPRISE', regionCode: '140105', establishedOn: '2015-06-01' },
  }, { token: admin });
  expect(r.body.errors).toBeUndefined();
  return r.body.data.registerInstitution.id;
}

const ADD_CREDIT_RECORD = `mutation($input: AddCreditRecordInput!) { addCreditRecord(input: $input) { id kind listedOn source } }`;
const record = (institutionId: string, source = '信用中国') => ({ input: { institutionId, kind: 'ABNORMAL_OPERATION', listedOn: '2025-03-03', source } });

/** Every trace one added credit record leaves: the record, its two audit entries, its event. */
async function effects(institutionId: string) {
  return {
    records: await count('select count(*) as n from registry.credit_records where institution_id = $1', [institutionId]),
    audit: await count(`select count(*) as n from registry.audit_entries where record_id = $1 and action = 'CREDIT_RECORD_ADDED'`, [institutionId]),
    events: await count('select count(*) as n from registry.outbox where aggregate_id = $1 and type = $2', [institutionId, RegistryEvent.CreditRecordAdded]),
  };
}
const once = { records: 1, audit: 1, events: 1 };

/** Every event published and consumed, so the schemas hold still for a before/after comparison. */
async function settled(): Promise<void> {
  for (;;) {
    const unpublished = await count(`select (select count(*) from registry.outbox where published_at is null) + (select count(*) from taiyuan.outbox where published_at is null) as n`);
    const behind = await count(`select count(*) as n from taiyuan.event_consumers where position < (select coalesce(max(position), 0) from event_stream.events)`);
    if (unpublished === 0 && behind === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A transaction that keeps writers off a table until released: the first request is then still running. */
async function holdTable(table: string) {
  const holder = new Client({ connectionString: supergraph.databaseUrl });
  await holder.connect();
  await holder.query('begin');
  await holder.query(`lock table ${table} in exclusive mode`);
  const pid = (await holder.query('select pg_backend_pid() as pid')).rows[0].pid;
  return {
    /** Until `n` statements wait for the lock. */
    async blocking(n: number) {
      while ((await count('select count(*) as n from pg_stat_activity where $1 = any(pg_blocking_pids(pid))', [pid])) < n) await new Promise((r) => setTimeout(r, 20));
    },
    async release() {
      await holder.query('commit');
      await holder.end();
    },
  };
}

/** Until a repeat is polling for the first request's answer (its poll carries a marker). */
async function someoneWaits(): Promise<void> {
  const marker = IDEMPOTENCY_WAIT_MARKER.slice(3, 40);
  while ((await count(`select count(*) as n from pg_stat_activity where pid <> pg_backend_pid() and position($1 in query) > 0`, [marker])) === 0) {
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  supergraph = await startSupergraph();
  admin = await tokenFor(Role.ADMIN, { id: 'admin-a' });
  db = new Client({ connectionString: supergraph.databaseUrl });
  await db.connect();
}, 120_000);
afterAll(async () => {
  await db?.end();
  await supergraph?.stop();
});

describe('one key, one effect', () => {
  it('in sequence: the repeat replays the first answer, says so, and runs nothing', async () => {
    const institutionId = await register('太原市小店区幂等顺序测试有限公司');
    const first = await send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key: 'seq-1' });
    expect(first.body.errors).toBeUndefined();
    expect(first.replayed).toBe(false);
    const again = await send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key: 'seq-1' });
    expect(again.replayed).toBe(true);
    expect(again.body).toEqual(first.body);
    expect(await effects(institutionId)).toEqual(once);
  });

  it('concurrently, 10 rounds: each pair takes effect once, and the repeat gets the first answer', async () => {
    const institutionId = await register('太原市小店区幂等并发测试有限公司');
    const outcomes = { replayed: 0, inProgress: 0 };
    for (let round = 0; round < 10; round++) {
      const key = `concurrent:${round}`;
      const pair = await Promise.all([0, 1].map(() => send(ADD_CREDIT_RECORD, record(institutionId, `来源${round}`), { token: admin, key })));
      const ran = pair.filter((a) => !a.replayed && !a.body.errors);
      expect(ran).toHaveLength(1);
      const other = pair.find((a) => a !== ran[0])!;
      // the repeat waited for the first and replays it; only a first request slower than the wait bound leaves it IN_PROGRESS
      if (other.replayed) {
        expect(other.body).toEqual(ran[0].body);
        outcomes.replayed += 1;
      } else {
        expect(other.body.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_IN_PROGRESS' });
        outcomes.inProgress += 1;
      }
      expect(await send(ADD_CREDIT_RECORD, record(institutionId, `来源${round}`), { token: admin, key })).toMatchObject({ replayed: true, body: ran[0].body });
    }
    expect(outcomes.replayed + outcomes.inProgress).toBe(10);
    expect(await effects(institutionId)).toEqual({ records: 10, audit: 10, events: 10 });
  });

  it('a repeat that comes while the first is still running waits for it, then replays', async () => {
    const institutionId = await register('太原市小店区幂等等待测试有限公司');
    const hold = await holdTable('registry.credit_records');
    const first = send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key: 'wait-1' });
    await hold.blocking(1);
    const repeat = send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key: 'wait-1' });
    await someoneWaits();
    await hold.release();
    const [a, b] = await Promise.all([first, repeat]);
    expect(a.body.errors).toBeUndefined();
    expect(b).toMatchObject({ replayed: true, body: a.body });
    expect(await effects(institutionId)).toEqual(once);
  });

  it('a repeat that waits longer than the bound gets CONFLICT IDEMPOTENCY_KEY_IN_PROGRESS; once the first ends, repeats replay', async () => {
    const institutionId = await register('太原市小店区幂等超时测试有限公司');
    const hold = await holdTable('registry.credit_records');
    const first = send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key: 'slow-1' });
    await hold.blocking(1);
    const refused = await send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key: 'slow-1' });
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_IN_PROGRESS' });
    expect(refused.body.errors![0].extensions.messageZh).toMatch(/处理中/);
    await hold.release();
    const done = await first;
    expect(done.body.errors).toBeUndefined();
    const later = await send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key: 'slow-1' });
    expect(later).toMatchObject({ replayed: true, body: done.body });
    expect(await effects(institutionId)).toEqual(once);
  });
});

describe('what a key does not do', () => {
  it('refuses the key with a different request (BAD_USER_INPUT IDEMPOTENCY_KEY_REUSED) and changes nothing', async () => {
    const institutionId = await register('太原市小店区幂等冲突测试有限公司');
    expect((await send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key: 'reuse-1' })).body.errors).toBeUndefined();
    await settled();
    const before = await schemaChecksums(supergraph.databaseUrl, 'registry');
    const other = await send(ADD_CREDIT_RECORD, record(institutionId, '国家企业信用信息公示系统'), { token: admin, key: 'reuse-1' });
    expect(other.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect(other.body.errors![0].message).toContain(' / ');
    expect(other.replayed).toBe(false);
    expect(await schemaChecksums(supergraph.databaseUrl, 'registry')).toEqual(before);
  });

  it('does not replay one caller’s answer to another: keys belong to the user (anonymous callers share one scope)', async () => {
    const institutionId = await register('太原市小店区幂等用户测试有限公司');
    const a = await send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key: 'shared-key' });
    const b = await send(ADD_CREDIT_RECORD, record(institutionId), { token: await tokenFor(Role.ADMIN, { id: 'admin-b' }), key: 'shared-key' });
    expect(b.replayed).toBe(false);
    expect(b.body.errors).toBeUndefined();
    expect(b.body.data.addCreditRecord.id).not.toBe(a.body.data.addCreditRecord.id);
    expect(await effects(institutionId)).toEqual({ records: 2, audit: 2, events: 2 });

    const anonymous = await send(ADD_CREDIT_RECORD, record(institutionId), { key: 'shared-key' });
    expect(anonymous.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(anonymous.replayed).toBe(false);
    const anonymousAgain = await send(ADD_CREDIT_RECORD, record(institutionId), { key: 'shared-key' });
    expect(anonymousAgain).toMatchObject({ replayed: true, body: anonymous.body });
    expect(await effects(institutionId)).toEqual({ records: 2, audit: 2, events: 2 });
  });

  it('leaves a query alone: the same data and SQL cost with or without the header, even an invalid one', async () => {
    const institutionId = await register('太原市小店区幂等查询测试有限公司');
    const query = `query($id: ID!) { institution(id: $id) { name creditRecords { id } } }`;
    const plain = await send(query, { id: institutionId }, { token: admin });
    for (const key of ['seq-1', 'query-key', 'not a valid key!']) {
      const keyed = await send(query, { id: institutionId }, { token: admin, key });
      expect(keyed).toEqual(plain);
    }
    expect(await count(`select count(*) as n from registry.idempotency_keys where key = 'query-key'`)).toBe(0);
  });

  it('refuses a malformed key with BAD_USER_INPUT INVALID_IDEMPOTENCY_KEY and runs nothing', async () => {
    const institutionId = await register('太原市小店区幂等格式测试有限公司');
    for (const key of ['', 'has space', 'x'.repeat(101), 'slash/key', 'semi;colon']) {
      const r = await send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key });
      expect(r.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_IDEMPOTENCY_KEY' });
    }
    expect((await send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key: `A-z_0.9:${'x'.repeat(92)}` })).body.errors).toBeUndefined();
    expect(await effects(institutionId)).toEqual(once);
  });
});

describe('what is stored', () => {
  it('a refusal is stored and replayed, even once the request would now succeed', async () => {
    const institutionId = await register('太原市小店区幂等拒绝测试有限公司');
    const UPDATE = `mutation($id: ID!, $input: UpdateInstitutionInput!) { updateInstitution(id: $id, input: $input) { name version } }`;
    const stale = { id: institutionId, input: { expectedVersion: 2, name: '太原市小店区幂等拒绝测试（改名）有限公司' } };
    const refused = await send(UPDATE, stale, { token: admin, key: 'refusal-1' });
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    // now version 2 is current: the same request, run again, would succeed
    expect((await send(UPDATE, { id: institutionId, input: { contactPerson: '王经理' } }, { token: admin })).body.data.updateInstitution.version).toBe(2);
    const again = await send(UPDATE, stale, { token: admin, key: 'refusal-1' });
    expect(again).toMatchObject({ replayed: true, body: refused.body });
    expect(await count(`select count(*) as n from registry.institutions where id = $1 and name like '%改名%'`, [institutionId])).toBe(0);
  });

  it('an unexpected failure with nothing committed releases the key: the retry runs', async () => {
    const institutionId = await register('太原市小店区幂等故障测试有限公司');
    await db.query('alter table registry.credit_records rename to credit_records_away');
    let failed: Answer;
    try {
      failed = await send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key: 'outage-1' });
    } finally {
      await db.query('alter table registry.credit_records_away rename to credit_records');
    }
    expect(failed.body.errors![0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await effects(institutionId)).toEqual({ records: 0, audit: 0, events: 0 });
    const retry = await send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key: 'outage-1' });
    expect(retry.replayed).toBe(false);
    expect(retry.body.errors).toBeUndefined();
    expect(await effects(institutionId)).toEqual(once);
  });

  it('an unexpected failure after a commit keeps the answer: the retry replays it and does not run again', async () => {
    const creditCode = composeCreditCode('9', '1', '140105', 'MA0K9001');
    const REGISTER = `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id creditRecords { id } } }`;
    const input = { creditCode, name: '太原市小店区幂等提交后故障测试有限公司', legalForm: 'ENTERPRISE', regionCode: '140105', establishedOn: '2015-06-01' };
    // the institution is committed, then reading its credit records for the answer fails
    await db.query('alter table registry.credit_records rename to credit_records_away');
    let failed: Answer;
    try {
      failed = await send(REGISTER, { input }, { token: admin, key: 'after-commit-1' });
    } finally {
      await db.query('alter table registry.credit_records_away rename to credit_records');
    }
    expect(failed.body.errors![0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await count('select count(*) as n from registry.institutions where credit_code = $1', [creditCode])).toBe(1);
    const retry = await send(REGISTER, { input }, { token: admin, key: 'after-commit-1' });
    expect(retry).toMatchObject({ replayed: true, body: failed.body });
    expect(await count('select count(*) as n from registry.institutions where credit_code = $1', [creditCode])).toBe(1);
  });

  it('an expired key runs again, and claims clear expired keys away', async () => {
    const institutionId = await register('太原市小店区幂等过期测试有限公司');
    const first = await send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key: 'expiring-1' });
    expect((await send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key: 'expiring-2' })).body.errors).toBeUndefined();
    expect(await count(`select count(*) as n from registry.idempotency_keys where key like 'expiring-%' and expires_at > now() + interval '23 hours'`)).toBe(2);
    await db.query(`update registry.idempotency_keys set expires_at = now() - interval '1 second' where key like 'expiring-%'`);
    const after = await send(ADD_CREDIT_RECORD, record(institutionId), { token: admin, key: 'expiring-1' });
    expect(after.replayed).toBe(false);
    expect(after.body.data.addCreditRecord.id).not.toBe(first.body.data.addCreditRecord.id);
    expect(await effects(institutionId)).toEqual({ records: 3, audit: 3, events: 3 });
    // expiring-1 is live again; expiring-2 was removed by that claim
    expect(await count(`select count(*) as n from registry.idempotency_keys where key like 'expiring-%'`)).toBe(1);
  });
});

describe('one operation across subgraphs', () => {
  const OPERATION = `mutation($a: AddCreditRecordInput!, $c: OpenTaiyuanCampaignInput!, $b: AddCreditRecordInput!) {
    first: addCreditRecord(input: $a) { id }
    campaign: openTaiyuanCampaign(input: $c) { year document }
    second: addCreditRecord(input: $b) { id }
  }`;

  it('each subgraph keys its own parts (registry twice, taiyuan once): the repeat replays all, a changed one is refused by all', async () => {
    const institutionId = await register('太原市小店区幂等跨子图测试有限公司');
    const variables = {
      a: record(institutionId, '信用中国').input,
      c: { year: 2031, document: '2031 年度太原市示范平台工作通知', opensOn: '2031-03-03', deadline: '2031-03-31' },
      b: record(institutionId, '国家企业信用信息公示系统').input,
    };
    const campaigns = () => count('select count(*) as n from taiyuan.campaigns where year = 2031');
    const first = await send(OPERATION, variables, { token: admin, key: 'across-1' });
    expect(first.body.errors).toBeUndefined();
    expect(first.replayed).toBe(false);
    expect(await count(`select count(*) as n from registry.idempotency_keys, jsonb_object_keys(parts) where key = 'across-1'`)).toBe(2);
    expect(await count(`select count(*) as n from taiyuan.idempotency_keys, jsonb_object_keys(parts) where key = 'across-1'`)).toBe(1);

    const again = await send(OPERATION, variables, { token: admin, key: 'across-1' });
    expect(again).toMatchObject({ replayed: true, body: first.body });
    expect(await effects(institutionId)).toEqual({ records: 2, audit: 2, events: 2 });
    expect(await campaigns()).toBe(1);

    // only taiyuan's part changes: registry refuses too, since the operation is not the one the key was used for
    await settled();
    const before = [await schemaChecksums(supergraph.databaseUrl, 'registry'), await schemaChecksums(supergraph.databaseUrl, 'taiyuan')];
    const changed = await send(OPERATION, { ...variables, c: { ...variables.c, document: '2031 年度通知（修订）' } }, { token: admin, key: 'across-1' });
    expect(changed.body.data ?? null).toBeNull();
    expect(changed.body.errors!.map((e) => e.extensions.reason)).toContain('IDEMPOTENCY_KEY_REUSED');
    expect(changed.body.errors!.every((e) => e.extensions.reason === 'IDEMPOTENCY_KEY_REUSED')).toBe(true);
    expect([await schemaChecksums(supergraph.databaseUrl, 'registry'), await schemaChecksums(supergraph.databaseUrl, 'taiyuan')]).toEqual(before);
  });
});

describe('SQL statements a key costs', () => {
  it('two per keyed mutation (the claim and the stored answer); a replay costs two in all', async () => {
    const [x, y] = [await register('太原市小店区幂等计数测试甲有限公司'), await register('太原市小店区幂等计数测试乙有限公司')];
    const plain = await send(ADD_CREDIT_RECORD, record(x), { token: admin });
    const keyed = await send(ADD_CREDIT_RECORD, record(y), { token: admin, key: 'cost-1' });
    const replay = await send(ADD_CREDIT_RECORD, record(y), { token: admin, key: 'cost-1' });
    expect(plain.sqlStatements).toBeGreaterThan(0);
    expect(keyed.sqlStatements - plain.sqlStatements).toBe(2);
    expect(replay).toMatchObject({ replayed: true, sqlStatements: 2 });
  });
});

describe('the table', () => {
  it('comes in a migration of its own, which a database that already ran the subgraph’s first migration runs once', async () => {
    const url = await createTestDatabase({ empty: true }); // the upgrade path runs migrations from nothing
    const deployed = await openDatabase({ schema: 'registry', entities: registry.entities, migrations: registry.migrations, url, poolMax: 2 });
    expect(await migrate(deployed)).toEqual(registry.migrations.map((m) => (m as { name: string }).name));
    await deployed.close(true);
    const upgraded = await openDatabase({ schema: 'registry', entities: registry.entities, migrations: withKernelMigrations('registry', registry.migrations), url, poolMax: 2 });
    try {
      const applied = await migrate(upgraded);
      expect(applied).toContain(IDEMPOTENCY_KEYS_MIGRATION);
      expect(applied).not.toContain('Migration20261123000000_initial');
      expect(await migrate(upgraded)).toEqual([]);
      expect(await upgraded.em.fork().getConnection().execute(`select count(*)::int as n from registry.idempotency_keys`)).toEqual([{ n: 0 }]);
    } finally {
      await upgraded.close(true);
    }
  });
});
