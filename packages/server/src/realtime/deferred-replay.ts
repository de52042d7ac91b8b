import type { Session } from 'socket.io-adapter';

/** The adapter method this module wraps. */
interface RecoveringAdapter {
  restoreSession(pid: string, offset: string): Promise<Session>;
}

/** A connection Socket.IO restored, as far as replaying packets needs. */
interface RestoredSocket {
  id: string;
}

/** How long restored packets wait for their connection's admission before they are dropped. */
const HOLD_MS = 10_000;

/**
 * Holds back the packets a resumed connection missed until the connection guard has admitted it.
 *
 * Socket.IO writes a restored session's missed packets to the transport while it builds the
 * socket, before any middleware runs: a client presenting someone else's session id and offset
 * would receive that person's missed chat even when the guard then refuses it. This wraps the
 * adapter's `restoreSession` (the memory and the Redis adapter alike) so the session comes back
 * with no packets; the gateway replays them once the connection is admitted, and drops them when
 * it is refused (or after {@link HOLD_MS}).
 */
export class DeferredReplay {
  readonly #held = new Map<string, { packets: unknown[][]; timer: NodeJS.Timeout }>();

  /** Wrap an adapter instance's `restoreSession`. */
  wrap(adapter: RecoveringAdapter): void {
    const restore = adapter.restoreSession.bind(adapter);
    adapter.restoreSession = async (pid, offset) => {
      const session = await restore(pid, offset);
      if (session && session.missedPackets.length > 0) {
        this.drop(session.sid);
        const timer = setTimeout(() => this.drop(session.sid), HOLD_MS);
        timer.unref();
        this.#held.set(session.sid, { packets: session.missedPackets, timer });
        session.missedPackets = [];
      }
      return session;
    };
  }

  /** Deliver an admitted connection's held packets, in order (as Socket.IO would have). */
  replay(socket: RestoredSocket): void {
    const held = this.#held.get(socket.id);
    if (!held) return;
    this.drop(socket.id);
    // Socket.IO's own replay path (`Socket#packet`, private in its types): the packets already
    // carry their recovery offsets, so they must not go through `emit` and be logged again.
    const writer = socket as unknown as { packet(packet: { type: number; data: unknown[] }): void };
    for (const data of held.packets) writer.packet({ type: EVENT_PACKET, data });
  }

  /** Forget a connection's held packets (refused, or never admitted). */
  drop(socketId: string): void {
    const held = this.#held.get(socketId);
    if (!held) return;
    clearTimeout(held.timer);
    this.#held.delete(socketId);
  }
}

/** socket.io-parser's `PacketType.EVENT`. */
const EVENT_PACKET = 2;
