#!/usr/bin/env bash
# Benchmark: patient search with N patients and 32 concurrent keep-alive clients (wrk).
# Target from the issue: >= 2,000 requests/s and p99 < 50 ms on a 2-core machine; the
# hospitals' floor is 200 requests/s (req: 001 >= 200 req/s core API).
# usage: patient_search_bench.sh SERVER_BINARY LUA_SCRIPT [PATIENTS] [SECONDS]
set -euo pipefail
server=$1 lua=$2 patients=${3:-100000} seconds=${4:-20}
data=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT

start=$(date +%s.%N)
"$server" --data "$data" --http-port 0 --hl7-port 0 --demo --demo-patients "$patients" --log-level warning > "$data/out.txt" &
pid=$!
for _ in $(seq 1 600); do grep -q '^listening ' "$data/out.txt" 2>/dev/null && break; sleep 0.2; done
port=$(sed -n 's/^listening http=\([0-9]*\).*/\1/p' "$data/out.txt")
[ -n "$port" ] || { echo "server did not start"; cat "$data/out.txt"; exit 1; }
echo "server ready with $patients patients in $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $start}") s on port $port"

token=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/session" -H 'Content-Type: application/json' \
  -d '{"username":"registrar","password":"Lumen@2026"}' | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
[ -n "$token" ] || { echo "login failed"; exit 1; }

# Warm-up, then the measured run.
LUMEN_TOKEN=$token LUMEN_PATIENTS=$patients wrk -t2 -c32 -d3s -s "$lua" "http://127.0.0.1:$port" > /dev/null
result=$(LUMEN_TOKEN=$token LUMEN_PATIENTS=$patients wrk -t2 -c32 -d"${seconds}s" --latency -s "$lua" \
  "http://127.0.0.1:$port" | tee /dev/stderr | grep '^RESULT')
echo "$result"
rps=$(echo "$result" | sed -n 's/.*rps=\([0-9.]*\).*/\1/p')
p99=$(echo "$result" | sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p')
echo "patient search: ${rps} requests/s, p99 ${p99} ms; ratio to the 2,000/s target $(awk "BEGIN{printf \"%.2f\", $rps / 2000}"), to the hospitals' 200/s floor $(awk "BEGIN{printf \"%.1f\", $rps / 200}")"
audit=$(curl -sf "http://127.0.0.1:$port/api/v1/health" > /dev/null && echo ok)
echo "server healthy after the run: ${audit:-no}"
