#!/usr/bin/env bash
# Start-up time to readiness: the service started cold (a fresh data folder: demo data loaded, the managed
# Elasticsearch's store created and indexed, the similarity index built) and warm (the same folder again), N times
# each; the time from launching the JVM to /actuator/health/readiness answering 200 (polled with curl), with the
# median, p99 and the machine's load average. See docs/benchmarks.md ("Start-up to readiness").
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-startup.sh [--runs N] [--port P] [--timeout SECONDS] [--no-build]

  --runs N           cold starts and warm starts, N of each (default 3)
  --port P           the service's port (default 18300; use 18300-18399)
  --timeout SECONDS  give up on one start after this long (default 900)
  --no-build         skip the Maven build (use api/target/peergraph.jar as built last)

Data folders go under .data/startup-bench (git-ignored); each cold start deletes and recreates its folder, each warm
start reuses the folder of the last cold one. Environment: JAVA_HOME (a JDK >= 21), PEERGRAPH_JAVA_OPTS (default -Xmx1g).
Run it under the machine-wide lock: flock /tmp/peergraph-bench.lock bench/run-startup.sh
USAGE
}

runs=3 port=18300 timeout=900 build=true
while (( $# )); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --no-build) build=false; shift ;;
    --runs) runs="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    *) usage >&2; exit 2 ;;
  esac
done

# shellcheck source=jdk.sh
source "$ROOT/bench/jdk.sh"
find_jdk
cd "$ROOT"
if [[ "$build" == true ]]; then
  ./mvnw -B -q -ntp -o -DskipTests package
fi
work="$ROOT/.data/startup-bench"
mkdir -p "$work"
cp api/target/peergraph.jar "$work/peergraph.jar" # builds in this tree rewrite api/target while the bench runs
read -r -a JVM_FLAGS <<< "$(sed -n 's:.*<peergraph.jvm.flags>\(.*\)</peergraph.jvm.flags>.*:\1:p' pom.xml)"
umask 077

pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; true; }
trap cleanup EXIT

# start_once KIND DIR: prints "KIND seconds banner-seconds load1-before load1-after"
start_once() {
  local kind="$1" dir="$2" log="$work/$1-$3.out" t0 t1 load0 load1 banner
  load0=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s.%N)
  "$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" ${PEERGRAPH_JAVA_OPTS:--Xmx1g} -jar "$work/peergraph.jar" \
    run --port "$port" --data-dir "$dir" > "$log" 2>&1 &
  pid=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health/readiness")" == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { echo "the service exited during a $kind start; see $log" >&2; exit 1; }
    if (( $(echo "$(date +%s.%N) - $t0 > $timeout" | bc) )); then echo "no readiness after ${timeout} s ($kind); see $log" >&2; exit 1; fi
    sleep 0.2
  done
  t1=$(date +%s.%N)
  load1=$(cut -d' ' -f1 /proc/loadavg)
  # the banner prints right after readiness turns UP: give it a moment
  for _ in $(seq 50); do grep -q "Peergraph is ready in" "$log" && break; sleep 0.1; done
  banner=$(sed -n 's/.*Peergraph is ready in \([0-9.]*\) s.*/\1/p' "$log" | head -1)
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  printf '%s %.1f %s %s %s\n' "$kind" "$(echo "$t1 - $t0" | bc)" "${banner:--}" "$load0" "$load1"
}

# stats: reads seconds on stdin, prints "median p99" (nearest rank)
stats() {
  sort -n | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "- -"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    r = int(0.99 * NR); if (r < 0.99 * NR) r++; if (r < 1) r = 1
    printf "%.1f %.1f\n", m, v[r] }'
}

echo "# $(nproc) cores, $(date -u +%FT%TZ), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# kind seconds-to-readiness banner-seconds load1-before load1-after"
results="$work/results.txt"
: > "$results"
for ((i = 1; i <= runs; i++)); do
  dir="$work/store"
  rm -rf "$dir"
  start_once cold "$dir" "$i" | tee -a "$results"
done
for ((i = 1; i <= runs; i++)); do
  start_once warm "$work/store" "$i" | tee -a "$results"
done
for kind in cold warm; do
  read -r median p99 < <(awk -v k="$kind" '$1 == k { print $2 }' "$results" | stats)
  echo "$kind: n=$runs median ${median} s, p99 ${p99} s (launch to /actuator/health/readiness 200)"
done
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
