-- wrk script: POST a fixed JSON body with the MCP headers; the session id comes from the environment.
-- Counts answers that are not 200 or whose body lacks the expected text, so a fast wrong answer cannot pass.
-- Every request carries its own JSON-RPC id (thread number * 1e9 + counter): ids of requests in flight on one
-- session must differ (the Helidon MCP extension keys its pending responses by id and fails on a duplicate).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  local session = os.getenv("MCP_SESSION_ID")
  wrk.method = "POST"
  wrk.body = os.getenv("BENCH_BODY")
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json, text/event-stream"
  -- the version the session negotiated (2025-06-18 is one every server under test speaks)
  wrk.headers["MCP-Protocol-Version"] = os.getenv("BENCH_PROTOCOL") or "2025-06-18"
  if session ~= nil and session ~= "" then
    wrk.headers["Mcp-Session-Id"] = session
  end
  local token = os.getenv("BENCH_TOKEN")
  if token ~= nil and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
  expect = os.getenv("BENCH_EXPECT")
  bad = 0
  counter = tid * 1000000000
  local at = string.find(wrk.body, '"id":7', 1, true)
  if at ~= nil then
    before, after = string.sub(wrk.body, 1, at + 4), string.sub(wrk.body, at + 6)
  end
end

function request()
  if before == nil then
    return wrk.format()
  end
  counter = counter + 1
  return wrk.format(nil, nil, nil, before .. counter .. after)
end

function response(status, headers, body)
  if status ~= 200 or (expect ~= nil and expect ~= "" and not string.find(body, expect, 1, true)) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local wrong = 0
  for _, thread in ipairs(threads) do
    wrong = wrong + thread:get("bad")
  end
  io.write(string.format("BENCH requests=%d duration_us=%d rps=%.0f p50_us=%d p99_us=%d socket_errors=%d non2xx=%d wrong=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, wrong))
end
