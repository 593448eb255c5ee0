#!/usr/bin/env bash
# Faults injected under a mixed load, with a ledger of acknowledged writes checked afterwards. See docs/benchmarks.md
# ("Faults under load").
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-faults.sh [--es-kills N] [--service-kills N] [--import-kills N] [--import-file F] [--disk-mb M] [--disk-leave-mb L]
                           [--workers W] [--pause-ms P] [--port P] [--seed S] [--dir D] [--no-build]

Starts the service (java -jar api/target/peergraph.jar run: embedded Neo4j, managed Elasticsearch, demo data) on a fresh
data folder under bench/target/faults and runs a bounded mixed load on 127.0.0.1 (W workers, each pausing P ms between
requests: reports, solutions, confirmations, tags on one's own reports, case searches, peer questions), keeping a
ledger of every write acknowledged. Then, family by family:
  1. the managed Elasticsearch's server JVM SIGKILLed N times at random moments (the watchdog restarts it); searches
     must answer from the graph and say degraded meanwhile;
  2. the service SIGKILLed N times during writes and restarted on the same folder;
  3. an offline import (peergraph import protondb F into a second, fresh store) SIGKILLed N times at random moments and
     run again each time (it resumes from its checkpoint): the store must end with the same counts of every identified
     label and of relationships as the same import run through once on a third store;
  4. the data folder's disk filled: the folder is a tmpfs of M MiB mounted for the run (needs the right to mount;
     otherwise the family is reported as not run, with the reason). Twice: a filler file leaves L MiB (under the
     service's margin peergraph.storage.min-free, 256 MiB) for 30 s of load, then is removed for 30 s more; then the
     same with the disk filled to the last byte (restarting the service if writes do not come back by themselves).
After each family: the outbox drained and GET /admin/verify?sample=10000 (what ./peergraph verify calls) counts
documents missing or stale; every acknowledged write so far is looked up through the API.
Prints per family: injected, survived, writes acknowledged, writes found, documents missing, stale, notes.
Exit status 1 if an acknowledged write was lost.

  --es-kills N       Elasticsearch kills (default 10)
  --service-kills N  service kills (default 10)
  --import-kills N   import kills (default 10; 0: no import family)
  --import-file F    what the import family imports (default ../shared/data/protondb/reports_jun1_2020.tar.gz)
  --disk-mb M        size of the data folder's tmpfs (default 1024; 0: no disk family)
  --disk-leave-mb L  what the first filling leaves free (default 64)
  --workers W        load threads (default 2)
  --pause-ms P       pause of each worker between requests (default 100)
  --port P           the service's port (default 18090)
  --seed S           random seed of the load and of the kill moments (default 42)
  --dir D            the run's folder, emptied first (default bench/target/faults; two runs at once need two)
  --no-build         use the jar and classes as built last

Environment: JAVA_HOME (a JDK >= 21). Run it under the machine-wide lock: flock /tmp/peergraph-bench.lock bench/run-faults.sh
USAGE
}

source "$ROOT/bench/jdk.sh"
bench_args "$@"
find_jdk
cd "$ROOT"
BENCH_BUILD=$build package_bench faults
fresh_run_dir faults
echo "faults bench: load average $(cut -d' ' -f1-3 /proc/loadavg), output of the service in $run_dir/service.out"
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$BENCH_CLASSPATH" io.peergraph.bench.faults.FaultBench \
  --jar "$run_dir/peergraph.jar" "${args[@]}" --dir "$run_dir"
