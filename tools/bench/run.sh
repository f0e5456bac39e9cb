#!/usr/bin/env bash
# The benchmark, one command, 127.0.0.1 only, bounded (about 17 minutes at the defaults on 2 cores). Writes
# docs/benchmarks.md with the machine, the commands and the figures:
#   JVM start to ready (issue 2); tools/call on `echo` for the plain ceiling, this platform with full authentication
#   and three alternatives at 1/32/256 clients (compare.sh); 10,000 tenants, a new tenant going live and 5,000 open
#   sessions (scale.sh); the expenses pack (expenses.sh, when present); token and OBO costs (tokens.sh).
#
#   tools/bench/run.sh                 # defaults: 10 s per wrk run, 2 rounds, 3 start-ups
#   BENCH_DURATION=3s BENCH_ROUNDS=1 BENCH_STARTS=1 BENCH_TENANTS=1000 BENCH_SESSIONS=500 tools/bench/run.sh  # ~6 min
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
DURATION=${BENCH_DURATION:-10s}
THREADS=${BENCH_THREADS:-2}
ROUNDS=${BENCH_ROUNDS:-2}
STARTS=${BENCH_STARTS:-3}
PUBLIC_PORT=${BENCH_PUBLIC_PORT:-18080}
ADMIN_PORT=${BENCH_ADMIN_PORT:-19090}
OUT=${BENCH_OUT:-docs/benchmarks.md}
WORK=$(mktemp -d /tmp/mcp-bench.XXXXXX)
RESULTS="$WORK/results.txt"
# shellcheck source=tools/bench/lib.sh
source "$ROOT/tools/bench/lib.sh"
trap 'stop_platform; rm -rf "$WORK"' EXIT
BEGAN=$(date +%s)

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
bin/mcp-platform build >/dev/null
export JAVA_HOME; JAVA_HOME=$(bin/mcp-platform jdk)
echo "load_before $(cat /proc/loadavg)" >> "$RESULTS"

cat > "$WORK/bench.yaml" <<YAML
platform:
  limits:
    requests-per-second: 1000000   # benchmarks measure the platform, not the per-tenant limiter (default 100)
  embedded-db:
    data-dir: $WORK/pg
    port: 0
YAML
export MCP_CONFIG="$WORK/bench.yaml" MCP_PUBLIC_PORT=$PUBLIC_PORT MCP_ADMIN_PORT=$ADMIN_PORT \
  MCP_STANDIN_ENTRA_PORT=${BENCH_ENTRA_PORT:-18081} MCP_STANDIN_ENTRA_INTERACTIVE=false MCP_DATA_DIR="$WORK/pg"

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

# --- throughput: the platform and the alternatives, measured in turn at 1/32/256 clients, the round repeated ---
tools/bench/compare.sh "$RESULTS"

# --- scale of one instance: 10,000 tenants, a new tenant going live, 5,000 open sessions ---
tools/bench/scale.sh "$RESULTS"

# --- the expenses pack (item 2), when its script is present: it prints BENCH lines of its own ---
if [[ -x tools/bench/expenses.sh ]]; then
  tools/bench/expenses.sh "${BENCH_EXPENSE_SECONDS:-15}" "${BENCH_EXPENSE_ROUNDS:-4}" | grep '^BENCH' \
    | sed 's/^BENCH /expenses-bench /' | tee -a "$RESULTS" || echo "expenses benchmark failed" >&2
fi

# --- tokens: validation cost with cached keys, /token throughput ---
tools/bench/tokens.sh "${BENCH_TOKEN_CODES:-2000}" | sed 's/^BENCH /tokens /' | tee -a "$RESULTS"

echo "load_after $(cat /proc/loadavg)" >> "$RESULTS"
echo "took_s $(( $(date +%s) - BEGAN ))" >> "$RESULTS"
python3 tools/bench/report.py "$RESULTS" "$OUT" "$THREADS" "$DURATION" "$ROUNDS"
echo "wrote $OUT"
