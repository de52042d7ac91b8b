/**
 * Every store seam's conformance suite against each implementation: the room directory, the
 * ban list and the report counter, in memory and in a real redis-server (spawned by
 * `startRedis()`, or REDIS_URL). The matchmaker has its own (`matchmaking.test.ts`,
 * `redis-matchmaker.test.ts`).
 */
import { after, describe } from 'node:test';
import { Redis } from 'ioredis';
import { startRedis, type TestRedis } from '@novu-chat/test-support/redis';
import { MemoryBanList } from '../src/moderation/ban-list.js';
import { MemoryReportCounter } from '../src/moderation/report-counter.js';
import { RedisBanList } from '../src/redis/redis-ban-list.js';
import { RedisReportCounter } from '../src/redis/redis-report-counter.js';
import { RedisRoomDirectory } from '../src/redis/redis-room-directory.js';
import { MemoryRoomDirectory } from '../src/rooms/room-directory.js';
import { banListConformance } from './ban-list-conformance.js';
import { reportCounterConformance } from './report-counter-conformance.js';
import { roomDirectoryConformance } from './room-directory-conformance.js';

/** Started before any test is registered: without redis-server the file fails with the install hint. */
const server: TestRedis = await startRedis();

describe('store seams', () => {
  const redis = new Redis(server.url);
  const flush = async () => {
    await redis.flushdb();
  };
  after(async () => {
    redis.disconnect();
    await server.close();
  });

  roomDirectoryConformance('MemoryRoomDirectory', () => new MemoryRoomDirectory());
  roomDirectoryConformance('RedisRoomDirectory', () => new RedisRoomDirectory(redis, 'novu:'), flush);

  banListConformance('MemoryBanList', (now) => new MemoryBanList({ now }));
  banListConformance('RedisBanList', (now) => new RedisBanList(redis, 'novu:', now), flush);

  reportCounterConformance('MemoryReportCounter', (now) => new MemoryReportCounter({ now }));
  reportCounterConformance('RedisReportCounter', (now) => new RedisReportCounter(redis, 'novu:', now), flush);
});
