#!/usr/bin/env bash
# similarPeers (exact and approximate) and benchmark latency at scale. See docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-similarity.sh [--customers N] [--queries Q] [--benchmark-queries BQ] [--data-dir DIR]
                               [--approximate-budget B] [--no-build]

Generates a seeded community (one configuration per customer, one item per kind with Zipf(1.1) popularity as
in ../shared/BENCHMARKS.md, GPU/driver/kernel/OS values with families, 5 % private, 10 % out of peer listings,
10 % out of statistics, fps measurements for half of them in 1-4 months of 2026) into an embedded Neo4j under
DIR, or reuses the one a previous run completed there. Then, after a warm-up on 50 other questions, asks Q
configurations for their 10 most similar peers exactly and approximately (same questions: p50/p90/p99/max and
recall@10 of the approximate answers), times benchmark(SIMILAR_PEERS) without and with a 12-month trend on
the first BQ of them (after 20 warm-up questions), and checks 20 exact answers
against brute force. Prints the load average next to every figure.

  --customers N           customers (= configurations) to generate (default 100000)
  --queries Q             questions measured per mode (default 300)
  --benchmark-queries BQ  benchmark questions measured (default 100; each reads every value of the metric)
  --data-dir DIR          where the store lives (default bench/target/similarity-N)
  --approximate-budget B  configurations an approximate answer scores before it may stop (default 2000)
  --no-build              skip the Maven build (use what was built last)

Environment: JAVA_HOME (a JDK >= 21; otherwise the newest in /usr/lib/jvm), BENCH_HEAP (default 6g), BENCH_BOLT_PORT
(the embedded Neo4j's Bolt port; default any free one).
USAGE
}

source "$ROOT/bench/jdk.sh"
customers=100000 queries=300 benchmark_queries=100 data_dir="" budget=2000 build=true
while (( $# )); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --no-build) build=false; shift ;;
    --customers) customers="$2"; shift 2 ;;
    --queries) queries="$2"; shift 2 ;;
    --benchmark-queries) benchmark_queries="$2"; shift 2 ;;
    --data-dir) data_dir="$2"; shift 2 ;;
    --approximate-budget) budget="$2"; shift 2 ;;
    *) usage >&2; exit 2 ;;
  esac
done

find_jdk
cd "$ROOT"
MVN=(mvn -B -q -o); [[ -x ./mvnw ]] && MVN=(./mvnw -B -q -o -ntp)
OUT=bench/target/similarity-classes
if $build; then
  # graph-model only (never `install`: ~/.m2 is shared); the bench classes are compiled against it directly.
  "${MVN[@]}" -pl graph-model package -DskipTests
  "${MVN[@]}" -pl graph-model dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$ROOT/bench/target/similarity.cp" >/dev/null
  # A private copy: other builds in this tree rewrite graph-model/target while the benchmark runs.
  rm -rf "$OUT" && mkdir -p "$OUT" && cp -r graph-model/target/classes/. "$OUT/"
  "$JAVA_HOME/bin/javac" -d "$OUT" -cp "$OUT:$(cat bench/target/similarity.cp)" bench/src/main/java/io/peergraph/bench/similarity/*.java
fi
exec "$JAVA_HOME/bin/java" -Xms"${BENCH_HEAP:-6g}" -Xmx"${BENCH_HEAP:-6g}" ${BENCH_BOLT_PORT:+-Dbench.boltPort=$BENCH_BOLT_PORT} -cp "$OUT:$(cat bench/target/similarity.cp)" \
  io.peergraph.bench.similarity.SimilarityBench "$customers" "$queries" "$data_dir" "$budget" "$benchmark_queries"
