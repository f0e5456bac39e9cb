#!/usr/bin/env bash
# Benchmark of issue 5: add_expense followed by list_expenses through the full MCP path (platform token, session, tool,
# PostgreSQL) by 32 concurrent users, rounds alternating row-level security on (as shipped) and off (same table,
# statements and indexes). Prints BENCH lines with throughput and p50/p99 per tool, and the load average before/after.
#   tools/bench/expenses.sh [seconds per measurement, default 15] [rounds, default 2]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export JAVA_HOME; JAVA_HOME=$(bin/mcp-platform jdk)
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
# one reactor build (never install: ~/.m2 is shared); the last module written is devstack, whose class path then names
# the sibling modules' target/classes directories
./mvnw -B -q -o -pl devstack -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp_file" >/dev/null
cp="devstack/target/test-classes:devstack/target/classes:$(cat "$cp_file")"
echo "BENCH machine cores=$(nproc) loadavg_before=\"$(cut -d' ' -f1-3 /proc/loadavg)\" java=\"$("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | tr -d '"')\""
"$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -cp "$cp" \
  io.mcpplatform.devstack.ExpensesBenchmark "${1:-15}" "${2:-2}" 2>/dev/null | grep '^BENCH'
echo "BENCH machine loadavg_after=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
