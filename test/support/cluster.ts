/**
 * A cluster for one test file: a real redis-server for the file, and real server processes per
 * test on a fresh key prefix (so tests do not see each other's keys), all killed after each test.
 */
import { after, afterEach, before } from 'node:test';
import { closeAll } from './clients.ts';
import { startServerProcess, type ServerProcess } from './processes.ts';
import { startRedis, type TestRedis } from './redis.ts';

/** The shared secrets cluster mode requires (test values). */
export const CLUSTER_SECRETS = { ADMIN_TOKEN: 'cluster-admin-token-0123456789', HASH_SALT: 'cluster-test-salt-0123456789abcdef' };

/** What a test file's cluster gives its tests. */
export interface ClusterFixture {
  /** The file's Redis (started before the first test). */
  readonly redis: TestRedis;
  /** Start `n` server processes sharing a fresh key prefix. */
  start(n: number, env?: Record<string, string>): Promise<ServerProcess[]>;
}

/** Call in a `describe`: registers the hooks that start Redis and stop every process after each test. */
export function clusterFixture(): ClusterFixture {
  let redis: TestRedis | undefined;
  let servers: ServerProcess[] = [];
  before(async () => {
    redis = await startRedis();
  });
  after(() => redis?.close());
  afterEach(async () => {
    closeAll();
    for (const s of servers) s.child.kill('SIGCONT'); // a test may have paused one
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    servers = [];
  });
  return {
    get redis() {
      if (!redis) throw new Error('the cluster fixture starts Redis in before()');
      return redis;
    },
    async start(n, env = {}) {
      const prefix = `t${Math.random().toString(36).slice(2, 8)}:`;
      const started = await Promise.all(
        Array.from({ length: n }, () => startServerProcess({ REDIS_URL: this.redis.url, REDIS_KEY_PREFIX: prefix, ...CLUSTER_SECRETS, ...env })),
      );
      servers.push(...started);
      return started;
    },
  };
}
