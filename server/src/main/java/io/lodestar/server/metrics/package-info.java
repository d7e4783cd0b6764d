/**
 * Metrics: {@link io.lodestar.server.metrics.LodestarMetrics} owns the Prometheus registry and every meter, created
 * once at start-up with bounded tags; the DNS query path records through {@link io.lodestar.server.metrics.QueryStats},
 * per-thread counters summed at scrape time. Nothing here is null unless a method says so.
 */
package io.lodestar.server.metrics;
