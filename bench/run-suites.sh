#!/usr/bin/env bash
# The whole test suite N times back to back, each on a fresh clone (issue 21 part 1). See docs/benchmarks.md
# ("The test suite on fresh clones").
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-suites.sh [--runs N] [--commit REV] [--dir D]

Clones this repository into D/suite-I (emptied first), checks out REV and runs ./peergraph test (the README's test
command), N times one after the other; prints for each run its start, wall time, load average and the tests run,
failed, in error and skipped (from Maven's summaries), and keeps each run's output in D/suite-I.log. Run the CPU-heavy
job the check calls for (a bench, e.g. bench/run-faults.sh) beside it yourself. The tests look for the shared data
beside their clone (D/shared): it is linked to this repository's ../shared when that exists; otherwise the tests on
the full files are skipped with a message, as on any fresh clone. Exit status: the number of runs that failed.

  --runs N      how many runs (default 5)
  --commit REV  what to test (default HEAD of this repository)
  --dir D       where the clones go (default /tmp/peergraph-suites)
USAGE
}

runs=5; commit=HEAD; dir=/tmp/peergraph-suites
while (( $# )); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --runs|--commit|--dir) (( $# >= 2 )) || { usage >&2; exit 2; }
      case "$1" in --runs) runs=$2 ;; --commit) commit=$2 ;; --dir) dir=$2 ;; esac; shift 2 ;;
    *) usage >&2; exit 2 ;;
  esac
done
commit=$(git -C "$ROOT" rev-parse --verify "$commit^{commit}") || exit 2
mkdir -p "$dir"
[[ -e "$dir/shared" || ! -d "$ROOT/../shared" ]] || ln -s "$(realpath "$ROOT/../shared")" "$dir/shared"
failed=0
for (( i = 1; i <= runs; i++ )); do
  clone="$dir/suite-$i"; log="$dir/suite-$i.log"
  rm -rf "$clone"
  git clone -q "$ROOT" "$clone" && git -C "$clone" checkout -q "$commit" || exit 2
  began=$(date +%s)
  echo "run $i of $runs: start $(date -u +%T) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg), commit ${commit:0:7}"
  (cd "$clone" && ./peergraph test) > "$log" 2>&1
  rc=$?
  (( rc == 0 )) || failed=$((failed + 1))
  totals=$(grep -E 'Tests run:.*Failures' "$log" | grep -v ' -- ' \
    | awk -F'[ ,]+' '{r+=$4; f+=$6; e+=$8; s+=$10} END {printf "%d run, %d failed, %d in error, %d skipped", r, f, e, s}')
  echo "run $i of $runs: exit $rc after $(( $(date +%s) - began )) s, load average $(cut -d' ' -f1-3 /proc/loadavg); tests: $totals; output $log"
done
echo "$((runs - failed)) of $runs runs green"
exit "$failed"
