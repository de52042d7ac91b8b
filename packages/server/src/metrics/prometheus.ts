import { ClientEvent, type ErrorCodeName, type Mode, type PartnerLeftReason } from '@novu-chat/protocol';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LiveStats } from '../admin/admin-control.js';
import type { ModerationTelemetry, RelayKind, Telemetry } from '../telemetry.js';

/** Where the scrape-time gauges read from. */
export interface PrometheusSources {
  /** Live numbers (cluster-wide in cluster mode). */
  live: () => Promise<LiveStats>;
  /** Bans in force. */
  activeBans: () => Promise<number>;
}

/** Options of {@link PrometheusMetrics}. */
export interface PrometheusOptions {
  /** Collect prom-client's default process and Node.js metrics (default true). */
  processMetrics?: boolean;
}

const KNOWN_EVENTS = new Set<string>(Object.values(ClientEvent));

/**
 * Prometheus metrics (prom-client) of one server, in a private registry so several servers can
 * run in one process. A telemetry sink for the counters and histograms; gauges are read from the
 * live numbers when scraped.
 */
export class PrometheusMetrics implements Telemetry, ModerationTelemetry {
  /** This server's registry. */
  readonly registry = new Registry();
  #sources: PrometheusSources | undefined;
  /** One reading of the live numbers per scrape, shared by the gauges. */
  #live: Promise<LiveStats> | undefined;

  readonly #connectionsTotal: Counter;
  readonly #refused: Counter<'code'>;
  readonly #joins: Counter<'mode'>;
  readonly #matches: Counter<'mode'>;
  readonly #wait: Histogram<'mode'>;
  readonly #roomsClosed: Counter<'reason'>;
  readonly #roomDuration: Histogram;
  readonly #relays: Counter<'kind'>;
  readonly #messages: Counter;
  readonly #rejected: Counter<'event' | 'code'>;
  readonly #rateLimited: Counter<'scope'>;
  readonly #reports: Counter;
  readonly #bans: Counter<'kind'>;
  readonly #banLifts: Counter;

  constructor(options: PrometheusOptions = {}) {
    const registers = [this.registry];
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    const live = (pick: (n: LiveStats) => void) => async () => {
      const numbers = await this.#readLive();
      if (numbers) pick(numbers);
    };

    const online: Gauge = new Gauge({
      name: 'novu_connections', help: 'Connected users (cluster-wide in cluster mode).', registers,
      collect: live((n) => online.set(n.online)),
    });
    const queue: Gauge<'mode'> = new Gauge({
      name: 'novu_queue_size', help: 'Users waiting for a partner, by mode (cluster-wide in cluster mode).',
      labelNames: ['mode'], registers,
      collect: live((n) => {
        for (const [mode, count] of Object.entries(n.waitingByMode)) queue.set({ mode }, count);
      }),
    });
    const rooms: Gauge = new Gauge({
      name: 'novu_rooms', help: 'Open chat rooms (cluster-wide in cluster mode).', registers,
      collect: live((n) => rooms.set(n.rooms)),
    });
    const bansActive: Gauge = new Gauge({
      name: 'novu_bans_active', help: 'Bans in force (client and IP keys count separately).', registers,
      collect: async () => {
        if (this.#sources) bansActive.set(await this.#sources.activeBans());
      },
    });
    void online; void queue; void rooms; void bansActive;

    this.#connectionsTotal = new Counter({ name: 'novu_connections_total', help: 'Connections accepted (resumed ones not counted again).', registers });
    this.#refused = new Counter({ name: 'novu_connections_refused_total', help: 'Connections refused at the handshake, by error code.', labelNames: ['code'], registers });
    this.#joins = new Counter({ name: 'novu_queue_joins_total', help: 'Users who entered the queue, by mode.', labelNames: ['mode'], registers });
    this.#matches = new Counter({ name: 'novu_matches_total', help: 'Pairs matched, by mode.', labelNames: ['mode'], registers });
    this.#wait = new Histogram({
      name: 'novu_match_wait_seconds', help: 'Time from queue:join to match:found, per matched user.',
      labelNames: ['mode'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300], registers,
    });
    this.#roomsClosed = new Counter({ name: 'novu_rooms_closed_total', help: 'Rooms ended, by reason.', labelNames: ['reason'], registers });
    this.#roomDuration = new Histogram({
      name: 'novu_room_duration_seconds', help: 'How long rooms lasted.',
      buckets: [5, 15, 30, 60, 120, 300, 600, 1800, 3600], registers,
    });
    this.#relays = new Counter({ name: 'novu_signaling_relays_total', help: 'Signaling messages relayed to a partner, by kind.', labelNames: ['kind'], registers });
    this.#messages = new Counter({ name: 'novu_messages_total', help: 'Chat messages relayed to a partner.', registers });
    this.#rejected = new Counter({ name: 'novu_events_rejected_total', help: 'Client events refused, by event and error code.', labelNames: ['event', 'code'], registers });
    this.#rateLimited = new Counter({ name: 'novu_rate_limited_total', help: 'Rate-limit rejections: new connections per IP, or events per connection.', labelNames: ['scope'], registers });
    this.#reports = new Counter({ name: 'novu_reports_total', help: 'Users reported by their partner.', registers });
    this.#bans = new Counter({ name: 'novu_bans_total', help: 'Bans made by operators, by key kind.', labelNames: ['kind'], registers });
    this.#banLifts = new Counter({ name: 'novu_ban_lifts_total', help: 'Bans lifted by operators.', registers });

    // Series that exist from the start read 0 rather than missing.
    for (const mode of ['video', 'text']) {
      this.#joins.inc({ mode }, 0);
      this.#matches.inc({ mode }, 0);
    }
    for (const scope of ['connection', 'event']) this.#rateLimited.inc({ scope }, 0);
    for (const kind of ['offer', 'answer', 'ice-candidate']) this.#relays.inc({ kind }, 0);
    for (const kind of ['client', 'ip']) this.#bans.inc({ kind }, 0);
  }

  /** Connect the scrape-time gauges to the running server. */
  attach(sources: PrometheusSources): void {
    this.#sources = sources;
  }

  /** The text exposition of every metric. */
  metrics(): Promise<string> {
    this.#live = undefined;
    return this.registry.metrics();
  }

  /** The Content-Type of {@link metrics}. */
  get contentType(): string {
    return this.registry.contentType;
  }

  connectionOpened(): void {
    this.#connectionsTotal.inc();
  }
  connectionClosed(): void {}
  connectionRefused(code: ErrorCodeName): void {
    this.#refused.inc({ code });
    if (code === 'rate_limited') this.#rateLimited.inc({ scope: 'connection' });
  }
  queued(mode: Mode): void {
    this.#joins.inc({ mode });
  }
  matched(mode: Mode, waitsMs: readonly number[]): void {
    this.#matches.inc({ mode });
    for (const wait of waitsMs) if (Number.isFinite(wait) && wait >= 0) this.#wait.observe({ mode }, wait / 1000);
  }
  roomClosed(reason: PartnerLeftReason, durationMs: number): void {
    this.#roomsClosed.inc({ reason });
    if (Number.isFinite(durationMs) && durationMs >= 0) this.#roomDuration.observe(durationMs / 1000);
  }
  relayed(kind: RelayKind): void {
    this.#relays.inc({ kind });
  }
  messageRelayed(): void {
    this.#messages.inc();
  }
  eventRejected(event: string, code: ErrorCodeName): void {
    // Unknown event names come from clients: one label value for all keeps cardinality bounded.
    this.#rejected.inc({ event: KNOWN_EVENTS.has(event) ? event : 'unknown', code });
    if (code === 'rate_limited') this.#rateLimited.inc({ scope: 'event' });
  }
  reported(): void {
    this.#reports.inc();
  }
  banned(kind: 'client' | 'ip'): void {
    this.#bans.inc({ kind });
  }
  banLifted(): void {
    this.#banLifts.inc();
  }

  async #readLive(): Promise<LiveStats | undefined> {
    if (!this.#sources) return undefined;
    this.#live ??= this.#sources.live();
    try {
      return await this.#live;
    } catch {
      this.#live = undefined;
      return undefined;
    }
  }
}
