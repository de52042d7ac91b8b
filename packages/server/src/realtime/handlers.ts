import { randomUUID } from 'node:crypto';
import { ErrorCode, type ChatMessageAck, type QueueJoinAck, type SignalReceivePayload } from '@novu-chat/protocol';
import { chatMessageSchema, iceSchema, queueJoinSchema, sdpSchema, typingSchema } from '../protocol/schemas.js';
import { bindEvent, ProtocolFailure, type PipelineDeps } from './event-pipeline.js';
import type { Lobby, Notify } from './lobby.js';
import type { NovuSocket } from './socket-types.js';
import type { RoomRegistry } from '../rooms/room-registry.js';

/** What the event handlers work with. */
export interface HandlerDeps extends PipelineDeps {
  lobby: Lobby;
  rooms: RoomRegistry;
  notify: Notify;
  now: () => number;
  /** Counters for metrics and the admin view. */
  onRelay?: (kind: 'signal' | 'message') => void;
}

/** Bind every client event of the protocol to a connection: one handler per event. */
export function bindHandlers(socket: NovuSocket, deps: HandlerDeps): void {
  const { lobby, rooms, notify } = deps;

  const partnerOrFail = (): string => {
    const partner = rooms.partnerOf(socket.id);
    if (!partner) throw new ProtocolFailure(ErrorCode.NotInRoom, 'You are not in a chat.');
    return partner;
  };

  bindEvent(socket, 'queue:join', {
    limit: 'join',
    schema: queueJoinSchema,
    handle: async (s, { interests, mode }): Promise<QueueJoinAck> => {
      const matched = await lobby.join({
        id: s.id,
        clientKey: s.data.clientKey,
        interests,
        mode,
        pool: s.data.siteKey ?? '',
      });
      return { matched };
    },
  }, deps);

  bindEvent(socket, 'queue:leave', {
    limit: 'typing',
    schema: undefined,
    handle: async (s) => {
      await lobby.leaveQueue(s.id);
    },
  }, deps);

  bindEvent(socket, 'room:leave', {
    limit: 'typing',
    schema: undefined,
    handle: (s) => {
      if (!lobby.endRoomOf(s.id, 'left')) throw new ProtocolFailure(ErrorCode.NotInRoom, 'You are not in a chat.');
    },
  }, deps);

  const relaySignal = (type: SignalReceivePayload['type']) => (_s: NovuSocket, payload: SignalReceivePayload['payload']) => {
    const partner = partnerOrFail();
    notify(partner, 'signal:receive', { type, payload } as SignalReceivePayload);
    deps.onRelay?.('signal');
  };
  bindEvent(socket, 'signal:offer', { limit: 'signal', schema: sdpSchema, handle: relaySignal('offer') }, deps);
  bindEvent(socket, 'signal:answer', { limit: 'signal', schema: sdpSchema, handle: relaySignal('answer') }, deps);
  bindEvent(socket, 'signal:ice', { limit: 'signal', schema: iceSchema, handle: relaySignal('ice-candidate') }, deps);

  bindEvent(socket, 'chat:message', {
    limit: 'message',
    schema: chatMessageSchema,
    handle: (_s, { text }): ChatMessageAck => {
      const partner = partnerOrFail();
      const message = { id: randomUUID(), text, ts: deps.now() };
      notify(partner, 'chat:message', message);
      deps.onRelay?.('message');
      return { id: message.id, ts: message.ts };
    },
  }, deps);

  bindEvent(socket, 'chat:typing', {
    limit: 'typing',
    schema: typingSchema,
    handle: (_s, { typing }) => {
      notify(partnerOrFail(), 'chat:typing', { typing });
    },
  }, deps);
}
