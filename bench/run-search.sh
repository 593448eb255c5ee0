#!/usr/bin/env bash
# Search at scale against the managed Elasticsearch: bulk indexing rate, searchCases and similarCases latency.
# See docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-search.sh [--customers N] [--cases N] [--seed S] [--queries Q] [--warmup W] [--es-heap SIZE]
                           [--bulk-size B] [--bulk-threads T] [--data-dir DIR] [--es-port P] [--semantic-model M]
                           [--vectors FILE] [--embed-threads N] [--embed-only true]
                           [--write-rate R] [--write-seconds S] [--drain-seconds D] [--sample-seconds P] [--no-build]

Generates the cases of a seeded synthetic community (../shared/BENCHMARKS.md shape, about 3 cases per customer,
with text composed from the symptom and product vocabulary), starts the managed Elasticsearch (the service's own
ElasticsearchServer) on a fresh data directory, bulk-indexes every case into the cases index and prints docs/s;
then runs Q searchCases (text; text + product as a customer; text + symptom + status; configuration item + date
range) and Q similarCases by report, against a plain BM25 multi_match baseline on the same texts, after W warm-up
requests; prints p50/p90/p99/max per kind and the load average around each figure.

  --customers N      customers to generate (default 100000: about 300,000 cases)
  --seed S           generator seed (default 42)
  --cases N          index only the first N cases of those customers' community (default: all of them); with a
                     model, the first N vectors of the same --vectors file serve
  --queries Q        measured requests of each of searchCases and similarCases (default 1000)
  --warmup W         warm-up requests before measuring (default 300)
  --es-heap SIZE     Elasticsearch heap (default 1g)
  --bulk-size B      cases per bulk request (default 1000)
  --bulk-threads T   bulk requests in flight (default 2)
  --data-dir DIR     Elasticsearch data directory, emptied first (default bench/target/search-es)
  --es-port P        Elasticsearch HTTP port on 127.0.0.1 (default 0: a free one)
  --semantic-model M none (default), minilm or bge-small: embed every case first (docs/s printed), index the
                     vectors, and search with the semantic signal (the question embedded per request)
  --vectors FILE     where the cases' vectors are kept between runs (default
                     bench/target/search-vectors/MODEL-CUSTOMERS-SEED.f32): a run embeds only the cases the file
                     does not hold yet and appends them, so a stopped run resumes and a later one embeds nothing
  --compact false    leave the bulk-filled index in its many segments (default true: merged into one, as the
                     service's rebuild does before its alias swap)
  --embed-threads N  threads embedding the cases before indexing, one ONNX thread each (default 1, as the service)
  --embed-only true  stop once every case has its vector in --vectors (fill the file under the lock, measure later)
  --write-rate R     after the measurements above (needs --semantic-model), commit R case writes per second for
                     S seconds into the live index through the service's write path (BulkWriter every 500 ms, the
                     EmbeddingQueue behind it, its backfill every 10 s; half new cases, a quarter text edits, a
                     quarter status changes) while searchCases (first half) and similarCases (second half) run again;
                     prints the text and vector lag from commit to visible in search (p50/p99/max), the queue's
                     pending/deferred every P seconds, search p50/p99 during writes against before (ratio), and
                     heap after GC and RSS of the bench JVM and of Elasticsearch (default: no writes)
  --write-seconds S  how long writes go on (default 300)
  --drain-seconds D  after the writes, how long to wait at most for every write's vector (default 900)
  --sample-seconds P how often the queue and memory line is printed (default 15)
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
