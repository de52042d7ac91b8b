/**
 * What happens when a user reports or blocks their partner: the two are kept apart for good,
 * reports are counted per reported user by distinct reporters, and a user reported by
 * `reportBanThreshold` distinct reporters within `reportWindowMs` is banned (client and IP keys)
 * for `banDurationMs` and disconnected. Every report goes to the webhook, if one is set.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ReportReason } from '@novu-chat/protocol';
import type { ModerationTelemetry } from '../telemetry.js';
import type { Matchmaker } from '../matchmaking/types.js';
import type { RoomMember } from '../rooms/room-directory.js';
import type { BanKey, BanList } from './ban-list.js';
import type { ReportCounter } from './report-counter.js';
import type { ReportEvent, ReportWebhook } from './report-webhook.js';

/**
 * How long a block keeps two clients apart: a year, i.e. for good as far as anonymous client ids
 * go (the SDK's lives as long as the browser tab), while the stored pair still expires.
 */
export const BLOCK_MS = 365 * 24 * 60 * 60 * 1000;

/** What {@link Moderation} works with. */
export interface ModerationDeps {
  bans: BanList;
  reports: ReportCounter;
  /** Blocks are recorded as partners kept apart ({@link BLOCK_MS}): shared in Redis in cluster mode. */
  matchmaker: Pick<Matchmaker, 'recordPartners'>;
  settings: { reportBanThreshold: number; reportWindowMs: number; banDurationMs: number };
  log: Logger;
  /** Delivery of reports to the operators' tool (`REPORT_WEBHOOK_URL`). */
  webhook?: ReportWebhook | undefined;
  /** The live connections: a banned user's are disconnected. */
  clients: { disconnectClients(match: { clientKey?: string; ipKey?: string }): Promise<number> };
  /** Sinks told about reports and bans (dashboard, metrics). */
  telemetry?: readonly ModerationTelemetry[];
  now?: () => number;
}

/** A report as the realtime side hands it over. */
export interface ReportInput {
  reporter: RoomMember;
  subject: RoomMember;
  roomId: string;
  reason: ReportReason;
  /** The site key (multi-site servers). */
  site: string | undefined;
}

/** The outcome of a report. */
export interface ReportOutcome {
  /** Distinct reporters of the subject within the window. */
  reports: number;
  /** Set when this report banned the subject. */
  bannedUntil: number | null;
}

/** Reports, blocks and the bans they lead to. */
export class Moderation {
  readonly #deps: ModerationDeps;
  readonly #now: () => number;

  constructor(deps: ModerationDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** Keep the two clients apart for good (both ways round). */
  async block(by: RoomMember, other: RoomMember): Promise<void> {
    await this.#deps.matchmaker.recordPartners(by.clientKey, other.clientKey, BLOCK_MS);
  }

  /**
   * Block, count the report (reporters are distinct by hashed IP, so one person with many client
   * ids counts once), ban at the threshold, and send the report to the webhook in the background.
   */
  async report(input: ReportInput): Promise<ReportOutcome> {
    const { reporter, subject } = input;
    const { settings, reports, log } = this.#deps;
    await this.block(reporter, subject);
    for (const sink of this.#deps.telemetry ?? []) sink.reported();
    const reporterKey = reporter.ipKey ? `ip:${reporter.ipKey}` : `client:${reporter.clientKey}`;
    const count = await reports.add(subject.clientKey, reporterKey, settings.reportWindowMs);
    let bannedUntil: number | null = null;
    if (count >= settings.reportBanThreshold) {
      bannedUntil = await this.#ban(subject, count);
      await reports.clear(subject.clientKey);
    }
    const event: ReportEvent = {
      type: 'report',
      version: 1,
      id: randomUUID(),
      time: new Date(this.#now()).toISOString(),
      reason: input.reason,
      subject: { clientKey: subject.clientKey, ipKey: subject.ipKey },
      reporter: { clientKey: reporter.clientKey, ipKey: reporter.ipKey },
      roomId: input.roomId,
      site: input.site ?? null,
      reports: count,
      bannedUntil,
    };
    log.info({ report: event.id, reason: event.reason, subject: subject.clientKey, reports: count, banned: bannedUntil !== null }, 'report');
    void this.#deps.webhook?.send(event);
    return { reports: count, bannedUntil };
  }

  /** Ban the subject's client and IP keys and close its live connections. */
  async #ban(subject: RoomMember, count: number): Promise<number> {
    const { bans, settings, log } = this.#deps;
    const keys: BanKey[] = [`client:${subject.clientKey}`];
    if (subject.ipKey) keys.push(`ip:${subject.ipKey}`);
    const note = `reported by ${count} users`;
    let until = 0;
    for (const key of keys) {
      const ban = await bans.ban(key, settings.banDurationMs, note);
      until = Math.max(until, ban.until);
      for (const sink of this.#deps.telemetry ?? []) sink.banned(key.startsWith('client:') ? 'client' : 'ip');
    }
    const disconnected = await this.#deps.clients.disconnectClients({ clientKey: subject.clientKey, ...(subject.ipKey ? { ipKey: subject.ipKey } : {}) });
    log.warn({ subject: subject.clientKey, reports: count, until, disconnected }, 'banned after reports');
    return until;
  }
}
