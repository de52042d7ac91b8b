/** One packet kept for connection state recovery. */
export interface LoggedPacket {
  /** Emission order across the whole namespace (the recovery offset the client echoes back). */
  readonly seq: number;
  readonly emittedAt: number;
  /** Rooms (socket ids included) the packet was not sent to. */
  readonly except: ReadonlySet<string> | undefined;
  /**
   * The event name and arguments, recovery offset last: as the JSON text Socket.IO sent (one flat
   * string is far cheaper for the garbage collector to keep than the decoded object graph), or
   * the arguments themselves when the packet was not a plain text frame.
   */
  readonly data: string | unknown[];
}

/**
 * The recent packets sent to one room, oldest first, bounded in count and (through {@link trim})
 * in age. It remembers the newest packet it had to drop, so a client whose last received packet
 * is older can be told that its missed packets are no longer complete.
 */
export class PacketLog {
  readonly #maxEntries: number;
  #entries: LoggedPacket[] = [];
  #droppedThrough = 0;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** How many packets the log holds. */
  get size(): number {
    return this.#entries.length;
  }

  /** Keeps `packet` (its `seq` must be above every kept one), dropping the oldest over the bound. */
  append(packet: LoggedPacket): void {
    this.#entries.push(packet);
    if (this.#entries.length > this.#maxEntries) this.#drop(this.#entries.length - this.#maxEntries);
  }

  /** Drops the packets emitted before `threshold` (epoch ms). */
  trim(threshold: number): void {
    let count = 0;
    while (count < this.#entries.length && (this.#entries[count] as LoggedPacket).emittedAt < threshold) count++;
    if (count > 0) this.#drop(count);
  }

  /**
   * The kept packets after `seq`, oldest first; `null` when a packet after `seq` was dropped
   * (the missed packets would be incomplete).
   */
  after(seq: number): LoggedPacket[] | null {
    if (this.#droppedThrough > seq) return null;
    const entries = this.#entries;
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((entries[mid] as LoggedPacket).seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return entries.slice(lo);
  }

  #drop(count: number): void {
    this.#droppedThrough = (this.#entries[count - 1] as LoggedPacket).seq;
    this.#entries = this.#entries.slice(count);
  }
}
