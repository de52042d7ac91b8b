/**
 * Delivery of reports to an operator's moderation tool (`REPORT_WEBHOOK_URL`): each report is
 * POSTed as JSON ({@link ReportEvent}, documented in docs/moderation.md), with a timeout per
 * attempt and retries with exponential backoff. Delivery never blocks the reporter's ack.
 * @module
 */
import type { Logger } from 'pino';
import type { ReportReason } from '@novu-chat/protocol';

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
}

/** Why a delivery attempt failed, and whether trying again may help. */
interface AttemptFailure {
  reason: string;
  retry: boolean;
}

/**
 * POSTs reports to a URL. A 2xx answer is success; network errors, timeouts, 408, 429 and 5xx
 * are retried; other answers (a 4xx: the tool refuses the body) are not.
 */
export class ReportWebhook {
  readonly #options: Required<Omit<ReportWebhookOptions, 'log' | 'url'>> & { url: string; log: Logger };
  readonly #pending = new Set<Promise<boolean>>();
  #closed = false;

  constructor(options: ReportWebhookOptions) {
    this.#options = { timeoutMs: 5_000, attempts: 5, backoffMs: 1_000, ...options };
  }

  /** Send a report in the background; the returned promise says whether it was delivered (never rejects). */
  send(event: ReportEvent): Promise<boolean> {
    const delivery = this.#deliver(event);
    this.#pending.add(delivery);
    void delivery.finally(() => this.#pending.delete(delivery));
    return delivery;
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
    try {
      const response = await fetch(this.#options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'novu-chat-server', 'x-novu-report-id': id },
        body,
        signal: AbortSignal.timeout(this.#options.timeoutMs),
        redirect: 'error',
      });
      await response.body?.cancel();
      if (response.ok) return undefined;
      const status = response.status;
      return { reason: `HTTP ${status}`, retry: status === 408 || status === 429 || status >= 500 };
    } catch (error) {
      return { reason: error instanceof Error ? error.name === 'TimeoutError' ? 'timeout' : error.message : String(error), retry: true };
    }
  }
}
