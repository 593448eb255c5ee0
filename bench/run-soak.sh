#!/usr/bin/env bash
# A soak: the fault bench's mixed load held at a rate for a long time. See docs/benchmarks.md ("Soak").
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-soak.sh [--soak 30m] [--window 5m] [--rate R | --rates 5,10,20 --step 90s] [--warmup 3m] [--workers W] [--customers C]
                         [--port P] [--seed S] [--dir D] [--no-build]

Starts the service (java -jar api/target/peergraph.jar run: embedded Neo4j, managed Elasticsearch, demo data) on a fresh
data folder under bench/target/soak and holds the mixed load of bench/run-faults.sh (reports, solutions, confirmations,
tags on one's own reports, case searches, peer questions; C customers, W workers on 127.0.0.1) at R requests/s.
First a warm-up at the first rate (the service's first minutes: JIT, caches, the similarity index catching up with the
demo data), shown and not judged. Without --rate, a ramp then: a step of --step at each of --rates; the highest rate whose step had no error and kept
every query's p99 inside its goal (peers 25 ms, case search 50 ms) is soaked. Latencies count from each request's
scheduled moment (a service that falls behind shows the wait). Every --window it prints: load average, rate reached,
errors, the service's heap after a full GC (jcmd GC.run + GC.heap_info), its open files and threads (/proc/PID/fd,
/proc/PID/task, and Elasticsearch's), and p50 / p90 / p99 / max per operation. At the end every acknowledged write is
looked up and the search index verified (/admin/verify). Exit status 1 on an error, a lost write or index drift.

  --soak D        how long to hold the rate (default 30m; s, m, h)
  --window D      one row of figures per window (default 5m)
  --rate R        requests/s to soak at (default: found by the ramp)
  --rates LIST    the ramp's rates (default 5,10,20,30,40,60)
  --step D        each ramp step (default 90s)
  --warmup D      the unjudged warm-up before the ramp or the soak (default 3m; 0s for none)
  --workers W     load threads (default 8)
  --customers C   customers of the load (default 200)
  --port P        the service's port (default 18090)
  --seed S        random seed of the load (default 42)
  --dir D         the run's folder, emptied first (default bench/target/soak)
  --no-build      use the jar and classes as built last

Environment: JAVA_HOME (a JDK >= 21). Run it under the machine-wide lock: flock /tmp/peergraph-bench.lock bench/run-soak.sh
USAGE
}

source "$ROOT/bench/jdk.sh"
bench_args "$@"
find_jdk
cd "$ROOT"
BENCH_BUILD=$build package_bench soak
fresh_run_dir soak
echo "soak bench: load average $(cut -d' ' -f1-3 /proc/loadavg), output of the service in $run_dir/service.out"
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$BENCH_CLASSPATH" io.peergraph.bench.faults.SoakBench \
  --jar "$run_dir/peergraph.jar" "${args[@]}" --dir "$run_dir"
