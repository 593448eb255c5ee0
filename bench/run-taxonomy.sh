#!/usr/bin/env bash
# The living taxonomy's figures: debtags replay rate, suggestion time, peersWithSymptom over a 10k-concept symptom
# taxonomy vs its flat form. See docs/benchmarks.md and docs/taxonomy.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-taxonomy.sh [--concepts N] [--branching B] [--customers C] [--reports-per-customer R] [--pairs P]
                             [--warmup-rounds W] [--replay-customers RC] [--suggestion-rounds SR] [--data DIR]
                             [--store DIR] [--page-cache SIZE] [--seed S] [--no-build]

Starts a fresh embedded Neo4j under the store directory (deleted afterwards) and prints:
 (a) the replay of Debian's debtags (DIR/debtags-tags-current.gz, 46,646 packages) as tag applications by RC
     synthetic customers through the taxonomy's one tagging path (ontology-seeds Tagging: normalisation, merges,
     concept labels, TagApplied events), after loading DIR/debtags-vocabulary as a scheme: applications/s;
 (b) the time of the three tag suggestions (emerging, synonym, broader candidates) at that size, SR rounds;
 (c) peersWithSymptom p50/p90/p99 over a synthetic symptom taxonomy of N concepts (the symptom seeds plus
     generated levels, B children each, under the seed leaves; each generated concept has a symptom classified
     under it), C customers with one Zipf(1.1)-skewed configuration each and about R reports each filed under a
     Zipf-skewed leaf concept, every report with a flat twin (same configuration) filed under one symptom per top
     seed concept. P questions sampled by report ask about the report's top seed symptom (the widest expansion)
     and, paired, about its flat symptom; ratio hierarchical/flat (goal <= 2). Dataset sizes are printed;
 (d) the price of a taxonomy in the peer signatures: a moderator puts the seed concept with the most reports under
     it below another top concept and undoes it, twice: the curation's transaction, then the re-sign queue drained.
(a) and (b) are skipped with a message when DIR lacks the debtags files.

  --concepts N              symptom concepts in all (default 10000)
  --branching B             children per generated concept (default 4)
  --customers C             customers / configurations (default 20000)
  --reports-per-customer R  mean reports per customer (default 3)
  --pairs P                 measured questions (default 300)
  --warmup-rounds W         warm-up passes over the questions (default 1)
  --replay-customers RC     synthetic customers of the debtags replay (default 500)
  --suggestion-rounds SR    rounds of the suggestions (default 5)
  --data DIR                the taxonomies data (default ../shared/data/taxonomies)
  --store DIR               scratch store (default bench/target/stores/taxonomy)
  --page-cache SIZE         Neo4j page cache (default 1g)
  --seed S                  generator seed (default 42)
  --no-build                skip the Maven build (use what was built last)

Run it under the machine-wide bench lock: flock /tmp/peergraph-bench.lock bench/run-taxonomy.sh
Environment: JAVA_HOME (a JDK >= 21; otherwise the newest in /usr/lib/jvm), BENCH_HEAP (default 3g).
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

[[ " ${args[*]} " == *" --data "* ]] || args+=(--data "$ROOT/../shared/data/taxonomies")
read -r -a JVM_FLAGS <<< "$(sed -n 's:.*<peergraph.jvm.flags>\(.*\)</peergraph.jvm.flags>.*:\1:p' pom.xml)"
echo "uptime before: $(uptime)"
"$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -Xms"${BENCH_HEAP:-3g}" -Xmx"${BENCH_HEAP:-3g}" \
  -cp "bench/target/classes:bench/target/api-classes:$(cat bench/target/classpath.txt)" \
  io.peergraph.bench.taxonomy.TaxonomyBench "${args[@]}"
echo "uptime after: $(uptime)"
