import type { CopyValue } from './copy-format';

/**
 * One table's share of the scale data: its columns, the rows planned (the progress bar's total, checked against
 * what was written) and the rows themselves, produced when the table is loaded so that the large tables never sit
 * in memory whole.
 */
export interface TableLoad {
  schema: string;
  table: string;
  columns: readonly string[];
  rows: number;
  generate(): Iterable<readonly CopyValue[]>;
}

export const tableName = (load: Pick<TableLoad, 'schema' | 'table'>) => `${load.schema}.${load.table}`;

/** A table whose rows are already built. */
export function builtTable(schema: string, table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): TableLoad {
  return { schema, table, columns, rows: rows.length, generate: () => rows };
}

/** A table whose rows are made as they are written; `rows` must be the number `generate` yields. */
export function streamedTable(schema: string, table: string, columns: readonly string[], rows: number, generate: () => Iterable<readonly CopyValue[]>): TableLoad {
  return { schema, table, columns, rows, generate };
}
