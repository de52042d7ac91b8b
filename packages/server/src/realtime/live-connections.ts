import type { NovuIo, NovuSocket } from './socket-types.js';

/** The connections of the service: counted, and disconnected by operators' and reports' bans. */
export class LiveConnections {
  readonly #io: NovuIo;
  readonly #onlineCount: (() => Promise<number>) | undefined;

  /** @param onlineCount - cluster mode: connected users across every process. */
  constructor(io: NovuIo, onlineCount?: () => Promise<number>) {
    this.#io = io;
    this.#onlineCount = onlineCount;
  }

  /** Connections to this process. */
  get local(): number {
    return this.#io.sockets.sockets.size;
  }

  /** Whether a connection is on this process. */
  isLocal(socketId: string): boolean {
    return this.#io.sockets.sockets.has(socketId);
  }

  /** Connected users: cluster-wide in cluster mode. */
  async online(): Promise<number> {
    return this.#onlineCount ? this.#onlineCount() : this.local;
  }

  /** Disconnect every live connection (on any process) whose hashed client or IP matches. */
  async disconnectClients(match: { clientKey?: string; ipKey?: string }): Promise<number> {
    const sockets = await this.#io.fetchSockets();
    let count = 0;
    for (const socket of sockets) {
      const data = socket.data as Partial<NovuSocket['data']>;
      if ((match.clientKey && data.clientKey === match.clientKey) || (match.ipKey && data.ipKey === match.ipKey)) {
        socket.disconnect(true);
        count++;
      }
    }
    return count;
  }
}
