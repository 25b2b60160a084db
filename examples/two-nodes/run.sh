#!/usr/bin/env bash
# Two Parley nodes on one PostgreSQL database and one Redis, and two users chatting across them:
# Alice on node A, Bob on node B (examples/node-client). Run from anywhere after `npm run build`:
#
#   PARLEY_DATABASE_URL=postgres://postgres@127.0.0.1:5432/parley \
#   PARLEY_REDIS_URL=redis://127.0.0.1:6379 bash examples/two-nodes/run.sh
#
# Exit codes: 0 the users chatted; 1 something failed (a node that does not use the Redis bus too).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
: "${PARLEY_DATABASE_URL:?set PARLEY_DATABASE_URL=postgres://…}"
: "${PARLEY_REDIS_URL:?set PARLEY_REDIS_URL=redis://…}"
export PARLEY_DATABASE_URL PARLEY_REDIS_URL
export PARLEY_ADMIN_KEY="${PARLEY_ADMIN_KEY:-pk_two_nodes_example_admin_key_0001}"
export PARLEY_LOG_LEVEL="${PARLEY_LOG_LEVEL:-warn}"
port_a="${PORT_A:-8081}"
port_b="${PORT_B:-8082}"
main="$root/packages/server/dist/main.js"
[ -f "$main" ] || { echo "build first: npm run build" >&2; exit 1; }

pids=()
stop() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT

# The schema is migrated once, then both nodes start on it.
node "$root/packages/server/bin/parley.js" migrate >/dev/null
for port in "$port_a" "$port_b"; do
  PORT="$port" node "$main" > "${TMPDIR:-/tmp}/parley-node-$port.log" 2>&1 &
  pids+=("$!")
done

ready() {
  for _ in $(seq 1 100); do
    if body="$(curl -fsS "http://127.0.0.1:$1/readyz" 2>/dev/null)"; then echo "$body"; return 0; fi
    sleep 0.2
  done
  echo "node on port $1 did not become ready; see ${TMPDIR:-/tmp}/parley-node-$1.log" >&2
  return 1
}
for port in "$port_a" "$port_b"; do
  status="$(ready "$port")"
  echo "node :$port $status"
  case "$status" in
    *'"bus":"redis"'*) ;;
    *) echo "node :$port does not use the Redis bus (readyz: $status): is PARLEY_REDIS_URL reaching it?" >&2; exit 1 ;;
  esac
done

PARLEY_URL="http://127.0.0.1:$port_a" BOB_URL="http://127.0.0.1:$port_b" node "$root/examples/node-client/index.mjs"
