#!/usr/bin/env bash
# Similar-case relevance on real duplicate bug reports: similarCases (with and without the semantic signal), the
# index's English BM25, plain BM25, the semantic signal alone and RRF(BM25, semantic), one run.
# See docs/benchmarks.md and docs/search.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-relevance.sh [--bugs FILE] [--pairs FILE] [--uri URI] [--data-dir DIR] [--es-port P] [--common-word-share S]
                              [--model none|minilm|bge-small] [--no-build]

Indexes every bug report of FILE as a case (summary -> title, description -> text) into a fresh cases index, then,
for each duplicate pair of the pairs file whose two reports are both present, asks similarCases with one report and
records the rank of the other; the same, on the same index in the same run, for similarCases with the semantic
signal, the index's English BM25 (the stems field text search matches on; the baseline to beat), plain BM25
(multi_match on title and text), the semantic signal alone (kNN on the case embeddings) and RRF(English BM25,
semantic). Prints recall@1/5/10 and MRR of each, paired bootstrap 95% intervals of each method's MRR difference
and ratio against English BM25 and against today's similarCases, the embedding rate (docs/s, memory), the
indexing rate and similarCases latency.
Skipped, with a message, when the data files are absent.

  --bugs FILE               bug reports CSV (default ../shared/data/bugs/SeaMonkey_bugs.csv)
  --pairs FILE              duplicate pairs CSV (default ../shared/data/bugs/SeaMonkey_bugs-combined.csv)
  --uri URI                 an Elasticsearch to use (its cases alias is pointed at the bench index); default: the
                            managed server started on --data-dir
  --data-dir DIR            managed server's data directory, emptied first (default bench/target/relevance-es)
  --es-port P               the managed server's HTTP port on 127.0.0.1 (default 0: a free one)
  --common-word-share S     the text signal leaves out terms in more than this share of cases (default 0.2; 1 = none)
  --model M                 the embedding model: bge-small (default), minilm, or none (no semantic methods)
  --no-build                skip the Maven build (use what was built last)

Environment: JAVA_HOME (a JDK >= 21; otherwise the newest in /usr/lib/jvm).
Run it under the machine-wide lock: flock /tmp/peergraph-bench.lock bench/run-relevance.sh
USAGE
}

# shellcheck source=jdk.sh
source "$ROOT/bench/jdk.sh"

bench_args "$@"

find_jdk
cd "$ROOT"
BENCH_BUILD=$build package_bench relevance
exec "$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$BENCH_CLASSPATH" io.peergraph.bench.search.RelevanceBench "${args[@]}"
