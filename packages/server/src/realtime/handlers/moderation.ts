/**
 * The `report` and `block` events of one connection. Both act on the current partner or, when
 * the chat just ended (the partner skipped first), on the last partner of this connection.
 * The chat ends at once: the partner gets `partner:left { reason: 'skipped' }` and cannot tell
 * a report or block from a skip.
 * @module
 */
import { ClientEvent, ErrorCode } from '@novu-chat/protocol';
import type { Moderation } from '../../moderation/moderation.js';
import type { Lobby } from '../../rooms/lobby.js';
import type { RoomDirectory, RoomMember, RoomRecord } from '../../rooms/room-directory.js';
import { reportSchema } from '../../validation/schemas.js';
import { payloadEvent, plainEvent, ProtocolFailure, type EventHandlers } from '../event-spec.js';
import type { NovuSocket } from '../socket-types.js';

/** What the moderation events work with. */
export interface ModerationHandlerDeps {
  moderation: Moderation;
  lobby: Lobby;
  directory: RoomDirectory;
}

/** The `report` and `block` events, shared by every connection. */
export function moderationHandlers(deps: ModerationHandlerDeps): EventHandlers<typeof ClientEvent.Report | typeof ClientEvent.Block> {
  const { moderation, lobby, directory } = deps;

  /** This connection and its partner (current, or the last one), ending their room if it is still open. */
  const target = async (s: NovuSocket): Promise<{ room: RoomRecord; self: RoomMember; partner: RoomMember }> => {
    const current = await directory.roomOf(s.id);
    const room = current ?? (await directory.lastRoomOf(s.id));
    const self = room?.members.find((member) => member.id === s.id);
    const partner = room?.members.find((member) => member.id !== s.id);
    if (!room || !self || !partner) throw new ProtocolFailure(ErrorCode.NotInRoom, 'You have not met anyone to report or block.');
    if (current) await lobby.endRoom(current.id, 'skipped', s.id);
    return { room, self, partner };
  };

  return {
    [ClientEvent.Report]: payloadEvent({
      limit: 'join',
      schema: reportSchema,
      handle: async (s, { reason }) => {
        const { room, self, partner } = await target(s);
        await moderation.report({ reporter: self, subject: partner, roomId: room.id, reason, site: s.data.siteKey });
      },
    }),
    [ClientEvent.Block]: plainEvent({
      limit: 'join',
      handle: async (s) => {
        const { self, partner } = await target(s);
        await moderation.block(self, partner);
      },
    }),
  };
}
