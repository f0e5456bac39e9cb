#!/usr/bin/env bash
# Issue 9, items 4 and 5: the scale limits of one instance, on `bin/mcp-platform dev` with a fresh embedded database.
#   tenants:  heap after a full GC and JVM start to ready with 10,000 tenants registered (run under -Xmx512m, the
#             goal), against the same with only the demo tenants; time from a tenant's INSERT (commit) to the first
#             successful `initialize` at its MCP URL.
#   sessions: 5,000 MCP sessions, each with its GET listening stream held open (tools/bench/scale/SessionHold.java),
#             on one instance: heap after GC and RSS before and after, per session.
# Appends result lines to the file named by $1 (tools/bench/run.sh folds them into docs/benchmarks.md).
#   BENCH_TENANTS=10000 BENCH_SESSIONS=5000 BENCH_STARTS=3 BENCH_LIVE=5 tools/bench/scale.sh RESULTS_FILE
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
RESULTS=$1
TENANTS=${BENCH_TENANTS:-10000}
SESSIONS=${BENCH_SESSIONS:-5000}
STARTS=${BENCH_STARTS:-3}
LIVE=${BENCH_LIVE:-5}
HEAP=${BENCH_HEAP:-512m}
PUBLIC_PORT=${BENCH_PUBLIC_PORT:-18080}
WORK=$(mktemp -d /tmp/mcp-scale.XXXXXX)
# shellcheck source=tools/bench/lib.sh
source "$ROOT/tools/bench/lib.sh"
HOLD_PID=""
cleanup() { [[ -n "$HOLD_PID" ]] && stop_pid "$HOLD_PID"; stop_platform; rm -rf "$WORK"; }
trap cleanup EXIT
export JAVA_HOME; JAVA_HOME=$(bin/mcp-platform jdk)
[[ -f devstack/target/mcp-platform-devstack.jar ]] || bin/mcp-platform build >/dev/null
ulimit -n 20000 2>/dev/null || true   # one socket per held stream on each side

cat > "$WORK/bench.yaml" <<YAML
platform:
  limits:
    requests-per-second: 1000000   # benchmarks measure the platform, not the per-tenant limiter (default 100)
  embedded-db:
    data-dir: $WORK/pg
    port: 0
  mcp:
    max-sessions-per-tenant: $(( SESSIONS + 100 ))
YAML
export MCP_CONFIG="$WORK/bench.yaml" MCP_PUBLIC_PORT=$PUBLIC_PORT MCP_ADMIN_PORT=${BENCH_ADMIN_PORT:-19090} \
  MCP_STANDIN_ENTRA_PORT=${BENCH_ENTRA_PORT:-18081} MCP_STANDIN_ENTRA_INTERACTIVE=false MCP_DATA_DIR="$WORK/pg" \
  MCP_CDS_DIR="$WORK/cds" JAVA_OPTS="-Xmx$HEAP"

heap_after_gc_kb() { # the platform's heap in use right after a full GC
  jcmd "$PLATFORM_PID" GC.run >/dev/null
  jcmd "$PLATFORM_PID" GC.heap_info | awk '/used/ {for (i = 1; i <= NF; i++) if ($i == "used") {sub("K", "", $(i+1)); print $(i+1); exit}}'
}
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$PLATFORM_PID/status"; }
ready_ms() { sed -n 's/.*ready in \([0-9]*\) ms.*/\1/p' "$WORK/platform.log" | head -1; }
phases() { sed -n 's/.*ready in [0-9]* ms (\(.*\)); public.*/\1/p' "$WORK/platform.log" | head -1 | tr ' ,' '_;'; }
db_url() { grep -o 'jdbc:postgresql://127.0.0.1:[0-9]*/[A-Za-z0-9_]*' "$WORK/platform.log" | head -1; }
seed() { # mode arg
  BENCH_DB_PASSWORD=$(sed -n 's/^superuser.password=//p' "$WORK/pg/credentials.properties") \
    "$JAVA_HOME/bin/java" -cp "devstack/target/libs/*" tools/bench/scale/TenantSeed.java "$1" "$(db_url)" postgres "$2"
}
initialize_status() { # slug -> HTTP status of an initialize at its MCP URL
  curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PUBLIC_PORT/t/$1/mcp" \
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' -d "$MCP_INIT"
}

# --- baseline: demo tenants only (the first start initialises the data directory and is not counted) ---
start_platform; stop_platform
for i in $(seq 1 "$STARTS"); do
  start_platform
  echo "tenants count=demo run=$i ready_ms=$(ready_ms) heap_after_gc_kb=$(heap_after_gc_kb) rss_kb=$(rss_kb) xmx=$HEAP load=$(cut -d' ' -f1 /proc/loadavg) phases=$(phases)" | tee -a "$RESULTS"
  stop_platform
done

# --- 10,000 tenants registered ---
start_platform
seed seed "$TENANTS" >/dev/null
stop_platform
for i in $(seq 1 "$STARTS"); do
  start_platform
  [[ $(initialize_status bench-$(printf '%05d' "$TENANTS")) == 200 ]] || { echo "the last seeded tenant is not served" >&2; exit 1; }
  echo "tenants count=$TENANTS run=$i ready_ms=$(ready_ms) heap_after_gc_kb=$(heap_after_gc_kb) rss_kb=$(rss_kb) xmx=$HEAP load=$(cut -d' ' -f1 /proc/loadavg) phases=$(phases)" | tee -a "$RESULTS"
  [[ $i == "$STARTS" ]] || stop_platform
done

# --- a new tenant goes live: INSERT committed -> first successful initialize at its URL ---
for i in $(seq 1 "$LIVE"); do
  slug="bench-live-$i"
  [[ $(initialize_status "$slug") == 404 ]] || { echo "$slug answered before it existed" >&2; exit 1; }
  committed=$(seed live "$slug" | sed -n 's/committed_at_ms=//p')
  for _ in $(seq 1 2000); do
    [[ $(initialize_status "$slug") == 200 ]] && break
    sleep 0.005
  done
  now=$(date +%s%3N)
  [[ $(initialize_status "$slug") == 200 ]] || { echo "$slug never went live" >&2; exit 1; }
  echo "tenant_live run=$i ms=$(( now - committed )) registered=$(( TENANTS + i ))" | tee -a "$RESULTS"
  sleep 0.$(( RANDOM % 9 + 1 ))   # do not stay in phase with the directory's polling
done

# --- sessions: N held GET streams on one tenant of the same instance ---
heap0=$(heap_after_gc_kb); rss0=$(rss_kb)
coproc HOLD { "$JAVA_HOME/bin/java" tools/bench/scale/SessionHold.java "http://127.0.0.1:$PUBLIC_PORT/t/bench-00001/mcp" "$SESSIONS" 2>&1; }
HOLD_PID=$HOLD_PID
read -r -t 600 opened <&"${HOLD[0]}" || true
[[ $opened == open* ]] || { echo "session holder failed: $opened" >&2; exit 1; }
heap1=$(heap_after_gc_kb); rss1=$(rss_kb)
echo "sessions count=$SESSIONS ${opened#open * } heap_before_kb=$heap0 heap_after_kb=$heap1 rss_before_kb=$rss0 rss_after_kb=$rss1 heap_per_session_b=$(( (heap1 - heap0) * 1024 / SESSIONS )) rss_per_session_b=$(( (rss1 - rss0) * 1024 / SESSIONS )) xmx=$HEAP load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')" | tee -a "$RESULTS"
echo done >&"${HOLD[1]}"
wait "$HOLD_PID" 2>/dev/null || true; HOLD_PID=""
