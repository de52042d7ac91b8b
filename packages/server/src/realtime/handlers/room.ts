/** `room:leave`: end the current chat. @module */
import { ClientEvent, ErrorCode } from '@novu-chat/protocol';
import type { Lobby } from '../../rooms/lobby.js';
import { plainEvent, ProtocolFailure, type EventHandlers } from '../event-spec.js';

/** The `room:*` events. */
export function roomHandlers({ lobby }: { lobby: Lobby }): EventHandlers<typeof ClientEvent.RoomLeave> {
  return {
    [ClientEvent.RoomLeave]: plainEvent({
      limit: 'typing',
      handle: async (s) => {
        if (!(await lobby.leaveRoom(s.id, 'left'))) throw new ProtocolFailure(ErrorCode.NotInRoom, 'You are not in a chat.');
      },
    }),
  };
}
