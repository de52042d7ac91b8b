/**
 * `@novu-chat/sdk`: typed matchmaking, WebRTC video and text chat for Novu Chat, with no UI
 * and no framework. Safe to import during server-side rendering.
 *
 * ```ts
 * import { NovuClient } from '@novu-chat/sdk';
 * const client = new NovuClient({ url: 'https://chat.example.com' });
 * client.on('remoteStream', (stream) => { video.srcObject = stream; });
 * await client.start({ interests: ['music'] });
 * ```
 * @packageDocumentation
 */
export { NovuClient, debugClient } from './client.js';
export { DEFAULT_ICE_SERVERS } from './options.js';
export type { NovuClientOptions, StartOptions } from './options.js';
export { TYPING_PAUSE_MS } from './chat-room.js';
export { DefaultReconnectPolicy } from './reconnect-policy.js';
export type { DefaultReconnectPolicyOptions, ReconnectPolicy, TransportBackoff } from './reconnect-policy.js';
export type { ClientDebug, LinkDebug } from './debug.js';
export { NovuError } from './errors.js';
export type { NovuErrorCode, SdkErrorCode } from './errors.js';
export { TypedEmitter } from './events.js';
export type {
  ChatMessage,
  ClientState,
  Listener,
  MatchInfo,
  NovuClientEvents,
  PartnerLeftInfo,
  PartnerLeftReasonInfo,
  SentMessage,
  ServerShutdownInfo,
  ServerStats,
} from './events.js';
export { DEFAULT_MEDIA } from './media.js';
export type { InputDeviceKind } from './media.js';
export type { PeerTimings } from './peer.js';
export type { ErrorCodeName, Mode, PartnerLeftReason, ReportReason } from '@novu-chat/protocol';
export { REPORT_REASONS } from '@novu-chat/protocol';
