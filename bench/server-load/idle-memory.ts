/**
 * Scenario "idle memory": RSS (and V8 heap after a full GC) of a fresh server with N idle connections
 * minus without any, divided by N; the server's CPU while they connect and while they sit idle.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { connectAll, disconnectAll, type LoadGenerator } from './load-generators.ts';
import type { ServerUnderTest } from './server-under-test.ts';

/** Idle-connection memory. */
export interface MemoryRow {
  clients: number;
  connected: number;
  connectSeconds: number;
  /** Server CPU while the clients connected, share of one core, %. */
  connectServerCpuPct: number;
  /** Server CPU over the 2 s the clients sat idle, share of one core, %. */
  idleServerCpuPct: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  /** (RSS with N idle − RSS with none) / N, KiB. */
  rssPerClientKiB: number;
  /** The same for V8 heap used + external, both after a full GC, KiB. */
  heapPerClientKiB: number;
}

/** Measure `clients` idle connections on `server` (started with the memory probe), then disconnect them. */
export async function runMemory(gens: readonly LoadGenerator[], server: ServerUnderTest, clients: number): Promise<MemoryRow> {
  await sleep(1_000);
  const before = await server.memory();
  const rssBefore = server.rssMiB();
  const cpu0 = server.cpuMs();
  const { connected, seconds } = await connectAll(gens, server.url, clients);
  const connectServerCpuPct = ((server.cpuMs() - cpu0) / (seconds * 1000)) * 100;
  const idle0 = server.cpuMs();
  await sleep(2_000);
  const idleServerCpuPct = ((server.cpuMs() - idle0) / 2_000) * 100;
  const after = await server.memory();
  await sleep(500); // RSS settles after the GC returned pages
  const rssAfter = server.rssMiB();
  await disconnectAll(gens);
  return {
    clients,
    connected,
    connectSeconds: seconds,
    connectServerCpuPct,
    idleServerCpuPct,
    rssBeforeMiB: rssBefore,
    rssAfterMiB: rssAfter,
    rssPerClientKiB: ((rssAfter - rssBefore) * 1024) / connected,
    heapPerClientKiB: ((after.heapUsed + after.external - before.heapUsed - before.external) / 1024) / connected,
  };
}
