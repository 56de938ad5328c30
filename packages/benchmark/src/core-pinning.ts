import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';

/**
 * The load generator gets a core of its own and everything it measures (PostgreSQL, the subgraphs, both
 * gateways) shares the others, so the generator's own work never steals time from what it times. On a
 * two-core machine: core 1 drives, core 0 serves. `taskset` (util-linux) sets the affinity of every thread
 * of a process; children forked later (PostgreSQL's backends) inherit it.
 */
export interface CoreLayout {
  /** Cores the servers run on, as taskset's list (`0`, `0-2`). */
  servers: string;
  /** The load generator's core. */
  loadGenerator: string;
  /** False when the machine has one core or taskset is missing: the figures say so. */
  pinned: boolean;
}

export function coreLayout(): CoreLayout {
  const cores = os.availableParallelism();
  let taskset = true;
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    taskset = false;
  }
  if (cores < 2 || !taskset) return { servers: '', loadGenerator: '', pinned: false };
  const last = cores - 1;
  return { servers: last === 1 ? '0' : `0-${last - 1}`, loadGenerator: String(last), pinned: true };
}

/** Pins every thread of `pid` to `cores`. */
export function pinToCores(pid: number, cores: string): void {
  if (!cores) return;
  execFileSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { stdio: 'ignore' });
}

/** The direct children of `pid` (PostgreSQL's postmaster → its background processes and backends). */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // the command name (field 2) may hold spaces and parentheses: the fields after its last ')' are fixed
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

/** The postmaster's process id, from the data directory's postmaster.pid (its first line). */
export function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
}
