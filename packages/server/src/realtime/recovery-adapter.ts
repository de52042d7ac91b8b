import { SessionAwareAdapter } from 'socket.io-adapter';

/** What the adapter keeps of one stored packet (socket.io-adapter internals, read-only here). */
interface StoredPacket {
  emittedAt: number;
}

/** The parts of SessionAwareAdapter's private state this subclass trims. */
interface AdapterState {
  packets: StoredPacket[];
  sessions: Map<string, { disconnectedAt: number }>;
  maxDisconnectionDuration: number;
}

/**
 * Socket.IO's in-memory adapter for connection state recovery, with its packet log trimmed every
 * second instead of every minute. The stock adapter keeps every relayed packet (SDPs, chat, ICE)
 * for up to a minute past the recovery window, which at a few thousand joins per second holds
 * hundreds of MB and triggers long GC pauses. Retention stays exactly the recovery window.
 */
export class BoundedRecoveryAdapter extends SessionAwareAdapter {
  readonly #timer: NodeJS.Timeout;

  constructor(nsp: ConstructorParameters<typeof SessionAwareAdapter>[0]) {
    super(nsp);
    this.#timer = setInterval(() => this.#trim(), 1_000);
    this.#timer.unref();
  }

  #trim(): void {
    const state = this as unknown as AdapterState;
    const threshold = Date.now() - state.maxDisconnectionDuration;
    for (const [id, session] of state.sessions) if (session.disconnectedAt < threshold) state.sessions.delete(id);
    const packets = state.packets;
    // Packets are in emission order: find the first one to keep (binary search), drop the rest.
    let lo = 0;
    let hi = packets.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((packets[mid] as StoredPacket).emittedAt < threshold) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) packets.splice(0, lo);
  }

  override close(): void {
    clearInterval(this.#timer);
  }
}
