#!/usr/bin/env bash
# The web pages' load budget: time to interactive of the start page, of "I have a problem" and of its answer, p50/p99
# over N loads in headless Debian Chromium against the service with the demo data, each beside the GraphQL round trip
# the page waits on (the baseline, same browser, same run). See docs/benchmarks.md ("Page-load budget").
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-pages.sh [--loads N] [--warmup W] [--port P] [--no-build]

Starts the service (java -jar api/target/peergraph.jar run) on a data folder of its own, which gets the demo data on
its first start (about 3,000 real ProtonDB reports) and is reused afterwards; waits for readiness; then, in one
headless Chromium that may reach nothing but 127.0.0.1, signs up a customer of its own with the demo data's most held
GPU and driver and measures, W unmeasured rounds then N measured ones, as a first visit (browser cache disabled) and
as a repeat visit (cached):
  start page                    navigation start → the sign-in form is in the page (next animation frame)
  I have a problem              navigation start → the symptom field is in the page
  its answer                    the click on "Show what others saw" → the answer is in the page
each with the GraphQL round trip it waits on (fetch to parsed JSON) as the baseline, and their ratio.
Prints n, p50 and p99 in ms (nearest rank), the dataset size and the load average before and after.

  --loads N     measured loads per page and visit kind (default 50)
  --warmup W    unmeasured rounds first (default 5)
  --port P      the service's port (default 18310; use 18300-18399)
  --no-build    skip the Maven build (use what was built last)

Needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver). The data folder is
.data/pages-bench (git-ignored). Environment: JAVA_HOME (a JDK >= 21; otherwise the newest in /usr/lib/jvm),
PEERGRAPH_JAVA_OPTS (the service, default -Xmx1g), BENCH_HEAP (the driver, default 512m).
Run it under the machine-wide lock: flock /tmp/peergraph-bench.lock bench/run-pages.sh
USAGE
}

# shellcheck source=jdk.sh
source "$ROOT/bench/jdk.sh"
bench_args "$@"
port=18310
for ((i = 0; i < ${#args[@]}; i += 2)); do
  [[ "${args[i]}" == --port ]] && port="${args[i + 1]}"
done
bench_opts=()
for ((i = 0; i < ${#args[@]}; i += 2)); do
  [[ "${args[i]}" == --port ]] || bench_opts+=("${args[i]}" "${args[i + 1]}")
done
[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || { echo "needs Debian's Chromium: apt-get install chromium chromium-driver" >&2; exit 1; }

find_jdk
cd "$ROOT"
BENCH_BUILD=$build package_bench pages
work="$ROOT/.data/pages-bench"
mkdir -p "$work"
cp api/target/peergraph.jar "$work/peergraph.jar" # builds in this tree rewrite api/target while the bench runs
read -r -a JVM_FLAGS <<< "$(sed -n 's:.*<peergraph.jvm.flags>\(.*\)</peergraph.jvm.flags>.*:\1:p' pom.xml)"
umask 077

pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; true; }
trap cleanup EXIT
"$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" ${PEERGRAPH_JAVA_OPTS:--Xmx1g} -jar "$work/peergraph.jar" \
  run --port "$port" --data-dir "$work/store" > "$work/service.out" 2>&1 &
pid=$!
echo "# starting the service on port $port (first start loads the demo data; log: $work/service.out)" >&2
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health/readiness")" == 200 ]]; do
  kill -0 "$pid" 2>/dev/null || { echo "the service exited; see $work/service.out" >&2; exit 1; }
  sleep 1
done
"$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -Xmx"${BENCH_HEAP:-512m}" -cp "$BENCH_CLASSPATH" \
  io.peergraph.bench.pages.PageLoadBench --base "http://127.0.0.1:$port" "${bench_opts[@]}"
kill "$pid" && { wait "$pid" 2>/dev/null || true; }
pid=""
