import { chatChannels, type RoomTransport } from '../rooms/room-transport.js';
import type { ResumeGrace } from './resume-grace.js';
import type { NovuIo } from './socket-types.js';

/**
 * How rooms reach connections through Socket.IO: a chat room is a Socket.IO room (its
 * channel), joined and left through the adapter so it works for a connection on any process
 * of a cluster, and emits are typed by the protocol's `ServerToClientEvents`.
 */
export class SocketIoRoomTransport implements RoomTransport {
  readonly #io: NovuIo;
  readonly #grace: ResumeGrace;
  readonly #clustered: boolean;

  /**
   * @param grace - connections held for resume count as present.
   * @param clustered - cluster mode: a remote connection cannot be seen from here, and the
   *   shared queue only holds present users, so every connection counts as present.
   */
  constructor(io: NovuIo, grace: ResumeGrace, clustered: boolean) {
    this.#io = io;
    this.#grace = grace;
    this.#clustered = clustered;
  }

  isPresent(socketId: string): boolean {
    return this.#io.sockets.sockets.has(socketId) || this.#grace.holds(socketId) || this.#clustered;
  }

  join(socketId: string, channel: string): void {
    this.#io.in(socketId).socketsJoin(channel);
  }

  disband(channel: string): void {
    this.#io.in(channel).socketsLeave(channel);
  }

  toMember(socketId: string): ReturnType<NovuIo['to']> {
    return this.#io.to(socketId);
  }

  toRoom(channel: string, except?: string): ReturnType<NovuIo['to']> {
    return except ? this.#io.to(channel).except(except) : this.#io.to(channel);
  }

  channelsOf(socketId: string): string[] {
    const socket = this.#io.sockets.sockets.get(socketId);
    return socket ? chatChannels(socket.rooms) : [];
  }
}
