#!/usr/bin/env bash
# Two Novu Chat processes sharing one local redis-server (cluster mode), for trying scale-out
# on one machine. Ctrl-C stops everything. Needs: redis-server (apt-get install redis-server),
# and `npm ci` at the repository root.
#
# Settings (environment):
#   NODE_A_PORT, NODE_B_PORT   ports of the two processes (default 3001, 3002)
#   REDIS_PORT                 port of the local redis-server (default 6390)
#   HOST                       address the processes bind (default all interfaces)
#   ADMIN_TOKEN, HASH_SALT     shared secrets (defaults are for trying it out only)
#   SKIP_BUILD=1               do not run `npm run build` first
#
# If either process (or Redis) fails to start, or dies later, everything is stopped and the
# script exits non-zero: a cluster of one would not show what it is meant to show.
set -euo pipefail
cd "$(dirname "$0")/../.."
NODE_A_PORT=${NODE_A_PORT:-3001}
NODE_B_PORT=${NODE_B_PORT:-3002}
REDIS_PORT=${REDIS_PORT:-6390}
export REDIS_URL="redis://127.0.0.1:${REDIS_PORT}"
export ADMIN_TOKEN=${ADMIN_TOKEN:-change-me-admin-token-0123456789}
export HASH_SALT=${HASH_SALT:-change-me-hash-salt}
export REPEAT_AVOID_MS=${REPEAT_AVOID_MS:-3000}

fail() { echo "start-cluster: $*" >&2; exit 1; }

command -v redis-server >/dev/null || fail "redis-server not found: apt-get install redis-server"
[ "${SKIP_BUILD:-}" = 1 ] || npm run build --silent

# Each background process in its own process group: Ctrl-C reaches only this script, which then
# stops the servers once (SIGTERM: they drain), instead of the servers seeing two signals.
set -m
pids=()
redis_pid=
cleanup() {
  trap - EXIT INT TERM
  # The servers first (they drain and leave Redis tidy), then Redis.
  for pid in "${pids[@]}"; do [ "$pid" = "$redis_pid" ] || kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do [ "$pid" = "$redis_pid" ] || wait "$pid" 2>/dev/null || true; done
  if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Whether a URL answers 200 (node is there anyway; no curl needed).
answers() { node -e "fetch(process.argv[1], { signal: AbortSignal.timeout(1000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$1"; }

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
redis_pid=$!
pids+=("$redis_pid")
for _ in $(seq 50); do
  kill -0 "$redis_pid" 2>/dev/null || fail "redis-server could not start on port $REDIS_PORT (in use?)"
  if (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null; then break; fi
  sleep 0.1
done

PORT=$NODE_A_PORT PROCESS_ID=node-a node packages/server/bin/novu-chat-server.js &
node_a=$!
pids+=("$node_a")
PORT=$NODE_B_PORT PROCESS_ID=node-b node packages/server/bin/novu-chat-server.js &
node_b=$!
pids+=("$node_b")

# Where to ask for /healthz: the bound address, or loopback when bound to every interface.
check_host=${HOST:-127.0.0.1}
case "$check_host" in 0.0.0.0|::|'[::]') check_host=127.0.0.1 ;; esac

# Both must answer /healthz before the cluster is announced; a process that exits fails the run.
for name in a b; do
  if [ "$name" = a ]; then pid=$node_a port=$NODE_A_PORT; else pid=$node_b port=$NODE_B_PORT; fi
  for attempt in $(seq 200); do
    kill -0 "$pid" 2>/dev/null || fail "node $name (port $port) failed to start (see its output above); stopping everything"
    answers "http://$check_host:$port/healthz" && break
    [ "$attempt" = 200 ] && fail "node $name (port $port) did not answer /healthz within 20 s; stopping everything"
    sleep 0.1
  done
done

echo "Open http://localhost:$NODE_A_PORT in one tab and http://localhost:$NODE_B_PORT in another: they meet across processes."
echo "Admin: http://localhost:$NODE_A_PORT/admin (token: $ADMIN_TOKEN)"

# Whichever exits first (a crash, or Ctrl-C) takes the others down with it.
set +e
wait -n "${pids[@]}"
code=$?
fail "a process of the cluster exited (code $code); stopping everything"
