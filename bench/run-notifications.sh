#!/usr/bin/env bash
# Notification fan-out at scale: events/s matched and delivered, and commit -> inbox latency. See docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-notifications.sh [--store DIR] [--events N] [--rate R] [--poll-ms P] [--no-build]

Runs on a copy of the 100k-customer store that bench/run-peers.sh generates (100k customers, 150k
configurations, 300k reports, 20k solutions, 200k confirmations). On first use it gives every customer items for
the products they reported about and a follow of one product (so ~100k customers hold subscriptions), then
  1. writes a backlog of N events (40% reports, 30% solutions, 20% confirmations, 10% interactions, sampled by
     report) and drains it: events/s matched, inbox entries/s delivered;
  2. writes events at R/s while the relay polls every P ms: p50/p99 from event commit to inbox entry.

  --store DIR   the store to use (default bench/target/stores/notifications-c100000, copied from
                bench/target/stores/c100000-s42-k1.5-r3.0-v0.2-f2.0 or /work/main's when absent)
  --events N    backlog events (default 200: an event reaches ~6,000 inbox entries on average here)
  --rate R      steady events per second, may be fractional (default 0.5)
  --poll-ms P   relay poll interval (default 250, the service's default)
  --no-build    skip the Maven build

Environment: JAVA_HOME (a JDK >= 21; otherwise the newest in /usr/lib/jvm), BENCH_HEAP (default 4g).
Run it under the machine-wide lock: flock /tmp/peergraph-bench.lock bench/run-notifications.sh
USAGE
}

source "$ROOT/bench/jdk.sh"

store="bench/target/stores/notifications-c100000" events=200 rate=0.5 poll=250 build=true
while (( $# )); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --store) store="$2"; shift 2 ;;
    --events) events="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --poll-ms) poll="$2"; shift 2 ;;
    --no-build) build=false; shift ;;
    *) usage >&2; exit 2 ;;
  esac
done

find_jdk
cd "$ROOT"
if [[ ! -d "$store" ]]; then
  source_store=""
  for candidate in bench/target/stores/c100000-s42-k1.5-r3.0-v0.2-f2.0 /work/main/bench/target/stores/c100000-s42-k1.5-r3.0-v0.2-f2.0; do
    [[ -d "$candidate/neo4j" ]] && { source_store="$candidate"; break; }
  done
  [[ -n "$source_store" ]] || { echo "No 100k store found: run bench/run-peers.sh first" >&2; exit 1; }
  mkdir -p "$(dirname "$store")"
  echo "copying $source_store to $store (the benchmark writes to its store)"
  cp -r "$source_store/neo4j" "$store"
fi
MVN=(mvn -B -q -o); [[ -x ./mvnw ]] && MVN=(./mvnw -B -q -o -ntp)
CP_FILE=bench/target/notifications.cp OUT=bench/target/notification-classes
if $build; then
  "${MVN[@]}" -pl graph-model compile
  "${MVN[@]}" -pl graph-model dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$ROOT/$CP_FILE" >/dev/null
  # A private copy of the classes: other builds in this tree rewrite graph-model/target while the benchmark runs.
  rm -rf "$OUT" bench/target/notification-graph-model && mkdir -p "$OUT" && cp -r graph-model/target/classes bench/target/notification-graph-model
  "$JAVA_HOME/bin/javac" -d "$OUT" -cp "bench/target/notification-graph-model:$(cat "$CP_FILE")" \
    bench/src/main/java/io/peergraph/bench/notification/*.java
fi
read -r -a JVM_FLAGS <<< "$(sed -n 's:.*<peergraph.jvm.flags>\(.*\)</peergraph.jvm.flags>.*:\1:p' pom.xml)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -Xms"${BENCH_HEAP:-4g}" -Xmx"${BENCH_HEAP:-4g}" \
  -cp "$OUT:bench/target/notification-graph-model:$(cat "$CP_FILE")" \
  io.peergraph.bench.notification.NotificationBench "$store" "$events" "$rate" "$poll"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
