import { randomUUID } from 'node:crypto';
import { ErrorCode, type ChatMessageAck, type QueueJoinAck, type SignalReceivePayload } from '@novu-chat/protocol';
import { chatMessageSchema, iceSchema, queueJoinSchema, sdpSchema, typingSchema } from '../validation/schemas.js';
import type { Telemetry } from '../telemetry.js';
import { defineEvent, ProtocolFailure, type AnyEventSpec } from './event-pipeline.js';
import type { Lobby } from '../rooms/lobby.js';
import type { NovuSocket } from './socket-types.js';

/** What the event handlers work with. */
export interface HandlerDeps {
  lobby: Lobby;
  /** Cluster mode: this process's id. */
  node?: string | undefined;
  telemetry: Telemetry;
  now: () => number;
}

/** The Socket.IO room of the chat this connection is in (the relay's hot path: no store lookup). */
export function chatChannelOf(socket: NovuSocket): string | undefined {
  for (const room of socket.rooms) if (room.startsWith('room:')) return room;
  return undefined;
}

/** The protocol's client events and their handlers: one handler per event, shared by every connection. */
export function protocolEvents(deps: HandlerDeps): [string, AnyEventSpec][] {
  const { lobby, telemetry } = deps;

  const events: [string, AnyEventSpec][] = [];

  /** Send to the partner, and only the partner (the sender is excluded from its own room broadcast). */
  const toPartner = (s: NovuSocket) => {
    const channel = chatChannelOf(s);
    if (!channel) throw new ProtocolFailure(ErrorCode.NotInRoom, 'You are not in a chat.');
    return s.to(channel);
  };

  events.push(['queue:join', defineEvent({
    limit: 'join',
    schema: queueJoinSchema,
    handle: async (s, { interests, mode }): Promise<QueueJoinAck> => {
      const matched = await lobby.join({
        id: s.id,
        clientKey: s.data.clientKey,
        ipKey: s.data.ipKey,
        interests,
        mode,
        pool: s.data.siteKey ?? '',
        ...(deps.node ? { node: deps.node } : {}),
      });
      return { matched };
    },
  })]);

  events.push(['queue:leave', defineEvent({
    limit: 'typing',
    schema: undefined,
    handle: async (s) => {
      await lobby.leaveQueue(s.id);
    },
  })]);

  events.push(['room:leave', defineEvent({
    limit: 'typing',
    schema: undefined,
    handle: async (s) => {
      if (!(await lobby.endRoomOf(s.id, 'left'))) throw new ProtocolFailure(ErrorCode.NotInRoom, 'You are not in a chat.');
    },
  })]);

  const relaySignal = (type: SignalReceivePayload['type']) => (s: NovuSocket, payload: SignalReceivePayload['payload']) => {
    toPartner(s).emit('signal:receive', { type, payload } as SignalReceivePayload);
    telemetry.relayed(type);
  };
  events.push(['signal:offer', defineEvent({ limit: 'signal', schema: sdpSchema, handle: relaySignal('offer') })]);
  events.push(['signal:answer', defineEvent({ limit: 'signal', schema: sdpSchema, handle: relaySignal('answer') })]);
  events.push(['signal:ice', defineEvent({ limit: 'signal', schema: iceSchema, handle: relaySignal('ice-candidate') })]);

  events.push(['chat:message', defineEvent({
    limit: 'message',
    schema: chatMessageSchema,
    handle: (s, { text }): ChatMessageAck => {
      const partner = toPartner(s);
      const message = { id: randomUUID(), text, ts: deps.now() };
      partner.emit('chat:message', message);
      telemetry.messageRelayed();
      return { id: message.id, ts: message.ts };
    },
  })]);

  events.push(['chat:typing', defineEvent({
    limit: 'typing',
    schema: typingSchema,
    handle: (s, { typing }) => {
      toPartner(s).emit('chat:typing', { typing });
    },
  })]);
  return events;
}
