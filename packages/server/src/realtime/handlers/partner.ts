/**
 * Where a relay goes: the partner of a connection, and only the partner. Every relay (signals,
 * chat, typing) and the resume check find the chat through this one module, so the routing rule
 * can change in one place.
 * @module
 */
import { ErrorCode } from '@novu-chat/protocol';
import { isRoomChannel } from '../../rooms/room-transport.js';
import { ProtocolFailure } from '../event-spec.js';
import type { NovuSocket } from '../socket-types.js';

/**
 * The Socket.IO room of the chat this connection is in (the relay's hot path: no store lookup).
 * A connection is in one chat channel at most: joining one closes every other (the gateway's
 * `join-room` rule), so this is the room the server recorded for it at match time.
 */
export function chatChannelOf(socket: NovuSocket): string | undefined {
  for (const room of socket.rooms) if (isRoomChannel(room)) return room;
  return undefined;
}

/** Send to the partner, and only the partner (the sender is excluded from its own room broadcast). */
export function toPartner(socket: NovuSocket): ReturnType<NovuSocket['to']> {
  const channel = chatChannelOf(socket);
  if (!channel) throw new ProtocolFailure(ErrorCode.NotInRoom, 'You are not in a chat.');
  return socket.to(channel);
}
