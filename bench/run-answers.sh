#!/usr/bin/env bash
# Answer quality on a time split of the real ProtonDB dump: peersWithSymptom's solutions against popularity and
# random baselines, one run. See docs/benchmarks.md ("Answer quality").
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-answers.sh [--dump FILE] [--cutoffs D1,D2,...] [--questions N] [--seed S] [--bootstrap B]
                            [--solutions K] [--work-dir DIR] [--page-cache SIZE] [--no-build]
                            [--variants A:B,...] [--fit FILE] [--fit-questions N] [--ridge L] [--questions-before DATE]
                            [--losses FILE] [--examples FILE] [--reports FILE]

For each cut-off date: imports the dump's reports before it with the project's importer into a fresh embedded Neo4j
(the knowledge); samples N later reports that worked, show a symptom and tried a solution the knowledge holds (the
questions); asks each, as a new customer, through PeersWithSymptomQuery (what the API runs) with its configuration and
most specific symptom; records the rank of the first solution that worked for it. Prints hit@1/3/5, MRR (with a
bootstrap 95 % interval), coverage for Peergraph and, on the same questions, popularity of the symptom's solutions
(global, among reports showing the symptom, within the product) and a seeded random order; the same on the subset
where the worked solution is not the most popular one; the ratio to the best baseline with a paired interval; the
share of the questions' configuration strings that land on an item the knowledge holds. Skipped when the dump is absent.

  --dump FILE         ProtonDB dump (default ../shared/data/protondb/reports_jun1_2020.tar.gz)
  --cutoffs DATES     comma-separated cut-off dates (default 2020-02-01,2020-03-15,2020-04-15; tune on the first;
                      none: no cut-off, e.g. with --reports only)
  --questions N       questions sampled per cut-off (default 600)
  --seed S            sampling, random baseline and bootstrap seed (default 42)
  --bootstrap B       bootstrap resamples (default 1000)
  --solutions K       solutions per answer, as the API returns them (default 10, peergraph.api.solutions-per-answer)
  --work-dir DIR      where the knowledge file and the store go (default bench/target/answers)
  --page-cache SIZE   Neo4j page cache (default 512m)
  --no-build          skip the Maven build (use what was built last)
  --variants A:B,...  also rank the same evidence by the shrunk estimate alone under these try:success strengths
  --fit FILE          tuning: fit SolutionRanking's feature weights on the first cut-off's questions (conditional
                      logit), print the fitted ranking's figures there (in-sample, "model fitted"), write the weights
                      to FILE in the form of graph-model's io/peergraph/graph/peers/solution-ranking.properties, and
                      rank the later cut-offs' questions with them (held out)
  --fit-questions N   questions sampled at the tuning cut-off (default: --questions)
  --ridge L           ridge penalty of the fit (default 1)
  --questions-before DATE  with --fit: draw the tuning questions only from reports before DATE (keep them apart
                      from the later cut-offs' questions, e.g. --cutoffs 2020-02-01,2020-03-15,2020-04-15
                      --questions-before 2020-03-15)
  --losses FILE       per-question analysis of the first (tuning) cut-off only (TSV: time, app, symptom, relevant, ranks of Peergraph / product / global
                      popularity, the product's worked count, the top 3 of Peergraph and of product popularity, and
                      the relevant solutions' evidence at each level)

  --examples FILE     every cut-off's questions, one line per candidate solution (TSV: cut-off, question, product,
                      symptom, solution, relevant, the baselines' counts, each level's raw evidence, the ranking's
                      features), for fitting and analysing rankings offline
  --reports FILE      every mapped report of the dump, one line each (TSV: time, product, worked, asked symptom,
                      symptoms, items, tried solutions): the input of bench/answers-research/signals.py
                      (e.g. bench/run-answers.sh --cutoffs none --reports bench/target/reports.tsv)

Environment: JAVA_HOME (a JDK >= 21; otherwise the newest in /usr/lib/jvm), BENCH_HEAP (default 1g).
Run it under the machine-wide lock: flock /tmp/peergraph-bench.lock bench/run-answers.sh
USAGE
}

# shellcheck source=jdk.sh
source "$ROOT/bench/jdk.sh"

bench_args "$@"

find_jdk
cd "$ROOT"
has_dump=false
for ((i = 0; i < ${#args[@]}; i += 2)); do [[ "${args[i]}" == --dump ]] && has_dump=true; done
$has_dump || args+=(--dump "$ROOT/../shared/data/protondb/reports_jun1_2020.tar.gz")
BENCH_BUILD=$build package_bench answers
read -r -a JVM_FLAGS <<< "$(sed -n 's:.*<peergraph.jvm.flags>\(.*\)</peergraph.jvm.flags>.*:\1:p' pom.xml)"
exec "$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -Xmx"${BENCH_HEAP:-1g}" -cp "$BENCH_CLASSPATH" \
  io.peergraph.bench.answers.AnswersBench "${args[@]}"
