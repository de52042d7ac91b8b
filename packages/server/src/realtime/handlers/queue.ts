/** `queue:join` and `queue:leave`: into the lobby, and out of it. @module */
import { ClientEvent } from '@novu-chat/protocol';
import type { Lobby } from '../../rooms/lobby.js';
import { queueJoinSchema } from '../../validation/schemas.js';
import { payloadEvent, plainEvent, type EventHandlers } from '../event-spec.js';

/** What the queue events work with. */
export interface QueueHandlerDeps {
  lobby: Lobby;
  /** Cluster mode: this process's id, recorded with the queue entry and the room. */
  node?: string | undefined;
}

/** The `queue:*` events. */
export function queueHandlers({ lobby, node }: QueueHandlerDeps): EventHandlers<typeof ClientEvent.QueueJoin | typeof ClientEvent.QueueLeave> {
  return {
    [ClientEvent.QueueJoin]: payloadEvent({
      limit: 'join',
      schema: queueJoinSchema,
      handle: async (s, { interests, mode }) => {
        const matched = await lobby.join({
          id: s.id,
          clientKey: s.data.clientKey,
          ipKey: s.data.ipKey,
          interests,
          mode,
          pool: s.data.siteKey ?? '',
          ...(node ? { node } : {}),
        });
        return { matched };
      },
    }),
    [ClientEvent.QueueLeave]: plainEvent({
      limit: 'typing',
      handle: async (s) => {
        await lobby.leaveQueue(s.id);
      },
    }),
  };
}
