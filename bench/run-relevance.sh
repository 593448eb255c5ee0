#!/usr/bin/env bash
# Similar-case relevance on real duplicate bug reports: hybrid similarCases vs plain Elasticsearch BM25, one run.
# See docs/benchmarks.md and docs/search.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-relevance.sh [--bugs FILE] [--pairs FILE] [--uri URI] [--data-dir DIR] [--common-word-share S] [--no-build]

Indexes every bug report of FILE as a case (summary -> title, description -> text) into a fresh cases index, then,
for each duplicate pair of the pairs file whose two reports are both present, asks similarCases with one report and
records the rank of the other; the same for plain BM25 (multi_match on title and text) on the same index. Prints
recall@1/5/10 and MRR of both, the recall@10 ratio (goal >= 1.15), the indexing rate and similarCases latency.
Skipped, with a message, when the data files are absent.

  --bugs FILE               bug reports CSV (default ../shared/data/bugs/SeaMonkey_bugs.csv)
  --pairs FILE              duplicate pairs CSV (default ../shared/data/bugs/SeaMonkey_bugs-combined.csv)
  --uri URI                 an Elasticsearch to use (its cases alias is pointed at the bench index); default: the
                            managed server started on --data-dir
  --data-dir DIR            managed server's data directory, emptied first (default bench/target/relevance-es)
  --common-word-share S     the text signal leaves out terms in more than this share of cases (default 0.2; 1 = none)
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
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$BENCH_CLASSPATH" io.peergraph.bench.search.RelevanceBench "${args[@]}"
