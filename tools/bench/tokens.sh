#!/usr/bin/env bash
# Benchmark of issue 3: platform access-token validation cost with cached keys (median per call) and /token
# throughput (authorization_code grant, 32 concurrent clients) on the assembled platform with embedded PostgreSQL.
# Prints BENCH lines; tools/bench/run.sh folds them into docs/benchmarks.md.
#   tools/bench/tokens.sh [codes]      (default 2000 code redemptions)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export JAVA_HOME; JAVA_HOME=$(bin/mcp-platform jdk)
cp_file=$(mktemp)
# a reactor build (never `install`: the local repository is shared); the last module written is devstack's class path
./mvnw -B -q -pl devstack -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp_file" >/dev/null
"$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
  -cp "devstack/target/test-classes:devstack/target/classes:$(cat "$cp_file")" \
  io.mcpplatform.devstack.TokenBenchmark "${1:-2000}" 2>/dev/null | grep '^BENCH'
rm -f "$cp_file"
