#!/usr/bin/env bash
# Issue 9, item 1: tools/call on a trivial `echo` tool, side by side on this machine in one run, with wrk on 127.0.0.1:
#   plain   (a) a plain Helidon JSON endpoint on the platform's own server (the ceiling)
#   mcp     (b) this platform, full authentication (platform token verified, tenant routing, user context)
#   ts-sdk  (c) the official TypeScript SDK 1.32.2 server checking a static bearer token (alternatives/ts-sdk)
#   helidon-mcp (d) Oracle's Helidon MCP extension 1.2.0 on Helidon 4.5.0, own process (alternatives/helidon-mcp)
#   java-sdk    (e) the MCP Java SDK 2.1.0 servlet transport on embedded Jetty 12.1 (alternatives/java-sdk-jetty)
# Servers measured in turn at each concurrency, the whole round repeated; every wrk run checks every answer
# (status 200 and the echoed text; non-2xx and wrong must be 0) and one verified sample answer per server is kept.
# Appends result lines to the file named by $1 (tools/bench/run.sh folds them into docs/benchmarks.md).
#   tools/bench/compare.sh RESULTS_FILE
#   BENCH_DURATION=3s BENCH_ROUNDS=1 BENCH_CONCURRENCY="32" BENCH_SERVERS="plain mcp" tools/bench/compare.sh /tmp/r.txt
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
RESULTS=$1
DURATION=${BENCH_DURATION:-10s}
THREADS=${BENCH_THREADS:-2}
ROUNDS=${BENCH_ROUNDS:-2}
CONCURRENCY=${BENCH_CONCURRENCY:-1 32 256}
SERVERS=${BENCH_SERVERS:-plain mcp ts-sdk helidon-mcp java-sdk}
PUBLIC_PORT=${BENCH_PUBLIC_PORT:-18080}
ENTRA_PORT=${BENCH_ENTRA_PORT:-18081}
TS_PORT=${BENCH_TS_PORT:-18101}
HELIDON_MCP_PORT=${BENCH_HELIDON_MCP_PORT:-18102}
JAVA_SDK_PORT=${BENCH_JAVA_SDK_PORT:-18103}
WORK=$(mktemp -d /tmp/mcp-compare.XXXXXX)
# shellcheck source=tools/bench/lib.sh
source "$ROOT/tools/bench/lib.sh"
ALT_PIDS=()
cleanup() { stop_platform; for p in "${ALT_PIDS[@]}"; do stop_pid "$p"; done; rm -rf "$WORK"; }
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
NODE_BIN=$(bash tools/e2e/install.sh)
export JAVA_HOME; JAVA_HOME=$(bin/mcp-platform jdk)
[[ -f devstack/target/mcp-platform-devstack.jar ]] || bin/mcp-platform build >/dev/null
for alt in helidon-mcp java-sdk-jetty; do  # standalone projects, never part of the product's reactor
  ./mvnw -B -q -f "tools/bench/alternatives/$alt/pom.xml" package -DskipTests >/dev/null
done
JAVA_OPTS_ALT=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)

# --- start every server (idle ones cost nothing measurable), each on 127.0.0.1 ---
TS_TOKEN=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
declare -A PIDS  # whose CPU time counts for each server
BENCH_TS_TOKEN=$TS_TOKEN "$NODE_BIN/node" tools/bench/alternatives/ts-sdk/server.mjs "$TS_PORT" > "$WORK/ts.log" 2>&1 &
ALT_PIDS+=($!); PIDS[ts-sdk]=$!
"$JAVA_HOME/bin/java" "${JAVA_OPTS_ALT[@]}" -jar tools/bench/alternatives/helidon-mcp/target/bench-helidon-mcp.jar \
  "$HELIDON_MCP_PORT" > "$WORK/helidon-mcp.log" 2>&1 &
ALT_PIDS+=($!); PIDS[helidon-mcp]=$!
"$JAVA_HOME/bin/java" "${JAVA_OPTS_ALT[@]}" -cp "tools/bench/alternatives/java-sdk-jetty/target/classes:tools/bench/alternatives/java-sdk-jetty/target/libs/*" \
  bench.javasdk.Main "$JAVA_SDK_PORT" > "$WORK/java-sdk.log" 2>&1 &
ALT_PIDS+=($!); PIDS[java-sdk]=$!

cat > "$WORK/bench.yaml" <<YAML
platform:
  limits:
    requests-per-second: 1000000   # benchmarks measure the platform, not the per-tenant limiter (default 100)
  embedded-db:
    data-dir: $WORK/pg
    port: 0
  oauth:
    access-token-ttl: 1h
YAML
export MCP_CONFIG="$WORK/bench.yaml" MCP_PUBLIC_PORT=$PUBLIC_PORT MCP_ADMIN_PORT=${BENCH_ADMIN_PORT:-19090} \
  MCP_STANDIN_ENTRA_PORT=$ENTRA_PORT MCP_STANDIN_ENTRA_INTERACTIVE=false MCP_DATA_DIR="$WORK/pg" MCP_CDS_DIR="$WORK/cds"
start_platform
for log in ts helidon-mcp java-sdk; do wait_for_line "$WORK/$log.log" "ready on" 60; done
# the platform's JVM and its embedded PostgreSQL (which runs detached, so it is found by its data directory)
PIDS[plain]="$PLATFORM_PID $(pgrep -o -f -- "-D $WORK/pg" || true)"; PIDS[mcp]=${PIDS[plain]}

MCP_URL="http://127.0.0.1:$PUBLIC_PORT/t/demo/mcp"
# the official TypeScript SDK signs alice in through the stand-in Entra and the consent page: a real platform token
"$NODE_BIN/node" tools/e2e/oauth-client.mjs --url "$MCP_URL" --user alice@demo.example \
  --entra-host "127.0.0.1:$ENTRA_PORT" --tool echo --args '{"message":"warm"}' --token-out "$WORK/token" >/dev/null
PLATFORM_TOKEN=$(cat "$WORK/token")

declare -A URL SESSION TOKEN
URL[plain]="http://127.0.0.1:$PUBLIC_PORT/bench/plain"; SESSION[plain]=""; TOKEN[plain]=""
URL[mcp]=$MCP_URL; TOKEN[mcp]=$PLATFORM_TOKEN
URL[ts-sdk]="http://127.0.0.1:$TS_PORT/mcp"; TOKEN[ts-sdk]=$TS_TOKEN
URL[helidon-mcp]="http://127.0.0.1:$HELIDON_MCP_PORT/mcp"; TOKEN[helidon-mcp]=""
URL[java-sdk]="http://127.0.0.1:$JAVA_SDK_PORT/mcp"; TOKEN[java-sdk]=""
for s in $SERVERS; do
  [[ $s == plain ]] || SESSION[$s]=$(open_session "${URL[$s]}" "${TOKEN[$s]}")
  verified_sample "$s" "${URL[$s]}" "${SESSION[$s]}" "${TOKEN[$s]}"
done
# the checks must be able to fail: a wrong token is refused where one is required
for s in mcp ts-sdk; do
  [[ " $SERVERS " == *" $s "* ]] || continue
  code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "${URL[$s]}" -H "Authorization: Bearer not-${TOKEN[$s]:0:8}" \
    -H "Mcp-Session-Id: ${SESSION[$s]}" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' -d "$CALL")
  [[ $code == 401 ]] || { echo "$s accepted a wrong bearer token (HTTP $code)" >&2; exit 1; }
done

for s in $SERVERS; do  # warm-up: JIT and connection pools, not recorded
  DURATION=${BENCH_WARMUP:-5s} measure "warmup $s" "${URL[$s]}" "${SESSION[$s]}" "${TOKEN[$s]}" 32 >/dev/null
done
for r in $(seq 1 "$ROUNDS"); do
  for c in $CONCURRENCY; do
    for s in $SERVERS; do
      MEASURE_PIDS=${PIDS[$s]} measure "compare round=$r server=$s" "${URL[$s]}" "${SESSION[$s]}" "${TOKEN[$s]}" "$c"
    done
  done
done
