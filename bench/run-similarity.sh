#!/usr/bin/env bash
# similarPeers and benchmark latency at scale (see bench/src/main/java/io/peergraph/bench/similarity).
# Usage: bench/run-similarity.sh [customers=100000] [queries=300] [dataDir]
# Builds graph-model, compiles the similarity bench against its classpath (no change to bench/pom.xml needed)
# and runs it. The generated store is kept under bench/target/similarity-<customers> and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
MVN="${MVN:-mvn}"
"$MVN" -B -q -o -pl graph-model install -DskipTests
"$MVN" -B -q -o -pl graph-model dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/similarity.cp >/dev/null
CP="graph-model/target/classes:$(cat graph-model/target/similarity.cp)"
OUT=bench/target/similarity-classes
mkdir -p "$OUT"
"$JAVA_HOME/bin/javac" -d "$OUT" -cp "$CP" bench/src/main/java/io/peergraph/bench/similarity/*.java
exec "$JAVA_HOME/bin/java" -Xmx6g -cp "$OUT:$CP" io.peergraph.bench.similarity.SimilarityBench "$@"
