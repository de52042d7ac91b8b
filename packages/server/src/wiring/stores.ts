import { MemoryMatchmaker } from '../matchmaking/memory-matchmaker.js';
import type { Matchmaker } from '../matchmaking/types.js';
import { MemoryBanList, type BanList } from '../moderation/ban-list.js';
import { MemoryReportCounter, type ReportCounter } from '../moderation/report-counter.js';
import { RedisBanList } from '../redis/redis-ban-list.js';
import { RedisReportCounter } from '../redis/redis-report-counter.js';
import { MemoryRoomDirectory, type RoomDirectory } from '../rooms/room-directory.js';
import type { Foundation } from './foundation.js';
import type { NovuServerWiring } from './server-wiring.js';

/** The four stores (★ seams): in memory on one process, in Redis in cluster mode, or as wired. */
export interface Stores {
  matchmaker: Matchmaker;
  directory: RoomDirectory;
  bans: BanList;
  reports: ReportCounter;
}

/** Pick each store: the one wired in, else cluster mode's Redis one, else the memory one. */
export function buildStores({ options, cluster }: Foundation, wiring: NovuServerWiring): Stores {
  return {
    matchmaker: wiring.matchmaker ?? cluster?.matchmaker ?? new MemoryMatchmaker({
      interestTimeoutMs: options.interestTimeoutMs,
      repeatAvoidMs: options.repeatAvoidMs,
    }),
    directory: wiring.directory ?? cluster?.directory ?? new MemoryRoomDirectory(),
    bans: wiring.bans ?? (cluster ? new RedisBanList(cluster.redis, cluster.keyPrefix) : new MemoryBanList()),
    reports: wiring.reports ?? (cluster ? new RedisReportCounter(cluster.redis, cluster.keyPrefix) : new MemoryReportCounter()),
  };
}
