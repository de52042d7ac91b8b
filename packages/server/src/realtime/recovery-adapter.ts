import { Adapter, type BroadcastOptions, type PrivateSessionId, type Room, type Session } from 'socket.io-adapter';
import { PacketLog, type LoggedPacket } from './packet-log.js';

/** A disconnected connection's state, kept for the recovery window. */
interface StoredSession {
  readonly sid: string;
  readonly pid: PrivateSessionId;
  readonly rooms: Room[];
  readonly data: unknown;
  readonly disconnectedAt: number;
}

/** The parts of a Socket.IO packet the adapter reads. */
interface EventPacket {
  type: number;
  id?: number;
  nsp?: string;
  data: unknown[];
}

/** How the base adapter writes a packet to a socket. */
interface PacketOptions {
  preEncoded: boolean;
  volatile: boolean | undefined;
  compress: boolean | undefined;
}

/** The base adapter's internals this adapter reuses (socket.io-adapter 2.5, in-memory adapter). */
interface AdapterInternals {
  _encode(packet: EventPacket, packetOpts: PacketOptions): unknown[];
  apply(opts: BroadcastOptions, callback: (socket: OutgoingSocket) => void): void;
}

/** What the base adapter's broadcast calls on each recipient. */
interface OutgoingSocket {
  notifyOutgoingListeners?: (packet: EventPacket) => void;
  client: { writeToEngine(encoded: unknown[], packetOpts: PacketOptions): void };
}

/** Socket.IO's EVENT packet type. */
const EVENT = 2;
/** The key of the log of packets sent to everyone (no room). */
const EVERYONE = '\0everyone';
/** Packets kept per room (a socket's own room or a chat room) within the recovery window. */
export const PACKETS_PER_ROOM = 64;
/** An offset as this adapter writes it: the packet's sequence number in base 36. */
const OFFSET = /^[0-9a-z]{1,10}$/;

/** The namespace an adapter serves (Socket.IO passes it). */
type AdapterNamespace = ConstructorParameters<typeof Adapter>[0];

/** Options of {@link ScopedRecoveryAdapter}. */
export interface ScopedRecoveryOptions {
  /** Events never replayed (snapshots such as `stats`, where only the next one matters). */
  transientEvents?: ReadonlySet<string>;
  /** The clock (tests). */
  now?: () => number;
}

/**
 * Socket.IO's in-memory adapter with connection state recovery whose packet log is kept **per
 * room** instead of one log of every packet:
 *
 * - a room's log lives while the room has members or a disconnected connection that was in it may
 *   still come back, so the relays of a chat are freed as soon as the chat ends (the stock adapter
 *   keeps every relayed SDP for the whole window, which at a few thousand joins per second is
 *   hundreds of MB of old-generation garbage and long GC pauses);
 * - restoring looks only at the rooms of the session, never scans the whole log;
 * - a client whose last received packet is older than the window can still recover as long as
 *   nothing it missed was dropped (a quiet video call keeps its room through a network change);
 * - transient events (`stats`) are never kept.
 *
 * The wire format is Socket.IO's: the offset is the last argument of each kept event.
 */
export class ScopedRecoveryAdapter extends Adapter {
  readonly #windowMs: number;
  readonly #logs = new Map<Room, PacketLog>();
  readonly #sessions = new Map<PrivateSessionId, StoredSession>();
  /** How many stored sessions list each room. */
  readonly #holds = new Map<Room, number>();
  readonly #timer: NodeJS.Timeout;
  readonly #transient: ReadonlySet<string>;
  readonly #now: () => number;
  #seq = 0;

  constructor(nsp: AdapterNamespace, options: ScopedRecoveryOptions = {}) {
    super(nsp);
    this.#transient = options.transientEvents ?? new Set<string>();
    this.#now = options.now ?? Date.now;
    const recovery = (nsp as { server: { opts: { connectionStateRecovery?: { maxDisconnectionDuration: number } } } })
      .server.opts.connectionStateRecovery;
    this.#windowMs = recovery?.maxDisconnectionDuration ?? 0;
    this.on('delete-room', (room: Room) => this.#dropIfUnused(room));
    this.#timer = setInterval(() => this.#expire(), 1_000);
    this.#timer.unref();
  }

  /** Packets kept (all logs); for tests and benchmarks. */
  get keptPackets(): number {
    let count = 0;
    for (const log of this.#logs.values()) count += log.size;
    return count;
  }

  /** Rooms with a log; for tests. */
  get loggedRooms(): number {
    return this.#logs.size;
  }

  override broadcast(packet: EventPacket, opts: BroadcastOptions): void {
    const replayable =
      packet.type === EVENT &&
      packet.id === undefined &&
      !opts.flags?.volatile &&
      !this.#transient.has(packet.data[0] as string);
    const targets = replayable ? this.#logsFor(opts) : [];
    if (targets.length === 0) {
      super.broadcast(packet, opts);
      return;
    }
    const seq = ++this.#seq;
    // The offset goes last, so the client knows the newest packet it has (Socket.IO's format).
    packet.data.push(seq.toString(36));
    // The base adapter's broadcast, keeping the encoded text it sends.
    packet.nsp = this.nsp.name;
    const flags = opts.flags ?? {};
    const packetOpts: PacketOptions = { preEncoded: true, volatile: flags.volatile, compress: flags.compress };
    const base = this as unknown as AdapterInternals;
    const encoded = base._encode(packet, packetOpts);
    const text = encoded.length === 1 && typeof encoded[0] === 'string' ? encoded[0] : undefined;
    const logged: LoggedPacket = {
      seq,
      emittedAt: this.#now(),
      except: opts.except?.size ? opts.except : undefined,
      data: text ?? packet.data,
    };
    for (const log of targets) log.append(logged);
    base.apply(opts, (socket) => {
      socket.notifyOutgoingListeners?.(packet);
      socket.client.writeToEngine(encoded, packetOpts);
    });
  }

  override persistSession(session: Omit<StoredSession, 'disconnectedAt'>): void {
    this.#release(session.pid);
    this.#sessions.set(session.pid, { ...session, disconnectedAt: this.#now() });
    for (const room of session.rooms) this.#holds.set(room, (this.#holds.get(room) ?? 0) + 1);
  }

  override restoreSession(pid: PrivateSessionId, offset: string): Promise<Session> {
    const session = this.#sessions.get(pid);
    if (!session) return Promise.resolve(null as unknown as Session);
    const missed = session.disconnectedAt + this.#windowMs >= this.#now() ? this.#missed(session, offset) : null;
    this.#release(pid);
    if (!missed) return Promise.resolve(null as unknown as Session);
    const { sid, rooms, data } = session;
    return Promise.resolve({ sid, pid, rooms, data, missedPackets: missed.map((packet) => this.#argumentsOf(packet)) });
  }

  override close(): void {
    clearInterval(this.#timer);
  }

  /** The logs a packet to these rooms goes to (created as needed): none if nobody could ever recover it. */
  #logsFor(opts: BroadcastOptions): PacketLog[] {
    const logs: PacketLog[] = [];
    for (const room of opts.rooms.size === 0 ? [EVERYONE] : opts.rooms) {
      if (room !== EVERYONE && !this.#inUse(room)) continue;
      let log = this.#logs.get(room);
      if (!log) {
        log = new PacketLog(PACKETS_PER_ROOM);
        this.#logs.set(room, log);
      }
      logs.push(log);
    }
    return logs;
  }

  /** A kept packet's event name and arguments, as Socket.IO replays them. */
  #argumentsOf(packet: LoggedPacket): unknown[] {
    if (typeof packet.data !== 'string') return packet.data;
    // Socket.IO's text encoding: the packet type, then `<nsp>,` outside the main namespace, then the JSON.
    const nsp = this.nsp.name as string;
    return JSON.parse(packet.data.slice(nsp === '/' ? 1 : nsp.length + 2)) as unknown[];
  }

  /** The packets a session missed after `offset`, oldest first; `null` when some were dropped. */
  #missed(session: StoredSession, offset: string): LoggedPacket[] | null {
    if (!OFFSET.test(offset)) return null;
    const seq = parseInt(offset, 36);
    if (seq > this.#seq) return null;
    const found: LoggedPacket[] = [];
    for (const room of [EVERYONE, ...session.rooms]) {
      const log = this.#logs.get(room);
      if (!log) continue;
      const packets = log.after(seq);
      if (!packets) return null;
      for (const packet of packets) {
        if (!packet.except || session.rooms.every((r) => !packet.except?.has(r))) found.push(packet);
      }
    }
    found.sort((a, b) => a.seq - b.seq);
    // A packet sent to several of the session's rooms is replayed once.
    return found.filter((packet, i) => i === 0 || (found[i - 1] as LoggedPacket).seq !== packet.seq);
  }

  #inUse(room: Room): boolean {
    return this.rooms.has(room) || this.#holds.has(room);
  }

  #dropIfUnused(room: Room): void {
    if (!this.#inUse(room)) this.#logs.delete(room);
  }

  #release(pid: PrivateSessionId): void {
    const session = this.#sessions.get(pid);
    if (!session) return;
    this.#sessions.delete(pid);
    for (const room of session.rooms) {
      const holds = (this.#holds.get(room) ?? 1) - 1;
      if (holds > 0) this.#holds.set(room, holds);
      else {
        this.#holds.delete(room);
        this.#dropIfUnused(room);
      }
    }
  }

  #expire(): void {
    const threshold = this.#now() - this.#windowMs;
    for (const [pid, session] of this.#sessions) if (session.disconnectedAt < threshold) this.#release(pid);
    for (const log of this.#logs.values()) log.trim(threshold);
  }
}

/** The adapter class Socket.IO's `adapter` option takes, with `options` bound. */
export function scopedRecoveryAdapter(options: ScopedRecoveryOptions = {}): typeof ScopedRecoveryAdapter {
  return class extends ScopedRecoveryAdapter {
    constructor(nsp: AdapterNamespace) {
      super(nsp, options);
    }
  };
}
