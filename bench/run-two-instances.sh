#!/usr/bin/env bash
# Two Peergraph instances on one external Neo4j server and one external Elasticsearch, without Docker. See docs/deployment.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: bench/run-two-instances.sh [--no-build]           # run the checks (the two-instances Maven profile)
       bench/run-two-instances.sh --keep [--no-build]    # start the layout and leave it running
       bench/run-two-instances.sh --stop                 # stop what --keep started

Without --keep: builds the service jar, then runs LocalServersTwoInstancesIT through `mvn verify -P two-instances`.
It starts Neo4j (the version the service embeds, in a JVM of its own, Bolt on 127.0.0.1, authentication on), the
managed Elasticsearch as a process of its own, and two instances of the packaged jar pointed at them, and proves:
a write acknowledged by A is answered by a peer question on B at once (same pseudonym on both); a notification is
pushed exactly once to a subscriber connected to B although both instances relay; SIGKILL of A during writes loses
nothing A acknowledged (read through B; B's relay indexes it); a wrong Neo4j address or password stops the start
with a clear message. ContainersTwoInstancesIT (the official images through Testcontainers) is skipped with a
message where no Docker engine exists.

With --keep: Neo4j on bolt://127.0.0.1:17687, Elasticsearch on http://127.0.0.1:19200, instance A on
http://127.0.0.1:18080 and B on http://127.0.0.1:18081 (data under target/two-instances-keep), sharing the token
signing key and the pseudonym secret; prints how to get a token, kill A and stop everything.

Environment: JAVA_HOME (a JDK >= 21; otherwise the newest in /usr/lib/jvm).
USAGE
}

source "$ROOT/bench/jdk.sh"
keep=false stop=false build=true
while (( $# )); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --keep) keep=true; shift ;;
    --stop) stop=true; shift ;;
    --no-build) build=false; shift ;;
    *) usage >&2; exit 2 ;;
  esac
done
find_jdk
cd "$ROOT"
MVN=(./mvnw -B -ntp)
KEEP="$ROOT/target/two-instances-keep"

if $stop; then
  for name in b a elasticsearch neo4j; do
    if [[ -f "$KEEP/$name.pid" ]]; then
      pid="$(cat "$KEEP/$name.pid")"
      kill "$pid" 2>/dev/null && echo "stopping $name (pid $pid)"
      for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      rm -f "$KEEP/$name.pid"
    fi
  done
  exit 0
fi

if $build; then
  "${MVN[@]}" -q -pl api -am install -DskipTests
fi

if ! $keep; then
  started=$(date +%s)
  set +e
  "${MVN[@]}" -pl api verify -P two-instances -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    | tee "$ROOT/target/two-instances.log" | grep -E 'Tests run|TwoInstancesIT|FAIL|ERROR|skipped|Docker' || true
  status=${PIPESTATUS[0]}
  set -e
  echo "two instances: $( ((status == 0)) && echo PASSED || echo FAILED ) in $(( $(date +%s) - started )) s," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg); full log target/two-instances.log," \
    "processes' output under api/target/two-instances/"
  exit "$status"
fi

# --keep: the same layout by hand.
JAR="$ROOT/api/target/peergraph.jar"
JVM_FLAGS=(--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  --enable-native-access=ALL-UNNAMED --add-modules=jdk.incubator.vector
  -Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider)
umask 077
mkdir -p "$KEEP"
cp "$JAR" "$KEEP/peergraph.jar" # a rebuild must not pull the jar from under running processes

launch() { # NAME HEAP MAIN ARGS...: a main class of the jar in the background
  local name="$1" heap="$2" main="$3"; shift 3
  nohup "$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" "-Xmx$heap" "-Dloader.main=$main" -cp "$KEEP/peergraph.jar" \
    org.springframework.boot.loader.launch.PropertiesLauncher "$@" >>"$KEEP/$name.out" 2>&1 </dev/null &
  echo $! >"$KEEP/$name.pid"
}

await() { # NAME COMMAND...: until COMMAND succeeds, or the process ends
  local name="$1"; shift
  until "$@" >/dev/null 2>&1; do
    kill -0 "$(cat "$KEEP/$name.pid")" 2>/dev/null || { echo "$name ended; see $KEEP/$name.out" >&2; tail -30 "$KEEP/$name.out" >&2; exit 1; }
    sleep 2
  done
}

echo "starting Neo4j (bolt://127.0.0.1:17687) and Elasticsearch (http://127.0.0.1:19200)..."
launch neo4j 768m io.peergraph.graph.embedded.Neo4jServerMain --data-dir "$KEEP/neo4j" --bolt-port 17687 --page-cache 256MB
mkdir -p "$KEEP/elasticsearch"
launch elasticsearch 128m io.peergraph.search.server.ElasticsearchServerMain run --data-dir "$KEEP/elasticsearch" --port 19200 --heap 512m \
  --start-timeout 600
await neo4j grep -q "Neo4j ready at" "$KEEP/neo4j.out"
await elasticsearch grep -q "^http://" "$KEEP/elasticsearch.out"

export PEERGRAPH_NEO4J_URI=bolt://127.0.0.1:17687 PEERGRAPH_NEO4J_USERNAME=neo4j
PEERGRAPH_NEO4J_PASSWORD="$(cat "$KEEP/neo4j/bolt-password")"
export PEERGRAPH_NEO4J_PASSWORD
export PEERGRAPH_SEARCH_URI=http://127.0.0.1:19200 PEERGRAPH_SEARCH_USERNAME=elastic
PEERGRAPH_SEARCH_PASSWORD="$(cat "$KEEP/elasticsearch/elasticsearch.password")"
export PEERGRAPH_SEARCH_PASSWORD

instance() { # NAME PORT [demo]
  local name="$1" port="$2" demo="${3:---no-demo}"
  nohup "$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -Xmx1g -jar "$KEEP/peergraph.jar" run --data-dir "$KEEP/$name" --port "$port" \
    $demo >>"$KEEP/$name.out" 2>&1 </dev/null &
  echo $! >"$KEEP/$name.pid"
}

echo "starting instance A (http://127.0.0.1:18080; it migrates the schema and loads the demo data)..."
instance a 18080 ""
await a curl -fsS -o /dev/null http://127.0.0.1:18080/actuator/health/readiness
# The secrets every instance shares (docs/deployment.md): A made them; B gets the same files.
mkdir -p "$KEEP/b/security"
cp -p "$KEEP/a/security/jwt-signing-key.json" "$KEEP/a/security/pseudonym-secret" "$KEEP/b/security/"
echo "starting instance B (http://127.0.0.1:18081)..."
instance b 18081
await b curl -fsS -o /dev/null http://127.0.0.1:18081/actuator/health/readiness

cat <<EOF
Running (data and output under $KEEP):
  Neo4j          bolt://127.0.0.1:17687   pid $(cat "$KEEP/neo4j.pid")   user neo4j, password in $KEEP/neo4j/bolt-password
  Elasticsearch  http://127.0.0.1:19200   pid $(cat "$KEEP/elasticsearch.pid")   user elastic, password in $KEEP/elasticsearch/elasticsearch.password
  instance A     http://127.0.0.1:18080/  pid $(cat "$KEEP/a.pid")
  instance B     http://127.0.0.1:18081/  pid $(cat "$KEEP/b.pid")
A token valid on both:   ./peergraph token --customer alice --data-dir $KEEP/a
Kill A:                  kill -9 \$(cat $KEEP/a.pid)
Stop everything:         bench/run-two-instances.sh --stop
EOF
