#!/usr/bin/env bash
# Shared by the benchmark scripts (sourced, not run): the platform under `bin/mcp-platform dev` on 127.0.0.1,
# MCP session set-up with curl, and one checked wrk measurement. Expects ROOT, WORK, RESULTS, DURATION, THREADS.

MCP_INIT='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}'
MCP_INITIALIZED='{"jsonrpc":"2.0","method":"notifications/initialized"}'
CALL='{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"message":"bench-echo"}}}'
LIST='{"jsonrpc":"2.0","id":8,"method":"tools/list"}'
PLATFORM_PID=""

start_platform() { # bin/mcp-platform dev, waits for "ready in"
  : > "$WORK/platform.log"
  bin/mcp-platform dev > "$WORK/platform.log" 2>&1 &
  PLATFORM_PID=$!
  for _ in $(seq 1 600); do
    if grep -q "ready in" "$WORK/platform.log"; then return 0; fi
    if ! kill -0 "$PLATFORM_PID" 2>/dev/null; then cat "$WORK/platform.log"; echo "platform died" >&2; exit 1; fi
    sleep 0.1
  done
  cat "$WORK/platform.log"; echo "platform not ready in 60 s" >&2; exit 1
}

stop_platform() {
  stop_pid "$PLATFORM_PID"; PLATFORM_PID=""
}

stop_pid() { # ends one process this script started, by its id
  if [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; then
    kill "$1"; wait "$1" 2>/dev/null || true
  fi
}

wait_for_line() { # file text seconds
  for _ in $(seq 1 $(( $3 * 10 ))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  cat "$1" >&2; echo "'$2' not seen in $1 within $3 s" >&2; return 1
}

open_session() { # url [token] -> prints the Mcp-Session-Id of an initialised session
  local headers; headers=$(mktemp "$WORK/init.XXXXXX")
  local auth=(); [[ -n "${2:-}" ]] && auth=(-H "Authorization: Bearer $2")
  curl -sS -D "$headers" -o /dev/null -X POST "$1" "${auth[@]}" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' -d "$MCP_INIT"
  local session; session=$(awk 'tolower($1)=="mcp-session-id:" {print $2}' "$headers" | tr -d '\r')
  [[ -n "$session" ]] || { cat "$headers" >&2; echo "no session id from $1" >&2; return 1; }
  curl -sS -o /dev/null -X POST "$1" "${auth[@]}" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' -H "Mcp-Session-Id: $session" -H 'MCP-Protocol-Version: 2025-06-18' \
    -d "$MCP_INITIALIZED"
  echo "$session"
}

verified_sample() { # name url session token -> one tools/call answer, checked, recorded
  local auth=(); [[ -n "$4" ]] && auth=(-H "Authorization: Bearer $4")
  local sess=(); [[ -n "$3" ]] && sess=(-H "Mcp-Session-Id: $3")
  local answer
  answer=$(curl -sS -X POST "$2" "${auth[@]}" "${sess[@]}" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' -H 'MCP-Protocol-Version: 2025-06-18' -d "$CALL" | tr -d '\r' | grep -v '^$' | tr '\n' ' ')
  grep -q '"text":"bench-echo"' <<<"$answer" || { echo "unexpected tools/call answer from $1: $answer" >&2; return 1; }
  echo "sample $1 $answer" >> "$RESULTS"
}

cpu_ticks() { # pids... -> user+system clock ticks used so far by these processes and all their descendants
  local total=0 pid child
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] || continue
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") ))
    for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do total=$(( total + $(cpu_ticks "$child") )); done
  done
  echo "$total"
}

# measure label url session token connections [body expect]: a checked wrk run, one BENCH line in RESULTS.
# MEASURE_PIDS (optional): the server's processes; their CPU time during the run per request is recorded
# (cpu_us_per_req), a figure far less sensitive than req/s to other load on a shared machine.
measure() {
  local threads=$THREADS line before after requests cpu_us=0; (( $5 < threads )) && threads=$5
  before=$(cpu_ticks ${MEASURE_PIDS:-})
  line=$(MCP_SESSION_ID="$3" BENCH_TOKEN="$4" BENCH_BODY="${6:-$CALL}" BENCH_EXPECT="${7:-bench-echo}" \
    wrk -t"$threads" -c"$5" -d"$DURATION" -s "$ROOT/tools/bench/post.lua" "$2" | grep '^BENCH')
  after=$(cpu_ticks ${MEASURE_PIDS:-})
  requests=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$line")
  if [[ -n "${MEASURE_PIDS:-}" ]] && (( requests > 0 )); then
    cpu_us=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests ))
  fi
  echo "$1 c=$5 $line cpu_us_per_req=$cpu_us load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')" | tee -a "$RESULTS"
  if ! grep -q ' non2xx=0 wrong=0' <<<"$line"; then echo "FAILED CHECK: $1 c=$5 answered non-2xx or wrong bodies" >&2; return 1; fi
}
