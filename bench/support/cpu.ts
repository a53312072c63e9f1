/**
 * CPU time of the benchmark process (every thread: the runtime, its function threads, fauxqs and the
 * emulators) and of its child processes (DynamoDB Local's JVM), so a benchmark can report CPU per message:
 * on a shared machine that moves far less with other people's load than wall-clock figures do.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU milliseconds so far: this process, and its live child processes (Linux `/proc`; NaN elsewhere). */
export interface CpuSample {
  processMs: number;
  childrenMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system time of the live children of this process, from `/proc/<pid>/stat`. */
function childrenCpuMs(): number {
  let total = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      // Fields after the parenthesised command: state ppid … utime (14th field) stime (15th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      total += (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    }
  } catch {
    return Number.NaN;
  }
  return total;
}

/** Samples the CPU time used so far. */
export function cpuSample(): CpuSample {
  const { user, system } = process.cpuUsage();
  return { processMs: (user + system) / 1000, childrenMs: childrenCpuMs() };
}
