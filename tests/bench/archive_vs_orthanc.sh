#!/usr/bin/env bash
# Benchmark: the archive against Orthanc (Debian package, default SQLite index), side by side on
# loopback, same files and same queries into each. Prints both servers' figures, the
# Lumen/Orthanc ratios and a line per target of the archive issue:
#   ingest >= 2x Orthanc with full durability, query p95 <= 1/3 of Orthanc's, retrieval >= 2x.
# Figures, not assertions: the exit status says only whether the benchmark could run
# (77 = skipped: a peer tool is missing).
#
# usage: archive_vs_orthanc.sh LUMEN_SERVER GENERATOR QIDO_LUA [STUDIES] [SLICES] [QUERIES] [SECONDS]
#   STUDIES  one-instance studies loaded for the query tests (default 100000)
#   SLICES   512x512 CT slices per association in the ingest tests (default 200, ~105 MB)
#   QUERIES  C-FIND identifiers per kind (default 200)
#   SECONDS  wrk run per QIDO-RS test (default 10)
# Environment: BENCH_DIR (work folder parent, default $TMPDIR or /tmp), BENCH_KEEP=1 keeps it,
# ORTHANC (default /usr/sbin/Orthanc), ORTHANC_DICOMWEB (the plugin, default the Debian path).
set -euo pipefail
server=$1 generator=$2 lua=$3
studies=${4:-100000} slices=${5:-200} queries=${6:-200} seconds=${7:-10}
orthanc_bin=${ORTHANC:-/usr/sbin/Orthanc}
dicomweb_plugin=${ORTHANC_DICOMWEB:-/usr/share/orthanc/plugins/libOrthancDicomWeb.so}

for tool in storescu findscu wrk curl sqlite3 "$orthanc_bin"; do
  command -v "$tool" > /dev/null || { echo "skipped: $tool is not installed"; exit 77; }
done
[ -f "$dicomweb_plugin" ] || { echo "skipped: Orthanc's DICOMweb plugin ($dicomweb_plugin) is missing"; exit 77; }

# Debian's DCMTK leaves Nagle's algorithm on unless TCP_NODELAY=1 is in the environment, on
# the sending and on the receiving side: it goes to every DCMTK tool and to Orthanc (a DCMTK
# program too; without it Orthanc takes ~22 instances/s). Lumen sets it on its own sockets.
export TCP_NODELAY=1

work=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/lumen-archive-bench.XXXXXX")
lumen_pid="" orthanc_pid=""
stop_pid() { # graceful stop of one server this script started (its child), by process id
  local pid=$1 state
  [ -n "$pid" ] || return 0
  kill "$pid" 2> /dev/null || return 0
  for _ in $(seq 1 300); do
    state=$(awk '{print $3}' "/proc/$pid/stat" 2> /dev/null || echo gone)
    [ "$state" = Z ] || [ "$state" = gone ] && break
    sleep 0.1
  done
  [ "$state" = Z ] || [ "$state" = gone ] || kill -9 "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
}
cleanup() {
  stop_pid "$lumen_pid"
  stop_pid "$orthanc_pid"
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

now() { date +%s.%N; }
calc() { awk "BEGIN{printf \"%.${2:-1}f\", $1}"; }
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2> /dev/null ||
    echo $((20000 + RANDOM % 30000))
}
settle() { sync; sleep 1; } # the previous phase's writeback must not land in the next one
can_drop_caches() { sync && { echo 3 > /proc/sys/vm/drop_caches; } 2> /dev/null; }
rss_mib() { awk '/^VmRSS/{printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

echo "== archive benchmark: Lumen vs Orthanc, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
  "$(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), work folder $work"
echo "   studies=$studies ct_slices=$slices/association queries=$queries qido_seconds=$seconds"

# ---------------------------------------------------------------- data
t0=$(now)
ct1=$("$generator" ct "$work/data/ct1" "$slices")
"$generator" ct "$work/data/ct4" $((slices * 4)) 4 > /dev/null
"$generator" studies "$work/data/studies" "$studies" 4 > /dev/null
"$generator" queries "$work/data/queries" "$queries" "$studies" > /dev/null
ct_study=$(echo "$ct1" | sed -n 's/.*study=\([0-9.]*\).*/\1/p')
ct_series=$(echo "$ct1" | sed -n 's/.*series=\([0-9.]*\).*/\1/p')
ct1_bytes=$(du -sb "$work/data/ct1" | cut -f1)
echo "data generated in $(calc "$(now) - $t0") s: CT series $slices x 512x512x16 bit ($(calc "$ct1_bytes / 1e6") MB)," \
  "CT series $((slices * 4)) slices in 4 parts, $studies one-instance studies in 4 parts"
settle

# ---------------------------------------------------------------- servers
start_lumen() {
  "$server" --data "$work/lumen" --http-port 0 --dicom-port 0 --hl7-port 0 --demo --log-level warning \
    > "$work/lumen.out" 2>&1 &
  lumen_pid=$!
  for _ in $(seq 1 600); do grep -q '^listening ' "$work/lumen.out" 2> /dev/null && break; sleep 0.1; done
  lumen_http=$(sed -n 's/^listening http=\([0-9]*\) .*/\1/p' "$work/lumen.out")
  lumen_dicom=$(sed -n 's/^listening http=[0-9]* dicom=\([0-9]*\).*/\1/p' "$work/lumen.out")
  [ -n "$lumen_dicom" ] || { echo "Lumen did not start"; cat "$work/lumen.out"; exit 1; }
  lumen_token=$(curl -sf -X POST "http://127.0.0.1:$lumen_http/api/v1/session" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"Lumen@2026"}' | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
  [ -n "$lumen_token" ] || { echo "Lumen login failed"; exit 1; }
}

orthanc_http=$(free_port) orthanc_dicom=$(free_port)
mkdir -p "$work/orthanc/storage" "$work/orthanc/index"
# Everything not named here keeps Orthanc's defaults, among them the durability settings:
# SyncStorageArea true (each file fsynced), the SQLite index in WAL mode with
# synchronous=NORMAL (index commits are not fsynced), StorageAccessOnFind Always.
cat > "$work/orthanc/orthanc.json" << EOF
{
  "Name": "lumen-bench",
  "StorageDirectory": "$work/orthanc/storage",
  "IndexDirectory": "$work/orthanc/index",
  "HttpPort": $orthanc_http,
  "DicomPort": $orthanc_dicom,
  "DicomAet": "ORTHANC",
  "DicomCheckCalledAet": false,
  "AuthenticationEnabled": false,
  "RemoteAccessAllowed": false,
  "DicomModalities": { "bench": ["DEMO_CT", "127.0.0.1", 11113] },
  "Plugins": ["$dicomweb_plugin"]
}
EOF
start_orthanc() {
  # Orthanc listens on every interface whatever it is told; the benchmark only sends to 127.0.0.1.
  "$orthanc_bin" "$work/orthanc/orthanc.json" > "$work/orthanc/log.txt" 2>&1 &
  orthanc_pid=$!
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$orthanc_http/system" > /dev/null 2>&1 && return 0
    kill -0 "$orthanc_pid" 2> /dev/null || break
    sleep 0.1
  done
  echo "Orthanc did not start"
  tail -20 "$work/orthanc/log.txt"
  exit 1
}
start_lumen
start_orthanc
echo "Lumen: pid $lumen_pid, http $lumen_http, dicom $lumen_dicom (AE LUMEN); Orthanc $("$orthanc_bin" --version | awk 'NR == 1 {print $NF}'):" \
  "pid $orthanc_pid, http $orthanc_http, dicom $orthanc_dicom (AE ORTHANC)"

lumen_instances() { sqlite3 "file:$work/lumen/lumen.db?mode=ro" 'SELECT count(*) FROM dicom_instances'; }
orthanc_instances() { curl -sf "http://127.0.0.1:$orthanc_http/statistics" | sed -n 's/.*"CountInstances" : \([0-9]*\).*/\1/p'; }

# ---------------------------------------------------------------- ingest
declare -A fig # fig[metric.lumen], fig[metric.orthanc]

# store SERVER METRIC DIR...: one storescu (one association) per folder, all at once.
store() {
  local who=$1 metric=$2
  shift 2
  local aec port before after files bytes start elapsed pids=() rc=0
  if [ "$who" = lumen ]; then aec=LUMEN port=$lumen_dicom before=$(lumen_instances); else
    aec=ORTHANC port=$orthanc_dicom before=$(orthanc_instances)
  fi
  files=$(find "$@" -name '*.dcm' | wc -l)
  bytes=$(find "$@" -name '*.dcm' -printf '%s\n' | awk '{s += $1} END {print s}')
  start=$(now)
  for dir in "$@"; do
    storescu -aet DEMO_CT -aec "$aec" +sd 127.0.0.1 "$port" "$dir" > "$work/storescu.$who.log" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || rc=1; done
  elapsed=$(calc "$(now) - $start" 3)
  if [ "$who" = lumen ]; then after=$(lumen_instances); else after=$(orthanc_instances); fi
  if [ "$rc" != 0 ] || [ $((after - before)) != "$files" ]; then
    echo "$who: $metric stored $((after - before)) of $files instances"
    tail -5 "$work/storescu.$who.log"
    exit 1
  fi
  fig[$metric.ips.$who]=$(calc "$files / $elapsed")
  fig[$metric.mbs.$who]=$(calc "$bytes / 1e6 / $elapsed")
  printf '  %-8s %-10s %7d instances %8.1f MB in %7.2f s: %8.1f instances/s %7.1f MB/s\n' "$who" "$metric" \
    "$files" "$(calc "$bytes / 1e6")" "$elapsed" "${fig[$metric.ips.$who]}" "${fig[$metric.mbs.$who]}"
  settle
}

echo "-- C-STORE (storescu, TCP_NODELAY=1)"
parts=("$work/data/studies/part0" "$work/data/studies/part1" "$work/data/studies/part2" "$work/data/studies/part3")
store lumen load "${parts[@]}"
store orthanc load "${parts[@]}"
store lumen ct1 "$work/data/ct1"
store orthanc ct1 "$work/data/ct1"
ct4=("$work/data/ct4/part0" "$work/data/ct4/part1" "$work/data/ct4/part2" "$work/data/ct4/part3")
store lumen ct4 "${ct4[@]}"
store orthanc ct4 "${ct4[@]}"
fig[rss_ingest.lumen]=$(rss_mib "$lumen_pid")
fig[rss_ingest.orthanc]=$(rss_mib "$orthanc_pid")
echo "  resident memory after ingest: Lumen ${fig[rss_ingest.lumen]} MiB, Orthanc ${fig[rss_ingest.orthanc]} MiB"

# ---------------------------------------------------------------- C-FIND
# All identifiers of a kind go through one findscu run, one association, one C-FIND after
# another; the latency of each is the time from "Sending Find Request" to "Received Final Find
# Response" in findscu's log (timestamps to the microsecond), so process start-up is not counted.
cat > "$work/findscu-log.cfg" << 'EOF'
log4cplus.rootLogger = INFO, console
log4cplus.appender.console = log4cplus::ConsoleAppender
log4cplus.appender.console.layout = log4cplus::PatternLayout
log4cplus.appender.console.layout.ConversionPattern = %D{%s.%Q} %m%n
EOF
# percentiles < "one value a line": prints "p50 p95"
percentiles() { sort -n | awk '{v[NR] = $1} END {i50 = int(NR * 0.50 + 0.999); i95 = int(NR * 0.95 + 0.999); printf "%.2f %.2f\n", v[i50], v[i95]}'; }
find_latency() {
  local who=$1 kind=$2 aec port
  if [ "$who" = lumen ]; then aec=LUMEN port=$lumen_dicom; else aec=ORTHANC port=$orthanc_dicom; fi
  local files=("$work/data/queries/$kind"/*.dcm)
  # Warm-up: the first ten identifiers once.
  findscu -S -aet DEMO_CT -aec "$aec" 127.0.0.1 "$port" "${files[@]:0:10}" > /dev/null 2>&1
  findscu -S -aet DEMO_CT -aec "$aec" -lc "$work/findscu-log.cfg" 127.0.0.1 "$port" "${files[@]}" \
    > "$work/findscu.$who.$kind.log" 2>&1 || true
  # %s.%Q prints seconds.milliseconds.microseconds
  awk '
    function t(s,  p) { split(s, p, "."); return p[1] * 1000 + p[2] + p[3] / 1000 }
    / Sending Find Request/ { start = t($1); matches = 0 }
    / Find Response: [0-9]+ \(Pending\)/ { ++matches }
    / Received Final Find Response \(Success\)/ { printf "%.3f %d\n", t($1) - start, matches }
  ' "$work/findscu.$who.$kind.log" > "$work/find.$who.$kind.txt"
  local answered
  answered=$(wc -l < "$work/find.$who.$kind.txt")
  if [ "$answered" != "${#files[@]}" ]; then
    echo "$who: only $answered of ${#files[@]} C-FIND requests succeeded"
    grep -a -E ' [EF]: |Failed|Error' "$work/findscu.$who.$kind.log" | head -5
    exit 1
  fi
  read -r p50 p95 < <(cut -d' ' -f1 "$work/find.$who.$kind.txt" | percentiles)
  fig[find_$kind.p50.$who]=$p50
  fig[find_$kind.p95.$who]=$p95
  local mean_matches
  mean_matches=$(awk '{s += $2} END {printf "%.1f", s / NR}' "$work/find.$who.$kind.txt")
  printf '  %-8s by %-5s %4d queries, %5.1f matches each on average: p50 %7.2f ms, p95 %7.2f ms\n' \
    "$who" "$kind" "$answered" "$mean_matches" "$p50" "$p95"
}
echo "-- C-FIND study level over $studies studies (one association, findscu)"
for kind in pid name; do
  find_latency lumen $kind
  find_latency orthanc $kind
done

# ---------------------------------------------------------------- QIDO-RS
qido_latency() {
  local who=$1 kind=$2 port token=""
  if [ "$who" = lumen ]; then port=$lumen_http token=$lumen_token; else port=$orthanc_http; fi
  local list="$work/data/queries/$kind.txt" result
  BENCH_QUERY_FILE=$list BENCH_TOKEN=$token wrk -t1 -c1 -d2s -s "$lua" "http://127.0.0.1:$port" > /dev/null
  result=$(BENCH_QUERY_FILE=$list BENCH_TOKEN=$token wrk -t1 -c1 -d"${seconds}s" --latency -s "$lua" \
    "http://127.0.0.1:$port" | grep '^RESULT')
  local errors
  errors=$(echo "$result" | sed -n 's/.*errors=\([0-9]*\).*/\1/p')
  [ "$errors" = 0 ] || { echo "$who: QIDO-RS errors: $result"; exit 1; }
  fig[qido_$kind.p50.$who]=$(echo "$result" | sed -n 's/.*p50_ms=\([0-9.]*\).*/\1/p')
  fig[qido_$kind.p95.$who]=$(echo "$result" | sed -n 's/.*p95_ms=\([0-9.]*\).*/\1/p')
  printf '  %-8s by %-5s %s\n' "$who" "$kind" "${result#RESULT }"
}
echo "-- QIDO-RS /dicom-web/studies over $studies studies (wrk, 1 keep-alive connection, ${seconds} s)"
first_pid=$(head -1 "$work/data/queries/pid.txt")
lumen_matches=$(curl -sf -H "Authorization: Bearer $lumen_token" -H 'Accept: application/dicom+json' \
  "http://127.0.0.1:$lumen_http/dicom-web/studies?$first_pid" | grep -o '"0020000D"' | wc -l)
orthanc_matches=$(curl -sf -H 'Accept: application/dicom+json' \
  "http://127.0.0.1:$orthanc_http/dicom-web/studies?$first_pid" | grep -o '"0020000D"' | wc -l)
echo "  check: $first_pid finds $lumen_matches study in Lumen, $orthanc_matches in Orthanc"
if [ "$lumen_matches" != 1 ] || [ "$orthanc_matches" != 1 ]; then
  echo "QIDO-RS answers differ from the data"
  exit 1
fi
for kind in pid name; do
  qido_latency lumen $kind
  qido_latency orthanc $kind
done

# ---------------------------------------------------------------- WADO-RS
# wado SERVER: one retrieval of the CT series; prints "bytes seconds"
wado() {
  if [ "$1" = lumen ]; then
    curl -sf -o /dev/null -w '%{size_download} %{time_total}\n' -H "Authorization: Bearer $lumen_token" \
      -H 'Accept: multipart/related; type="application/dicom"' \
      "http://127.0.0.1:$lumen_http/dicom-web/studies/$ct_study/series/$ct_series"
  else
    curl -sf -o /dev/null -w '%{size_download} %{time_total}\n' \
      -H 'Accept: multipart/related; type="application/dicom"' \
      "http://127.0.0.1:$orthanc_http/dicom-web/studies/$ct_study/series/$ct_series"
  fi
}
wado_mbs() { # "bytes seconds" lines -> median MB/s
  awk '{print $1 / 1e6 / $2}' | sort -n | awk '{v[NR] = $1} END {printf "%.0f", v[int((NR + 1) / 2)]}'
}
echo "-- WADO-RS of the CT series ($slices instances, $(calc "$ct1_bytes / 1e6") MB of files), curl"
for who in lumen orthanc; do
  read -r bytes _ < <(wado $who)
  [ "$bytes" -ge "$ct1_bytes" ] || { echo "$who: WADO-RS returned $bytes bytes, the series has $ct1_bytes"; exit 1; }
  fig[wado_warm.$who]=$(for _ in 1 2 3 4 5; do wado $who; done | wado_mbs)
  echo "  $who warm (median of 5 after one warm-up): ${fig[wado_warm.$who]} MB/s"
done
fig[rss_end.lumen]=$(rss_mib "$lumen_pid")
fig[rss_end.orthanc]=$(rss_mib "$orthanc_pid")

cold=no
if can_drop_caches; then
  cold=yes
  # Cold: each server freshly started (no cache of its own) and the kernel's page cache dropped.
  for who in lumen orthanc; do
    for _ in 1 2 3; do
      if [ $who = lumen ]; then stop_pid "$lumen_pid"; start_lumen; else stop_pid "$orthanc_pid"; start_orthanc; fi
      can_drop_caches
      wado $who
    done > "$work/wado.$who.cold"
    fig[wado_cold.$who]=$(wado_mbs < "$work/wado.$who.cold")
    echo "  $who cold (median of 3, restarted and page cache dropped before each): ${fig[wado_cold.$who]} MB/s"
  done
else
  echo "  cold: not measured (cannot drop the page cache: /proc/sys/vm/drop_caches is not writable)"
fi

# ---------------------------------------------------------------- table
ratio() { awk "BEGIN{ if ($2 > 0) printf \"%.2f\", $1 / $2; else print \"-\" }"; }
row() { # label metric-key
  local l=${fig[$2.lumen]:-} o=${fig[$2.orthanc]:-}
  [ -n "$l" ] && [ -n "$o" ] || return 0
  printf '%-52s %10s %10s %8s\n' "$1" "$l" "$o" "$(ratio "$l" "$o")"
}
echo
echo "== results ($studies studies; Lumen fsyncs file and folder and commits the index with synchronous=FULL before"
echo "   each acknowledgement; Orthanc defaults: SyncStorageArea=true, SQLite WAL synchronous=NORMAL)"
printf '%-52s %10s %10s %8s\n' "metric" "Lumen" "Orthanc" "L/O"
row "C-STORE CT 512x512, 1 association (instances/s)" ct1.ips
row "C-STORE CT 512x512, 1 association (MB/s)" ct1.mbs
row "C-STORE CT 512x512, 4 associations (instances/s)" ct4.ips
row "C-STORE CT 512x512, 4 associations (MB/s)" ct4.mbs
row "C-STORE query set 32x32, 4 associations (inst/s)" load.ips
row "C-FIND by PatientID p50 (ms)" find_pid.p50
row "C-FIND by PatientID p95 (ms)" find_pid.p95
row "C-FIND by wildcard name p50 (ms)" find_name.p50
row "C-FIND by wildcard name p95 (ms)" find_name.p95
row "QIDO-RS by PatientID p50 (ms)" qido_pid.p50
row "QIDO-RS by PatientID p95 (ms)" qido_pid.p95
row "QIDO-RS by wildcard name p50 (ms)" qido_name.p50
row "QIDO-RS by wildcard name p95 (ms)" qido_name.p95
row "WADO-RS series warm (MB/s)" wado_warm
row "WADO-RS series cold (MB/s)" wado_cold
row "resident memory after ingest (MiB)" rss_ingest
row "resident memory after queries and retrievals (MiB)" rss_end

# verdict NAME RATIO-KEY... : throughput targets want ratio >= 2, latency targets <= 1/3
verdict() {
  local name=$1 want=$2
  shift 2
  local all=met details=""
  for key in "$@"; do
    local r
    r=$(ratio "${fig[$key.lumen]}" "${fig[$key.orthanc]}")
    details+=" $key=$r"
    if [ "$want" = ge2 ]; then awk "BEGIN{exit !($r >= 2)}" || all="NOT met"; else
      awk "BEGIN{exit !($r <= 1/3)}" || all="NOT met"
    fi
  done
  printf 'target %-44s %-8s (%s )\n' "$name" "$all" "$details"
}
echo
verdict "ingest >= 2x Orthanc (full durability)" ge2 ct1.ips ct4.ips
verdict "query p95 <= 1/3 of Orthanc's" le3 find_pid.p95 find_name.p95 qido_pid.p95 qido_name.p95
if [ $cold = yes ]; then verdict "retrieval >= 2x Orthanc" ge2 wado_warm wado_cold; else
  verdict "retrieval >= 2x Orthanc (warm only)" ge2 wado_warm
fi
