-- wrk script for benchmarks/load.py: each connection asks for a random path
-- from a file (one path a line), and done() prints the figures as one JSON
-- line, because wrk's own summary has no 95th percentile.
--
--   wrk -t2 -c20 -d20s -s benchmarks/load.lua http://127.0.0.1:PORT -- PATHS_FILE SEED

local paths = {}
local threads = 0

-- runs in wrk's main Lua state, once per thread, before init()
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot read " .. tostring(args[1]))
  for line in file:lines() do
    if line ~= "" then paths[#paths + 1] = line end
  end
  file:close()
  assert(#paths > 0, "no paths in " .. args[1])
  -- each wrk thread has its own Lua state; give each its own sequence
  local seed = tonumber(args[2] or "1")
  math.randomseed(seed * 1000 + (thread_number or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean))
end
