#!/usr/bin/env bash
# Search at scale against the managed Elasticsearch: bulk indexing rate, searchCases and similarCases latency.
# See docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-search.sh [--customers N] [--seed S] [--queries Q] [--warmup W] [--es-heap SIZE]
                           [--bulk-size B] [--bulk-threads T] [--data-dir DIR] [--semantic-model M] [--no-build]

Generates the cases of a seeded synthetic community (../shared/BENCHMARKS.md shape, about 3 cases per customer,
with text composed from the symptom and product vocabulary), starts the managed Elasticsearch (the service's own
ElasticsearchServer) on a fresh data directory, bulk-indexes every case into the cases index and prints docs/s;
then runs Q searchCases (text; text + product as a customer; text + symptom + status; configuration item + date
range) and Q similarCases by report, against a plain BM25 multi_match baseline on the same texts, after W warm-up
requests; prints p50/p90/p99/max per kind and the load average around each figure.

  --customers N      customers to generate (default 100000: about 300,000 cases)
  --seed S           generator seed (default 42)
  --queries Q        measured requests of each of searchCases and similarCases (default 1000)
  --warmup W         warm-up requests before measuring (default 300)
  --es-heap SIZE     Elasticsearch heap (default 1g)
  --bulk-size B      cases per bulk request (default 1000)
  --bulk-threads T   bulk requests in flight (default 2)
  --data-dir DIR     Elasticsearch data directory, emptied first (default bench/target/search-es)
  --semantic-model M none (default), minilm or bge-small: embed every case first (docs/s printed), index the
                     vectors, and search with the semantic signal (the question embedded per request)
  --no-build         skip the Maven build (use what was built last)

Environment: JAVA_HOME (a JDK >= 21; otherwise the newest in /usr/lib/jvm), BENCH_HEAP (default 3g).
Run it under the machine-wide lock: flock /tmp/peergraph-bench.lock bench/run-search.sh
USAGE
}

# shellcheck source=jdk.sh
source "$ROOT/bench/jdk.sh"

bench_args "$@"

find_jdk
cd "$ROOT"
BENCH_BUILD=$build package_bench search

read -r -a JVM_FLAGS <<< "$(sed -n 's:.*<peergraph.jvm.flags>\(.*\)</peergraph.jvm.flags>.*:\1:p' pom.xml)"
exec "$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -Xms"${BENCH_HEAP:-3g}" -Xmx"${BENCH_HEAP:-3g}" -cp "$BENCH_CLASSPATH" \
  io.peergraph.bench.search.SearchBench "${args[@]}"
