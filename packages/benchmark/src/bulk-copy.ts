import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyLine } from './copy-format';
import type { TableLoad } from './scale-tables';

/** Rows are sent in chunks of about this many characters: few enough writes, little memory. */
const CHUNK = 1 << 20;

/**
 * One table's rows through `COPY … FROM STDIN` (never an insert per row), in the caller's transaction. The rows
 * are made as the stream asks for them, so a million-row table never sits in memory. Returns the rows the server
 * reports it stored.
 */
export async function copyRows(client: Client, load: TableLoad, onRows: (rows: number) => void): Promise<number> {
  const columns = load.columns.map((c) => `"${c}"`).join(', ');
  const stream = client.query(copyFrom(`COPY "${load.schema}"."${load.table}" (${columns}) FROM STDIN`));
  function* chunks(): Generator<string> {
    let buffer = '';
    let rows = 0;
    for (const row of load.generate()) {
      buffer += copyLine(row);
      rows++;
      if (buffer.length >= CHUNK) {
        yield buffer;
        onRows(rows);
        buffer = '';
        rows = 0;
      }
    }
    if (buffer) {
      yield buffer;
      onRows(rows);
    }
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), stream);
  return stream.rowCount;
}
