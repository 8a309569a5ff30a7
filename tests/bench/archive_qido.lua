-- wrk script: QIDO-RS study searches over one keep-alive connection, each request a search
-- taken at random from a list (one "Key=value" query string a line, URL-encoded).
-- Environment: BENCH_QUERY_FILE (the list), BENCH_TOKEN (bearer token; empty for none).
-- errors= counts failed connections and answers other than 2xx/3xx.
local token = os.getenv("BENCH_TOKEN") or ""
local queries = {}
for line in io.lines(os.getenv("BENCH_QUERY_FILE")) do
  if line ~= "" then queries[#queries + 1] = line end
end

local headers = {["Accept"] = "application/dicom+json"}
if token ~= "" then headers["Authorization"] = "Bearer " .. token end

request = function()
  return wrk.format("GET", "/dicom-web/studies?" .. queries[math.random(1, #queries)], headers)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d errors=%d rps=%.1f p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
