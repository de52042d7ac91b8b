/** Running totals since start, for `/api/admin/stats` (and metrics in a later step). */
export class ServerStats {
  readonly startedAt = Date.now();
  connections = 0;
  matches = 0;
  signals = 0;
  messages = 0;
  rateLimited = 0;
}
