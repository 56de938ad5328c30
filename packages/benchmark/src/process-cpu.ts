import fs from 'node:fs';
import { childPids } from './core-pinning';

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux, whatever the kernel's HZ). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after the name: state(0) ppid(1) … utime(11) stime(12) (fields 14 and 15 of proc(5))
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** A process and, for PostgreSQL, its children (backends come and go: each is counted while it lives). */
export interface MeasuredProcess {
  name: string;
  pid: number;
  withChildren?: boolean;
}

const totalCpu = (process: MeasuredProcess) =>
  cpuSeconds(process.pid) + (process.withChildren ? childPids(process.pid).reduce((sum, pid) => sum + cpuSeconds(pid), 0) : 0);

/**
 * CPU used by each process between `start()` and the returned `stop()`, as a share of one core over the
 * interval (1.0 = one core busy the whole time).
 */
export function measureCpu(processes: MeasuredProcess[]) {
  const before = new Map(processes.map((p) => [p.name, totalCpu(p)]));
  const startedAt = process.hrtime.bigint();
  return () => {
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    return Object.fromEntries(processes.map((p) => [p.name, Math.max(0, totalCpu(p) - (before.get(p.name) ?? 0)) / seconds]));
  };
}
