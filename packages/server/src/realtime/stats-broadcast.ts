import { ServerEvent, type StatsPayload } from '@novu-chat/protocol';
import type { Logger } from 'pino';
import type { Matchmaker } from '../matchmaking/types.js';
import type { LiveConnections } from './live-connections.js';
import type { NovuIo, NovuSocket } from './socket-types.js';

const keyOf = (stats: StatsPayload): string => `${stats.online}:${stats.waiting}`;

/** The `stats` event: sent to each new connection, and broadcast on a timer when the numbers change. */
export class StatsBroadcast {
  readonly #io: NovuIo;
  readonly #connections: LiveConnections;
  readonly #matchmaker: Pick<Matchmaker, 'counts'>;
  readonly #log: Logger;
  #timer: NodeJS.Timeout | undefined;
  #last = '';

  /** @param intervalMs - broadcast interval (`STATS_INTERVAL_MS`); 0: no broadcasts. */
  constructor(io: NovuIo, connections: LiveConnections, matchmaker: Pick<Matchmaker, 'counts'>, log: Logger, intervalMs: number) {
    this.#io = io;
    this.#connections = connections;
    this.#matchmaker = matchmaker;
    this.#log = log;
    if (intervalMs > 0) {
      this.#timer = setInterval(() => void this.#broadcast(), intervalMs);
      this.#timer.unref();
    }
  }

  /** Send the numbers to one (new) connection. */
  async send(socket: NovuSocket): Promise<void> {
    try {
      const stats = await this.#payload();
      socket.emit(ServerEvent.Stats, stats);
      // This connection now holds other numbers than the last broadcast: the next one must go out
      // even if the numbers are back to that broadcast's by then, or it would never be corrected.
      if (keyOf(stats) !== this.#last) this.#last = '';
    } catch (error) {
      this.#log.warn({ err: error }, 'stats failed');
    }
  }

  /** Stop broadcasting. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #payload(): Promise<StatsPayload> {
    const counts = await this.#matchmaker.counts();
    return { online: await this.#connections.online(), waiting: counts.total };
  }

  async #broadcast(): Promise<void> {
    if (this.#connections.local === 0) return;
    try {
      const stats = await this.#payload();
      // Only when the numbers changed: a broadcast to thousands of idle sockets is not free.
      const key = keyOf(stats);
      if (key === this.#last) return;
      this.#last = key;
      // Local sockets only: each process broadcasts to its own clients.
      this.#io.local.volatile.emit(ServerEvent.Stats, stats);
    } catch (error) {
      this.#log.warn({ err: error }, 'stats broadcast failed');
    }
  }
}
