/** A pass of the server-load benchmark: what it runs (the plan of the quick or full pass) and what it measured. */
import type { ChurnSpec } from '../load-generator.ts';
import type { BurstRow } from './burst.ts';
import type { ChurnRow } from './churn.ts';
import type { MemoryRow } from './idle-memory.ts';

/** The call each matched pair makes in the churn steps. */
export const CHURN_SPEC = { iceCandidates: 3, messages: 2 } as const;

/** What a pass runs. */
export interface Plan {
  /** Burst sizes. */
  bursts: number[];
  /** Churn steps, joins per second. */
  rates: number[];
  virtualUsersPerGenerator: number;
  churn: Omit<ChurnSpec, 'rate'>;
  /** Idle connections of the memory measurement. */
  idleClients: number;
}

/** The settings of a pass. */
export function plan(quick: boolean): Plan {
  return {
    bursts: [1_000, 5_000],
    rates: [250, 500, 1_000, 1_500, 2_000, 2_500, 3_000],
    virtualUsersPerGenerator: 1_000,
    churn: quick
      ? { warmupMs: 1_000, windowMs: 15_000, drainMs: 3_000, ...CHURN_SPEC }
      : { warmupMs: 5_000, windowMs: 60_000, drainMs: 3_000, ...CHURN_SPEC },
    idleClients: 10_000,
  };
}

/** Everything the server-load benchmark measured. */
export interface ServerLoadResult {
  quick: boolean;
  generators: number;
  pinned: boolean;
  /** Largest |parent − generator| wall-clock offset seen, ms (bounded by half the IPC round trip). */
  clockSkewMs: number;
  virtualUsers: number;
  churnStepSeconds: number;
  bursts: BurstRow[];
  churn: ChurnRow[];
  /** The highest target rate held, joins/s (0: none). */
  highestRateHeld: number;
  /** Undefined when the plan has no idle clients. */
  memory: MemoryRow | undefined;
  /** CPU profiles written (with `cpuProfDir`). */
  profiles: string[];
}
