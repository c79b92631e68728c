/**
 * Static checks of the deployment files, run by the build: the Dockerfile, the Compose file and its
 * monitoring profile (Prometheus, Grafana), {@code .env.example} against the settings the
 * application reads, and the metric names the Grafana dashboard queries.
 */
package io.distsync.deploy;
