#!/usr/bin/env bash
# Long runs of the resilience checks of issue 10 (CI runs the short forms). Prints the FIGURES lines the tests write.
#   tools/soak.sh outage [cycles]     PostgreSQL stopped/restarted N times (default 10) under registration load:
#                                     503 + Retry-After, liveness up, recovery, acknowledged writes all present
#   tools/soak.sh noisy [seconds]     two tenants on one instance, the noisy one flooding beyond its limit:
#                                     quiet tenant's p99 alone vs under the flood (asserts <= 2x), default 30 s a phase
#   tools/soak.sh all                 both with their defaults
# Reactor build only (never `mvn install`: ~/.m2 may be shared).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export JAVA_HOME; JAVA_HOME=$(bin/mcp-platform jdk)

run() { # test class, extra -D options
    local test=$1; shift
    ./mvnw -B -q -pl devstack -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false "$@" >/dev/null \
        || { echo "soak: $test FAILED (see devstack/target/surefire-reports)"; grep -h '^FIGURES' \
             devstack/target/surefire-reports/*"$test"*-output.txt 2>/dev/null || true; return 1; }
    grep -h '^FIGURES' devstack/target/surefire-reports/*"$test"*-output.txt
}

case "${1:-all}" in
    outage) run DatabaseOutageTest "-Dmcp.soak.cycles=${2:-10}" ;;
    noisy) run NoisyNeighbourSoak "-Dmcp.soak.seconds=${2:-30}" ;;
    all) run DatabaseOutageTest -Dmcp.soak.cycles=10 && run NoisyNeighbourSoak -Dmcp.soak.seconds=30 ;;
    *) echo "usage: tools/soak.sh [outage [cycles] | noisy [seconds] | all]" >&2; exit 2 ;;
esac
