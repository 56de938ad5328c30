import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { SeedProgress } from './scale-seed';

/**
 * The seeding's progress: on a terminal, one bar for every table together (rows written of rows planned) and one
 * for the table being written; elsewhere (a log, CI), one line per table once it is committed.
 */
export function seedProgressReporter(out: NodeJS.WriteStream = process.stdout): { onProgress(progress: SeedProgress): void; stop(): void } {
  if (!out.isTTY) {
    return {
      onProgress(p) {
        if (p.done) out.write(`${p.table.padEnd(45)} ${String(p.tableRows).padStart(9)} rows ${(p.tableMs / 1000).toFixed(1).padStart(6)} s   (${p.rows} of ${p.planned})\n`);
      },
      stop() {},
    };
  }
  const bars = new MultiBar(
    { stream: out, format: ' {bar} {percentage}% | {value}/{total} rows | {label}', hideCursor: true, clearOnComplete: false, etaBuffer: 50, fps: 5 },
    Presets.shades_classic,
  );
  let all: SingleBar | null = null;
  // one bar per table being written (the programme schemas load side by side)
  const tables = new Map<string, SingleBar>();
  return {
    onProgress(p) {
      all ??= bars.create(p.planned, 0, { label: 'all tables' });
      let table = tables.get(p.table);
      if (!table) {
        table = bars.create(Math.max(p.tablePlanned, 1), 0, { label: p.table });
        tables.set(p.table, table);
      }
      table.update(p.tableRows);
      all.update(p.rows);
      if (p.done) {
        bars.remove(table);
        tables.delete(p.table);
      }
    },
    stop() {
      bars.stop();
    },
  };
}
