import type { ErrorCodeName, Mode, PartnerLeftReason } from '@novu-chat/protocol';

/** What a relayed signaling message was. */
export type RelayKind = 'offer' | 'answer' | 'ice-candidate';

/**
 * What the realtime side reports as it works (★ seam for metrics, the admin view and logs).
 * Calls are synchronous and must be cheap: they sit on hot paths. Never pass message text or IPs.
 */
export interface Telemetry {
  /** A new (not resumed) connection was accepted. */
  connectionOpened(): void;
  /** A connection ended for good (not a transport drop held for resume). */
  connectionClosed(): void;
  /** A connection was refused at the handshake. */
  connectionRefused(code: ErrorCodeName): void;
  /** A user entered the queue. */
  queued(mode: Mode, interests: readonly string[]): void;
  /** Two users were paired; `waitsMs` holds how long each waited (when known). */
  matched(mode: Mode, waitsMs: readonly number[], commonInterests: readonly string[]): void;
  /** A room ended. */
  roomClosed(reason: PartnerLeftReason, durationMs: number): void;
  /** A signaling message was relayed to a partner. */
  relayed(kind: RelayKind): void;
  /** A chat message was relayed to a partner. */
  messageRelayed(): void;
  /** A client event was refused (`invalid_payload`, `rate_limited`, `not_in_room`, …). */
  eventRejected(event: string, code: ErrorCodeName): void;
}

/**
 * Operator events that do not come from the realtime side: bans and lifts come from the admin
 * actions, reports from the report feature. Sinks that count them implement this beside `Telemetry`.
 */
export interface ModerationTelemetry {
  /** A user reported their partner. */
  reported(): void;
  /** A ban was made (`client` or `ip` key). */
  banned(kind: 'client' | 'ip'): void;
  /** A ban was lifted by an operator. */
  banLifted(): void;
}

/** Fans every report out to several telemetry sinks. */
export class TelemetryFanout implements Telemetry {
  readonly #sinks: Telemetry[];
  constructor(sinks: Telemetry[]) {
    this.#sinks = sinks;
  }
  connectionOpened(): void {
    for (const s of this.#sinks) s.connectionOpened();
  }
  connectionClosed(): void {
    for (const s of this.#sinks) s.connectionClosed();
  }
  connectionRefused(code: ErrorCodeName): void {
    for (const s of this.#sinks) s.connectionRefused(code);
  }
  queued(mode: Mode, interests: readonly string[]): void {
    for (const s of this.#sinks) s.queued(mode, interests);
  }
  matched(mode: Mode, waitsMs: readonly number[], commonInterests: readonly string[]): void {
    for (const s of this.#sinks) s.matched(mode, waitsMs, commonInterests);
  }
  roomClosed(reason: PartnerLeftReason, durationMs: number): void {
    for (const s of this.#sinks) s.roomClosed(reason, durationMs);
  }
  relayed(kind: RelayKind): void {
    for (const s of this.#sinks) s.relayed(kind);
  }
  messageRelayed(): void {
    for (const s of this.#sinks) s.messageRelayed();
  }
  eventRejected(event: string, code: ErrorCodeName): void {
    for (const s of this.#sinks) s.eventRejected(event, code);
  }
}
