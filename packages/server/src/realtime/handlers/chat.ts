/** `chat:message` and `chat:typing`: text relayed to the partner. @module */
import { randomUUID } from 'node:crypto';
import { ClientEvent, ServerEvent } from '@novu-chat/protocol';
import type { Telemetry } from '../../telemetry.js';
import { chatMessageSchema, typingSchema } from '../../validation/schemas.js';
import { payloadEvent, type EventHandlers } from '../event-spec.js';
import { toPartner } from './partner.js';

/** What the chat events work with. */
export interface ChatHandlerDeps {
  telemetry: Telemetry;
  now: () => number;
}

/** The `chat:*` events. */
export function chatHandlers({ telemetry, now }: ChatHandlerDeps): EventHandlers<typeof ClientEvent.ChatMessage | typeof ClientEvent.ChatTyping> {
  return {
    [ClientEvent.ChatMessage]: payloadEvent({
      limit: 'message',
      schema: chatMessageSchema,
      handle: (s, { text }) => {
        const partner = toPartner(s);
        const message = { id: randomUUID(), text, ts: now() };
        partner.emit(ServerEvent.ChatMessage, message);
        telemetry.messageRelayed();
        return { id: message.id, ts: message.ts };
      },
    }),
    [ClientEvent.ChatTyping]: payloadEvent({
      limit: 'typing',
      schema: typingSchema,
      handle: (s, { typing }) => {
        toPartner(s).emit(ServerEvent.ChatTyping, { typing });
      },
    }),
  };
}
