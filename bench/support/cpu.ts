/**
 * CPU time of the benchmark process (every thread: the runtime, its function threads, fauxqs and the
 * emulators) and of its child processes (DynamoDB Local's JVM), so a benchmark can report CPU per message:
 * on a shared machine that moves far less with other people's load than wall-clock figures do.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU milliseconds so far: this process, and its live child processes (Linux `/proc`; NaN elsewhere). */
export interface CpuSample {
  processMs: number;
  /** The main thread alone (the API Gateway, the HTTP handlers, fauxqs, the emulators, the bench client). */
  mainThreadMs: number;
  childrenMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system milliseconds in a `/proc/…/stat` line (the 14th and 15th fields). */
function statCpuMs(stat: string): number {
  // Fields after the parenthesised command: state ppid … utime stime.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** User + system time of this process's main thread (its task id is the pid). */
function mainThreadCpuMs(): number {
  try {
    return statCpuMs(readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8'));
  } catch {
    return Number.NaN;
  }
}

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
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) total += statCpuMs(stat);
    }
  } catch {
    return Number.NaN;
  }
  return total;
}

/** Samples the CPU time used so far. */
export function cpuSample(): CpuSample {
  const { user, system } = process.cpuUsage();
  return { processMs: (user + system) / 1000, mainThreadMs: mainThreadCpuMs(), childrenMs: childrenCpuMs() };
}
