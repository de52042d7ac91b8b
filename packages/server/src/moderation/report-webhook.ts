/**
 * Delivery of reports to an operator's moderation tool (`REPORT_WEBHOOK_URL`): each report is
 * POSTed as JSON ({@link ReportEvent}, documented in docs/moderation.md), signed
 * (`X-Novu-Signature`, see `webhook-signature.ts`) when a secret is set, with a timeout per
 * attempt and retries with exponential backoff. Delivery never blocks the reporter's ack.
 *
 * A hostile reporter must not turn this into a flood: a repeated report of the same subject by
 * the same reporter within the window is not sent again, and at most `maxInFlight` deliveries
 * run at once (more are dropped and counted). A redirect is a final failure: the tool's URL is
 * configured, and following or retrying a 3xx would send reports somewhere else.
 * @module
 */
import type { Logger } from 'pino';
import type { ReportReason } from '@novu-chat/protocol';
import { SIGNATURE_HEADER, signReportBody } from './webhook-signature.js';

/** The JSON body POSTed for every report (schema version 1). */
export interface ReportEvent {
  /** Always `report`. */
  type: 'report';
  /** Schema version of this body. */
  version: 1;
  /** A unique id of this report (the same on every retry: use it to de-duplicate). */
  id: string;
  /** When the report was made, ISO 8601. */
  time: string;
  /** Why. */
  reason: ReportReason;
  /** The reported user, as keyed hashes (HMAC-SHA256 with `HASH_SALT`): never an IP or client id. */
  subject: { clientKey: string; ipKey: string };
  /** The reporting user, as keyed hashes. */
  reporter: { clientKey: string; ipKey: string };
  /** The room the two were in. */
  roomId: string;
  /** The site key (multi-site servers), else `null`. */
  site: string | null;
  /** Distinct reporters of the subject within `REPORT_WINDOW_MS`, this one included. */
  reports: number;
  /** Set when this report banned the subject: until when (epoch ms). */
  bannedUntil: number | null;
}

/** Settings of a {@link ReportWebhook}. */
export interface ReportWebhookOptions {
  url: string;
  log: Logger;
  /** Longest wait for one attempt (ms). Default 5 000. */
  timeoutMs?: number;
  /** Attempts in all, the first included. Default 5. */
  attempts?: number;
  /** Delay before the first retry (ms); it doubles for each further retry. Default 1 000. */
  backoffMs?: number;
  /** `REPORT_WEBHOOK_SECRET`: HMAC-SHA256 key of `X-Novu-Signature`. Undefined: unsigned (a warning is logged). */
  secret?: string | undefined;
  /** A reporter's repeated reports of one subject within this window are sent once (ms; 0: every one). Default 600 000. */
  dedupeWindowMs?: number;
  /** Deliveries (with their retries) in flight at most; past it reports are dropped and counted. Default 8. */
  maxInFlight?: number;
  /** Clock (tests). */
  now?: () => number;
}

/** What a {@link ReportWebhook} did, since it started. */
export interface ReportWebhookStats {
  delivered: number;
  failed: number;
  /** Not sent: the same reporter reported the same subject within the window. */
  duplicates: number;
  /** Not sent: `maxInFlight` deliveries were already running. */
  dropped: number;
}

/** Remembered (reporter, subject) pairs at most: past it the oldest are forgotten. */
const MAX_REMEMBERED = 50_000;

/** Why a delivery attempt failed, and whether trying again may help. */
interface AttemptFailure {
  reason: string;
  retry: boolean;
}

/**
 * POSTs reports to a URL. A 2xx answer is success; network errors, timeouts, 408, 429 and 5xx
 * are retried; other answers (a 4xx: the tool refuses the body; a 3xx) are not.
 */
export class ReportWebhook {
  readonly #options: Required<Omit<ReportWebhookOptions, 'log' | 'url' | 'secret'>> & { url: string; log: Logger; secret: string | undefined };
  readonly #pending = new Set<Promise<boolean>>();
  /** `reporter|subject` → when its window ends; insertion order is expiry order. */
  readonly #recent = new Map<string, number>();
  readonly #stats: ReportWebhookStats = { delivered: 0, failed: 0, duplicates: 0, dropped: 0 };
  #lastDropWarning = -Infinity;
  #closed = false;

  constructor(options: ReportWebhookOptions) {
    this.#options = { timeoutMs: 5_000, attempts: 5, backoffMs: 1_000, dedupeWindowMs: 600_000, maxInFlight: 8, now: Date.now, ...options, secret: options.secret };
    if (options.secret === undefined) options.log.warn('REPORT_WEBHOOK_SECRET is not set: report webhook bodies are not signed');
  }

  /** Counts of delivered, failed, duplicate and dropped reports. */
  get stats(): Readonly<ReportWebhookStats> {
    return { ...this.#stats };
  }

  /**
   * Send a report in the background; the returned promise says whether it was delivered (never
   * rejects). A duplicate (same reporter and subject within the window, unless it banned) or a
   * report past the in-flight cap is not sent: false.
   */
  send(event: ReportEvent): Promise<boolean> {
    if (this.#isDuplicate(event)) {
      this.#stats.duplicates += 1;
      return Promise.resolve(false);
    }
    if (this.#pending.size >= this.#options.maxInFlight) {
      this.#stats.dropped += 1;
      this.#warnDropped();
      return Promise.resolve(false);
    }
    const delivery = this.#deliver(event).then((ok) => {
      this.#stats[ok ? 'delivered' : 'failed'] += 1;
      return ok;
    });
    this.#pending.add(delivery);
    void delivery.finally(() => this.#pending.delete(delivery));
    return delivery;
  }

  /** Whether this reporter already reported this subject within the window (and remember it if not). */
  #isDuplicate(event: ReportEvent): boolean {
    const now = this.#options.now();
    for (const [key, until] of this.#recent) {
      if (until > now && this.#recent.size <= MAX_REMEMBERED) break;
      this.#recent.delete(key);
    }
    const key = `${event.reporter.ipKey || event.reporter.clientKey}|${event.subject.clientKey}`;
    // A report that banned is news even from a repeat reporter.
    if (this.#recent.has(key) && event.bannedUntil === null) return true;
    this.#recent.delete(key);
    this.#recent.set(key, now + this.#options.dedupeWindowMs);
    return false;
  }

  /** One warning a minute at most, with the running count, not one line per dropped report. */
  #warnDropped(): void {
    const now = this.#options.now();
    if (now - this.#lastDropWarning < 60_000) return;
    this.#lastDropWarning = now;
    this.#options.log.warn({ dropped: this.#stats.dropped, inFlight: this.#pending.size }, 'report webhook: too many deliveries in flight, reports dropped');
  }

  /** Stop retrying (on shutdown); attempts in flight end by their timeout. */
  close(): void {
    this.#closed = true;
  }

  /** Resolves once every delivery in flight has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#pending.size) await Promise.allSettled([...this.#pending]);
  }

  async #deliver(event: ReportEvent): Promise<boolean> {
    const { attempts, backoffMs, log } = this.#options;
    const body = JSON.stringify(event);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const failure = await this.#attempt(body, event.id);
      if (!failure) {
        log.debug({ report: event.id, attempt }, 'report webhook delivered');
        return true;
      }
      const last = attempt === attempts || !failure.retry || this.#closed;
      log[last ? 'warn' : 'debug']({ report: event.id, attempt, reason: failure.reason }, last ? 'report webhook failed' : 'report webhook attempt failed');
      if (last) return false;
      await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)).unref());
    }
    return false;
  }

  async #attempt(body: string, id: string): Promise<AttemptFailure | undefined> {
    const { url, secret, timeoutMs, now } = this.#options;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'novu-chat-server', 'x-novu-report-id': id };
    // Signed per attempt: a retry carries a fresh timestamp.
    if (secret !== undefined) headers[SIGNATURE_HEADER] = signReportBody(secret, body, Math.floor(now() / 1000));
    try {
      const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
      await response.body?.cancel();
      if (response.ok) return undefined;
      const status = response.status;
      if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) return { reason: `redirect (HTTP ${status})`, retry: false };
      return { reason: `HTTP ${status}`, retry: status === 408 || status === 429 || status >= 500 };
    } catch (error) {
      return { reason: error instanceof Error ? error.name === 'TimeoutError' ? 'timeout' : error.message : String(error), retry: true };
    }
  }
}
