#!/usr/bin/env bash
# Similar-case relevance on real duplicate bug reports (../shared/data/bugs): hybrid similarCases vs plain BM25.
# Usage: search/run-relevance.sh [bugs.csv duplicates.csv] [elasticsearch-uri]   (no URI: starts a managed server)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${here}/../../shared/data/bugs"
bugs="${1:-$data/SeaMonkey_bugs.csv}"
pairs="${2:-$data/SeaMonkey_bugs-combined.csv}"
uri="${3:-}"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "${here}/.."
JAVA_HOME="$java_home" mvn -B -q -pl search -am test-compile -DskipTests >/dev/null
JAVA_HOME="$java_home" mvn -B -q -pl search dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/search/target/bench.classpath" >/dev/null
exec "$java_home/bin/java" -cp "search/target/test-classes:search/target/classes:$(cat search/target/bench.classpath)" \
  -Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider \
  io.peergraph.search.bench.RelevanceBench "$bugs" "$pairs" ${uri:+"$uri"}
