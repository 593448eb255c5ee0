/**
 * Benchmarks (mains run by scripts such as {@code bench/run-peers.sh}, never by {@code mvn test}): {@code generate}
 * builds a seeded synthetic community shaped like {@code ../shared/BENCHMARKS.md} and loads it over Bolt;
 * {@code peers} measures "others with my configuration who saw this symptom" over HTTP and through the driver.
 */
package io.peergraph.bench;
