/**
 * How every process of the server-load benchmark is started: from bash with the open-file limit
 * raised, pinned to its core (the server to core 0, the load generators to core 1) when the machine
 * has two cores and `taskset`, and killed when the benchmark exits, whatever happens.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** The open-file limit every benchmark process gets (the hard limit on these machines). */
export const NOFILE = 20_000;

/** Pin server and generators to different cores when there are two and taskset exists. */
export const PIN = availableParallelism() >= 2 && spawnSync('taskset', ['-p', String(process.pid)]).status === 0;
export const SERVER_CORE = 0;
export const GENERATOR_CORE = 1;

/** bash: raise the open-file limit, pin to `core`, exec the rest of the arguments. */
export function shellScript(core: number): string {
  const pin = PIN ? `taskset -c ${core} ` : '';
  return `ulimit -n ${NOFILE} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec ${pin}"$0" "$@"`;
}

/** Every child still running, killed on exit whatever happens. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Kill `child` when this process exits, unless it has exited by then. */
export function killOnExit(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}
