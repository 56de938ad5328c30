import { Client } from 'pg';

/**
 * Resolves once the events of a running supergraph are at rest: every subgraph's outbox relayed, and every
 * consumer of every schema at the head of the stream. A test that compares a schema's checksums before and after
 * a refused request waits for this first, so that a relay or a consumer finishing earlier work (a member admitted
 * while preparing, an institution registered in the registry) is not taken for a write of the refused request.
 * Judged in one statement, so the outboxes, the stream and the consumers are read from the same snapshot.
 */
export async function eventsSettled(databaseUrl: string, timeoutMs = 20_000): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const schemasWith = async (table: string): Promise<string[]> =>
      (await client.query(`select table_schema from information_schema.tables where table_name = $1 order by 1`, [table])).rows.map((r) => r.table_schema as string);
    const [outboxes, consumers] = [await schemasWith('outbox'), await schemasWith('event_consumers')];
    const sum = (parts: string[]) => (parts.length ? parts.join(' + ') : '0');
    const unrelayed = sum(outboxes.map((s) => `(select count(*) from "${s}".outbox where published_at is null)`));
    const behind = sum(consumers.map((s) => `(select count(*) from "${s}".event_consumers where position < h.head)`));
    const statement = `select (${unrelayed})::int as unrelayed, (${behind})::int as behind, h.head::text as head
      from (select coalesce(max(position), 0) as head from event_stream.events) h`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query(statement);
      if (rows[0].unrelayed === 0 && rows[0].behind === 0) return;
      if (Date.now() > deadline) throw new Error(`events not at rest: ${rows[0].unrelayed} unrelayed, ${rows[0].behind} consumers behind position ${rows[0].head}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await client.end();
  }
}
