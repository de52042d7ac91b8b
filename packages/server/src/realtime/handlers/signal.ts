/** `signal:offer`, `signal:answer`, `signal:ice`: WebRTC signaling relayed to the partner. @module */
import { ClientEvent, ServerEvent, type SignalReceivePayload } from '@novu-chat/protocol';
import type { Telemetry } from '../../telemetry.js';
import { iceSchema, sdpSchema } from '../../validation/schemas.js';
import { payloadEvent, type EventHandlers } from '../event-spec.js';
import type { NovuSocket } from '../socket-types.js';
import { toPartner } from './partner.js';

/** The `signal:*` events. */
export function signalHandlers({ telemetry }: { telemetry: Telemetry }): EventHandlers<
  typeof ClientEvent.SignalOffer | typeof ClientEvent.SignalAnswer | typeof ClientEvent.SignalIce
> {
  const relay = (s: NovuSocket, signal: SignalReceivePayload) => {
    toPartner(s).emit(ServerEvent.SignalReceive, signal);
    telemetry.relayed(signal.type);
  };
  return {
    [ClientEvent.SignalOffer]: payloadEvent({ limit: 'signal', schema: sdpSchema, handle: (s, payload) => relay(s, { type: 'offer', payload }) }),
    [ClientEvent.SignalAnswer]: payloadEvent({ limit: 'signal', schema: sdpSchema, handle: (s, payload) => relay(s, { type: 'answer', payload }) }),
    [ClientEvent.SignalIce]: payloadEvent({ limit: 'signal', schema: iceSchema, handle: (s, payload) => relay(s, { type: 'ice-candidate', payload }) }),
  };
}
