#!/usr/bin/env bash
# Benchmark of issue 2: tools/call on the trivial `echo` tool through the full MCP path (tenant routing, session,
# SDK server) next to a plain Helidon JSON endpoint on the same server, in the same run, with wrk on 127.0.0.1;
# and JVM start to ready with the embedded PostgreSQL already initialised. Writes docs/benchmarks.md.
#
#   tools/bench/run.sh                 # defaults: 32 connections, 10 s per measurement, 2 rounds, 3 start-ups
#   BENCH_DURATION=5s BENCH_ROUNDS=1 tools/bench/run.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
ROUNDS=${BENCH_ROUNDS:-2}
STARTS=${BENCH_STARTS:-3}
PUBLIC_PORT=${BENCH_PUBLIC_PORT:-18080}
ADMIN_PORT=${BENCH_ADMIN_PORT:-19090}
OUT=${BENCH_OUT:-docs/benchmarks.md}
WORK=$(mktemp -d /tmp/mcp-bench.XXXXXX)
RESULTS="$WORK/results.txt"
trap 'stop_platform; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
bin/mcp-platform build >/dev/null
NODE_BIN=$(bash tools/e2e/install.sh)
export JAVA_HOME; JAVA_HOME=$(bin/mcp-platform jdk)

cat > "$WORK/bench.yaml" <<YAML
platform:
  embedded-db:
    data-dir: $WORK/pg
    port: 0
YAML
ENTRA_PORT=${BENCH_ENTRA_PORT:-18081}
export MCP_CONFIG="$WORK/bench.yaml" MCP_PUBLIC_PORT=$PUBLIC_PORT MCP_ADMIN_PORT=$ADMIN_PORT \
  MCP_STANDIN_ENTRA_PORT=$ENTRA_PORT MCP_STANDIN_ENTRA_INTERACTIVE=false MCP_DATA_DIR="$WORK/pg"
PID=""

start_platform() {
  : > "$WORK/platform.log"
  bin/mcp-platform dev > "$WORK/platform.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 300); do
    if grep -q "ready in" "$WORK/platform.log"; then return 0; fi
    if ! kill -0 "$PID" 2>/dev/null; then cat "$WORK/platform.log"; echo "platform died" >&2; exit 1; fi
    sleep 0.1
  done
  cat "$WORK/platform.log"; echo "platform not ready in 30 s" >&2; exit 1
}

stop_platform() {
  if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID"; wait "$PID" 2>/dev/null || true
  fi
  PID=""
}

MCP_URL="http://127.0.0.1:$PUBLIC_PORT/t/demo/mcp"
PLAIN_URL="http://127.0.0.1:$PUBLIC_PORT/bench/plain"
CALL='{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"message":"bench-echo"}}}'

sign_in() { # the official TypeScript SDK signs alice in through the stand-in Entra and the consent page
  "$NODE_BIN/node" tools/e2e/oauth-client.mjs --url "$MCP_URL" --user alice@demo.example \
    --entra-host "127.0.0.1:$ENTRA_PORT" --tool echo --args '{"message":"warm"}' --token-out "$WORK/token" >/dev/null
  TOKEN=$(cat "$WORK/token")
}

open_session() {
  local headers="$WORK/init.headers"
  curl -sS -D "$headers" -o /dev/null -X POST "$MCP_URL" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}'
  SESSION=$(awk 'tolower($1)=="mcp-session-id:" {print $2}' "$headers" | tr -d '\r')
  [[ -n "$SESSION" ]] || { echo "no session id" >&2; exit 1; }
  curl -sS -o /dev/null -X POST "$MCP_URL" -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    -H 'Accept: application/json, text/event-stream' -H "Mcp-Session-Id: $SESSION" -H 'MCP-Protocol-Version: 2025-11-25' \
    -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'
}

LIST='{"jsonrpc":"2.0","id":8,"method":"tools/list"}'

measure() { # name url session token [body expect]
  local line
  line=$(MCP_SESSION_ID="$3" BENCH_TOKEN="$4" BENCH_BODY="${5:-$CALL}" BENCH_EXPECT="${6:-bench-echo}" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s tools/bench/post.lua "$2" | grep '^BENCH')
  echo "$1 $line" | tee -a "$RESULTS"
}

# --- start-up: JVM start to ready, embedded PostgreSQL data directory already initialised ---
export MCP_CDS_DIR="$WORK/cds"
start_platform; stop_platform   # first run initialises the data directory and the CDS archive (not measured)
for cds in on off; do
  for i in $(seq 1 "$STARTS"); do
    MCP_CDS=$cds start_platform
    line=$(grep -m1 "ready in" "$WORK/platform.log")
    ms=$(sed -n 's/.*ready in \([0-9]*\) ms.*/\1/p' <<<"$line")
    phases=$(sed -n 's/.*ready in [0-9]* ms (\(.*\)); public.*/\1/p' <<<"$line")
    echo "startup cds=$cds run=$i ready_ms=$ms phases=$phases" | tee -a "$RESULTS"
    stop_platform
  done
done

# --- throughput: plain JSON endpoint and MCP tools/call, measured in turn, the round repeated ---
start_platform
sign_in
open_session
sample=$(curl -sS -X POST "$MCP_URL" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
  -H "Authorization: Bearer $TOKEN" \
  -H "Mcp-Session-Id: $SESSION" -H 'MCP-Protocol-Version: 2025-11-25' -d "$CALL")
echo "$sample" | grep -q '"bench-echo"' || { echo "unexpected tools/call answer: $sample" >&2; exit 1; }
echo "sample $sample" >> "$RESULTS"
measure warmup-mcp "$MCP_URL" "$SESSION" "$TOKEN" >/dev/null
measure warmup-plain "$PLAIN_URL" "" "" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  measure "round=$r plain" "$PLAIN_URL" "" ""
  measure "round=$r mcp" "$MCP_URL" "$SESSION" "$TOKEN"
  measure "round=$r mcp-list" "$MCP_URL" "$SESSION" "$TOKEN" "$LIST" '"signed_in_user"'
done
stop_platform

# --- tokens: validation cost with cached keys, /token throughput ---
tools/bench/tokens.sh "${BENCH_TOKEN_CODES:-2000}" | sed 's/^BENCH /tokens /' | tee -a "$RESULTS"

# --- per-user data: add_expense + list_expenses at 32 users, row-level security on and off ---
tools/bench/expenses.sh "${BENCH_EXPENSE_SECONDS:-15}" "${BENCH_EXPENSE_ROUNDS:-4}" | sed 's/^BENCH /expenses-bench /' \
  | tee -a "$RESULTS"

python3 tools/bench/report.py "$RESULTS" "$OUT" "$CONNECTIONS" "$THREADS" "$DURATION" "$ROUNDS"
echo "wrote $OUT"
