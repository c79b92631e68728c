/**
 * Benchmarks against a running local cluster ({@code liberty/cluster up}), never part of the test
 * suite: {@code mvn -Pbench verify -Djmh.args="RestNoopBenchmark -t 8"}. Every one reaches the
 * nodes as {@link io.distsync.bench.BenchSecurity} reads the environment: {@code DISTSYNC_URLS}
 * (default {@code https://localhost:8001..8003}), {@code DISTSYNC_CA} (the cluster CA,
 * data/tls/ca.pem) and {@code DISTSYNC_TOKEN} or {@code DISTSYNC_TOKEN_FILE} (e.g.
 * data/auth/admin.token).
 */
package io.distsync.bench;
