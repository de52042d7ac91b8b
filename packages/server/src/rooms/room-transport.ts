/**
 * How rooms reach their members: each chat room has a channel (a Socket.IO room, so members on
 * any process of a cluster are reached), and the lobby joins, disbands and emits through a
 * {@link RoomTransport} (implemented by `realtime/socket-io-room-transport.ts`).
 * @module
 */
import type { ServerToClientEvents } from '@novu-chat/protocol';

/** The prefix of every chat room's channel name. */
const CHANNEL_PREFIX = 'room:';

/** The channel (Socket.IO room) of a chat room. */
export const roomChannel = (roomId: string): string => `${CHANNEL_PREFIX}${roomId}`;

/** Whether a channel name is a chat room's (a connection's other rooms are its own id). */
export const isRoomChannel = (channel: string): boolean => channel.startsWith(CHANNEL_PREFIX);

/** The chat channels among a connection's Socket.IO rooms (at most one while routing holds). */
export function chatChannels(rooms: Iterable<string>): string[] {
  const channels: string[] = [];
  for (const room of rooms) if (isRoomChannel(room)) channels.push(room);
  return channels;
}

/** Server events by name with their argument lists. */
type Emit = <E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>) => void;

/** Delivery and membership across the cluster (implemented on Socket.IO rooms through the adapter). */
export interface RoomTransport {
  /** Whether a connection may still be paired (connected, held for resume, or not known to be gone). */
  isPresent(socketId: string): boolean;
  /** Put a connection (on any process) into a room's channel. */
  join(socketId: string, channel: string): void;
  /** Take every member out of a room's channel. */
  disband(channel: string): void;
  /** Send to one connection. */
  toMember(socketId: string): { emit: Emit };
  /** Send to a room's channel, optionally except one member. */
  toRoom(channel: string, except?: string): { emit: Emit };
  /** The chat channels a connection of this process is in; none for a connection elsewhere. */
  channelsOf(socketId: string): string[];
}
