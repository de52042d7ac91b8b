/**
 * The table of every client event: one module per event family, assembled here into the
 * {@link EventTable} (a missing family or event fails to compile).
 * @module
 */
import type { ClientEventName, ClientToServerEvents } from '@novu-chat/protocol';
import type { Moderation } from '../../moderation/moderation.js';
import type { Lobby } from '../../rooms/lobby.js';
import type { RoomDirectory } from '../../rooms/room-directory.js';
import type { Telemetry } from '../../telemetry.js';
import type { EventTable } from '../event-spec.js';
import { chatHandlers } from './chat.js';
import { moderationHandlers } from './moderation.js';
import { queueHandlers } from './queue.js';
import { roomHandlers } from './room.js';
import { signalHandlers } from './signal.js';

// The protocol's event-name constants and its typed event map must name the same events.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameEventNames: Same<ClientEventName, keyof ClientToServerEvents> = true;
void sameEventNames;

/** What the event handlers work with. */
export interface EventTableDeps {
  lobby: Lobby;
  directory: RoomDirectory;
  moderation: Moderation;
  telemetry: Telemetry;
  /** Cluster mode: this process's id. */
  node?: string | undefined;
  now: () => number;
}

/** Every client event's handler, shared by every connection. */
export function eventTable(deps: EventTableDeps): EventTable {
  return {
    ...queueHandlers(deps),
    ...roomHandlers(deps),
    ...signalHandlers(deps),
    ...chatHandlers(deps),
    ...moderationHandlers(deps),
  };
}
