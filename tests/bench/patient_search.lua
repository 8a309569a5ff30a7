-- wrk script: patient searches over keep-alive connections with a realistic mix of queries:
-- exact identifiers (medical card, outpatient, HIS id), and two-character name prefixes.
-- The bearer token and patient count come from the environment.
local token = os.getenv("LUMEN_TOKEN")
local patients = tonumber(os.getenv("LUMEN_PATIENTS") or "100000")
local names = {"张伟", "王芳", "李娜", "刘强", "陈静", "杨磊", "黄丽", "赵军", "吴敏", "周杰", "徐燕", "孙超"}

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local counter = 0
local function nextQuery()
  counter = counter + 1
  local i = math.random(0, patients - 1)
  local kind = counter % 4
  if kind == 0 then return string.format("JZK%08d", 10000000 + i) end
  if kind == 1 then return string.format("MZ%08d", 20000000 + i) end
  if kind == 2 then return string.format("HIS%07d", 1000000 + i) end
  return names[math.random(1, #names)]
end

request = function()
  return wrk.format("GET", "/api/v1/patients?limit=20&q=" .. encode(nextQuery()),
                    {["Authorization"] = "Bearer " .. token})
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d errors=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
