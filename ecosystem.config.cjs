// PM2: `pm2 start ecosystem.config.cjs` (add `--env production`), `pm2 reload novu-chat` for a
// rolling restart. See docs/deployment.md#pm2.
//
// Cluster mode (exec_mode: 'cluster', one worker per core, all on one port) REQUIRES Redis
// (REDIS_URL): each worker is a separate Node.js process with its own memory, so without Redis two
// users on different workers would wait in two different queues, and a match, its relayed
// messages and a resumed connection would only exist on one worker. With REDIS_URL the queue,
// rooms, resume sessions, limits and relays are shared (docs/deployment.md#many-processes-cluster-mode),
// and the server refuses to start in cluster mode without ADMIN_TOKEN and HASH_SALT shared by all.
// Without Redis, run one instance (instances: 1, exec_mode: 'fork').
//
// PM2's cluster balancer cannot keep a client on one worker: fine for the SDK and <novu-chat>,
// which use WebSocket only; clients on long-polling need a sticky balancer (nginx ip_hash) in
// front of separate ports instead.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

// Installed from npm (`npm install @novu-chat/server`), or this repository after `npm ci`.
const installed = join(__dirname, 'node_modules/@novu-chat/server/bin/novu-chat-server.js');
const checkout = join(__dirname, 'packages/server/bin/novu-chat-server.js');

module.exports = {
  apps: [
    {
      name: 'novu-chat',
      script: existsSync(checkout) ? checkout : installed,
      exec_mode: 'cluster',
      instances: process.env.WEB_CONCURRENCY || 'max',
      // SIGINT, then SIGKILL after kill_timeout: the server drains SHUTDOWN_GRACE_MS (5 s) and
      // exits at the latest 5 s after that, so leave it more than 10 s.
      kill_timeout: 12000,
      listen_timeout: 10000,
      max_memory_restart: '1G',
      // Logs are JSON lines on stdout (pino); PM2 adds nothing around them.
      merge_logs: true,
      time: false,
      env: {
        PORT: 3001,
        REDIS_URL: 'redis://127.0.0.1:6379',
        // Set these (the same on every worker and host) in the environment PM2 starts from:
        // ADMIN_TOKEN, HASH_SALT, ALLOWED_ORIGINS, and TURN_SECRET / TURN_URLS with coturn.
        TRUST_PROXY: 1,
      },
      env_production: {
        NODE_ENV: 'production',
      },
    },
  ],
};
