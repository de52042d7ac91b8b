/**
 * `@novu-chat/server`: the Novu Chat signaling and matchmaking server (Koa + Socket.IO).
 *
 * ```ts
 * import { createNovuServer } from '@novu-chat/server';
 * const server = createNovuServer({ port: 3001 });
 * const { url } = await server.listen();
 * // …
 * await server.close();
 * ```
 * @packageDocumentation
 */
export { createNovuServer } from './novu-server.js';
export type { ListenInfo, NovuServer } from './novu-server.js';
export type { NovuServerWiring } from './wiring/server-wiring.js';
export { ConfigError, DEFAULT_OPTIONS, optionsFromEnv, resolveOptions } from './config.js';
export type { LogLevel, NovuServerOptions, TrustProxySetting } from './config.js';
export type { Match, Matchmaker, MatchmakerOptions, JoinRequest, WaitingCounts } from './matchmaking/types.js';
export type { RoomDirectory, RoomRecord, RoomMember } from './rooms/room-directory.js';
export type { ModerationTelemetry, RelayKind, Telemetry } from './telemetry.js';
export { MemoryBanList } from './moderation/ban-list.js';
export type { Ban, BanKey, BanList } from './moderation/ban-list.js';
export type { AdminSnapshot, AdminStats, BanView, ProcessSnapshot, RoomMemberView, RoomView } from './admin/admin-service.js';
export type { ActivitySnapshot } from './admin/activity-stats.js';
export type { AdminControl, LiveStats } from './admin/admin-control.js';
export type { AdmissionCheck, AdmissionContext, AdmissionRefusal } from './admission.js';
export type { CaptchaContext, CaptchaVerifier } from './moderation/bot-defence.js';
export { MemoryReportCounter } from './moderation/report-counter.js';
export type { ReportCounter } from './moderation/report-counter.js';
export type { ReportEvent } from './moderation/report-webhook.js';
export { signReportBody, verifyReportSignature } from './moderation/webhook-signature.js';
export { parseSites } from './sites/site-config.js';
export type { SiteConfig, SiteLimits, SitesConfig } from './sites/site-config.js';
export { turnCredential, turnPassword, turnUsername } from './turn/turn-credentials.js';
export type { TurnCredential } from './turn/turn-credentials.js';
