#!/usr/bin/env bash
# Two Novu Chat processes sharing one local redis-server (cluster mode), for trying scale-out
# on one machine. Ctrl-C stops everything. Needs: redis-server (apt-get install redis-server),
# and `npm ci` at the repository root.
set -euo pipefail
cd "$(dirname "$0")/../.."
REDIS_PORT=${REDIS_PORT:-6390}
export REDIS_URL="redis://127.0.0.1:${REDIS_PORT}"
export ADMIN_TOKEN=${ADMIN_TOKEN:-change-me-admin-token-0123456789}
export HASH_SALT=${HASH_SALT:-change-me-hash-salt}
export REPEAT_AVOID_MS=${REPEAT_AVOID_MS:-3000}

command -v redis-server >/dev/null || { echo "redis-server not found: apt-get install redis-server" >&2; exit 1; }
npm run build --silent

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
pids+=($!)
sleep 0.5
PORT=3001 PROCESS_ID=node-a node packages/server/bin/novu-chat-server.js &
pids+=($!)
PORT=3002 PROCESS_ID=node-b node packages/server/bin/novu-chat-server.js &
pids+=($!)
echo "Open http://localhost:3001 in one tab and http://localhost:3002 in another: they meet across processes."
echo "Admin: http://localhost:3001/admin (token: $ADMIN_TOKEN)"
wait
