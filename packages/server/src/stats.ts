import type { ErrorCodeName } from '@novu-chat/protocol';
import type { Telemetry } from './telemetry.js';

/** Running totals since start, for `/api/admin/stats`. */
export class ServerStats implements Telemetry {
  readonly startedAt = Date.now();
  connections = 0;
  matches = 0;
  signals = 0;
  messages = 0;
  rateLimited = 0;

  connectionOpened(): void {
    this.connections++;
  }
  connectionClosed(): void {}
  connectionRefused(code: ErrorCodeName): void {
    if (code === 'rate_limited') this.rateLimited++;
  }
  queued(): void {}
  matched(): void {
    this.matches++;
  }
  roomClosed(): void {}
  relayed(): void {
    this.signals++;
  }
  messageRelayed(): void {
    this.messages++;
  }
  eventRejected(_event: string, code: ErrorCodeName): void {
    if (code === 'rate_limited') this.rateLimited++;
  }
}
