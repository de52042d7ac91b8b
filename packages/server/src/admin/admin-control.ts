/**
 * What the running server gives operators: its live numbers and the few actions they may take.
 * The admin service, the JSON API, the dashboard and the Prometheus gauges all read these.
 * @module
 */
import type { WaitingCounts } from '../matchmaking/types.js';
import type { RoomRecord } from '../rooms/room-directory.js';

/** Live numbers of the whole service. */
export interface LiveStats {
  online: number;
  waiting: number;
  waitingByMode: WaitingCounts['byMode'];
  rooms: number;
}

/** What operators can see and do (the admin API and dashboard build on it). */
export interface AdminControl {
  /** Live numbers: connected clients, waiting users by mode, open rooms. */
  stats(): Promise<LiveStats>;
  /** Up to `limit` open rooms, oldest first, with members as keyed hashes (never an IP). */
  listRooms(limit?: number): Promise<RoomRecord[]>;
  /** End a room: both members get `partner:left { reason: 'ended' }`. */
  endRoom(roomId: string): Promise<boolean>;
  /** Disconnect live connections whose hashed client or IP matches. Returns how many. */
  disconnectClients(match: { clientKey?: string; ipKey?: string }): Promise<number>;
}
