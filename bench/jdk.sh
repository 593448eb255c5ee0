# Sourced by the bench/run-*.sh scripts: bench_args reads their command line, find_jdk exports JAVA_HOME as a JDK >= 21 (JAVA_HOME if it is one,
# else the newest under /usr/lib/jvm).

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }

find_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && (( $(java_major "$JAVA_HOME") >= 21 )); then
    return
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*; do
    [[ -x "$dir/bin/javac" ]] || continue
    major=$(java_major "$dir")
    if (( major > best_major )); then best="$dir"; best_major=$major; fi
  done
  (( best_major >= 21 )) || { echo "No JDK >= 21 found: set JAVA_HOME" >&2; exit 1; }
  export JAVA_HOME="$best"
}

# package_bench NAME: builds the bench module with its siblings (package, not install: nothing goes to the shared
# ~/.m2) and puts a private copy of the classes under bench/target/NAME-run, since other builds in this tree
# rewrite target/ while a benchmark runs. Afterwards BENCH_CLASSPATH holds what to pass to java -cp.
package_bench() {
  local name="$1" run="bench/target/$1-run"
  local mvn=(mvn -B -q); [[ -x ./mvnw ]] && mvn=(./mvnw -B -q -ntp)
  if [[ "${BENCH_BUILD:-true}" == true ]]; then
    "${mvn[@]}" -o -pl bench -am package dependency:build-classpath -DskipTests \
      -Dmdep.outputFile="$PWD/bench/target/$name-classpath.txt"
    rm -rf "$run" && mkdir -p "$run"
    cp -r bench/target/classes "$run/bench-classes"
    cp -r search/target/classes "$run/search-classes"
  fi
  BENCH_CLASSPATH="$run/bench-classes:$run/search-classes:$(cat "bench/target/$name-classpath.txt")"
}

# fresh_run_dir NAME: the run folder of a bench that starts the service's jar — bench/target/NAME, or --dir's value —
# emptied (a tmpfs a killed run left mounted on its data folder is unmounted first) and given a private copy of the
# jar. Afterwards run_dir holds its path.
fresh_run_dir() {
  run_dir="$ROOT/bench/target/$1"
  for (( i = 0; i < ${#args[@]}; i += 2 )); do
    [[ "${args[i]}" == --dir ]] && run_dir="$(realpath -m "${args[i+1]}")"
  done
  if mountpoint -q "$run_dir/data" 2>/dev/null; then umount "$run_dir/data"; fi
  rm -rf "$run_dir" && mkdir -p "$run_dir"
  chmod 711 "$run_dir" # closed to listing; passable, since the managed Elasticsearch runs as its own account when root runs this
  cp api/target/peergraph.jar "$run_dir/peergraph.jar" # a rebuild must not pull the jar from under the service
}

# bench_args "$@": the command line every bench script takes: -h/--help (the script's usage function), --no-build
# (sets build=false), and "--name value" pairs handed to the benchmark's main unchanged (in the array args).
bench_args() {
  build=true
  args=()
  while (( $# )); do
    case "$1" in
      -h|--help) usage; exit 0 ;;
      --no-build) build=false; shift ;;
      --*) (( $# >= 2 )) || { usage >&2; exit 2; }; args+=("$1" "$2"); shift 2 ;;
      *) usage >&2; exit 2 ;;
    esac
  done
}
