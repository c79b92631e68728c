/**
 * Benchmarks against a running local cluster ({@code liberty/cluster up}), never part of the test
 * suite: {@code mvn -Pbench verify -Djmh.args="RestNoopBenchmark -t 8"}.
 */
package io.distsync.bench;
