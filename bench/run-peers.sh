#!/usr/bin/env bash
# Benchmark of peersWithSymptom: HTTP GraphQL against the same Cypher through the driver. See docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-peers.sh [--customers N] [--seed S] [--pairs P] [--warmup-rounds W] [--json FILE]
                          [--data-dir DIR] [--page-cache SIZE] [--batch B] [--port P] [--bolt-port B] [--no-build]
                          [--profile true [--rounds R]]

Generates a seeded synthetic community (../shared/BENCHMARKS.md shape) into an embedded Neo4j under DIR, or
reuses one a previous run completed with the same size and seed; starts the Peergraph service in-process
on it; asks P questions sampled by report over HTTP GraphQL and through the Neo4j driver, after W warm-up
rounds over the same questions; prints p50/p90/p99/max and the HTTP/driver ratios.

  --customers N      customers to generate (default 100000, about 3 reports each)
  --seed S           generator seed (default 42)
  --pairs P          (configuration, symptom) questions measured (default 200)
  --warmup-rounds W  warm-up passes over the questions (default 1)
  --json FILE        also write a JSON summary
  --data-dir DIR     where generated stores live (default bench/target/stores)
  --page-cache SIZE  Neo4j page cache (default 2g)
  --batch B          customers per load transaction (default 1000)
  --port P           the service's HTTP port (default 0: a free one)
  --bolt-port B      the embedded Neo4j's Bolt port (default 0: a free one)
  --no-build         skip the Maven build (use what was built last)
  --profile true     instead of the latency bench: the query's time and database hits part by part (its top-level
                     CALL subqueries), over the same questions, on a store a previous run completed (--rounds R, default 3)

Environment: JAVA_HOME (a JDK >= 21; otherwise the newest in /usr/lib/jvm), BENCH_HEAP (default 4g).
USAGE
}

source "$ROOT/bench/jdk.sh"

bench_args "$@"

find_jdk
cd "$ROOT"
MVN=(mvn -B -q); [[ -x ./mvnw ]] && MVN=(./mvnw -B -q -ntp)
if $build; then
  # package, not install: the reactor hands bench its sibling modules, nothing goes to the shared ~/.m2.
  "${MVN[@]}" -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$ROOT/bench/target/classpath.txt"
  # A private copy of the api classes: other builds in this tree rewrite api/target while the benchmark runs.
  rm -rf bench/target/api-classes && cp -r api/target/classes bench/target/api-classes
fi

read -r -a JVM_FLAGS <<< "$(sed -n 's:.*<peergraph.jvm.flags>\(.*\)</peergraph.jvm.flags>.*:\1:p' pom.xml)"
MAIN=io.peergraph.bench.peers.PeersWithSymptomBenchmark
[[ " ${args[*]} " == *" --profile "* ]] && MAIN=io.peergraph.bench.peers.PeersProfile
exec "$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -Xms"${BENCH_HEAP:-4g}" -Xmx"${BENCH_HEAP:-4g}" \
  -cp "bench/target/classes:bench/target/api-classes:$(cat bench/target/classpath.txt)" \
  "$MAIN" "${args[@]}"
