package io.lodestar.server.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * {@code lodestar_dns_request_duration_seconds}: a Prometheus histogram by protocol, read at scrape time from the
 * per-thread buckets of {@link QueryStats}. Micrometer's Timer would make every event loop update the same bucket
 * counters; this way the query path writes only its own thread's memory.
 */
final class QueryDurationCollector implements Collector {
    static final String NAME = "lodestar_dns_request_duration_seconds";
    private static final double NANOS_PER_SECOND = 1e9;

    private final QueryStats stats;
    private final double[] bounds;

    QueryDurationCollector(QueryStats stats) {
        this.stats = stats;
        this.bounds = new double[QueryStats.BUCKETS];
        for (int i = 0; i < QueryStats.BUCKET_BOUNDS_NANOS.length; i++) {
            bounds[i] = QueryStats.BUCKET_BOUNDS_NANOS[i] / NANOS_PER_SECOND;
        }
        bounds[QueryStats.BUCKETS - 1] = Double.POSITIVE_INFINITY;
    }

    @Override
    public String getPrometheusName() {
        return NAME;
    }

    @Override
    public HistogramSnapshot collect() {
        HistogramSnapshot.Builder histogram = HistogramSnapshot.builder()
                .name(NAME)
                .help("Time from reading a DNS query to having its response ready, by protocol")
                .unit(Unit.SECONDS);
        for (int p = 0; p < QueryStats.PROTOCOLS.size(); p++) {
            long[] counts = new long[QueryStats.BUCKETS];
            for (int b = 0; b < counts.length; b++) {
                counts[b] = stats.durationBucket(p, b);
            }
            histogram.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .labels(Labels.of("protocol", QueryStats.PROTOCOLS.get(p)))
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts))
                    .sum(stats.durationSumNanos(p) / NANOS_PER_SECOND)
                    .build());
        }
        return histogram.build();
    }
}
