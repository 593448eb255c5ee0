#!/usr/bin/env bash
# Precision of the synonym candidates by usage on debtags held-out merges, tuned on one half of the tags and reported
# on the other, beside a random and a neighbour-overlap baseline. See docs/benchmarks.md and docs/taxonomy.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-synonyms.sh [--data DIR] [--splits N] [--seed S] [--no-build]

In memory, no database: reads DIR/debtags-tags-current.gz (Debian's debtags, 46,646 packages), splits N tags of
each half of the tags used on >= 20 packages into two names (one or the other per package), and scores the pairs
graph-model's UsageSimilarity proposes (tuned on the first half, reported on the second) with Wilson 95% intervals,
beside random pairs of the same frequency and the plain overlap of neighbour tags.

  --data DIR    the taxonomies data (default ../shared/data/taxonomies)
  --splits N    held-out merges per half (default 100)
  --seed S      shuffle seed (default 42)
  --no-build    skip the Maven build (use what was built last)
USAGE
}

source "$ROOT/bench/jdk.sh"
bench_args "$@"
find_jdk
cd "$ROOT"
BENCH_BUILD=$build package_bench synonyms
[[ " ${args[*]} " == *" --data "* ]] || args+=(--data "$ROOT/../shared/data/taxonomies")
echo "uptime before: $(uptime)"
"$JAVA_HOME/bin/java" -Xmx2g -cp "$BENCH_CLASSPATH" io.peergraph.bench.taxonomy.SynonymEvaluation "${args[@]}"
echo "uptime after: $(uptime)"
