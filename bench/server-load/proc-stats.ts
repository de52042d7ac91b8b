/**
 * What Linux says about a process or the machine, read from /proc: CPU time (utime + stime), time
 * spent waiting for a core, memory (VmRSS, VmHWM) and TCP retransmission timeouts. Each reading is
 * NaN where /proc cannot be read.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLK_TCK = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(out.stdout?.trim()) || 100;
})();

/** CPU time (user + system) of a process so far, ms. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return Number.NaN;
  }
}

/** Time the process's main thread spent runnable but waiting for a core, ms (/proc/<pid>/schedstat): other load on its core. */
export function runQueueWaitMs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

/** A field of /proc/<pid>/status in KiB (VmRSS, VmHWM). */
export function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const found = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(found?.[1]);
  } catch {
    return Number.NaN;
  }
}

/** TCP retransmission timeouts so far, machine-wide (/proc/net/netstat TcpExt TCPTimeouts): each stalls a loopback connection for 200 ms or more. */
export function tcpTimeouts(): number {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((line) => line.startsWith('TcpExt:'));
    const names = lines[0]?.split(/\s+/) ?? [];
    const values = lines[1]?.split(/\s+/) ?? [];
    return Number(values[names.indexOf('TCPTimeouts')]);
  } catch {
    return Number.NaN;
  }
}
