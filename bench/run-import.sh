#!/usr/bin/env bash
# Import throughput: the ProtonDB dump and a generated community in the generic format. See docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-import.sh [--runs N] [--customers N] [--seed S] [--batch-size B] [--page-cache SIZE]
                           [--only dump|generated] [--dump FILE] [--work-dir DIR] [--heap-interval SECONDS] [--no-build]

Runs the real importer (what ./peergraph import runs) into a fresh embedded Neo4j and prints throughput:
  1. the ProtonDB dump (default ../shared/data/protondb/reports_jun1_2020.tar.gz, 22,508 reports, normalisation
     included), N runs (default 3): reports/s and relationships/s per run, median and worst wall time, p50/p99 of
     the batch times over all runs. Skipped with a message when ../shared/data is absent.
  2. a generated community (the ../shared/BENCHMARKS.md shape; default 333,334 customers, about 1M reports)
     written as JSON Lines in the generic format (io.peergraph.bench.generate.GenericFiles, kept under the work
     dir for later runs), imported file by file in one run: records/s, relationships/s, batch p50/p99, and the
     heap used after a full GC every few seconds (flat = streaming). The JVM's heap is BENCH_HEAP (default 384m),
     smaller than the files on purpose.

  --runs N            dump runs (default 3)
  --customers N       generated customers, about 3 reports each (default 333334)
  --seed S            generator seed (default 42)
  --batch-size B      records per transaction (default 1000, as ./peergraph import)
  --page-cache SIZE   Neo4j page cache, off-heap (default 1g)
  --only WHAT         dump or generated (default both)
  --dump FILE         another ProtonDB dump
  --work-dir DIR      stores and generated files (default bench/target/import)
  --heap-interval S   seconds between heap samples, each a full GC (default 15)
  --no-build          skip the Maven build (use what was built last)

Environment: JAVA_HOME (a JDK >= 21; otherwise the newest in /usr/lib/jvm), BENCH_HEAP (default 384m), BENCH_JAVA_OPTS
(extra JVM options, e.g. -XX:StartFlightRecording=filename=import.jfr to profile),
SHARED_DATA (default ../shared/data beside the repository).
Take the machine-wide lock on a shared machine: flock /tmp/peergraph-bench.lock bench/run-import.sh
USAGE
}

source "$ROOT/bench/jdk.sh"

build=true
dump=""
args=()
while (( $# )); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --no-build) build=false; shift ;;
    --dump) (( $# >= 2 )) || { usage >&2; exit 2; }; dump="$2"; shift 2 ;;
    --*) (( $# >= 2 )) || { usage >&2; exit 2; }; args+=("$1" "$2"); shift 2 ;;
    *) usage >&2; exit 2 ;;
  esac
done

if [[ -z "$dump" ]]; then
  shared="${SHARED_DATA:-$ROOT/../shared/data}"
  # A clone under /work/wt/<name> has the shared data two levels up.
  [[ -d "$shared" || -n "${SHARED_DATA:-}" ]] || shared="$ROOT/../../shared/data"
  dump="$shared/protondb/reports_jun1_2020.tar.gz"
fi

find_jdk
cd "$ROOT"
MVN=(mvn -B -q); [[ -x ./mvnw ]] && MVN=(./mvnw -B -q -ntp)
if $build; then
  # package, not install: the local repository is shared with other clones.
  "${MVN[@]}" -o -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt \
    -Dmdep.includeScope=runtime
fi

# A private copy of the classpath: builds in this tree rewrite the modules' jars while a long run reads them.
RUN_LIB=bench/target/import-run
rm -rf "$RUN_LIB" && mkdir -p "$RUN_LIB/lib"
cp -r bench/target/classes "$RUN_LIB/classes"
CP="$RUN_LIB/classes"
IFS=':' read -r -a ENTRIES <<< "$(cat bench/target/classpath.txt)"
for entry in "${ENTRIES[@]}"; do
  if [[ "$entry" == "$ROOT"/* || "$entry" != /* ]]; then
    [[ "$entry" == *.xml ]] && continue
    copy="$RUN_LIB/lib/$(echo "${entry#"$ROOT"/}" | tr '/' '_')"
    cp -r "$entry" "$copy"
    CP="$CP:$copy"
  else
    CP="$CP:$entry"
  fi
done

echo "load average before: $(uptime)"
read -r -a JVM_FLAGS <<< "$(sed -n 's:.*<peergraph.jvm.flags>\(.*\)</peergraph.jvm.flags>.*:\1:p' pom.xml)"
status=0
"$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -Xmx"${BENCH_HEAP:-384m}" -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} \
  -cp "$CP" \
  io.peergraph.bench.ingest.ImportBench --dump "$dump" "${args[@]}" || status=$?
echo "load average after: $(uptime)"
exit $status
